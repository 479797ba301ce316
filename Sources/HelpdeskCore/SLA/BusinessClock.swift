import Foundation

/// Counts business time: seconds that fall inside `BusinessHours` in a time zone.
///
/// Each local day's open and close instants are computed once (so DST days are exact) and kept in a
/// table with running totals, so `seconds(from:to:)` is two lookups — the queue asks it for every open
/// ticket when it sorts by time left. The table grows on demand; a clock is used from one thread.
public final class BusinessClock: @unchecked Sendable {
    public let hours: BusinessHours
    public let timeZone: TimeZone
    private let opens: Int
    private let closes: Int
    private let workdays: Set<Int>
    private let holidays: Set<Int>
    /// Local day numbers `firstDay ..< firstDay + windows.count`.
    private var firstDay = 0
    private var windows: [(open: Double, close: Double)] = []
    /// Business seconds before each day in the table (one more entry than `windows`).
    private var before: [Double] = [0]

    public init(hours: BusinessHours, timeZone: TimeZone) {
        let usable = hours.problem == nil ? hours : BusinessHours()
        self.hours = usable
        self.timeZone = timeZone
        opens = BusinessHours.minutes(usable.opens) ?? 540
        closes = BusinessHours.minutes(usable.closes) ?? 1020
        workdays = Set(usable.weekdays)
        holidays = Set(usable.holidays.compactMap(BusinessHours.dayNumber))
    }

    public convenience init(settings: Settings) {
        self.init(hours: settings.businessHours,
                  timeZone: TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!)
    }

    /// Business seconds between two instants (negative when `to` is before `from`).
    public func seconds(from: Date, to: Date) -> TimeInterval {
        if to < from { return -seconds(from: to, to: from) }
        // Cover both days first: growing the table moves the origin positions are counted from.
        ensure(localDay(from))
        ensure(localDay(to))
        return position(to) - position(from)
    }

    /// The instant `amount` business seconds after `start` (the due time of a target).
    public func adding(_ amount: TimeInterval, to start: Date) -> Date {
        guard amount > 0 else { return start }
        var remaining = amount
        var day = localDay(start)
        var t = start.timeIntervalSince1970
        // A target further out than ten years is as good as never.
        for _ in 0..<3660 {
            ensure(day)
            let w = windows[day - firstDay]
            let from = max(t, w.open)
            if from < w.close {
                if w.close - from >= remaining { return Date(timeIntervalSince1970: from + remaining) }
                remaining -= w.close - from
            }
            day += 1
            t = -Double.infinity
        }
        return Date.distantFuture
    }

    /// The earliest instant `amount` business seconds before `end` (when a target that is `amount` overdue at
    /// `end` ran out, if its clock ran all the while). Of instants with no business time between them — a
    /// day's close and the next opening — the earlier is the one a deadline falls on, as `adding` gives it.
    public func subtracting(_ amount: TimeInterval, from end: Date) -> Date {
        guard amount > 0 else { return end }
        var remaining = amount
        var day = localDay(end)
        var t = end.timeIntervalSince1970
        for _ in 0..<3660 {
            ensure(day)
            let w = windows[day - firstDay]
            let to = min(t, w.close)
            if to > w.open {
                if to - w.open > remaining { return Date(timeIntervalSince1970: to - remaining) }
                remaining -= to - w.open
            }
            day -= 1
            t = Double.infinity
        }
        return Date.distantPast
    }

    /// Whether `date` falls inside business hours.
    public func isOpen(at date: Date) -> Bool {
        let day = localDay(date)
        ensure(day)
        let w = windows[day - firstDay]
        let t = date.timeIntervalSince1970
        return t >= w.open && t < w.close
    }

    /// Business seconds from the table's origin to `date`.
    private func position(_ date: Date) -> Double {
        let day = localDay(date)
        let i = day - firstDay
        let w = windows[i]
        let t = date.timeIntervalSince1970
        return before[i] + min(max(t - w.open, 0), w.close - w.open)
    }

    private func localDay(_ date: Date) -> Int {
        let offset = Double(timeZone.secondsFromGMT(for: date))
        return Int(((date.timeIntervalSince1970 + offset) / 86_400).rounded(.down))
    }

    /// Makes sure the table covers `day`, growing it (with some margin) when it does not.
    private func ensure(_ day: Int) {
        if !windows.isEmpty && day >= firstDay && day < firstDay + windows.count { return }
        let low = windows.isEmpty ? day - 60 : min(firstDay, day - 60)
        let high = windows.isEmpty ? day + 60 : max(firstDay + windows.count, day + 60)
        firstDay = low
        windows = (low..<high).map(window)
        before = [0]
        before.reserveCapacity(windows.count + 1)
        for w in windows { before.append(before[before.count - 1] + (w.close - w.open)) }
    }

    /// Open and close instants of a local day (equal when the day is closed).
    private func window(_ day: Int) -> (open: Double, close: Double) {
        let weekday = ((day % 7) + 7 + 3) % 7 + 1
        let midnight = instant(day, minutes: 0)
        guard workdays.contains(weekday), !holidays.contains(day) else { return (midnight, midnight) }
        return (instant(day, minutes: opens), instant(day, minutes: closes))
    }

    /// The instant a local wall-clock time occurs (the later offset wins in a DST overlap; a time in a
    /// DST gap is taken with the offset before the gap).
    private func instant(_ day: Int, minutes: Int) -> Double {
        let local = Double(day * 86_400 + minutes * 60)
        let first = Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local)))
        let guess = local - first
        let second = Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess)))
        return local - second
    }
}
