import Foundation

/// Something we promised a customer, tracked until it is kept.
public struct CustomerPromise: Codable, Sendable, Equatable {
    public var id: Int
    public var text: String
    public var due: Date
    public var ticket: Int
    public var owner: String
    public var state: PromiseState
    public var createdAt: Date
    /// When it was marked kept or missed.
    public var resolvedAt: Date?

    public init(id: Int, text: String, due: Date, ticket: Int, owner: String, state: PromiseState = .open,
                createdAt: Date, resolvedAt: Date? = nil) {
        self.id = id
        self.text = text
        self.due = due
        self.ticket = ticket
        self.owner = owner
        self.state = state
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
    }

    /// An open promise past its due time counts as missed until it is kept.
    public func isOverdue(now: Date) -> Bool { state == .open && due < now }
    /// How stats see it: an overdue open promise is missed.
    public func effectiveState(now: Date) -> PromiseState { isOverdue(now: now) ? .missed : state }
}

extension CustomerPromise {
    /// Decodes a promise and holds it to the rules a `promise.made` event is held to (`Limits`), so a
    /// snapshot's hand-edited `"id": 9223372036854775807` is damage reported on its line, not the
    /// counter the next promise overflows.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int.self, forKey: .id), text: try c.decode(String.self, forKey: .text),
                  due: try c.decode(Date.self, forKey: .due), ticket: try c.decode(Int.self, forKey: .ticket),
                  owner: try c.decode(String.self, forKey: .owner), state: try c.decode(PromiseState.self, forKey: .state),
                  createdAt: try c.decode(Date.self, forKey: .createdAt),
                  resolvedAt: try c.decodeIfPresent(Date.self, forKey: .resolvedAt))
        if let problem = Change.promiseMade(self).rangeProblem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
        }
    }
}
