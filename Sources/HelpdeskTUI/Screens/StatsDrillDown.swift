import Foundation
import HelpdeskCore

/// What Enter on a stats tile lists. Each kind of number has its own rows, so a row shows the value
/// behind the count (the promise and how overdue it is, the missed target and its moment, the rating)
/// and the owner at that time, not only a ticket number.
enum StatsDrill {
    /// Tickets, with their status and owner now.
    case tickets([Int])
    /// Promise ids: the promise text, due / overdue time, and the agent who made it.
    case promises([Int])
    /// Tickets with SLA misses: each miss in `period` (nil: every miss) with target, moment and owner then.
    case misses([Int], period: StatsPeriod?)
    /// Rated tickets: the score and comment, and who gave the last reply before the rating.
    case ratings([Int])
    /// Customers at risk, with the reasons, the ticket to act on and its owner.
    case customers([AtRiskCustomers.Entry])
}

/// One row of a drill-down list, and the ticket that choosing it opens.
struct StatsDrillRow {
    var label: String
    var detail: String
    var ticket: Int?
}

/// Turns a `StatsDrill` into rows for the picker. Customer text goes into the picker as is: the cell
/// buffer neutralises every string drawn.
enum StatsDrillDown {
    static func rows(_ drill: StatsDrill, state: HelpdeskState, activity: ReplyActivity, now: Date,
                     localTime lt: LocalTime) -> [StatsDrillRow] {
        func owner(_ login: String?) -> String {
            guard let login else { return "nobody" }
            let name = state.agentName(login)
            return name.isEmpty ? login : name
        }
        func subject(_ n: Int) -> String { "#\(n) \(state.tickets[n]?.subject ?? "")" }
        switch drill {
        case .tickets(let numbers):
            return numbers.map { n in
                let t = state.tickets[n]
                return StatsDrillRow(label: subject(n), detail: t.map { "\($0.status.label) · \(owner($0.assignee))" } ?? "", ticket: n)
            }
        case .promises(let ids):
            return ids.compactMap { state.promises[$0] }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }.map { p in
                let when: String
                if p.isOverdue(now: now) {
                    when = "overdue \(Durations.short(now.timeIntervalSince(p.due)))"
                } else {
                    switch p.state {
                    case .kept: when = "kept (due \(lt.dateTime(p.due)))"
                    case .missed: when = "missed (due \(lt.dateTime(p.due)))"
                    case .open: when = "due \(lt.dateTime(p.due))"
                    }
                }
                return StatsDrillRow(label: "#\(p.ticket) “\(p.text)”", detail: "\(when) · \(owner(p.owner))", ticket: p.ticket)
            }
        case .misses(let numbers, let period):
            var out: [(at: Date, row: StatsDrillRow)] = []
            for n in numbers {
                guard let t = state.tickets[n] else { continue }
                let end = period.map { min(now, $0.end) } ?? now
                for miss in state.slaMisses(of: t, now: end) where period?.contains(miss.at) ?? true {
                    let target = miss.isLegacy ? miss.kind.label : "\(miss.kind.label) (\(Durations.short(miss.target)))"
                    let detail = miss.isLegacy ? "\(target) missed · owner then not known"
                        : "\(target) missed \(lt.dateTime(miss.at)) · owner then \(owner(miss.assignee))"
                    out.append((miss.at, StatsDrillRow(label: subject(n), detail: detail, ticket: n)))
                }
            }
            return out.sorted { ($0.at, $0.row.ticket ?? 0) > ($1.at, $1.row.ticket ?? 0) }.map(\.row)
        case .ratings(let numbers):
            var lastReply: [Int: String] = [:]
            let wanted = Set(numbers)
            for r in activity.replies where wanted.contains(r.ticket) {
                if let s = state.tickets[r.ticket]?.satisfaction, r.at <= s.at { lastReply[r.ticket] = r.author }
            }
            return numbers.compactMap { n -> StatsDrillRow? in
                guard let t = state.tickets[n], let s = t.satisfaction else { return nil }
                let comment = s.comment.map { " “\($0)”" } ?? ""
                let who = s.isCustomers ? "replied by \(owner(lastReply[n] ?? t.assignee))" : "entered by \(owner(s.reportedBy))"
                return StatsDrillRow(label: subject(n), detail: "\(s.score)/5\(comment) · \(who)", ticket: n)
            }
        case .customers(let entries):
            return entries.map { c in
                let about = c.ticket.map { " · #\($0) \(owner(c.owner))" } ?? ""
                return StatsDrillRow(label: c.name, detail: c.reasons.joined(separator: "; ") + about, ticket: c.ticket)
            }
        }
    }
}
