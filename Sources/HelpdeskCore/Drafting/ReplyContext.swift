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
        openingLine = CustomerProfile(state: state, customerID: ticket.requester, now: now, timeZone: localTime.timeZone)
            .map { OpeningLine.suggest(for: $0, currentTicket: ticket.number, state: state, now: now) }
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
            // The same name the customer card greets them by, so a template never says "there"
            // while the card above it says "Freya".
            v["customer.preferredName"] = c.greetingName
            v["customer.greeting"] = c.greetingName
            v["customer.firstName"] = c.firstName
            if let o = c.usualOrder, !o.isEmpty { v["customer.usualOrder"] = o }
            for p in c.preferences where !p.value.isEmpty { v["customer.preference." + p.key] = p.value }
        }
        if let a = agent {
            v["agent.name"] = a.displayName
            if let s = a.signature, !s.isEmpty { v["agent.signature"] = s }
        }
        // Only this ticket's promises: another ticket's time would tell the customer something untrue.
        if let next = promisesOnTicket.min(by: { $0.due < $1.due }) {
            v["promise.due"] = localTime.spoken(next.due)
        }
        return v
    }

    /// The open promises made on this ticket (the customer's others belong to their own tickets).
    public var promisesOnTicket: [CustomerPromise] {
        openPromises.filter { $0.ticket == ticket.number }
    }

    /// Whether a template speaks of a promise time this ticket does not have: then the time must come
    /// from the agent, never from another ticket or a fallback.
    public func needsPromiseTime(_ body: String) -> Bool {
        promisesOnTicket.isEmpty && Placeholders.tokens(in: body).contains { $0.name == "promise.due" }
    }

    /// Fills a template body for this reply; `promiseDue` is the time the agent just gave for `{{promise.due}}`.
    public func render(_ body: String, promiseDue: Date? = nil) -> RenderedTemplate {
        var v = values
        if let due = promiseDue { v["promise.due"] = localTime.spoken(due) }
        return Placeholders.render(body, values: v)
    }

}
