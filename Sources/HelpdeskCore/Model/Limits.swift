import Foundation

/// The ranges every number and time the helpdesk keeps must lie in (documented in the README, under
/// "Limits").
///
/// They are checked wherever a value comes in — `HelpdeskState.prepare` for every change anyone writes
/// (console, commands, imports), the store's readers for every record read back, the import and the
/// argument parsers before that — so the two sides agree: anything the store accepts it can read again.
/// The bounds are chosen so that no arithmetic on an accepted value can overflow (`version + 1`,
/// `seq + 1`), nothing sized by one is huge (a search bitmap, a table of tickets), and every time can be
/// written as ISO 8601 with a four-digit year.
public enum Limits {
    /// Ticket numbers: 1 to 999,999,999.
    public static let ticketNumbers: ClosedRange<Int> = 1...999_999_999
    /// The number in a customer id of the form `c00042`; other ids carry no number.
    public static let customerNumbers: ClosedRange<Int> = 1...999_999_999
    public static let promiseIDs: ClosedRange<Int> = 1...999_999_999
    /// Log sequence numbers: a store holds fewer than 10^15 events.
    public static let sequenceNumbers: ClosedRange<Int> = 1...999_999_999_999_999
    /// Versions of a ticket or customer, and counts kept with them (messages on a ticket).
    public static let versions: ClosedRange<Int> = 0...999_999_999
    /// The earliest time kept: 1970-01-01T00:00:00Z.
    public static let earliestTime = Date(timeIntervalSince1970: 0)
    /// The latest time kept: 9999-12-31T23:59:59Z.
    public static let latestTime = Date(timeIntervalSince1970: 253_402_300_799)
    /// Durations kept in seconds (paused SLA time, SLA targets): no longer than the span of times.
    public static let seconds: ClosedRange<Double> = 0...253_402_300_799
    /// How far ahead a promise may be due: ten years.
    public static let promiseHorizon: TimeInterval = 3_653 * 86_400

    /// `1 to 999999999`, for messages.
    public static func describe(_ range: ClosedRange<Int>) -> String { "\(range.lowerBound) to \(range.upperBound)" }

    /// Whether a time lies between 1970 and the end of 9999.
    public static func isKept(_ time: Date) -> Bool {
        let t = time.timeIntervalSince1970
        return t >= earliestTime.timeIntervalSince1970 && t <= latestTime.timeIntervalSince1970
    }

    /// Why `time` cannot be kept, naming it as `what`; nil when it can.
    public static func timeProblem(_ time: Date, _ what: String) -> String? {
        isKept(time) ? nil : "\(what) is outside the years 1970 to 9999"
    }

    /// Why `n` is not a ticket number, naming it as `what`; nil when it is one.
    public static func ticketNumberProblem(_ n: Int, _ what: String = "ticket number") -> String? {
        ticketNumbers.contains(n) ? nil : "\(what) \(n) is out of range (\(describe(ticketNumbers)))"
    }
}
