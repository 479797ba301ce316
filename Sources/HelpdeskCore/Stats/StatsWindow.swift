import Foundation

/// How far back the live numbers look into ticket histories.
public enum StatsWindow {
    /// The earlier of local midnight and 7 days ago: replies older than this do not change any live number.
    public static func historyStart(now: Date, timeZone: TimeZone) -> Date {
        min(StatsPeriod.today(now: now, timeZone: timeZone).start, StatsPeriod.lastDays(7, now: now).start)
    }
}
