import Foundation

/// A half-open time range `[start, end)` that metrics are counted over.
public struct StatsPeriod: Sendable, Equatable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public func contains(_ d: Date?) -> Bool {
        guard let d else { return false }
        return d >= start && d < end
    }

    /// `now`'s whole local day in `timeZone` (23 or 25 hours on DST days), so promises due later today count.
    public static func today(now: Date, timeZone: TimeZone) -> StatsPeriod {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        let start = c.startOfDay(for: now)
        return StatsPeriod(start: start, end: c.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400))
    }

    /// The `days` × 24 hours up to and including `now`.
    public static func lastDays(_ days: Int, now: Date) -> StatsPeriod {
        StatsPeriod(start: now.addingTimeInterval(-Double(days) * 86_400), end: now.addingTimeInterval(0.001))
    }
}
