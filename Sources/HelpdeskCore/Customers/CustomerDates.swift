import Foundation

/// A regular's birthday or customer anniversary coming up (or today), in the team's time zone.
public struct CustomerOccasion: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case birthday
        /// `years` as a customer on that day.
        case anniversary(years: Int)
    }
    public var kind: Kind
    /// 0 = today.
    public var daysAway: Int

    /// "birthday today", "3 years with us in 5 days".
    public var summary: String {
        let when = daysAway == 0 ? "today" : daysAway == 1 ? "tomorrow" : "in \(daysAway) days"
        switch kind {
        case .birthday: return "birthday \(when)"
        case .anniversary(let years): return "\(years) year\(years == 1 ? "" : "s") with us \(when)"
        }
    }
}

/// Birthdays (`MM-DD`, or `YYYY-MM-DD`) and anniversaries of `customerSince`, within a window.
public enum CustomerDates {
    public static let window = 14

    public static func occasions(of c: Customer, now: Date, timeZone: TimeZone, within days: Int = window) -> [CustomerOccasion] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var out: [CustomerOccasion] = []
        if let b = c.birthday, let (month, day) = monthDay(b), let away = daysUntil(month: month, day: day, now: now, calendar: calendar),
           away <= days {
            out.append(CustomerOccasion(kind: .birthday, daysAway: away))
        }
        let since = calendar.dateComponents([.year, .month, .day], from: c.customerSince)
        if let m = since.month, let d = since.day, let away = daysUntil(month: m, day: d, now: now, calendar: calendar), away <= days {
            let year = calendar.component(.year, from: calendar.date(byAdding: .day, value: away, to: now) ?? now)
            let years = year - (since.year ?? year)
            if years >= 1 { out.append(CustomerOccasion(kind: .anniversary(years: years), daysAway: away)) }
        }
        return out
    }

    /// `03-14` or `1990-03-14` → (3, 14); nil when it is not a real month and day.
    public static func monthDay(_ text: String) -> (Int, Int)? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-").map { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        let m = parts[parts.count - 2]!, d = parts[parts.count - 1]!
        let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(m), d >= 1, d <= lengths[m - 1] else { return nil }
        return (m, d)
    }

    /// Whole days from today to the next `month`-`day` (0 today); 29 Feb counts as 28 Feb in other years.
    static func daysUntil(month: Int, day: Int, now: Date, calendar: Calendar) -> Int? {
        let today = calendar.startOfDay(for: now)
        let year = calendar.component(.year, from: now)
        for y in [year, year + 1] {
            var d = day
            if month == 2 && day == 29, calendar.range(of: .day, in: .month, for: calendar.date(from: DateComponents(year: y, month: 2, day: 1))!)?.count == 28 { d = 28 }
            guard let date = calendar.date(from: DateComponents(year: y, month: month, day: d)) else { continue }
            let start = calendar.startOfDay(for: date)
            if start >= today {
                return calendar.dateComponents([.day], from: today, to: start).day
            }
        }
        return nil
    }
}
