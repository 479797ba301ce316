import Foundation

/// Short human spellings of durations and times, the way the queue and the CLI show them.
public enum Durations {
    /// `45s`, `42m`, `3h10m`, `2d4h`, `5w`; negative values get a leading `-` (a breached target).
    public static func short(_ seconds: TimeInterval) -> String {
        let negative = seconds < 0
        // Capped (at ~31 million years) so that no time, however far off, traps the conversion.
        let s = seconds.isNaN ? 0 : Int(min(abs(seconds), 1e15))
        let text: String
        switch s {
        case ..<60: text = "\(s)s"
        case ..<3600: text = "\(s / 60)m"
        case ..<86_400:
            let m = s / 60 % 60
            text = m == 0 ? "\(s / 3600)h" : "\(s / 3600)h\(m)m"
        case ..<(14 * 86_400):
            let h = s / 3600 % 24
            text = h == 0 ? "\(s / 86_400)d" : "\(s / 86_400)d\(h)h"
        default: text = "\(s / (7 * 86_400))w"
        }
        return negative ? "-" + text : text
    }

    /// Parses `90s`, `15m`, `2h`, `7d`, `3w` (used by `--since 7d` and queries like `created:<7d`).
    public static func parse(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let n = Double(text.dropLast()), n >= 0 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        case "w": return n * 7 * 86_400
        default: return nil
        }
    }
}

/// Calendar formatting in a given time zone (passed in: the domain never reads the machine's zone).
public struct LocalTime: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    public init(identifier: String) {
        self.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
    }

    var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    /// `Wednesday 2 December, 10:00` — a time as people write it to a customer (no ISO, no zone code).
    public func spoken(_ d: Date) -> String {
        let c = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: d)
        let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        return String(format: "%@ %d %@, %02d:%02d", days[c.weekday! - 1], c.day!, months[c.month! - 1], c.hour!, c.minute!)
    }

    /// `2026-11-23 14:02`
    public func dateTime(_ d: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// `2026-11-23`
    public func date(_ d: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `14:02`
    public func clock(_ d: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: d)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// Today's time for today, `Mon 14:02` within a week, else the date.
    public func compact(_ d: Date, now: Date) -> String {
        if calendar.isDate(d, inSameDayAs: now) { return clock(d) }
        if abs(now.timeIntervalSince(d)) < 6 * 86_400 {
            let wd = calendar.component(.weekday, from: d)
            let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            return "\(names[wd - 1]) \(clock(d))"
        }
        return date(d)
    }

    /// The start of the day containing `d`.
    public func startOfDay(_ d: Date) -> Date { calendar.startOfDay(for: d) }
}
