import Foundation

/// How one SLA target went over a period: of the tickets whose target was decided in it (met when the
/// reply or solve came in time, missed at the moment the target ran out), how many met it.
///
/// A target is decided once: by the reply or solve when that came first, or by running out. So a ticket
/// answered late counts as missed in the period its target ran out, not again when the reply came.
public struct SLAAchievement: Sendable, Equatable, Codable {
    public var kind: SLATargetKind
    /// Tickets that met every target of this kind decided in the period.
    public var met: [Int]
    /// Tickets that missed one (the miss fell in the period).
    public var missed: [Int]

    public var decided: Int { met.count + missed.count }
    /// Share met, 0…1 (nil when nothing was decided).
    public var share: Double? { decided == 0 ? nil : Double(met.count) / Double(decided) }
    /// `92%` or `–`.
    public var percent: String { share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    /// Collects the decisions while the metrics walk the tickets.
    struct Tally {
        private var met: [SLATargetKind: Set<Int>] = [:]
        private var missed: [SLATargetKind: Set<Int>] = [:]

        /// First reply, resolution, and every miss of `t` in the period.
        mutating func note(_ t: Ticket, state: HelpdeskState, period: StatsPeriod, now: Date) {
            guard t.mergedInto == nil else { return }
            let misses = t.status.isOpen ? state.slaMisses(of: t, now: min(now, period.end)) : t.slaMisses
            for miss in misses where period.contains(miss.at) {
                missed[miss.kind, default: []].insert(t.number)
            }
            let missedKinds = Set(misses.map(\.kind))
            if let first = t.firstReplyAt, period.contains(first), !missedKinds.contains(.firstReply) {
                met[.firstReply, default: []].insert(t.number)
            }
            if !t.status.isOpen, let solved = t.solvedAt, period.contains(solved), !missedKinds.contains(.resolution) {
                met[.resolution, default: []].insert(t.number)
            }
        }

        /// Next replies: each reply that answered a waiting customer in the period, met unless that very
        /// target (the same customer message) was missed.
        mutating func note(_ replies: [ReplyActivity.NextReply], state: HelpdeskState, period: StatsPeriod,
                           filter: ((Ticket) -> Bool)?) {
            for r in replies where period.contains(r.at) {
                guard let t = state.tickets[r.ticket], t.mergedInto == nil else { continue }
                if let filter, !filter(t) { continue }
                if t.slaMisses.contains(where: { $0.kind == .nextReply && $0.since == r.since }) { continue }
                met[.nextReply, default: []].insert(r.ticket)
            }
        }

        var results: [SLAAchievement] {
            SLATargetKind.allCases.map { kind in
                let miss = missed[kind] ?? []
                return SLAAchievement(kind: kind, met: (met[kind] ?? []).subtracting(miss).sorted(), missed: miss.sorted())
            }
        }
    }
}
