import Foundation

/// A rating of how a ticket went: 1 (bad) to 5 (great), with an optional comment, and who gave it.
///
/// Only the customer's own answer measures satisfaction; a score an agent enters on the customer's behalf
/// (what they said on the phone, a guess on solve) is kept as agent-reported and counted apart.
public struct Satisfaction: Codable, Sendable, Equatable {
    public var score: Int
    public var comment: String?
    public var at: Date
    /// Who gave the rating.
    public var source: RatingSource
    /// The agent who entered an agent-reported rating (nil for the customer's own).
    public var reportedBy: String?

    public init(score: Int, comment: String? = nil, at: Date, source: RatingSource = .agent, reportedBy: String? = nil) {
        self.score = score
        self.comment = comment
        self.at = at
        self.source = source
        self.reportedBy = reportedBy
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        score = try c.decode(Int.self, forKey: .score)
        comment = try c.decodeIfPresent(String.self, forKey: .comment)
        at = try c.decode(Date.self, forKey: .at)
        // Before ratings said who gave them, every one was typed in by someone at the CLI or console.
        source = try c.decodeIfPresent(RatingSource.self, forKey: .source) ?? .agent
        reportedBy = try c.decodeIfPresent(String.self, forKey: .reportedBy)
    }

    /// The customer's own answer (a survey reply, the mail channel), as opposed to an agent's entry.
    public var isCustomers: Bool { source == .customer }

    /// `4/5`, or `4/5 (agent)` for a score an agent entered.
    public var shortText: String { "\(score)/5" + (isCustomers ? "" : " (agent)") }

    public static let validScores = 1...5
}

/// Who a rating came from.
public enum RatingSource: String, Codable, Sendable, CaseIterable {
    /// The customer answered a satisfaction request themselves.
    case customer
    /// An agent entered it (on solve, from a phone call).
    case agent
}
