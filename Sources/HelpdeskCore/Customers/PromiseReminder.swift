import Foundation

/// Which of an agent's open promises need attention now: overdue, or due within the hour.
public struct PromiseReminder: Sendable, Equatable {
    public var overdue: [CustomerPromise]
    public var dueSoon: [CustomerPromise]

    public static let window: TimeInterval = 3600

    public init(owner: String, open: [CustomerPromise], now: Date, within window: TimeInterval = PromiseReminder.window) {
        let mine = open.filter { $0.owner == owner && $0.state == .open }.sorted { $0.due < $1.due }
        overdue = mine.filter { $0.due <= now }
        dueSoon = mine.filter { $0.due > now && $0.due.timeIntervalSince(now) <= window }
    }

    public var isEmpty: Bool { overdue.isEmpty && dueSoon.isEmpty }

    /// "promise overdue on #1042", "2 promises overdue", "promise due 14:00 on #1042".
    public func summary(clock: (Date) -> String) -> String? {
        if overdue.count == 1 { return "promise overdue on #\(overdue[0].ticket)" + (dueSoon.isEmpty ? "" : " (+\(dueSoon.count) due soon)") }
        if overdue.count > 1 { return "\(overdue.count) promises overdue" + (dueSoon.isEmpty ? "" : " (+\(dueSoon.count) due soon)") }
        if dueSoon.count == 1 { return "promise due \(clock(dueSoon[0].due)) on #\(dueSoon[0].ticket)" }
        if dueSoon.count > 1 { return "\(dueSoon.count) promises due within the hour" }
        return nil
    }
}
