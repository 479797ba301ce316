import Foundation
import HelpdeskCore
import HelpdeskStore

/// Turns SLA breaches into `slaBreached` events (so stats can count them) as a console notices them:
/// every half minute it looks for breached targets not yet recorded and appends one event each.
/// The store refuses a breach that is already recorded (checked under its lock), so two consoles
/// noticing the same breach record it once.
final class SLABreachWatcher {
    static let interval: TimeInterval = 30
    private var lastCheck: Date?

    /// Checks when the interval has passed; returns how many breaches were recorded.
    @discardableResult
    func tick(store: Store, now: Date) -> Int {
        if let lastCheck, now.timeIntervalSince(lastCheck) < Self.interval, now >= lastCheck { return 0 }
        lastCheck = now
        return Self.record(store: store, now: now)
    }

    /// Appends an event for every newly breached target (one retry after a refusal: another console
    /// may have recorded some of them meanwhile).
    @discardableResult
    static func record(store: Store, now: Date) -> Int {
        for _ in 0..<2 {
            let changes = pending(in: store.state, now: now)
            guard !changes.isEmpty else { return 0 }
            do {
                return try store.append(changes).count
            } catch {
                _ = try? store.refresh()
            }
        }
        return 0
    }

    /// The breach events the state is missing, oldest ticket first.
    static func pending(in state: HelpdeskState, now: Date) -> [Change] {
        let sla = state.slaClock
        var out: [Change] = []
        for t in state.tickets.values where t.status.isOpen {
            for b in sla.unrecordedBreaches(of: t, now: now) {
                out.append(.slaBreached(number: t.number, target: b.kind, since: b.since))
            }
        }
        return out.sorted { ($0.ticketNumber ?? 0) < ($1.ticketNumber ?? 0) }
    }
}
