import Foundation

/// Where the cursor is in a draft: line and column, both counted in characters from 0.
public struct TextPosition: Codable, Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = TextPosition(line: 0, column: 0)

    public static func < (a: Self, b: Self) -> Bool { (a.line, a.column) < (b.line, b.column) }
}

/// An unsent reply or note: one per agent and ticket, kept by the store until it is sent or discarded.
public struct Draft: Codable, Sendable, Equatable {
    public var ticket: Int
    public var agent: String
    public var kind: MessageKind
    public var text: String
    public var cursor: TextPosition
    /// The template last inserted, whose actions apply on send.
    public var template: String?
    /// The ticket as it was when the draft began: sending checks what changed since.
    public var base: ReplyBase
    /// Stable for the life of the draft, so a retried send is recognised and never sent twice.
    public var sendID: String
    public var startedAt: Date
    public var savedAt: Date

    public init(ticket: Int, agent: String, kind: MessageKind, text: String = "", cursor: TextPosition = .start,
                template: String? = nil, base: ReplyBase, sendID: String, startedAt: Date, savedAt: Date? = nil) {
        self.ticket = ticket
        self.agent = agent
        self.kind = kind
        self.text = text
        self.cursor = cursor
        self.template = template
        self.base = base
        self.sendID = sendID
        self.startedAt = startedAt
        self.savedAt = savedAt ?? startedAt
    }

    /// A send id unique to this agent, ticket and moment (plus randomness from the caller).
    public static func makeSendID(ticket: Int, agent: String, at: Date, random: UInt32) -> String {
        let safe = agent.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") ? String($0) : "_" }.joined()
        let ms = Int64(at.timeIntervalSince1970 * 1000)
        return "hd-\(ticket)-\(safe)-\(ms)-\(String(random, radix: 16))"
    }
}
