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
    /// On a loaded thread, the mail this message came in (sender, recipients, attachments, automatic or
    /// bounce markers); never written into the log, where the `mail.received` event beside it holds it.
    public var mail: MailEntry? = nil

    /// What the log keeps of a message (`mail` is not among them).
    enum CodingKeys: String, CodingKey { case kind, author, body, at, via, loggedBy }

    public init(kind: MessageKind, author: String, body: String, at: Date, via: Channel? = nil, loggedBy: String? = nil) {
        self.kind = kind
        self.author = author
        self.body = body
        self.at = at
        self.via = via
        self.loggedBy = loggedBy
    }
}
