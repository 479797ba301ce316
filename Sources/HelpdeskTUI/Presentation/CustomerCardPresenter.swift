import Foundation
import HelpdeskCore

/// The customer card: who they are and what we remember, as styled lines for any pane width.
///
/// Everything comes from `CustomerProfile`, which reads only this customer's tickets and promises
/// (the state's per-customer indexes), so drawing a card costs the same on a 100,000-ticket store.
struct CustomerCardPresenter {
    let state: HelpdeskState
    let theme: Theme
    let now: Date
    let localTime: LocalTime

    func profile(_ customerID: String) -> CustomerProfile? {
        CustomerProfile(state: state, customerID: customerID, now: now, timeZone: localTime.timeZone)
    }

    func lines(for customerID: String, currentTicket: Int? = nil) -> [StyledLine] {
        guard let p = profile(customerID) else {
            return [StyledLine("Unknown customer \(customerID)", style: theme[.warning])]
        }
        return lines(for: p, currentTicket: currentTicket)
    }

    func lines(for p: CustomerProfile, currentTicket: Int? = nil) -> [StyledLine] {
        let c = p.customer
        let label = theme[.customerLabel], value = theme[.customerValue]
        func row(_ name: String, _ text: String, _ style: Style? = nil) -> StyledLine {
            StyledLine([Span(name + " ", style: label), Span(text, style: style ?? value)])
        }
        var out: [StyledLine] = []
        var head = [Span(c.greetingName, style: theme[.customerName])]
        if c.greetingName != c.name { head.append(Span(" (\(c.name))", style: value)) }
        if c.vip { head.append(Span(" ★ VIP", style: theme[.vip])) }
        out.append(StyledLine(head))
        if p.isAtRisk {
            out.append(StyledLine([Span("At risk ", style: theme[.warning].bold()),
                                   Span(p.risk.map(\.summary).joined(separator: " · "), style: theme[.warning])]))
        }
        if let o = c.organisation, !o.isEmpty { out.append(row("Org", o)) }
        out.append(row("Usual", c.usualOrder.flatMap { $0.isEmpty ? nil : $0 } ?? "not known yet — ask! (u)",
                       c.usualOrder == nil ? theme[.textDim] : nil))
        for pref in c.preferences {
            let stale = now.timeIntervalSince(pref.confirmedAt) > 180 * 86_400
            var spans = [Span("Prefers ", style: label), Span("\(pref.key): \(pref.value)", style: value)]
            if stale { spans.append(Span(" (still right?)", style: theme[.warning])) }
            out.append(StyledLine(spans))
        }
        for promise in p.openPromises {
            let due = promise.due < now ? "overdue \(Durations.short(now.timeIntervalSince(promise.due)))"
                : "due \(localTime.compact(promise.due, now: now))"
            out.append(row("Promise", "\(promise.text) — \(due) (#\(promise.ticket), \(promise.owner))", theme[.promiseDue]))
        }
        let count = p.tickets.count
        out.append(row("Since", "\(localTime.date(c.customerSince)) · \(count) ticket\(count == 1 ? "" : "s")"
                       + " · \(p.visits) visit\(p.visits == 1 ? "" : "s")"))
        if let last = p.lastContact {
            let ago = now.timeIntervalSince(last)
            out.append(row("Contact", "last \(localTime.compact(last, now: now))" + (ago >= 60 ? " (\(Durations.short(ago)) ago)" : "")))
        }
        for o in p.occasions { out.append(row("Occasion", o.summary, theme[.vip])) }
        out.append(row("Say", "“\(OpeningLine.suggest(for: p, currentTicket: currentTicket, state: state, now: now))”", theme[.textDim]))
        if let n = c.notes, !n.isEmpty { out.append(row("Notes", n)) }
        if !c.emails.isEmpty { out.append(row("Email", c.emails.joined(separator: ", "), theme[.textDim])) }
        if !c.phones.isEmpty { out.append(row("Phone", c.phones.joined(separator: ", "), theme[.textDim])) }
        if let last = p.tickets.first(where: { $0.number != currentTicket }) {
            var text = "#\(last.number) \(last.subject) (\(last.status.label))"
            if let s = last.satisfaction { text += " rated \(s.shortText)" }
            out.append(row("Last", text, theme[.textDim]))
        }
        return out
    }
}
