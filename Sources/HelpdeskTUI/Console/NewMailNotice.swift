import Foundation
import HelpdeskCore

/// The status-line notice when mail arrives from outside while the console is open: a new ticket an
/// agent should see (unassigned, or theirs), or a customer's answer on one of their tickets.
enum NewMailNotice {
    static func text(for events: [Event], state: HelpdeskState, me: String) -> String? {
        var newTickets: [Ticket] = [], answers: [Ticket] = []
        for e in events {
            guard case .mailReceived(let entry) = e.change, let t = state.tickets[entry.ticket], entry.automatic == nil else { continue }
            // The mail channel's batch: the ticket was created by this very batch, or it already existed.
            let created = events.contains { if case .ticketCreated(let n) = $0.change { n.number == t.number } else { false } }
            if created, t.assignee == nil || t.assignee == me { newTickets.append(t) }
            else if !created, t.assignee == me { answers.append(t) }
        }
        func who(_ t: Ticket) -> String { Sanitizer.sanitize(state.customers[t.requester]?.greetingName ?? t.requester) }
        if newTickets.count == 1, let t = newTickets.first {
            return "New mail: #\(t.number) from \(who(t)) — \(Sanitizer.sanitize(t.subject))"
        }
        if newTickets.count > 1 { return "New mail: \(newTickets.count) new tickets (" + newTickets.map { "#\($0.number)" }.joined(separator: ", ") + ")" }
        if answers.count == 1, let t = answers.first { return "\(who(t)) answered on #\(t.number) — \(Sanitizer.sanitize(t.subject))" }
        if answers.count > 1 { return "Customers answered on " + answers.map { "#\($0.number)" }.joined(separator: ", ") }
        return nil
    }
}
