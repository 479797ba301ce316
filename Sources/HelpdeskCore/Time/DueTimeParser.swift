import Foundation

/// What a promise's due time was read as: the moment, and a sentence to show back to the agent
/// for confirmation ("Fri 27 Nov 17:00 Europe/London — in 2d 3h").
public struct DueTime: Sendable, Equatable {
    public var date: Date
    /// How the text was understood, in the team's time zone.
    public var understood: String
}

/// Why a due time could not be read, as one sentence with examples of what works.
public struct DueTimeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
    static let examples = "try fri 17:00, tomorrow 9am, in 2h, 2026-12-01 10:00"
}

/// Reads the due times people type for promises — `fri 17:00`, `tomorrow 9am`, `in 2h`,
/// `2026-12-01 10:00`, `today 5pm`, `17:30`, `next mon noon` — in the agent's time zone.
///
/// Relative spans (`in 2h`) are elapsed time; everything else is wall-clock time in `timeZone`,
/// so "tomorrow 9am" is 9 o'clock on the clock even across a daylight-saving change. A wall time
/// that does not exist (clocks jump forward over it) moves forward by the gap, and the answer says
/// so; one that happens twice (clocks go back) means the first. A day without a time means the end
/// of the working day, 17:00. Pure: `now` is passed in.
public enum DueTimeParser {
    /// The time of day a bare day ("tomorrow", "fri", "2026-12-01") means.
    public static let defaultHour = 17

    public static func parse(_ text: String, now: Date, timeZone: TimeZone) -> Result<DueTime, DueTimeError> {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let words = text.lowercased().replacingOccurrences(of: ",", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else {
            return .failure(DueTimeError(reason: "say when it is due — \(DueTimeError.examples)"))
        }
        // `in 2h`, `in 90m`, `in 1h30m`, `in 3 days`
        if words[0] == "in" {
            guard words.count > 1, let seconds = span(words.dropFirst().joined()) else {
                return .failure(DueTimeError(reason: "could not read '\(text)' as a span of time — write in 2h, in 45m, in 3d"))
            }
            // Checked before it is added: `in 9223372036854775807m` is no date at all.
            guard seconds <= Limits.promiseHorizon else { return .failure(tooFar(text)) }
            let date = now.addingTimeInterval(seconds)
            return .success(DueTime(date: date, understood: describe(date, now: now, calendar: calendar, note: nil)))
        }

        var day: DateComponents?      // year, month, day
        var dayIsExplicit = false
        var time: (hour: Int, minute: Int)?
        var rest = words[...]
        let today = calendar.dateComponents([.year, .month, .day], from: now)

        func dayComponents(adding days: Int) -> DateComponents {
            // Noon on the current day is never in a DST gap, so stepping whole days from it is safe.
            let noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: now) ?? now
            let target = calendar.date(byAdding: .day, value: days, to: noon) ?? noon
            return calendar.dateComponents([.year, .month, .day], from: target)
        }

        if let first = rest.first {
            if first == "today" || first == "tonight" {
                day = today; dayIsExplicit = true; rest = rest.dropFirst()
                if first == "tonight" && rest.isEmpty { time = (20, 0) }
            } else if first == "tomorrow" || first == "tmrw" || first == "tmr" {
                day = dayComponents(adding: 1); dayIsExplicit = true; rest = rest.dropFirst()
            } else if first == "eod" {
                day = today; dayIsExplicit = true; time = (defaultHour, 0); rest = rest.dropFirst()
            } else {
                var next = false
                var word = first
                if first == "next" || first == "this", rest.count > 1 {
                    next = first == "next"
                    word = rest[rest.startIndex + 1]
                }
                if let weekday = weekday(word) {
                    rest = rest.dropFirst(word == first ? 1 : 2)
                    let current = calendar.component(.weekday, from: now)
                    var ahead = (weekday - current + 7) % 7
                    if next && ahead == 0 { ahead = 7 }
                    day = dayComponents(adding: ahead)
                    dayIsExplicit = true
                    // "fri 17:00" said on a Friday after five means next Friday.
                    if ahead == 0 {
                        let t = rest.first.flatMap(timeOfDay) ?? (defaultHour, 0)
                        if let candidate = wallDate(day!, t, calendar: calendar)?.date, candidate <= now {
                            day = dayComponents(adding: 7)
                        }
                    }
                } else if let d = isoDay(first, today: today) {
                    day = d; dayIsExplicit = true; rest = rest.dropFirst()
                }
            }
        }
        if let word = rest.first {
            var joined = word
            // `5 pm`, `10 30`? Only the first: a time written with a space before am/pm.
            if rest.count > 1, ["am", "pm", "a.m.", "p.m."].contains(rest[rest.startIndex + 1]) {
                joined += rest[rest.startIndex + 1]
                rest = rest.dropFirst()
            }
            guard let t = timeOfDay(joined) else {
                return .failure(DueTimeError(reason: "could not read '\(word)' in '\(text)' as a day or time — \(DueTimeError.examples)"))
            }
            time = t
            rest = rest.dropFirst()
        }
        guard rest.isEmpty else {
            return .failure(DueTimeError(reason: "did not understand '\(rest.joined(separator: " "))' in '\(text)' — \(DueTimeError.examples)"))
        }
        if day == nil {
            guard let t = time else {
                return .failure(DueTimeError(reason: "could not read '\(text)' as a due time — \(DueTimeError.examples)"))
            }
            // A bare time: today if it is still ahead, else tomorrow.
            day = today
            if let d = wallDate(today, t, calendar: calendar)?.date, d <= now { day = dayComponents(adding: 1) }
        }
        let t = time ?? (defaultHour, 0)
        guard let (date, note) = wallDate(day!, t, calendar: calendar) else {
            return .failure(DueTimeError(reason: "'\(text)' is not a date on the calendar"))
        }
        guard date <= now.addingTimeInterval(Limits.promiseHorizon) else { return .failure(tooFar(text)) }
        if date <= now {
            let when = describe(date, now: now, calendar: calendar, note: nil)
            return .failure(DueTimeError(reason: dayIsExplicit || time != nil
                ? "'\(text)' is in the past (\(when)) — a promise needs a time still ahead"
                : "'\(text)' is in the past"))
        }
        return .success(DueTime(date: date, understood: describe(date, now: now, calendar: calendar, note: note)))
    }

    // MARK: Pieces

    /// The refusal of a time beyond `Limits.promiseHorizon`.
    static func tooFar(_ text: String) -> DueTimeError {
        DueTimeError(reason: "'\(text)' is more than 10 years ahead — a promise needs a time within the next 10 years")
    }

    /// A wall-clock time on a day in the calendar's zone; a note when the time had to move.
    ///
    /// Worked out from the zone's offsets rather than `Calendar.date(from:)`, so a time in a gap
    /// (clocks go forward) or an overlap (clocks go back) is resolved the same way everywhere.
    static func wallDate(_ day: DateComponents, _ time: (hour: Int, minute: Int), calendar: Calendar) -> (date: Date, note: String?)? {
        guard let year = day.year, let month = day.month, let d = day.day, (1...12).contains(month) else { return nil }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        guard let first = utc.date(from: DateComponents(year: year, month: month, day: 1)),
              let days = utc.range(of: .day, in: .month, for: first), days.contains(d),
              let naive = utc.date(from: DateComponents(year: year, month: month, day: d, hour: time.hour, minute: time.minute))
        else { return nil }
        let zone = calendar.timeZone
        // The offsets in force around that day (two on a day the clocks change).
        let before = zone.secondsFromGMT(for: naive.addingTimeInterval(-86_400))
        let after = zone.secondsFromGMT(for: naive.addingTimeInterval(86_400))
        let valid = Set([before, after]).map { naive.addingTimeInterval(-TimeInterval($0)) }
            .filter { TimeInterval(zone.secondsFromGMT(for: $0)) == naive.timeIntervalSince($0) }
        if let earliest = valid.min() { return (earliest, nil) }
        // In the gap: the same time by the old offset, which lands just after the jump.
        let shifted = naive.addingTimeInterval(-TimeInterval(before))
        let shown = calendar.dateComponents([.hour, .minute], from: shifted)
        let note = String(format: "%02d:%02d does not exist that day (clocks go forward) — using %02d:%02d",
                          time.hour, time.minute, shown.hour ?? 0, shown.minute ?? 0)
        return (shifted, note)
    }

    /// `2h`, `90m`, `1h30m`, `3d`, `2hours`, `45minutes`, `1week`, `30` (minutes).
    static func span(_ text: String) -> TimeInterval? {
        let units: [(names: [String], seconds: Double)] = [
            (["w", "wk", "wks", "week", "weeks"], 7 * 86_400),
            (["d", "day", "days"], 86_400),
            (["h", "hr", "hrs", "hour", "hours"], 3600),
            (["m", "min", "mins", "minute", "minutes"], 60),
        ]
        var total = 0.0
        var number = ""
        var unit = ""
        var parts = 0
        func flush() -> Bool {
            guard let n = Double(number) else { return false }
            if unit.isEmpty {
                total += n * 60
            } else if let u = units.first(where: { $0.names.contains(unit) }) {
                total += n * u.seconds
            } else {
                return false
            }
            parts += 1
            number = ""; unit = ""
            return true
        }
        for ch in text {
            if ch.isNumber || ch == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(ch)
            } else if ch.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(ch)
            } else {
                return nil
            }
        }
        guard flush(), parts > 0, total > 0 else { return nil }
        return total
    }

    /// `17:00`, `9am`, `5pm`, `5:30pm`, `noon`, `midday`, `midnight`, `0930`.
    static func timeOfDay(_ word: String) -> (hour: Int, minute: Int)? {
        switch word {
        case "noon", "midday": return (12, 0)
        case "midnight": return (0, 0)
        case "eod": return (defaultHour, 0)
        default: break
        }
        var w = word.replacingOccurrences(of: ".", with: "")
        var pm: Bool?
        if w.hasSuffix("am") { pm = false; w.removeLast(2) } else if w.hasSuffix("pm") { pm = true; w.removeLast(2) }
        else if w.hasSuffix("h") { w.removeLast() }
        guard !w.isEmpty, w.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }) else { return nil }
        var hour: Int, minute = 0
        let pieces = w.split(separator: ":", omittingEmptySubsequences: false)
        if pieces.count == 2 {
            guard let h = Int(pieces[0]), let m = Int(pieces[1]), pieces[1].count == 2 else { return nil }
            hour = h; minute = m
        } else if pieces.count == 1, w.count == 4, pm == nil, let hhmm = Int(w) {
            hour = hhmm / 100; minute = hhmm % 100
        } else if pieces.count == 1, w.count <= 2, let h = Int(w) {
            hour = h
            // A bare number is an hour only with am/pm or an "h": `9` alone is too ambiguous.
            if pm == nil && !word.hasSuffix("h") { return nil }
        } else {
            return nil
        }
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            if pm && hour != 12 { hour += 12 }
            if !pm && hour == 12 { hour = 0 }
        }
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour, minute)
    }

    /// Sunday = 1 … Saturday = 7, as `Calendar` counts.
    static func weekday(_ word: String) -> Int? {
        let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        let long = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        if let i = names.firstIndex(of: word) ?? long.firstIndex(of: word) { return i + 1 }
        if ["tues", "weds", "thur", "thurs"].contains(word) { return ["tues": 3, "weds": 4, "thur": 5, "thurs": 5][word] }
        return nil
    }

    /// `2026-12-01`, or `12-01` (this year, or next if already past).
    static func isoDay(_ word: String, today: DateComponents) -> DateComponents? {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.allSatisfy({ $0 != nil }) else { return nil }
        if parts.count == 3, word.split(separator: "-")[0].count == 4 {
            return DateComponents(year: parts[0]!, month: parts[1]!, day: parts[2]!)
        }
        if parts.count == 2 {
            var year = today.year!
            if (parts[0]!, parts[1]!) < (today.month!, today.day!) { year += 1 }
            return DateComponents(year: year, month: parts[0]!, day: parts[1]!)
        }
        return nil
    }

    /// `Fri 27 Nov 2026 17:00 (Europe/London) — in 2d 3h`
    static func describe(_ date: Date, now: Date, calendar: Calendar, note: String?) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var s = "\(days[c.weekday! - 1]) \(c.day!) \(months[c.month! - 1]) \(c.year!) " + String(format: "%02d:%02d", c.hour!, c.minute!)
        s += " (\(calendar.timeZone.identifier))"
        let ahead = date.timeIntervalSince(now)
        s += ahead >= 0 ? " — in \(Durations.short(ahead))" : " — \(Durations.short(-ahead)) ago"
        if let note { s += "; " + note }
        return s
    }
}
