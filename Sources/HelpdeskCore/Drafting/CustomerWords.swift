import Foundation

/// What happens when a customer's words arrive on an existing ticket (a call or a visit an agent writes
/// down, a mail): the message, and the reopen rule — a pending or on-hold ticket becomes open, a solved one
/// reopens, and a closed one stays closed: the words start a new ticket linked to it.
public enum CustomerWords {
    /// Where the words go.
    public enum Target: Equatable, Sendable {
        /// Onto the ticket, then setting this status when it changes (nil: the status stays).
        case ticket(Int, reopenAs: TicketStatus?)
        /// The ticket is closed: a new ticket, linked to it.
        case newTicket(linkedTo: Int)
    }

    /// The status a customer's message moves `t` to — the one rule for words logged by an agent and for
    /// mail (`MailPlanner`). Automatic mail (an out-of-office, a bounce) never moves a ticket.
    public static func target(for t: Ticket, automatic: Bool = false) -> Target {
        switch t.status {
        case .closed: return .newTicket(linkedTo: t.number)
        case .pending, .onHold, .solved: return .ticket(t.number, reopenAs: automatic ? nil : .open)
        case .new, .open: return .ticket(t.number, reopenAs: nil)
        }
    }

    /// The changes that record `body` on ticket `number` as the customer's, written down by `agent` when
    /// it came `via` a channel other than mail. Throws when the text is empty or the ticket is unknown.
    /// For a closed ticket this is the new ticket only: its number is the store's to allocate, so the caller
    /// links the two once it is known (`HelpdeskState.link`).
    public static func changes(state: HelpdeskState, ticket number: Int, body: String, via: Channel?, agent: String?,
                               at: Date) throws -> [Change] {
        guard let t = state.tickets[number] else { throw ChangeError.ticketNotFound(number) }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ChangeError.invalid("there is nothing to record: the customer's words are empty") }
        let ticket = t.mergedInto.flatMap { state.tickets[$0] } ?? t
        let message = Message(kind: .customer, author: ticket.requester, body: text, at: at, via: via, loggedBy: agent)
        switch target(for: ticket) {
        case .ticket(let n, let reopen):
            var out: [Change] = [.messageAdded(number: n, message: message)]
            if let reopen {
                out.append(.ticketUpdated(number: n, base: ticket.version + 1, patch: TicketPatch.diff(ticket, status: reopen)))
            }
            return out
        case .newTicket(let old):
            _ = old
            return [.ticketCreated(NewTicket(subject: ticket.subject, priority: ticket.priority, tags: ticket.tags,
                                             requester: ticket.requester, channel: via ?? ticket.channel, message: message))]
        }
    }
}
