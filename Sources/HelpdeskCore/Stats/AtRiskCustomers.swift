import Foundation

/// The customers at risk among those whose tickets a period touched, with what to act on: each reason,
/// the ticket it is about and who owns that ticket now. The stats screen's "Customers at risk" tile and
/// the report's list are this one function, so they agree.
public enum AtRiskCustomers {
    /// One customer at risk.
    public struct Entry: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        /// One phrase per reason (`RiskReason.summary`).
        public var reasons: [String]
        /// The ticket to act on: the one the first ticket-bound reason is about, else their latest.
        public var ticket: Int?
        /// That ticket's assignee now (nil: nobody).
        public var owner: String?

        public init(id: String, name: String, reasons: [String], ticket: Int? = nil, owner: String? = nil) {
            self.id = id
            self.name = name
            self.reasons = reasons
            self.ticket = ticket
            self.owner = owner
        }
    }

    /// Customers of `tickets` at risk at `now`, most reasons first (then by name, then id): the more
    /// rules a customer trips, the likelier they are to leave.
    public static func compute<S: Sequence>(_ state: HelpdeskState, tickets: S, now: Date,
                                            timeZone: TimeZone) -> [Entry] where S.Element == Int {
        var ids = Set<String>()
        for n in tickets {
            if let t = state.tickets[n], let c = state.customer(matching: t.requester) { ids.insert(c.id) }
        }
        let entries = ids.compactMap { id -> Entry? in
            guard let profile = CustomerProfile(state: state, customerID: id, now: now, timeZone: timeZone),
                  profile.isAtRisk else { return nil }
            let ticket = profile.risk.compactMap(\.ticket).first ?? profile.tickets.first?.number
            return Entry(id: profile.customer.id, name: profile.customer.name, reasons: profile.risk.map(\.summary),
                         ticket: ticket, owner: ticket.flatMap { state.tickets[$0]?.assignee })
        }
        return entries.sorted { a, b in
            if a.reasons.count != b.reasons.count { return a.reasons.count > b.reasons.count }
            return (a.name, a.id) < (b.name, b.id)
        }
    }
}
