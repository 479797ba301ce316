import Foundation

/// What sending a reply or note will do to its ticket: the status it gets and the template actions
/// that come with it. The compose screen shows it ("On send: status pending") and `ReplyPlanner`
/// applies it, so what is shown is what happens.
///
/// Status: the agent's choice ("Submit as") wins, then the templates', then `pending` after a public
/// reply to an open ticket; otherwise (a note, a reply to a solved ticket) the status stays.
public struct OnSend: Sendable, Equatable {
    /// The status the ticket will have after sending.
    public var status: TicketStatus
    /// Whether sending sets the status (false: it is left as it is).
    public var setsStatus: Bool
    /// The agent picked the status; otherwise it is the default.
    public var statusIsChosen: Bool
    public var priority: Priority?
    public var addTags: [String]

    /// The statuses an agent may send with, in the order the picker offers them (Zendesk's
    /// "Submit as"): the usual outcome of a reply first.
    public static let choices: [TicketStatus] = [.pending, .solved, .open, .onHold]

    public init(kind: MessageKind, current: TicketStatus, actions: TemplateActions = TemplateActions(),
                chosen: TicketStatus? = nil) {
        var target = chosen ?? actions.status
        if target == nil, kind == .reply, current.isOpen { target = .pending }
        status = target ?? current
        setsStatus = target != nil
        statusIsChosen = chosen != nil
        priority = actions.priority
        addTags = actions.addTags
    }

    /// The status to write, if any (nil leaves it alone).
    public var statusChange: TicketStatus? { setsStatus ? status : nil }

    /// "status pending · priority high · tags #usual"; "status stays solved" when it is left alone.
    public var summary: String {
        var parts = [setsStatus ? "status \(status.label)" : "status stays \(status.label)"]
        if statusIsChosen { parts[0] += " (chosen)" }
        if let p = priority { parts.append("priority \(p.rawValue)") }
        if !addTags.isEmpty { parts.append("tags " + addTags.map { "#" + $0 }.joined(separator: " ")) }
        return parts.joined(separator: " · ")
    }
}
