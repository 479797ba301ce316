import Foundation

/// The personal first line of a reply, from the customer *and the ticket being answered*: an apology
/// when this ticket went wrong, an acknowledgement when the customer complains, a thank-you when they
/// are at risk, and only when nothing is wrong a warm "good to hear from you again", an occasion, or a
/// word about their usual order — never a claim about an order we know nothing about.
///
/// The one source of the line for the customer card, the customers screen, `customer show` and the
/// compose screen's Ctrl-O, so they never disagree.
public enum OpeningLine {
    /// Why the line says what it says, first match wins (the order is the order of the cases).
    public enum Reason: Sendable, Equatable {
        /// A promise on this ticket was missed, or is open and overdue.
        case missedPromise
        /// This ticket missed an SLA target.
        case breachedSLA
        /// This ticket was rated 2 or less.
        case lowRating
        /// The ticket's subject or tags complain (wrong, broken, late, missing, refund …).
        case complaint
        /// The customer is at risk for what happened on other tickets (or contacts us very often).
        case atRisk([RiskReason])
        case birthday
        case anniversary(years: Int)
        /// No other ticket from them: a first contact.
        case firstContact
        /// A regular with nothing wrong.
        case regular

        /// Whether the line is glad rather than sorry: only then may it speak of the usual order.
        public var isCheerful: Bool {
            switch self {
            case .birthday, .anniversary, .firstContact, .regular: true
            case .missedPromise, .breachedSLA, .lowRating, .complaint, .atRisk: false
            }
        }
    }

    /// The ticket the line is about: `currentTicket` when given and known, else the customer's latest
    /// open ticket (newest created, then highest number), else none — then the line speaks of the
    /// customer only. The customers screen and `customer show` have no current ticket and so speak of
    /// that latest open ticket, which is the one an agent answering them would most likely be on.
    public static func ticket(for profile: CustomerProfile, currentTicket: Int?, state: HelpdeskState) -> Ticket? {
        if let n = currentTicket, let t = state.tickets[n] { return t }
        return profile.tickets.filter { $0.status.isOpen }
            .max { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }
    }

    /// Why the line for this customer and ticket says what it says.
    public static func reason(for profile: CustomerProfile, ticket: Ticket?, state: HelpdeskState, now: Date) -> Reason {
        if let t = ticket {
            let promises = state.promises(ofTicket: t.number)
            if promises.contains(where: { $0.state == .missed || $0.isOverdue(now: now) }) { return .missedPromise }
            if CustomerProfile.breachedSLA(t, state: state, now: now) { return .breachedSLA }
            if let s = t.satisfaction, s.score <= 2 { return .lowRating }
            if TicketTopic(ticket: t, usualOrder: profile.customer.usualOrder).isComplaint { return .complaint }
        }
        // Reasons about this ticket were weighed above; the rest are about earlier ones.
        let elsewhere = profile.risk.filter { ticket == nil || $0.ticket != ticket?.number }
        if !elsewhere.isEmpty { return .atRisk(elsewhere) }
        if profile.occasions.contains(where: { $0.kind == .birthday && $0.daysAway == 0 }) { return .birthday }
        for o in profile.occasions where o.daysAway == 0 {
            if case .anniversary(let years) = o.kind { return .anniversary(years: years) }
        }
        let others = profile.tickets.filter { $0.number != ticket?.number }.count
        return others == 0 ? .firstContact : .regular
    }

    /// The suggested opening line for a reply to this customer on `currentTicket` (see
    /// `ticket(for:currentTicket:state:)` for which ticket is meant without one) at `now`.
    public static func suggest(for profile: CustomerProfile, currentTicket: Int?, state: HelpdeskState, now: Date) -> String {
        let t = ticket(for: profile, currentTicket: currentTicket, state: state)
        let why = reason(for: profile, ticket: t, state: state, now: now)
        var line = text(why, name: profile.customer.greetingName)
        // The usual order only when this ticket is about it and nothing is wrong, and then only what
        // is true: that we are glad to help with it — never that it "is on its way".
        if why.isCheerful, let t, let usual = profile.customer.usualOrder?.trimmingCharacters(in: .whitespacesAndNewlines),
           !usual.isEmpty, TicketTopic(ticket: t, usualOrder: usual).isAboutUsualOrder {
            line += " Happy to help with your usual \(usual)."
        }
        return line
    }

    /// The words for each reason.
    public static func text(_ reason: Reason, name: String) -> String {
        switch reason {
        case .missedPromise: "Hi \(name) — I'm sorry we didn't come back to you when we said we would."
        case .breachedSLA: "Hi \(name) — I'm sorry you've been kept waiting."
        case .lowRating: "Hi \(name) — I'm sorry we let you down on this one."
        case .complaint: "Hi \(name) — I'm sorry to hear about this, and thank you for letting us know."
        case .atRisk(let reasons):
            if reasons.allSatisfy({ if case .frequentContact = $0 { true } else { false } }) {
                "Hi \(name) — I'm sorry you've had to get in touch so often lately."
            } else {
                "Hi \(name) — thank you for coming back to us, and I'm sorry we let you down last time."
            }
        case .birthday: "Happy birthday, \(name)!"
        case .anniversary(let years): "Hi \(name) — \(years) year\(years == 1 ? "" : "s") with us today, thank you!"
        case .firstContact: "Hi \(name) — thanks for getting in touch."
        case .regular: "Hi \(name) — good to hear from you again."
        }
    }
}
