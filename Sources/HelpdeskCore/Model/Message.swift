import Foundation

/// One entry in a ticket's thread.
public struct Message: Codable, Sendable, Equatable, Hashable {
    public var kind: MessageKind
    public var author: String
    public var body: String
    public var at: Date
    /// How a customer's words reached us when not the ticket's own channel (a phone call on a mail ticket).
    public var via: Channel?
    /// The agent who wrote down what the customer said (a call, a walk-in); nil when the customer wrote it.
    public var loggedBy: String?

    public init(kind: MessageKind, author: String, body: String, at: Date, via: Channel? = nil, loggedBy: String? = nil) {
        self.kind = kind
        self.author = author
        self.body = body
        self.at = at
        self.via = via
        self.loggedBy = loggedBy
    }
}
