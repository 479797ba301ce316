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
