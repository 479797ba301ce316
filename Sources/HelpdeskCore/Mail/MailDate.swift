import Foundation

/// Parses the RFC 5322 `Date:` header, with the obsolete forms still sent (two-digit years, zone
/// names such as `EST` or `GMT`, missing seconds or weekday, comments). Pure arithmetic: no calendar,
/// time zone database or clock, so the result is the same everywhere.
enum MailDate {
    static func parse(_ raw: [UInt8]) -> Date? {
        var text = String(decoding: raw.prefix(256), as: UTF8.self)
        // Drop comments ("(CET)") and the weekday.
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            text.removeSubrange(open...close)
        }
        if let comma = text.firstIndex(of: ",") { text = String(text[text.index(after: comma)...]) }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
        guard words.count >= 4 else { return nil }
        var i = 0
        // Some senders put the weekday without a comma.
        if words[i].count >= 3, Int(words[i]) == nil, month(words[i]) == nil { i += 1 }
        var day: Int?
        var monthNumber: Int?
        // "12 Mar 2024" or the asctime-like "Mar 12 2024".
        if let d = Int(words[i]), i + 1 < words.count, let m = month(words[i + 1]) {
            day = d; monthNumber = m
        } else if let m = month(words[i]), i + 1 < words.count, let d = Int(words[i + 1]) {
            day = d; monthNumber = m
        }
        guard let d = day, let m = monthNumber, (1...31).contains(d), i + 2 < words.count,
              var year = Int(words[i + 2]) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        guard (1900...9999).contains(year) else { return nil }
        guard i + 3 < words.count else { return nil }
        let timeParts = words[i + 3].split(separator: ":").map { Int($0) }
        guard timeParts.count >= 2, timeParts.allSatisfy({ $0 != nil }) else { return nil }
        let hour = timeParts[0]!, minute = timeParts[1]!, second = timeParts.count > 2 ? timeParts[2]! : 0
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let offset = i + 4 < words.count ? zoneOffset(words[i + 4]) ?? 0 : 0
        let days = daysFromCivil(year: year, month: m, day: d)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static func month(_ word: String) -> Int? {
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard word.count >= 3 else { return nil }
        let prefix = word.prefix(3).lowercased()
        return names.firstIndex(of: prefix).map { $0 + 1 }
    }

    /// Seconds east of UTC for `+0100`, `-0530`, `GMT`, `EST` …; nil when unreadable (then UTC).
    private static func zoneOffset(_ word: String) -> Int? {
        if let sign = word.first, sign == "+" || sign == "-" {
            let digits = word.dropFirst().prefix(4)
            guard digits.count == 4, let value = Int(digits) else { return nil }
            let hours = value / 100, minutes = value % 100
            guard hours <= 23, minutes <= 59 else { return nil }
            return (sign == "-" ? -1 : 1) * (hours * 3_600 + minutes * 60)
        }
        let named: [String: Int] = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6,
                                    "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7]
        return named[word.lowercased()].map { $0 * 3_600 }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
