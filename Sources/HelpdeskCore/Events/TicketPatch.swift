/// A change to a ticket's fields, each as from → to. Fields left nil are untouched.
public struct TicketPatch: Codable, Sendable, Equatable {
    public var subject: FromTo<String>?
    public var status: FromTo<TicketStatus>?
    public var priority: FromTo<Priority>?
    public var tags: FromTo<[String]>?
    public var assignee: FromTo<String?>?
    public var group: FromTo<String?>?
    public var requester: FromTo<String>?
    public var channel: FromTo<Channel>?
    public var mergedInto: FromTo<Int?>?
    public var links: FromTo<[Int]>?

    public init(subject: FromTo<String>? = nil, status: FromTo<TicketStatus>? = nil,
                priority: FromTo<Priority>? = nil, tags: FromTo<[String]>? = nil,
                assignee: FromTo<String?>? = nil, group: FromTo<String?>? = nil,
                requester: FromTo<String>? = nil, channel: FromTo<Channel>? = nil,
                mergedInto: FromTo<Int?>? = nil, links: FromTo<[Int]>? = nil) {
        self.subject = subject
        self.status = status
        self.priority = priority
        self.tags = tags
        self.assignee = assignee
        self.group = group
        self.requester = requester
        self.channel = channel
        self.mergedInto = mergedInto
        self.links = links
    }

    /// The names of the fields this patch changes, as they appear in JSON and in history.
    public var fields: [String] {
        var names: [String] = []
        if subject != nil { names.append("subject") }
        if status != nil { names.append("status") }
        if priority != nil { names.append("priority") }
        if tags != nil { names.append("tags") }
        if assignee != nil { names.append("assignee") }
        if group != nil { names.append("group") }
        if requester != nil { names.append("requester") }
        if channel != nil { names.append("channel") }
        if mergedInto != nil { names.append("mergedInto") }
        if links != nil { names.append("links") }
        return names
    }

    public var isEmpty: Bool { fields.isEmpty }

    /// Human-readable lines for history views: `status: open → pending`.
    public var descriptions: [String] {
        func show<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "none" }
        var out: [String] = []
        if let c = subject { out.append("subject: \"\(c.from)\" → \"\(c.to)\"") }
        if let c = status { out.append("status: \(c.from.label) → \(c.to.label)") }
        if let c = priority { out.append("priority: \(c.from.rawValue) → \(c.to.rawValue)") }
        if let c = tags {
            let added = c.to.filter { !c.from.contains($0) }, removed = c.from.filter { !c.to.contains($0) }
            var parts: [String] = []
            if !added.isEmpty { parts.append("+" + added.joined(separator: " +")) }
            if !removed.isEmpty { parts.append("-" + removed.joined(separator: " -")) }
            out.append("tags: " + (parts.isEmpty ? "reordered" : parts.joined(separator: " ")))
        }
        if let c = assignee { out.append("assignee: \(show(c.from)) → \(show(c.to))") }
        if let c = group { out.append("group: \(show(c.from)) → \(show(c.to))") }
        if let c = requester { out.append("requester: \(c.from) → \(c.to)") }
        if let c = channel { out.append("channel: \(c.from.rawValue) → \(c.to.rawValue)") }
        if let c = mergedInto { out.append("merged into: \(c.to.map { "#\($0)" } ?? "none")") }
        if let c = links { out.append("links: \(c.from.map { "#\($0)" }) → \(c.to.map { "#\($0)" })") }
        return out
    }

    /// Builds the patch that moves `ticket` to the given values, leaving out fields that would not change.
    public static func diff(_ ticket: Ticket, subject: String? = nil, status: TicketStatus? = nil,
                            priority: Priority? = nil, tags: [String]? = nil, assignee: String?? = nil,
                            group: String?? = nil, requester: String? = nil, channel: Channel? = nil,
                            mergedInto: Int?? = nil, links: [Int]? = nil) -> TicketPatch {
        var p = TicketPatch()
        if let v = subject, v != ticket.subject { p.subject = FromTo(ticket.subject, v) }
        if let v = status, v != ticket.status { p.status = FromTo(ticket.status, v) }
        if let v = priority, v != ticket.priority { p.priority = FromTo(ticket.priority, v) }
        if let v = tags, v != ticket.tags { p.tags = FromTo(ticket.tags, v) }
        if let v = assignee, v != ticket.assignee { p.assignee = FromTo(ticket.assignee, v) }
        if let v = group, v != ticket.group { p.group = FromTo(ticket.group, v) }
        if let v = requester, v != ticket.requester { p.requester = FromTo(ticket.requester, v) }
        if let v = channel, v != ticket.channel { p.channel = FromTo(ticket.channel, v) }
        if let v = mergedInto, v != ticket.mergedInto { p.mergedInto = FromTo(ticket.mergedInto, v) }
        if let v = links, v != ticket.links { p.links = FromTo(ticket.links, v) }
        return p
    }

    /// Applies the "to" side of every field.
    public func apply(to t: inout Ticket) {
        if let c = subject { t.subject = c.to }
        if let c = status { t.status = c.to }
        if let c = priority { t.priority = c.to }
        if let c = tags { t.tags = c.to }
        if let c = assignee { t.assignee = c.to }
        if let c = group { t.group = c.to }
        if let c = requester { t.requester = c.to }
        if let c = channel { t.channel = c.to }
        if let c = mergedInto { t.mergedInto = c.to }
        if let c = links { t.links = c.to }
    }
}
