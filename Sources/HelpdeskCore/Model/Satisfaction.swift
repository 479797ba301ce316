import Foundation

/// The customer's rating of how a ticket went: 1 (bad) to 5 (great), with an optional comment.
public struct Satisfaction: Codable, Sendable, Equatable {
    public var score: Int
    public var comment: String?
    public var at: Date

    public init(score: Int, comment: String? = nil, at: Date) {
        self.score = score
        self.comment = comment
        self.at = at
    }

    public static let validScores = 1...5
}
