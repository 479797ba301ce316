import Foundation

/// Which tickets can matter to the live numbers, so a recomputation after a change looks at the open
/// tickets and the recently active ones instead of every ticket in the store. Built once (one pass over
/// the summaries), then kept current from new events by `note(_:state:)`.
public struct StatsIndex: Sendable, Equatable {
    /// Nothing before this can change a number (the start of the oldest window shown).
    public private(set) var horizon: Date
    /// Open tickets (merged duplicates excluded).
    public private(set) var open: Set<Int> = []
    /// Tickets created, answered, solved, rated or otherwise touched since `horizon` (open or not).
    public private(set) var recent: Set<Int> = []
    /// Open tickets created before `horizon` (the baseline of the backlog series).
    public var openOlderThanHorizon: Int { openOld.count }

    /// The horizon live stats need: 31 local days back (the 30-day sparkline, with a day to spare).
    public static func liveHorizon(now: Date, timeZone: TimeZone) -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        let today = c.startOfDay(for: now)
        return c.date(byAdding: .day, value: -31, to: today) ?? today.addingTimeInterval(-31 * 86_400)
    }

    public init(_ state: HelpdeskState, horizon: Date) {
        self.horizon = horizon
        for t in state.tickets.values { classify(t) }
        candidates = recent.union(open)
    }

    /// Folds the tickets the events touched (call after the state has applied them).
    public mutating func note<S: Sequence>(_ events: S, state: HelpdeskState) where S.Element == Event {
        var touched = Set<Int>()
        for e in events {
            if let n = e.ticketNumber { touched.insert(n) }
            if case .promiseResolved(let id, _) = e.change, let n = state.promises[id]?.ticket { touched.insert(n) }
            if case .settingsChanged = e.change { knownBreached.removeAll(); knownCalm.removeAll() }
        }
        for n in touched {
            knownBreached.remove(n)
            knownCalm.remove(n)
            guard let t = state.tickets[n] else { continue }
            recent.insert(n)
            candidates.insert(n)
            if isOpen(t) {
                open.insert(n)
                if t.createdAt < horizon { openOld.insert(n) }
            } else {
                open.remove(n)
                openOld.remove(n)
            }
        }
    }

    /// Open tickets created before `horizon`.
    private var openOld: Set<Int> = []

    private func isOpen(_ t: Ticket) -> Bool { t.status.isOpen && t.mergedInto == nil }

    private mutating func classify(_ t: Ticket) {
        if isOpen(t) {
            open.insert(t.number)
            if t.createdAt < horizon { openOld.insert(t.number) }
        }
        let latest = [t.updatedAt, t.createdAt, t.firstReplyAt, t.solvedAt, t.satisfaction?.at, t.lastMessageAt]
            .compactMap { $0 }.max() ?? t.createdAt
        if latest >= horizon { recent.insert(t.number) }
    }

    /// The tickets a computation over periods starting at or after `horizon` needs to look at
    /// (`recent` ∪ `open`, kept as it changes rather than rebuilt per computation).
    public private(set) var candidates: Set<Int> = []
    /// Open tickets found breached by an earlier computation and untouched since. A breached target stays
    /// breached while nothing happens to the ticket (its business time only grows, and a pause freezes it),
    /// so these need no SLA arithmetic until an event touches them or the settings change.
    public private(set) var knownBreached: Set<Int> = []

    /// Open tickets found paused (pending, on hold) and not breached, untouched since: a paused clock is
    /// frozen, so they stay neither breached nor at risk until an event touches them.
    public private(set) var knownCalm: Set<Int> = []

    /// Remembers the breached and the paused tickets of a computation (see `knownBreached`, `knownCalm`).
    public mutating func remember(breached: [Int], state: HelpdeskState) {
        knownBreached.formUnion(breached)
        for n in open where !knownBreached.contains(n) && !knownCalm.contains(n) {
            if state.tickets[n]?.status.pausesClock == true { knownCalm.insert(n) }
        }
    }

    /// The tickets to scan for a period starting at `start`: the index's candidates when it reaches back
    /// that far, else every ticket.
    static func tickets(_ state: HelpdeskState, index: StatsIndex?, from start: Date) -> [Ticket] {
        guard let index, index.horizon <= start else { return Array(state.tickets.values) }
        return index.candidates.compactMap { state.tickets[$0] }
    }
}
