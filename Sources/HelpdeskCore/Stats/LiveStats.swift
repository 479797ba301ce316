import Foundation

/// The floor right now: the stats screen's tiles, `helpdesk stats --json` and the Prometheus gauges are
/// all this one value, so they cannot disagree.
public struct LiveStats: Sendable, Equatable, Codable {
    /// The oldest open ticket that has had no public reply yet (the lower number on a tie).
    public struct Unanswered: Sendable, Equatable, Codable {
        public var number: Int
        public var customer: String
        public var ageSeconds: TimeInterval
    }

    public var at: Date
    public var timeZone: String
    /// Open tickets (new, open, pending, on hold; merged duplicates excluded) by status and by priority.
    public var backlogByStatus: [String: Int]
    public var backlogByPriority: [String: Int]
    public var backlog: [Int]
    public var oldestUnanswered: Unanswered?
    /// Open tickets with a breached SLA target now, and those whose next target falls due within the hour.
    public var slaBreached: [Int]
    public var slaAtRisk: [Int]
    /// Open tickets nobody owns, created more than an hour ago.
    public var unowned: [Int]
    public var today: PeriodMetrics
    public var last7Days: PeriodMetrics
    /// Per agent: replies and first replies today; promises and SLA misses over the last 7 days.
    public var agents: [AgentMetrics]
    /// Customers at risk now among those with an open ticket or one touched in the last 7 days, most
    /// reasons first (see `AtRiskCustomers`).
    public var atRiskCustomers: [AtRiskCustomers.Entry] = []

    /// How long a ticket may stay without an owner before it is on the "nobody is responsible" list.
    public static let unownedAfter: TimeInterval = 3600
    /// The "at risk" window for SLA targets.
    public static let riskWindow: TimeInterval = 3600

    /// `index` (kept by a live screen) narrows the work to open and recently active tickets; without one,
    /// one is built here, so both ways run the same code.
    public static func compute(_ state: HelpdeskState, activity: ReplyActivity, now: Date,
                               timeZone: TimeZone, index given: StatsIndex? = nil) -> LiveStats {
        let index = given ?? StatsIndex(state, horizon: StatsIndex.liveHorizon(now: now, timeZone: timeZone))
        let sla = state.slaClock
        var byStatus: [String: Int] = [:], byPriority: [String: Int] = [:]
        for s in TicketStatus.allCases where s.isOpen { byStatus[s.rawValue] = 0 }
        for p in Priority.allCases { byPriority[p.rawValue] = 0 }
        var backlog: [Int] = [], breached: [Int] = [], atRisk: [Int] = [], unowned: [Int] = []
        var oldest: Ticket?
        let businessSecondsAhead = sla.clock.seconds(from: now, to: now.addingTimeInterval(riskWindow))
        for n in index.open {
            guard let t = state.tickets[n], t.status.isOpen, t.mergedInto == nil else { continue }
            backlog.append(t.number)
            byStatus[t.status.rawValue, default: 0] += 1
            byPriority[t.priority.rawValue, default: 0] += 1
            if t.firstReplyAt == nil, oldest.map({ (t.createdAt, t.number) < ($0.createdAt, $0.number) }) ?? true { oldest = t }
            if t.assignee == nil, now.timeIntervalSince(t.createdAt) > unownedAfter { unowned.append(t.number) }
            if index.knownBreached.contains(n) {
                breached.append(n)
                continue
            }
            if index.knownCalm.contains(n) { continue }
            // As `SLAClock.isDueSoon`, with the business seconds of the coming hour worked out once.
            let targets = sla.targets(for: t, now: now)
            if targets.contains(where: \.breached) {
                breached.append(t.number)
            } else if let next = targets.min(by: { $0.remaining < $1.remaining }), !next.paused,
                      businessSecondsAhead >= next.remaining {
                atRisk.append(t.number)
            }
        }
        let today = StatsPeriod.today(now: now, timeZone: timeZone)
        let week = StatsPeriod.lastDays(7, now: now)
        let unanswered = oldest.map { t in
            Unanswered(number: t.number, customer: state.customer(matching: t.requester)?.name ?? t.requester,
                       ageSeconds: now.timeIntervalSince(t.createdAt))
        }
        let lately = index.candidates.filter { n in
            guard let t = state.tickets[n] else { return false }
            return index.open.contains(n) || t.updatedAt >= week.start
        }
        var live = LiveStats(at: now, timeZone: timeZone.identifier, backlogByStatus: byStatus,
                         backlogByPriority: byPriority, backlog: backlog.sorted(), oldestUnanswered: unanswered,
                         slaBreached: breached.sorted(), slaAtRisk: atRisk.sorted(), unowned: unowned.sorted(),
                         today: PeriodMetrics.compute(state, activity: activity, period: today, now: now, index: index),
                         last7Days: PeriodMetrics.compute(state, activity: activity, period: week, now: now, index: index),
                         agents: AgentMetrics.compute(state, activity: activity, period: today,
                                                      promisePeriod: week, now: now, index: index))
        live.atRiskCustomers = AtRiskCustomers.compute(state, tickets: lately, now: now, timeZone: timeZone)
        return live
    }
}
