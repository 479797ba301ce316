import Foundation
import HelpdeskCore

/// What a send did.
public enum SendOutcome: Sendable, Equatable {
    /// Recorded in the thread (and, for a public reply, put in the outbox).
    case sent(events: [Event])
    /// This send id had already gone through (a retry after a failure or a crash): nothing was repeated.
    case alreadySent
}

/// Why a send stopped after the reply was recorded.
public struct OutboxCommitError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String {
        "the reply is recorded in the thread, but its mail could not be moved into outbox/new (\(reason)); it is kept in outbox/tmp"
    }
}

/// The one way a reply or note is sent, by the console and by `helpdesk ticket reply|note`:
///
/// 1. A send whose id is already in the outbox, or whose exact text this agent already added to the
///    thread after the draft began, is not repeated (a retry after a time-out or a crash).
/// 2. A public reply's mail is written to `outbox/tmp` first: if the outbox cannot be written, nothing
///    is recorded and the draft stays.
/// 3. The plan's changes are appended to the log (durable, all or nothing); if that is refused, the
///    staged mail is dropped.
/// 4. The mail moves to `outbox/new`, and the draft is removed.
public struct ReplySender {
    public let store: Store & ReplyStorage

    public init(store: Store & ReplyStorage) { self.store = store }

    /// Plans and sends a reply or note: the whole path from text to thread and outbox.
    @discardableResult
    public func send(ticket number: Int, kind: MessageKind, body: String, author: String, at: Date,
                     actions: TemplateActions = TemplateActions(), status: TicketStatus? = nil,
                     sendID: String, base: ReplyBase?) throws -> SendOutcome {
        let state = store.state
        let plan = try ReplyPlanner.plan(ticket: number, kind: kind, body: body, author: author, at: at,
                                         actions: actions, status: status, state: state)
        var mail: OutgoingMail?
        if kind == .reply, let t = state.tickets[number] {
            mail = try OutgoingMail(sendID: sendID, ticket: t, customer: state.customers[t.requester],
                                    agent: state.agents[author], settings: state.settings,
                                    body: plan.message.body, date: at,
                                    parentMessageID: state.mail.lastCustomerMessageID[number],
                                    replyTo: t.channel == .email ? store.replyAddress(ticket: number) : nil)
        }
        return try send(plan, mail: mail, sendID: sendID, base: base)
    }

    /// Sends `plan`. `mail` is required for a public reply; `base` (when the text came from a draft)
    /// lets a retry be recognised in the thread.
    public func send(_ plan: ReplyPlan, mail: OutgoingMail?, sendID: String, base: ReplyBase?) throws -> SendOutcome {
        let outbox = store.outbox
        if plan.message.kind == .reply, outbox.contains(sendID) {
            try store.drafts.remove(agent: plan.message.author, ticket: plan.ticket)
            return .alreadySent
        }
        if let base, try alreadyInThread(plan, since: base) {
            // Recorded before, but the process stopped before the mail was committed: finish that.
            if plan.message.kind == .reply, let mail {
                let staged = outbox.isStaged(sendID) ? Outbox.Staged(sendID: sendID) : try outbox.stage(mail)
                try outbox.commit(staged)
            }
            try store.drafts.remove(agent: plan.message.author, ticket: plan.ticket)
            return .alreadySent
        }
        var staged: Outbox.Staged?
        if plan.message.kind == .reply {
            guard let mail else { throw ReplyProblem.noEmail(plan.ticket) }
            staged = try outbox.stage(mail)
        }
        let events: [Event]
        // The reply's Message-ID goes into the index with it, so the customer's answer threads.
        let sent: [Change] = plan.message.kind == .reply
            ? (mail.map { [.mailSent(MailSent(ticket: plan.ticket, messageID: String($0.messageID.dropFirst().dropLast())))] } ?? []) : []
        do {
            events = try store.append(plan.changes + sent)
        } catch {
            if let staged { outbox.discard(staged) }
            throw error
        }
        if let staged {
            do {
                try outbox.commit(staged)
            } catch {
                throw OutboxCommitError(reason: "\(error)")
            }
        }
        try? store.drafts.remove(agent: plan.message.author, ticket: plan.ticket)
        return .sent(events: events)
    }

    private func alreadyInThread(_ plan: ReplyPlan, since base: ReplyBase) throws -> Bool {
        guard let summary = store.state.tickets[plan.ticket], summary.messageCount > base.messageCount else { return false }
        let t = try store.ticket(plan.ticket)
        return t.messages.dropFirst(base.messageCount).contains {
            $0.author == plan.message.author && $0.kind == plan.message.kind && $0.body == plan.message.body
        }
    }
}
