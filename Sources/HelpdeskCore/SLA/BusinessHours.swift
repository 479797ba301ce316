import Foundation

/// When the team works: the weekdays, the daily opening hours and the holidays, in the store's time
/// zone (`Settings.timeZone`). SLA clocks only run inside these hours.
public struct BusinessHours: Codable, Sendable, Equatable {
    /// ISO weekdays the team works: 1 = Monday … 7 = Sunday.
    public var weekdays: [Int]
    /// Opening time, `HH:MM`, local.
    public var opens: String
    /// Closing time, `HH:MM` (`24:00` for midnight), local; later than `opens`.
    public var closes: String
    /// Days off, `YYYY-MM-DD`, local.
    public var holidays: [String]

    public init(weekdays: [Int] = [1, 2, 3, 4, 5], opens: String = "09:00", closes: String = "17:00",
                holidays: [String] = []) {
        self.weekdays = weekdays
        self.opens = opens
        self.closes = closes
        self.holidays = holidays
    }

    /// Every day, all day: clocks run on wall time.
    public static let always = BusinessHours(weekdays: [1, 2, 3, 4, 5, 6, 7], opens: "00:00", closes: "24:00")

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = BusinessHours()
        weekdays = try c.decodeIfPresent([Int].self, forKey: .weekdays) ?? d.weekdays
        opens = try c.decodeIfPresent(String.self, forKey: .opens) ?? d.opens
        closes = try c.decodeIfPresent(String.self, forKey: .closes) ?? d.closes
        holidays = try c.decodeIfPresent([String].self, forKey: .holidays) ?? d.holidays
    }

    /// `HH:MM` as minutes after midnight (`24:00` is 1440); nil when malformed.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
        let total = h * 60 + m
        return total <= 1440 ? total : nil
    }

    /// Why these hours cannot be used, or nil when they are fine.
    public var problem: String? {
        guard let o = Self.minutes(opens) else { return "opening time '\(opens)' is not HH:MM" }
        guard let c = Self.minutes(closes) else { return "closing time '\(closes)' is not HH:MM" }
        guard c > o else { return "closing time \(closes) must be after opening time \(opens)" }
        if let bad = weekdays.first(where: { !(1...7).contains($0) }) { return "weekday \(bad) is not 1 (Monday) to 7 (Sunday)" }
        if weekdays.isEmpty { return "no working weekdays" }
        if let bad = holidays.first(where: { Self.dayNumber($0) == nil }) { return "holiday '\(bad)' is not YYYY-MM-DD" }
        return nil
    }

    /// `YYYY-MM-DD` as days since 1970-01-01; nil when malformed.
    public static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        return ISOTime.daysFromCivil(y, m, d)
    }
}
