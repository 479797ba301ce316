import Foundation

/// What a view needs to know besides the ticket: who is looking, and when.
public struct ViewContext: Sendable {
    public var me: String
    public var now: Date
    /// Midnight of today in the team's time zone ("Solved today").
    public var startOfToday: Date

    public init(me: String, now: Date, startOfToday: Date) {
        self.me = me
        self.now = now
        self.startOfToday = startOfToday
    }
}

/// A named, live slice of the ticket queue shown in the sidebar with its count.
public struct QueueView: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var matches: @Sendable (Ticket, ViewContext) -> Bool

    public init(id: String, title: String, matches: @escaping @Sendable (Ticket, ViewContext) -> Bool) {
        self.id = id
        self.title = title
        self.matches = matches
    }

    /// The built-in views, in sidebar order (keys 1–9 select them).
    public static let builtIn: [QueueView] = [
        QueueView(id: "mine", title: "My open") { t, c in t.status.isOpen && t.assignee == c.me },
        QueueView(id: "unassigned", title: "Unassigned") { t, _ in t.status.isOpen && t.assignee == nil && t.mergedInto == nil },
        QueueView(id: "open", title: "All open") { t, _ in t.status.isOpen },
        QueueView(id: "pending", title: "Pending") { t, _ in t.status == .pending },
        QueueView(id: "onhold", title: "On hold") { t, _ in t.status == .onHold },
        QueueView(id: "solved-today", title: "Solved today") { t, c in
            !t.status.isOpen && (t.solvedAt.map { $0 >= c.startOfToday } ?? false)
        },
        QueueView(id: "all", title: "All") { _, _ in true },
    ]

    /// Finds a view by id or (case-insensitive) title prefix: `:view unassigned`, `:view solved`.
    public static func named(_ name: String, in views: [QueueView] = builtIn) -> QueueView? {
        let key = name.lowercased().replacingOccurrences(of: " ", with: "-")
        return views.first { $0.id == key }
            ?? views.first { $0.title.lowercased().replacingOccurrences(of: " ", with: "-").hasPrefix(key) }
            ?? views.first { $0.id.hasPrefix(key) }
    }
}

/// The order tickets are worked in: most urgent first, then the longest waiting.
public enum QueueOrder {
    public static func areInIncreasingOrder(_ a: Ticket, _ b: Ticket) -> Bool {
        if a.priority != b.priority { return a.priority > b.priority }
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.number < b.number
    }
}
