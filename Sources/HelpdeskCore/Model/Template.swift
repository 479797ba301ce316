/// What a template does to the ticket when a reply made from it is sent.
public struct TemplateActions: Codable, Sendable, Equatable {
    public var status: TicketStatus?
    public var priority: Priority?
    public var addTags: [String]

    public init(status: TicketStatus? = nil, priority: Priority? = nil, addTags: [String] = []) {
        self.status = status
        self.priority = priority
        self.addTags = addTags
    }

    public var isEmpty: Bool { status == nil && priority == nil && addTags.isEmpty }

    /// The actions of several templates in one reply, in the order they were inserted: the last
    /// status and priority win, tags add up.
    public static func combining(_ list: [TemplateActions]) -> TemplateActions {
        var out = TemplateActions()
        for a in list {
            out.status = a.status ?? out.status
            out.priority = a.priority ?? out.priority
            out.addTags += a.addTags.filter { !out.addTags.contains($0) }
        }
        return out
    }
}

/// A reply macro: a body with `{{placeholders}}` and optional actions.
public struct Template: Codable, Sendable, Equatable {
    public var name: String
    public var body: String
    public var actions: TemplateActions

    public init(name: String, body: String, actions: TemplateActions = TemplateActions()) {
        self.name = name
        self.body = body
        self.actions = actions
    }
}
