import Foundation
import HelpdeskCore

/// The customer card: who they are and what we remember, as styled lines for any pane width.
struct CustomerCardPresenter {
    let state: HelpdeskState
    let theme: Theme
    let now: Date
    let localTime: LocalTime

    func lines(for customerID: String, currentTicket: Int? = nil) -> [StyledLine] {
        guard let c = state.customers[customerID] else {
            return [StyledLine("Unknown customer \(customerID)", style: theme[.warning])]
        }
        let label = theme[.customerLabel], value = theme[.customerValue]
        func row(_ name: String, _ text: String, _ style: Style? = nil) -> StyledLine {
            StyledLine([Span(name + " ", style: label), Span(text, style: style ?? value)])
        }
        var out: [StyledLine] = []
        var head = [Span(c.greetingName, style: theme[.customerName])]
        if c.greetingName != c.name { head.append(Span(" (\(c.name))", style: value)) }
        if c.vip { head.append(Span(" ★ VIP", style: theme[.vip])) }
        out.append(StyledLine(head))
        if let o = c.organisation, !o.isEmpty { out.append(row("Org", o)) }
        out.append(row("Usual", c.usualOrder.flatMap { $0.isEmpty ? nil : $0 } ?? "not known yet — ask!",
                       c.usualOrder == nil ? theme[.textDim] : nil))
        let tickets = state.tickets(ofCustomer: c.id)
        let past = tickets.filter { $0.number != currentTicket }
        var loyalty = "since \(localTime.date(c.customerSince)) · \(past.count) past ticket\(past.count == 1 ? "" : "s")"
        if let last = past.first { loyalty += " · last \(localTime.date(last.createdAt))" }
        out.append(row("Loyal", loyalty))
        for p in c.preferences {
            let stale = now.timeIntervalSince(p.confirmedAt) > 180 * 86_400
            var spans = [Span("Prefers ", style: label), Span("\(p.key): \(p.value)", style: value)]
            if stale { spans.append(Span(" (still right?)", style: theme[.warning])) }
            out.append(StyledLine(spans))
        }
        for p in state.openPromises(ofCustomer: c.id) {
            let due = p.due < now ? "overdue \(Durations.short(now.timeIntervalSince(p.due)))"
                : "due \(localTime.compact(p.due, now: now))"
            out.append(row("Promise", "\(p.text) — \(due) (#\(p.ticket), \(p.owner))", theme[.promiseDue]))
        }
        if let n = c.notes, !n.isEmpty { out.append(row("Notes", n)) }
        if !c.emails.isEmpty { out.append(row("Email", c.emails.joined(separator: ", "), theme[.textDim])) }
        if !c.phones.isEmpty { out.append(row("Phone", c.phones.joined(separator: ", "), theme[.textDim])) }
        if let last = past.first {
            out.append(row("Last", "#\(last.number) \(last.subject) (\(last.status.label))", theme[.textDim]))
        }
        return out
    }
}
