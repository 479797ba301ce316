import Foundation

/// One entry in a ticket's thread.
public struct Message: Codable, Sendable, Equatable, Hashable {
    public var kind: MessageKind
    public var author: String
    public var body: String
    public var at: Date

    public init(kind: MessageKind, author: String, body: String, at: Date) {
        self.kind = kind
        self.author = author
        self.body = body
        self.at = at
    }
}
