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
    /// The templates inserted whose text is still in the draft, oldest first: their actions apply on
    /// send (undoing an insertion takes its template off this list).
    public var templates: [String]
    /// The status the agent chose to send with ("Submit as"); nil sends with the default (the
    /// templates' status, else pending). Kept with the draft so a restored draft sends the same way.
    public var sendStatus: TicketStatus?
    /// The ticket as it was when the draft began: sending checks what changed since.
    public var base: ReplyBase
    /// Stable for the life of the draft, so a retried send is recognised and never sent twice.
    public var sendID: String
    public var startedAt: Date
    public var savedAt: Date

    /// The template inserted last (the one named beside the editor).
    public var template: String? { templates.last }

    public init(ticket: Int, agent: String, kind: MessageKind, text: String = "", cursor: TextPosition = .start,
                templates: [String] = [], sendStatus: TicketStatus? = nil, base: ReplyBase, sendID: String,
                startedAt: Date, savedAt: Date? = nil) {
        self.ticket = ticket
        self.agent = agent
        self.kind = kind
        self.text = text
        self.cursor = cursor
        self.templates = templates
        self.sendStatus = sendStatus
        self.base = base
        self.sendID = sendID
        self.startedAt = startedAt
        self.savedAt = savedAt ?? startedAt
    }

    private enum CodingKeys: String, CodingKey {
        case ticket, agent, kind, text, cursor, template, templates, sendStatus, base, sendID, startedAt, savedAt
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ticket = try c.decode(Int.self, forKey: .ticket)
        agent = try c.decode(String.self, forKey: .agent)
        kind = try c.decode(MessageKind.self, forKey: .kind)
        text = try c.decode(String.self, forKey: .text)
        cursor = try c.decode(TextPosition.self, forKey: .cursor)
        // Drafts saved before `templates` name only the last template.
        templates = try c.decodeIfPresent([String].self, forKey: .templates)
            ?? (try c.decodeIfPresent(String.self, forKey: .template)).map { [$0] } ?? []
        sendStatus = try c.decodeIfPresent(TicketStatus.self, forKey: .sendStatus)
        base = try c.decode(ReplyBase.self, forKey: .base)
        sendID = try c.decode(String.self, forKey: .sendID)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        savedAt = try c.decode(Date.self, forKey: .savedAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ticket, forKey: .ticket)
        try c.encode(agent, forKey: .agent)
        try c.encode(kind, forKey: .kind)
        try c.encode(text, forKey: .text)
        try c.encode(cursor, forKey: .cursor)
        // The last template under the old key too, so an older helpdesk still applies its actions.
        try c.encodeIfPresent(template, forKey: .template)
        try c.encode(templates, forKey: .templates)
        try c.encodeIfPresent(sendStatus, forKey: .sendStatus)
        try c.encode(base, forKey: .base)
        try c.encode(sendID, forKey: .sendID)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(savedAt, forKey: .savedAt)
    }

    /// A send id unique to this agent, ticket and moment (plus randomness from the caller).
    public static func makeSendID(ticket: Int, agent: String, at: Date, random: UInt32) -> String {
        let safe = agent.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") ? String($0) : "_" }.joined()
        let ms = Int64(at.timeIntervalSince1970 * 1000)
        return "hd-\(ticket)-\(safe)-\(ms)-\(String(random, radix: 16))"
    }
}
