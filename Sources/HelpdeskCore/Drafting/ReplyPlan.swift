import Foundation

/// Why a reply cannot be sent as it stands. The draft is kept in every case.
public enum ReplyProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case unfilled([String])
    case ticketNotFound(Int)
    case closed(Int)
    case noEmail(Int)

    public var description: String {
        switch self {
        case .empty: return "the reply is empty (only whitespace) — write something first"
        case .unfilled(let names):
            return "fill in " + names.map { "{{\($0)}}" }.joined(separator: ", ") + " before sending (no value is known for it)"
        case .ticketNotFound(let n): return "ticket #\(n) does not exist"
        case .closed(let n): return "#\(n) is closed; open a new ticket to write to the customer"
        case .noEmail(let n): return "the customer of #\(n) has no email address, so a public reply cannot be mailed — add one (customer set) or write a note"
        }
    }
}

/// What a draft was begun against, to tell whether the ticket moved on meanwhile.
public struct ReplyBase: Codable, Sendable, Equatable {
    public var version: Int
    public var messageCount: Int

    public init(version: Int, messageCount: Int) {
        self.version = version
        self.messageCount = messageCount
    }

    public init(_ ticket: Ticket) { self.init(version: ticket.version, messageCount: ticket.messageCount) }
}

/// A reply or note ready to be written, with the changes that record it.
public struct ReplyPlan: Sendable, Equatable {
    public var ticket: Int
    public var message: Message
    /// The message first, then (when anything changes) one ticket update: status, priority, tags.
    public var changes: [Change]
}

/// The one place that decides what sending a reply or note does to a ticket. Used by the console and
/// by `helpdesk ticket reply|note`.
///
/// - The body must contain something other than whitespace and no unfilled `{{placeholder}}`.
/// - Status: as `OnSend` says — an explicit status wins, then the template's, then `pending` after a
///   public reply to an open ticket; a note leaves the status alone.
/// - The template's priority and tags are applied in the same batch.
public enum ReplyPlanner {
    public static func plan(ticket number: Int, kind: MessageKind, body: String, author: String, at: Date,
                            actions: TemplateActions = TemplateActions(), status: TicketStatus? = nil,
                            state: HelpdeskState) throws -> ReplyPlan {
        guard let t = state.tickets[number] else { throw ReplyProblem.ticketNotFound(number) }
        guard t.status != .closed || kind == .note else { throw ReplyProblem.closed(number) }
        let text = normalised(body)
        guard !text.isEmpty else { throw ReplyProblem.empty }
        let unfilled = Placeholders.unfilled(in: text)
        if !unfilled.isEmpty { throw ReplyProblem.unfilled(unfilled) }
        let message = Message(kind: kind, author: author, body: text, at: at)
        var changes: [Change] = [.messageAdded(number: number, message: message)]
        let target = OnSend(kind: kind, current: t.status, actions: actions, chosen: status).statusChange
        let tags = actions.addTags.isEmpty ? nil : HelpdeskState.normalised(tags: t.tags + actions.addTags)
        let patch = TicketPatch.diff(t, status: target, priority: actions.priority, tags: tags)
        if !patch.isEmpty { changes.append(.ticketUpdated(number: number, base: t.version, patch: patch)) }
        return ReplyPlan(ticket: number, message: message, changes: changes)
    }

    /// The text as it will be stored and sent: trailing whitespace trimmed from the end of the body,
    /// Windows line ends made plain.
    public static func normalised(_ body: String) -> String {
        var text = body.replacingOccurrences(of: "\r\n", with: "\n")
        while let last = text.last, last.isWhitespace { text.removeLast() }
        if text.allSatisfy(\.isWhitespace) { return "" }
        return text
    }

    /// What happened to the ticket since a draft was begun that the writer should see before sending:
    /// messages by the customer or by other agents. Empty when nothing that matters changed.
    /// - Parameter ticket: the ticket with its thread loaded.
    public static func changesSince(_ base: ReplyBase, ticket: Ticket, me: String, state: HelpdeskState) -> [String] {
        guard ticket.messageCount > base.messageCount else { return [] }
        let fresh = ticket.threadLoaded ? Array(ticket.messages.dropFirst(base.messageCount)) : []
        var lines: [String] = []
        for m in fresh where m.author != me {
            let first = m.body.split(separator: "\n").first.map(String.init) ?? ""
            let snippet = first.count > 60 ? String(first.prefix(59)) + "…" : first
            switch m.kind {
            case .customer:
                let who = state.customers[m.author]?.greetingName ?? m.author
                lines.append("\(who) wrote: \(snippet)")
            case .reply: lines.append("\(state.agentName(m.author)) replied: \(snippet)")
            case .note: lines.append("\(state.agentName(m.author)) added a note: \(snippet)")
            }
        }
        if lines.isEmpty && !ticket.threadLoaded {
            lines.append("\(ticket.messageCount - base.messageCount) new message(s) on #\(ticket.number)")
        }
        return lines
    }
}
