import Foundation

/// What happened during a period: the numbers the stats screen shows for "today" and "7 days" and a
/// report shows for its range. Every list holds the ticket numbers behind a count (for drilling in).
public struct PeriodMetrics: Sendable, Equatable, Codable {
    /// Tickets created in the period (merged duplicates excluded).
    public var created: [Int] = []
    /// Tickets whose latest solve falls in the period and that are still solved or closed.
    public var solved: [Int] = []
    /// Wall-clock seconds from creation to the first public reply, for first replies in the period.
    public var firstReply = Distribution([])
    public var firstReplyTickets: [Int] = []
    /// Sum of the first reply times (for averages and the Prometheus summary).
    public var firstReplySum: TimeInterval = 0
    /// Wall-clock seconds from creation to the latest solve, for `solved`.
    public var resolution = Distribution([])
    public var resolutionSum: TimeInterval = 0
    /// Public replies by agents in the period.
    public var replies = 0
    /// Promises due in the period, and of those the ones kept and missed (an overdue open one is missed).
    public var promisesDue: [Int] = []
    public var promisesKept: [Int] = []
    public var promisesMissed: [Int] = []
    /// Customers' own ratings recorded in the period (what satisfaction means).
    public var satisfactionCount = 0
    public var satisfactionAverage: Double?
    public var ratedTickets: [Int] = []
    /// Ratings agents entered on the customer's behalf in the period, kept apart from the customers' own.
    public var agentReportedCount = 0
    public var agentReportedAverage: Double?
    public var agentReportedTickets: [Int] = []
    /// How each SLA target went for the tickets whose target was decided in the period.
    public var sla: [SLAAchievement] = []

    public init() {}

    /// Counts `period` over the summaries in `state`, the promises, and `activity` for replies.
    /// `tickets` narrows the tickets considered (a tag, say); nil means all. `now` decides whether an open
    /// promise is overdue.
    /// `index`, when given, must reach back to `period.start`: only its candidates are looked at.
    public static func compute(_ state: HelpdeskState, activity: ReplyActivity, period: StatsPeriod, now: Date,
                               tickets filter: ((Ticket) -> Bool)? = nil, index: StatsIndex? = nil) -> PeriodMetrics {
        var m = PeriodMetrics()
        var firstReplies: [TimeInterval] = [], resolutions: [TimeInterval] = []
        var ratings: [Int] = [], agentRatings: [Int] = []
        var achievement = SLAAchievement.Tally()
        for t in StatsIndex.tickets(state, index: index, from: period.start) where t.mergedInto == nil {
            if let filter, !filter(t) { continue }
            if period.contains(t.createdAt) { m.created.append(t.number) }
            if !t.status.isOpen, period.contains(t.solvedAt), let solved = t.solvedAt {
                m.solved.append(t.number)
                resolutions.append(solved.timeIntervalSince(t.createdAt))
            }
            if period.contains(t.firstReplyAt), let frt = t.firstReplyTime {
                m.firstReplyTickets.append(t.number)
                firstReplies.append(frt)
            }
            if let s = t.satisfaction, period.contains(s.at) {
                if s.isCustomers {
                    ratings.append(s.score)
                    m.ratedTickets.append(t.number)
                } else {
                    agentRatings.append(s.score)
                    m.agentReportedTickets.append(t.number)
                }
            }
            achievement.note(t, state: state, period: period, now: now)
        }
        achievement.note(activity.nextReplies, state: state, period: period, filter: filter)
        m.sla = achievement.results
        m.agentReportedCount = agentRatings.count
        if !agentRatings.isEmpty { m.agentReportedAverage = Double(agentRatings.reduce(0, +)) / Double(agentRatings.count) }
        m.firstReply = Distribution(firstReplies)
        m.firstReplySum = firstReplies.reduce(0, +)
        m.resolution = Distribution(resolutions)
        m.resolutionSum = resolutions.reduce(0, +)
        m.satisfactionCount = ratings.count
        if !ratings.isEmpty { m.satisfactionAverage = Double(ratings.reduce(0, +)) / Double(ratings.count) }
        m.replies = activity.replies.filter { r in
            period.contains(r.at) && (filter == nil || state.tickets[r.ticket].map(filter!) == true)
        }.count
        for p in state.promises.values.filter({ period.contains($0.due) }).sorted(by: { $0.id < $1.id }) {
            if let filter, let t = state.tickets[p.ticket], !filter(t) { continue }
            m.promisesDue.append(p.id)
            switch p.effectiveState(now: now) {
            case .kept: m.promisesKept.append(p.id)
            case .missed: m.promisesMissed.append(p.id)
            case .open: break
            }
        }
        m.created.sort(); m.solved.sort(); m.firstReplyTickets.sort(); m.ratedTickets.sort(); m.agentReportedTickets.sort()
        return m
    }
}

/// One agent's numbers over a period.
public struct AgentMetrics: Sendable, Equatable, Codable {
    public var login: String
    public var name: String
    /// Open tickets assigned to them now.
    public var openAssigned: Int
    /// Public replies they wrote in the period.
    public var replies: Int
    /// Wall-clock first-reply times of the tickets they answered first in the period.
    public var firstReply: Distribution
    /// Their promises due in the period, kept and missed.
    public var promisesKept: Int
    public var promisesMissed: Int
    /// SLA targets missed in the promise period on tickets they owned at the moment of the miss.
    public var slaMissed: Int = 0
    /// Their open promises past due now (whatever the period): the ones still worth keeping late.
    public var promisesOverdue: Int = 0

    /// A row per active agent (and per former agent who replied in the period), by login.
    /// Promises and SLA misses are counted over `promisePeriod` (default: `period`); a miss counts against
    /// whoever owned the ticket when it happened, not whoever owns it now.
    public static func compute(_ state: HelpdeskState, activity: ReplyActivity, period: StatsPeriod,
                               promisePeriod: StatsPeriod? = nil, now: Date, index: StatsIndex? = nil) -> [AgentMetrics] {
        var open: [String: Int] = [:]
        let openTickets = index.map { $0.open.compactMap { state.tickets[$0] } } ?? Array(state.tickets.values)
        for t in openTickets where t.status.isOpen && t.mergedInto == nil {
            if let a = t.assignee { open[a, default: 0] += 1 }
        }
        var replies: [String: Int] = [:]
        for r in activity.replies where period.contains(r.at) { replies[r.author, default: 0] += 1 }
        var firsts: [String: [TimeInterval]] = [:]
        for (number, first) in activity.firstReply where period.contains(first.at) {
            guard let t = state.tickets[number], t.mergedInto == nil, t.firstReplyAt == first.at else { continue }
            firsts[first.author, default: []].append(first.at.timeIntervalSince(t.createdAt))
        }
        var kept: [String: Int] = [:], missed: [String: Int] = [:], overdue: [String: Int] = [:]
        let promiseRange = promisePeriod ?? period
        for p in state.promises.values {
            if p.isOverdue(now: now) { overdue[p.owner, default: 0] += 1 }
            guard promiseRange.contains(p.due) else { continue }
            switch p.effectiveState(now: now) {
            case .kept: kept[p.owner, default: 0] += 1
            case .missed: missed[p.owner, default: 0] += 1
            case .open: break
            }
        }
        var slaMissed: [String: Int] = [:]
        for t in StatsIndex.tickets(state, index: index, from: promiseRange.start) where t.mergedInto == nil {
            let misses = t.status.isOpen ? state.slaMisses(of: t, now: min(now, promiseRange.end)) : t.slaMisses
            for miss in misses where promiseRange.contains(miss.at) {
                if let owner = miss.assignee { slaMissed[owner, default: 0] += 1 }
            }
        }
        var logins = Set(state.agents.values.filter(\.active).map(\.login))
        logins.formUnion(replies.keys)
        return logins.sorted().map { login in
            AgentMetrics(login: login, name: state.agentName(login), openAssigned: open[login] ?? 0,
                         replies: replies[login] ?? 0, firstReply: Distribution(firsts[login] ?? []),
                         promisesKept: kept[login] ?? 0, promisesMissed: missed[login] ?? 0,
                         slaMissed: slaMissed[login] ?? 0, promisesOverdue: overdue[login] ?? 0)
        }
    }
}
