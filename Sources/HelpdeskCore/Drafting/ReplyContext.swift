import Foundation

/// Everything a reply is written against: the ticket, its customer, the agent and the time. Gives the
/// placeholder values of templates and the customer facts shown above the editor.
public struct ReplyContext: Sendable {
    public var ticket: Ticket
    public var customer: Customer?
    public var agent: Agent?
    public var openPromises: [CustomerPromise]
    public var previousTickets: Int
    public var now: Date
    public var localTime: LocalTime
    /// The personal first line suggested for this customer (the card's suggestion), if the customer is known.
    public var openingLine: String?

    public init(state: HelpdeskState, ticket: Ticket, agent login: String, now: Date) {
        self.ticket = ticket
        customer = state.customers[ticket.requester]
        agent = state.agents[login]
        openPromises = customer.map { state.openPromises(ofCustomer: $0.id) } ?? []
        previousTickets = max(0, (state.ticketsByCustomer[ticket.requester]?.count ?? 1) - 1)
        self.now = now
        localTime = LocalTime(identifier: state.settings.timeZone)
        openingLine = CustomerProfile(state: state, customerID: ticket.requester, now: now,
                                      timeZone: localTime.timeZone)?.openingLine(currentTicket: ticket.number)
    }

    /// The value of every placeholder that has one here (missing ones are absent, not empty).
    public var values: [String: String] {
        var v: [String: String] = [
            "ticket.number": String(ticket.number),
            "ticket.subject": ticket.subject,
            "today": localTime.date(now),
        ]
        if let c = customer {
            v["customer.name"] = c.name
            if let p = c.preferredName, !p.isEmpty { v["customer.preferredName"] = p }
            if let o = c.usualOrder, !o.isEmpty { v["customer.usualOrder"] = o }
            for p in c.preferences where !p.value.isEmpty { v["customer.preference." + p.key] = p.value }
        }
        if let a = agent {
            v["agent.name"] = a.displayName
            if let s = a.signature, !s.isEmpty { v["agent.signature"] = s }
        }
        let onTicket = openPromises.filter { $0.ticket == ticket.number }
        if let next = (onTicket.isEmpty ? openPromises : onTicket).min(by: { $0.due < $1.due }) {
            v["promise.due"] = localTime.dateTime(next.due)
        }
        return v
    }

    /// Fills a template body for this reply.
    public func render(_ body: String) -> RenderedTemplate {
        Placeholders.render(body, values: values)
    }

}
