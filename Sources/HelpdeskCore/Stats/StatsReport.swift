import Foundation

/// `helpdesk report`: the metrics of a period with names attached, to circulate. Computed with the same
/// functions as the live screen (`PeriodMetrics`, `AgentMetrics`), so the numbers agree.
public struct StatsReport: Sendable, Equatable, Codable {
    public struct TagRow: Sendable, Equatable, Codable {
        public var tag: String
        public var metrics: PeriodMetrics
    }
    public struct MissedPromise: Sendable, Equatable, Codable {
        public var id: Int
        public var ticket: Int
        public var owner: String
        public var text: String
        public var due: Date
        /// "missed" (marked) or "overdue" (still open past its due time).
        public var state: String
    }
    /// An SLA target missed in the period: when it ran out, and who owned the ticket at that moment.
    public struct Breach: Sendable, Equatable, Codable {
        public var ticket: Int
        public var target: String
        public var missedAt: Date
        /// The target, in business seconds.
        public var targetSeconds: TimeInterval
        public var owner: String?
        public var subject: String
    }
    /// A customer at risk, sorted by risk, with the ticket to act on and its owner.
    public typealias AtRiskCustomer = AtRiskCustomers.Entry
    public struct RatedReply: Sendable, Equatable, Codable {
        public var ticket: Int
        public var score: Int
        public var comment: String?
        public var ratedAt: Date
        /// Whoever wrote the last public reply before the rating.
        public var agent: String?
        public var subject: String
        /// The text of that reply (filled by `withReplyTexts`: the summaries do not keep message bodies).
        public var replyText: String? = nil
    }

    public var from: Date
    public var to: Date
    public var timeZone: String
    public var totals: PeriodMetrics
    public var agents: [AgentMetrics]
    public var tags: [TagRow]
    public var missedPromises: [MissedPromise]
    public var breaches: [Breach]
    public var atRiskCustomers: [AtRiskCustomer]
    public var bestRated: [RatedReply]
    /// Ratings agents entered on a customer's behalf in the period (`agent` is who entered it): shown
    /// apart, never among the best-rated or in the satisfaction average.
    public var agentReported: [RatedReply] = []
    /// The period of the same length just before, for the headline's comparison.
    public var previous: PeriodMetrics?
    /// Open tickets at the start and at the end of the period (as the backlog sparkline counts them).
    public var backlogAtStart = 0
    public var backlogAtEnd = 0

    /// How many best-rated replies a report lists.
    public static let bestRatedLimit = 10

    /// `now` decides whether an open promise is overdue and which customers are at risk.
    public static func compute(_ state: HelpdeskState, activity: ReplyActivity, period: StatsPeriod, now: Date,
                               timeZone: TimeZone) -> StatsReport {
        // One pass to find the tickets the period (and the one before, for the headline) can involve;
        // every computation below looks only at those.
        let before = previousPeriod(period)
        let index = StatsIndex(state, horizon: before.start)
        let totals = PeriodMetrics.compute(state, activity: activity, period: period, now: now, index: index)
        let agents = AgentMetrics.compute(state, activity: activity, period: period, now: now, index: index)
        // Tags of the tickets the period touched (created, solved, answered first or rated in it).
        var touched = Set(totals.created)
        touched.formUnion(totals.solved)
        touched.formUnion(totals.firstReplyTickets)
        touched.formUnion(totals.ratedTickets)
        var tagNames = Set<String>()
        for n in touched { tagNames.formUnion(state.tickets[n]?.tags ?? []) }
        let tags = tagNames.sorted().map { tag in
            TagRow(tag: tag, metrics: PeriodMetrics.compute(state, activity: activity, period: period, now: now,
                                                            tickets: { $0.tags.contains(tag) }, index: index))
        }
        let missed = totals.promisesMissed.compactMap { id -> MissedPromise? in
            guard let p = state.promises[id] else { return nil }
            return MissedPromise(id: id, ticket: p.ticket, owner: p.owner, text: p.text, due: p.due,
                                 state: p.state == .missed ? "missed" : "overdue")
        }
        var breaches: [Breach] = []
        for n in index.candidates {
            guard let t = state.tickets[n], t.mergedInto == nil else { continue }
            for miss in state.slaMisses(of: t, now: min(now, period.end)) where period.contains(miss.at) {
                breaches.append(Breach(ticket: n, target: miss.kind.rawValue, missedAt: miss.at, targetSeconds: miss.target,
                                       owner: miss.assignee, subject: t.subject))
            }
        }
        breaches.sort { ($0.missedAt, $0.ticket, $0.target) < ($1.missedAt, $1.ticket, $1.target) }
        let atRisk = AtRiskCustomers.compute(state, tickets: index.recent, now: now, timeZone: timeZone)
        let ratedSet = Set(totals.ratedTickets)
        var repliesByTicket: [Int: [ReplyActivity.Reply]] = [:]
        for r in activity.replies where ratedSet.contains(r.ticket) { repliesByTicket[r.ticket, default: []].append(r) }
        let rated = totals.ratedTickets.compactMap { n -> RatedReply? in
            guard let t = state.tickets[n], let s = t.satisfaction else { return nil }
            let last = (repliesByTicket[n] ?? []).filter { $0.at <= s.at }.max { $0.at < $1.at }
            return RatedReply(ticket: n, score: s.score, comment: s.comment, ratedAt: s.at, agent: last?.author, subject: t.subject)
        }
        let best = rated.filter { $0.score >= 4 }
            .sorted { ($1.score, $0.ratedAt.timeIntervalSince1970) < ($0.score, $1.ratedAt.timeIntervalSince1970) }
        let agentReported = totals.agentReportedTickets.compactMap { n -> RatedReply? in
            guard let t = state.tickets[n], let s = t.satisfaction else { return nil }
            return RatedReply(ticket: n, score: s.score, comment: s.comment, ratedAt: s.at, agent: s.reportedBy, subject: t.subject)
        }
        var report = StatsReport(from: period.start, to: period.end, timeZone: timeZone.identifier, totals: totals, agents: agents,
                                 tags: tags, missedPromises: missed, breaches: breaches, atRiskCustomers: atRisk,
                                 bestRated: Array(best.prefix(bestRatedLimit)))
        report.agentReported = agentReported.sorted { ($0.ratedAt, $0.ticket) < ($1.ratedAt, $1.ticket) }
        report.previous = PeriodMetrics.compute(state, activity: activity, period: before, now: min(now, before.end), index: index)
        let backlog = ActivitySeries.compute(state, starts: [before.start, period.start], now: min(now, period.end), index: index).backlog
        report.backlogAtStart = backlog.first ?? 0
        report.backlogAtEnd = backlog.last ?? 0
        return report
    }

    /// The period of the same length ending where `period` starts. `activity` must reach back to its start.
    public static func previousPeriod(_ period: StatsPeriod) -> StatsPeriod {
        let length = max(0, period.end.timeIntervalSince(period.start))
        return StatsPeriod(start: period.start.addingTimeInterval(-length), end: period.start)
    }

    /// Fills each best-rated reply's text: the last public reply before the rating, from `ticket` (the
    /// full ticket with its thread; nil when it cannot be read, which leaves the text out).
    public func withReplyTexts(_ ticket: (Int) -> Ticket?) -> StatsReport {
        var out = self
        out.bestRated = bestRated.map { r in
            var r = r
            r.replyText = ticket(r.ticket)?.messages.filter { $0.kind == .reply && $0.at <= r.ratedAt }.max { $0.at < $1.at }?.body
            return r
        }
        return out
    }

    /// What `login` may see: a supervisor everything; an agent their own row of the agents table and the
    /// team's totals and lists (as on the stats screen).
    public func visible(to login: String, isSupervisor: Bool) -> StatsReport {
        guard !isSupervisor else { return self }
        var out = self
        out.agents = agents.filter { $0.login == login }
        return out
    }
}
