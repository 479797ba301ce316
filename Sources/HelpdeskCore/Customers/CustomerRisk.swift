import Foundation

/// Why a customer may be about to leave us. Each reason is one the agent can act on.
public enum RiskReason: Sendable, Equatable {
    /// A rating of 2 or less in the last `CustomerRisk.ratingWindow`.
    case lowSatisfaction(ticket: Int, score: Int, at: Date)
    /// `count` tickets opened in the last 7 days.
    case frequentContact(count: Int)
    /// A promise marked missed recently, or an open one past its due time.
    case missedPromise(text: String, ticket: Int, due: Date)
    /// Their most recent ticket missed an SLA target.
    case slaBreached(ticket: Int)

    /// The ticket the reason is about, if one.
    public var ticket: Int? {
        switch self {
        case .lowSatisfaction(let n, _, _), .missedPromise(_, let n, _), .slaBreached(let n): n
        case .frequentContact: nil
        }
    }

    /// One short phrase for the card and the CLI.
    public var summary: String {
        switch self {
        case .lowSatisfaction(let n, let score, _): "rated #\(n) \(score)/5"
        case .frequentContact(let count): "\(count) contacts in 7 days"
        case .missedPromise(let text, let n, _): "missed promise on #\(n): \(text)"
        case .slaBreached(let n): "SLA breached on #\(n)"
        }
    }
}

/// The at-risk rules, as pure functions of what is known about a customer at `now`:
/// satisfaction ≤ 2 in the last 90 days, 3 or more contacts (tickets opened) in 7 days, a promise
/// missed in the last 90 days (or open and overdue), or a breached SLA on their latest ticket.
public enum CustomerRisk {
    public static let ratingWindow: TimeInterval = 90 * 86_400
    public static let contactWindow: TimeInterval = 7 * 86_400
    public static let contactThreshold = 3
    public static let promiseWindow: TimeInterval = 90 * 86_400

    /// - Parameters:
    ///   - tickets: the customer's tickets (any order).
    ///   - promises: every promise made on those tickets.
    ///   - latestTicketBreachedSLA: whether their most recent ticket missed an SLA target.
    public static func reasons(tickets: [Ticket], promises: [CustomerPromise], now: Date,
                               latestTicketBreachedSLA: Bool) -> [RiskReason] {
        var out: [RiskReason] = []
        let rated = tickets.compactMap { t in t.satisfaction.map { (t.number, $0) } }
            .filter { $0.1.score <= 2 && $0.1.at <= now && now.timeIntervalSince($0.1.at) <= ratingWindow }
            .max { $0.1.at < $1.1.at }
        if let (n, s) = rated { out.append(.lowSatisfaction(ticket: n, score: s.score, at: s.at)) }

        let recent = tickets.filter { $0.createdAt <= now && now.timeIntervalSince($0.createdAt) <= contactWindow }.count
        if recent >= contactThreshold { out.append(.frequentContact(count: recent)) }

        let missed = promises.filter { p in
            switch p.state {
            case .missed: now.timeIntervalSince(p.resolvedAt ?? p.due) <= promiseWindow
            case .open: p.isOverdue(now: now)
            case .kept: false
            }
        }.max { $0.due < $1.due }
        if let p = missed { out.append(.missedPromise(text: p.text, ticket: p.ticket, due: p.due)) }

        if latestTicketBreachedSLA, let latest = tickets.max(by: { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }) {
            out.append(.slaBreached(ticket: latest.number))
        }
        return out
    }
}
