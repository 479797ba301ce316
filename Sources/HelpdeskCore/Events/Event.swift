import Foundation

/// One change to the helpdesk, as recorded in the log. Ticket history, the audit trail and
/// statistics are all derived from events.
public struct Event: Sendable, Equatable {
    /// Position in the log, assigned by the store when the event is appended (0 before).
    public var seq: Int
    public var at: Date
    /// The agent login (or `system`, `import`) that made the change.
    public var actor: String
    public var change: Change

    public init(seq: Int = 0, at: Date, actor: String, change: Change) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.change = change
    }

    /// The ticket this event concerns, if any.
    public var ticketNumber: Int? { change.ticketNumber }
}

/// What changed. Changes to a ticket's or customer's fields carry the version they were based on,
/// so a stale change is refused instead of silently overwriting someone else's.
public enum Change: Sendable, Equatable {
    case ticketCreated(NewTicket)
    case ticketUpdated(number: Int, base: Int, patch: TicketPatch)
    /// Appending to a thread never conflicts with another append.
    case messageAdded(number: Int, message: Message)
    case ticketRated(number: Int, satisfaction: Satisfaction)
    case customerCreated(Customer)
    case customerUpdated(id: String, base: Int, patch: CustomerPatch)
    /// A duplicate customer folded into another: tickets, contacts and history move to `into`.
    case customerMerged(from: String, into: String)
    case agentSaved(Agent)
    case promiseMade(CustomerPromise)
    case promiseResolved(id: Int, state: PromiseState)
    case templateSaved(Template)
    case templateRemoved(name: String)
    case settingsChanged(Settings)
    /// An SLA target of a ticket was missed (recorded once per target; see `SLAState.breachKey`).
    case slaBreached(number: Int, target: SLATargetKind, since: Date)
    /// An agent saved (or replaced) a personal view.
    case viewSaved(SavedView)
    case viewRemoved(owner: String, name: String)
    /// A customer's mail filed on a ticket (its text is the `messageAdded` in the same batch).
    case mailReceived(MailEntry)
    /// A reply went out by mail with this Message-ID (so the answer to it threads).
    case mailSent(MailSent)

    /// The `type` written in the log.
    public var typeName: String {
        switch self {
        case .ticketCreated: "ticket.created"
        case .ticketUpdated: "ticket.updated"
        case .messageAdded: "message.added"
        case .ticketRated: "ticket.rated"
        case .customerCreated: "customer.created"
        case .customerUpdated: "customer.updated"
        case .customerMerged: "customer.merged"
        case .agentSaved: "agent.saved"
        case .promiseMade: "promise.made"
        case .promiseResolved: "promise.resolved"
        case .templateSaved: "template.saved"
        case .templateRemoved: "template.removed"
        case .settingsChanged: "settings.changed"
        case .slaBreached: "sla.breached"
        case .viewSaved: "view.saved"
        case .viewRemoved: "view.removed"
        case .mailReceived: "mail.received"
        case .mailSent: "mail.sent"
        }
    }

    public var ticketNumber: Int? {
        switch self {
        case .ticketCreated(let t): t.number
        case .ticketUpdated(let n, _, _), .messageAdded(let n, _), .ticketRated(let n, _): n
        case .promiseMade(let p): p.ticket
        case .slaBreached(let n, _, _): n
        case .mailReceived(let e): e.ticket
        case .mailSent(let s): s.ticket
        default: nil
        }
    }

    public var customerID: String? {
        switch self {
        case .customerCreated(let c): c.id
        case .customerUpdated(let id, _, _): id
        case .customerMerged(_, let into): into
        case .ticketCreated(let t): t.requester
        default: nil
        }
    }
}

extension Event: Codable {
    enum CodingKeys: String, CodingKey {
        case seq, at, actor, type
        case ticket, number, base, changes, message, satisfaction, customer, id, agent, promise, state,
             template, name, settings, target, since, view, owner, from, into, mail
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(at, forKey: .at)
        try c.encode(actor, forKey: .actor)
        try c.encode(change.typeName, forKey: .type)
        switch change {
        case .ticketCreated(let t):
            try c.encode(t, forKey: .ticket)
        case .ticketUpdated(let n, let base, let patch):
            try c.encode(n, forKey: .number)
            try c.encode(base, forKey: .base)
            try c.encode(patch, forKey: .changes)
        case .messageAdded(let n, let m):
            try c.encode(n, forKey: .number)
            try c.encode(m, forKey: .message)
        case .ticketRated(let n, let s):
            try c.encode(n, forKey: .number)
            try c.encode(s, forKey: .satisfaction)
        case .customerCreated(let cu):
            try c.encode(cu, forKey: .customer)
        case .customerUpdated(let id, let base, let patch):
            try c.encode(id, forKey: .id)
            try c.encode(base, forKey: .base)
            try c.encode(patch, forKey: .changes)
        case .customerMerged(let from, let into):
            try c.encode(from, forKey: .from)
            try c.encode(into, forKey: .into)
        case .agentSaved(let a):
            try c.encode(a, forKey: .agent)
        case .promiseMade(let p):
            try c.encode(p, forKey: .promise)
        case .promiseResolved(let id, let state):
            try c.encode(id, forKey: .id)
            try c.encode(state, forKey: .state)
        case .templateSaved(let t):
            try c.encode(t, forKey: .template)
        case .templateRemoved(let name):
            try c.encode(name, forKey: .name)
        case .settingsChanged(let s):
            try c.encode(s, forKey: .settings)
        case .slaBreached(let n, let target, let since):
            try c.encode(n, forKey: .number)
            try c.encode(target, forKey: .target)
            try c.encode(since, forKey: .since)
        case .viewSaved(let v):
            try c.encode(v, forKey: .view)
        case .viewRemoved(let owner, let name):
            try c.encode(owner, forKey: .owner)
            try c.encode(name, forKey: .name)
        case .mailReceived(let e):
            try c.encode(e, forKey: .mail)
        case .mailSent(let m):
            try c.encode(m, forKey: .mail)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decode(Int.self, forKey: .seq)
        at = try c.decode(Date.self, forKey: .at)
        actor = try c.decode(String.self, forKey: .actor)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "ticket.created":
            change = .ticketCreated(try c.decode(NewTicket.self, forKey: .ticket))
        case "ticket.updated":
            change = .ticketUpdated(number: try c.decode(Int.self, forKey: .number),
                                    base: try c.decode(Int.self, forKey: .base),
                                    patch: try c.decode(TicketPatch.self, forKey: .changes))
        case "message.added":
            change = .messageAdded(number: try c.decode(Int.self, forKey: .number),
                                   message: try c.decode(Message.self, forKey: .message))
        case "ticket.rated":
            change = .ticketRated(number: try c.decode(Int.self, forKey: .number),
                                  satisfaction: try c.decode(Satisfaction.self, forKey: .satisfaction))
        case "customer.created":
            change = .customerCreated(try c.decode(Customer.self, forKey: .customer))
        case "customer.updated":
            change = .customerUpdated(id: try c.decode(String.self, forKey: .id),
                                      base: try c.decode(Int.self, forKey: .base),
                                      patch: try c.decode(CustomerPatch.self, forKey: .changes))
        case "customer.merged":
            change = .customerMerged(from: try c.decode(String.self, forKey: .from),
                                     into: try c.decode(String.self, forKey: .into))
        case "agent.saved":
            change = .agentSaved(try c.decode(Agent.self, forKey: .agent))
        case "promise.made":
            change = .promiseMade(try c.decode(CustomerPromise.self, forKey: .promise))
        case "promise.resolved":
            change = .promiseResolved(id: try c.decode(Int.self, forKey: .id),
                                      state: try c.decode(PromiseState.self, forKey: .state))
        case "template.saved":
            change = .templateSaved(try c.decode(Template.self, forKey: .template))
        case "template.removed":
            change = .templateRemoved(name: try c.decode(String.self, forKey: .name))
        case "settings.changed":
            change = .settingsChanged(try c.decode(Settings.self, forKey: .settings))
        case "sla.breached":
            change = .slaBreached(number: try c.decode(Int.self, forKey: .number),
                                  target: try c.decode(SLATargetKind.self, forKey: .target),
                                  since: try c.decode(Date.self, forKey: .since))
        case "view.saved":
            change = .viewSaved(try c.decode(SavedView.self, forKey: .view))
        case "view.removed":
            change = .viewRemoved(owner: try c.decode(String.self, forKey: .owner),
                                  name: try c.decode(String.self, forKey: .name))
        case "mail.received":
            change = .mailReceived(try c.decode(MailEntry.self, forKey: .mail))
        case "mail.sent":
            change = .mailSent(try c.decode(MailSent.self, forKey: .mail))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c,
                debugDescription: "unknown event type '\(type)' (written by a newer helpdesk?)")
        }
        // A record can be well-formed, correctly checksummed and still hold a number no writer would
        // have written (edited by hand): refuse it here rather than trap on it later.
        if let problem = rangeProblem {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: problem))
        }
    }
}
