import Foundation

/// What a view needs to know besides the ticket: who is looking, and when.
public struct ViewContext: Sendable {
    public var me: String
    public var now: Date
    /// Midnight of today in the team's time zone ("Solved today").
    public var startOfToday: Date
    /// Midnight ending today in the team's time zone (not always 24 h after `startOfToday`).
    public var endOfToday: Date
    /// The earliest due time of each ticket's open promises ("Promises due").
    public var promiseDue: [Int: Date]
    /// The state, for views and queries that look past the ticket (customer names in queries).
    public var state: HelpdeskState? = nil
    /// SLA clocks under the store's settings ("Due soon", `sort:due`).
    public var sla: SLAClock? = nil

    public init(me: String, now: Date, startOfToday: Date, endOfToday: Date? = nil, promiseDue: [Int: Date] = [:]) {
        self.me = me
        self.now = now
        self.startOfToday = startOfToday
        self.endOfToday = endOfToday ?? startOfToday.addingTimeInterval(86_400)
        self.promiseDue = promiseDue
    }

    /// The earliest open promise per ticket, from the state's small set of open promises.
    public static func promiseDue(in state: HelpdeskState) -> [Int: Date] {
        var out: [Int: Date] = [:]
        for id in state.openPromiseIDs {
            guard let p = state.promises[id] else { continue }
            out[p.ticket] = min(out[p.ticket] ?? p.due, p.due)
        }
        return out
    }
}

/// A named, live slice of the ticket queue shown in the sidebar with its count.
public struct QueueView: Sendable, Identifiable {
    public var id: String
    public var title: String
    /// The same view in the query language, when it can be said there (what `:save-view` builds on).
    public var query: String?
    public var matches: @Sendable (Ticket, ViewContext) -> Bool

    public init(id: String, title: String, query: String? = nil, matches: @escaping @Sendable (Ticket, ViewContext) -> Bool) {
        self.id = id
        self.title = title
        self.query = query
        self.matches = matches
    }

    /// A view of a parsed query (saved views, `:view QUERY`).
    public init(id: String, title: String, query: Query) {
        self.init(id: id, title: title, query: query.source) { t, c in query.matches(t, in: c) }
    }

    /// An agent's saved views as sidebar entries (ids `saved:NAME`); views whose query no longer
    /// parses are left out.
    public static func saved(_ views: [SavedView]) -> [QueueView] {
        views.compactMap { v in
            guard let q = try? Query.parse(v.query) else { return nil }
            return QueueView(id: "saved:" + v.name.lowercased(), title: v.name, query: q)
        }
    }

    /// The built-in views, in sidebar order (keys 1–9 select them).
    public static let builtIn: [QueueView] = [
        QueueView(id: "mine", title: "My open", query: "status:new,open,pending,on-hold assignee:me") { t, c in
            t.status.isOpen && t.assignee == c.me
        },
        QueueView(id: "unassigned", title: "Unassigned", query: "status:new,open,pending,on-hold assignee:none") { t, _ in
            t.status.isOpen && t.assignee == nil && t.mergedInto == nil
        },
        QueueView(id: "open", title: "All open", query: "status:new,open,pending,on-hold") { t, _ in t.status.isOpen },
        QueueView(id: "pending", title: "Pending", query: "status:pending") { t, _ in t.status == .pending },
        QueueView(id: "onhold", title: "On hold", query: "status:on-hold") { t, _ in t.status == .onHold },
        // An SLA target within the next hour of business time, or already breached.
        QueueView(id: "due-soon", title: "Due soon") { t, c in c.sla?.isDueSoon(t, now: c.now) ?? false },
        QueueView(id: "solved-today", title: "Solved today") { t, c in
            !t.status.isOpen && (t.solvedAt.map { $0 >= c.startOfToday } ?? false)
        },
        QueueView(id: "all", title: "All", query: "") { _, _ in true },
        // Tickets with an open promise overdue, due today, or due within the next 12 hours — so a
        // promise made at 23:15 for "in 45m" is not hidden until the next day.
        QueueView(id: "promises-due", title: "Promises due") { t, c in
            c.promiseDue[t.number].map { $0 < max(c.endOfToday, c.now.addingTimeInterval(12 * 3600)) } ?? false
        },
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
