import Foundation
import HelpdeskCore

/// One number on the stats screen and the tickets behind it (what Enter lists).
struct StatsTile {
    var label: String
    var value: String
    var detail: String
    var tickets: [Int]
    var alarm: Bool = false
    /// What Enter lists, when it is more than the tickets with their status (see `StatsDrill`).
    var drill: StatsDrill?

    /// The drill-down, defaulting to the tickets behind the number.
    var drillDown: StatsDrill { drill ?? .tickets(tickets) }
    /// Whether Enter has anything to list.
    var isEmpty: Bool {
        if case .customers(let c) = drillDown { return c.isEmpty }
        return tickets.isEmpty
    }

    /// The tiles for `s`, in screen order.
    static func tiles(_ s: LiveStats, state: HelpdeskState) -> [StatsTile] {
        let week = StatsPeriod.lastDays(7, now: s.at)
        func d(_ t: TimeInterval?) -> String { t.map { Durations.short($0) } ?? "–" }
        func dist(_ x: Distribution) -> String { "median \(d(x.median)) · p90 \(d(x.p90))" }
        func tickets(ofPromises ids: [Int]) -> [Int] {
            Array(Set(ids.compactMap { state.promises[$0]?.ticket })).sorted()
        }
        let statuses = TicketStatus.allCases.filter(\.isOpen).map { "\($0.label) \(s.backlogByStatus[$0.rawValue] ?? 0)" }
        let priorities = Priority.allCases.reversed().map { "\($0.rawValue) \(s.backlogByPriority[$0.rawValue] ?? 0)" }
        var out = [
            StatsTile(label: "Backlog", value: "\(s.backlog.count)",
                      detail: statuses.joined(separator: " · ") + "  |  " + priorities.joined(separator: " · "), tickets: s.backlog),
            StatsTile(label: "New today", value: "\(s.today.created.count)", detail: "", tickets: s.today.created),
            StatsTile(label: "Solved today", value: "\(s.today.solved.count)", detail: "", tickets: s.today.solved),
        ]
        if let o = s.oldestUnanswered {
            out.append(StatsTile(label: "Oldest unanswered", value: Durations.short(o.ageSeconds),
                                 detail: "#\(o.number) \(o.customer)", tickets: [o.number], alarm: o.ageSeconds > 86_400))
        } else {
            out.append(StatsTile(label: "Oldest unanswered", value: "–", detail: "every open ticket has a reply", tickets: []))
        }
        out += [
            StatsTile(label: "First reply today", value: d(s.today.firstReply.median),
                      detail: dist(s.today.firstReply) + " · \(s.today.firstReply.count) tickets", tickets: s.today.firstReplyTickets),
            StatsTile(label: "First reply 7 days", value: d(s.last7Days.firstReply.median),
                      detail: dist(s.last7Days.firstReply) + " · \(s.last7Days.firstReply.count) tickets", tickets: s.last7Days.firstReplyTickets),
            StatsTile(label: "Resolution 7 days", value: d(s.last7Days.resolution.median),
                      detail: "median of \(s.last7Days.resolution.count) solved", tickets: s.last7Days.solved),
            StatsTile(label: "SLA breached now", value: "\(s.slaBreached.count)", detail: "", tickets: s.slaBreached,
                      alarm: !s.slaBreached.isEmpty, drill: .misses(s.slaBreached, period: nil)),
            StatsTile(label: "SLA at risk (1 h)", value: "\(s.slaAtRisk.count)", detail: "", tickets: s.slaAtRisk),
            slaMet(s.last7Days.sla, period: week),
            StatsTile(label: "Promises due today", value: "\(s.today.promisesDue.count)", detail: "",
                      tickets: tickets(ofPromises: s.today.promisesDue), drill: .promises(s.today.promisesDue)),
            StatsTile(label: "Promises kept 7 days", value: "\(s.last7Days.promisesKept.count)", detail: "",
                      tickets: tickets(ofPromises: s.last7Days.promisesKept), drill: .promises(s.last7Days.promisesKept)),
            StatsTile(label: "Promises missed 7 days", value: "\(s.last7Days.promisesMissed.count)",
                      detail: "overdue open promises count as missed", tickets: tickets(ofPromises: s.last7Days.promisesMissed),
                      alarm: !s.last7Days.promisesMissed.isEmpty, drill: .promises(s.last7Days.promisesMissed)),
            StatsTile(label: "Satisfaction 7 days",
                      value: s.last7Days.satisfactionAverage.map { String(format: "%.1f", $0) } ?? "–",
                      detail: "\(s.last7Days.satisfactionCount) customer ratings"
                        + (s.last7Days.agentReportedCount == 0 ? "" : " · \(s.last7Days.agentReportedCount) entered by agents, not counted"),
                      tickets: s.last7Days.ratedTickets, drill: .ratings(s.last7Days.ratedTickets)),
            StatsTile(label: "No owner > 1 h", value: "\(s.unowned.count)", detail: "nobody is responsible",
                      tickets: s.unowned, alarm: !s.unowned.isEmpty),
            StatsTile(label: "Customers at risk", value: "\(s.atRiskCustomers.count)",
                      detail: "open or in touch in 7 days · most reasons first",
                      tickets: s.atRiskCustomers.compactMap(\.ticket), alarm: !s.atRiskCustomers.isEmpty,
                      drill: .customers(s.atRiskCustomers)),
        ]
        return out
    }

    /// The share of tickets that met their SLA targets over 7 days, per target; Enter lists the misses.
    static func slaMet(_ sla: [SLAAchievement], period: StatsPeriod) -> StatsTile {
        let met = sla.reduce(0) { $0 + $1.met.count }, decided = sla.reduce(0) { $0 + $1.decided }
        let value = decided == 0 ? "–" : "\(Int((Double(met) / Double(decided) * 100).rounded()))%"
        let detail = sla.map { "\($0.kind.label) \($0.percent)" }.joined(separator: " · ")
        let missed = Array(Set(sla.flatMap(\.missed))).sorted()
        return StatsTile(label: "SLA met 7 days", value: value, detail: detail, tickets: missed,
                         alarm: decided > 0 && met * 10 < decided * 9, drill: .misses(missed, period: period))
    }
}
