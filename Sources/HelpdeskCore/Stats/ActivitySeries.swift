import Foundation

/// Arrivals and backlog over time, for the stats screen's sparklines. A ticket counts in the backlog
/// from its creation until its latest solve (the summaries keep no earlier solves, so a reopened ticket
/// counts as open from creation until it was finally solved); merged duplicates are left out.
public struct ActivitySeries: Sendable, Equatable, Codable {
    /// Bucket starts, oldest first; the last bucket ends at `now`.
    public var starts: [Date]
    /// Tickets created in each bucket.
    public var arrivals: [Int]
    /// Open tickets at the end of each bucket.
    public var backlog: [Int]

    /// The last 24 hours, one bucket per hour (the last one is the hour still running).
    public static func hourly(_ state: HelpdeskState, now: Date, hours: Int = 24, index: StatsIndex? = nil) -> ActivitySeries {
        let hourStart = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let starts = (0..<hours).reversed().map { hourStart.addingTimeInterval(-Double($0) * 3600) }
        return compute(state, starts: starts, now: now, index: index)
    }

    /// The last `days` local days in `timeZone` (DST days are 23 or 25 hours long), today last.
    public static func daily(_ state: HelpdeskState, now: Date, timeZone: TimeZone, days: Int = 30,
                             index: StatsIndex? = nil) -> ActivitySeries {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        let today = c.startOfDay(for: now)
        let starts = (0..<days).reversed().compactMap { c.date(byAdding: .day, value: -$0, to: today) }
        return compute(state, starts: starts, now: now, index: index)
    }

    /// With an index reaching back to the first bucket, only its candidates are scanned: the open tickets
    /// created before the horizon are in the backlog of every bucket, and no other older ticket is.
    static func compute(_ state: HelpdeskState, starts: [Date], now: Date, index: StatsIndex?) -> ActivitySeries {
        // Bucket ends: the next start, then now.
        let ends = Array(starts.dropFirst()) + [now]
        var arrivals = [Int](repeating: 0, count: starts.count)
        // Tickets opened before the end of bucket i, minus those solved before it.
        var openedBy = [Int](repeating: 0, count: starts.count + 1)
        var solvedBy = [Int](repeating: 0, count: starts.count + 1)
        func firstEnd(after d: Date) -> Int {
            // Index of the first bucket whose end is after d (count when none).
            var lo = 0, hi = ends.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ends[mid] > d { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        guard let first = starts.first else { return ActivitySeries(starts: [], arrivals: [], backlog: []) }
        var scanned: [Ticket]
        if let index, index.horizon <= first {
            openedBy[0] += index.openOlderThanHorizon
            scanned = index.candidates.compactMap { state.tickets[$0] }.filter { $0.createdAt >= index.horizon || !index.open.contains($0.number) }
        } else {
            scanned = Array(state.tickets.values)
        }
        for t in scanned where t.mergedInto == nil {
            guard t.createdAt <= now else { continue }
            let i = firstEnd(after: t.createdAt)
            openedBy[i] += 1
            if t.createdAt >= first, i < arrivals.count { arrivals[i] += 1 }
            if !t.status.isOpen, let solved = t.solvedAt { solvedBy[firstEnd(after: solved)] += 1 }
        }
        var backlog: [Int] = []
        var opened = 0, solved = 0
        for i in 0..<starts.count {
            opened += openedBy[i]
            solved += solvedBy[i]
            backlog.append(opened - solved)
        }
        return ActivitySeries(starts: starts, arrivals: arrivals, backlog: backlog)
    }
}
