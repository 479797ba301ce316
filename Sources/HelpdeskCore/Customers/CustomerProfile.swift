import Foundation

/// Everything the customer card and the customers screen show about one customer, worked out from
/// the state's per-customer indexes (their tickets and promises only — never a scan of every ticket).
public struct CustomerProfile: Sendable {
    public var customer: Customer
    /// Newest first.
    public var tickets: [Ticket]
    /// Tickets that came in through the counter (walk-in channel): how often they visit in person.
    public var visits: Int
    /// The last time they reached us: a ticket opened or a message from them.
    public var lastContact: Date?
    public var openPromises: [CustomerPromise]
    public var risk: [RiskReason]
    public var occasions: [CustomerOccasion]

    public var isAtRisk: Bool { !risk.isEmpty }

    public init?(state: HelpdeskState, customerID: String, now: Date, timeZone: TimeZone) {
        guard let c = state.customers[state.survivor(of: customerID)] else { return nil }
        customer = c
        tickets = state.tickets(ofCustomer: c.id)
        visits = tickets.reduce(0) { $0 + ($1.channel == .walkIn ? 1 : 0) }
        lastContact = tickets.map { max($0.createdAt, $0.lastCustomerMessageAt ?? $0.createdAt) }.max()
        let promises = tickets.flatMap { state.promises(ofTicket: $0.number) }
        openPromises = promises.filter { $0.state == .open }.sorted { $0.due < $1.due }
        let latest = tickets.max { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }
        risk = CustomerRisk.reasons(tickets: tickets, promises: promises, now: now,
                                    latestTicketBreachedSLA: latest.map { Self.breachedSLA($0, state: state, now: now) } ?? false)
        occasions = CustomerDates.occasions(of: c, now: now, timeZone: timeZone)
    }

    /// A breach recorded on the ticket, or a target running past due right now.
    static func breachedSLA(_ t: Ticket, state: HelpdeskState, now: Date) -> Bool {
        !state.slaMisses(of: t, now: now).isEmpty
    }
}
