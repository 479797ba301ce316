import Foundation
import HelpdeskCore

/// The JSON shapes `--json` prints. Stable field names for scripts; dates in ISO 8601 UTC.
struct TicketDocument: Encodable {
    struct CustomerRef: Encodable {
        var id: String
        var name: String
        var preferredName: String?
        var usualOrder: String?
        var emails: [String]
        var vip: Bool

        enum CodingKeys: String, CodingKey { case id, name, preferredName, usualOrder, emails, vip }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(preferredName, forKey: .preferredName)
            try c.encode(usualOrder, forKey: .usualOrder)
            try c.encode(emails, forKey: .emails)
            try c.encode(vip, forKey: .vip)
        }
    }

    struct MessageDocument: Encodable {
        var kind: MessageKind
        var author: String
        var body: String
        var at: Date
        /// For words an agent wrote down: how they came, and who wrote them down.
        var via: Channel?
        var loggedBy: String?
    }

    var number: Int
    var subject: String
    var status: TicketStatus
    var priority: Priority
    var tags: [String]
    var assignee: String?
    var group: String?
    var channel: Channel
    var createdAt: Date
    var updatedAt: Date
    var version: Int
    var mergedInto: Int?
    var satisfaction: Satisfaction?
    var customer: CustomerRef?
    var messageCount: Int
    var messages: [MessageDocument]?
    /// SLA targets missed (moment, target, owner then), on `ticket show` only.
    var slaMisses: [SLAMiss]?

    // Absent values are written as explicit nulls, so scripts see every field on every ticket.
    enum CodingKeys: String, CodingKey {
        case number, subject, status, priority, tags, assignee, group, channel, createdAt, updatedAt, version,
             mergedInto, satisfaction, customer, messageCount, messages, slaMisses
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(subject, forKey: .subject)
        try c.encode(status, forKey: .status)
        try c.encode(priority, forKey: .priority)
        try c.encode(tags, forKey: .tags)
        try c.encode(assignee, forKey: .assignee)
        try c.encode(group, forKey: .group)
        try c.encode(channel, forKey: .channel)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(version, forKey: .version)
        try c.encode(mergedInto, forKey: .mergedInto)
        try c.encode(satisfaction, forKey: .satisfaction)
        try c.encode(customer, forKey: .customer)
        try c.encode(messageCount, forKey: .messageCount)
        try c.encodeIfPresent(messages, forKey: .messages)
        try c.encodeIfPresent(slaMisses, forKey: .slaMisses)
    }

    init(_ t: Ticket, state: HelpdeskState, includeMessages: Bool) {
        number = t.number
        subject = t.subject
        status = t.status
        priority = t.priority
        tags = t.tags
        assignee = t.assignee
        group = t.group
        channel = t.channel
        createdAt = t.createdAt
        updatedAt = t.updatedAt
        version = t.version
        mergedInto = t.mergedInto
        satisfaction = t.satisfaction
        messageCount = t.messageCount
        if let c = state.customers[t.requester] {
            customer = CustomerRef(id: c.id, name: c.name, preferredName: c.preferredName, usualOrder: c.usualOrder,
                                   emails: c.emails, vip: c.vip)
        }
        if includeMessages {
            messages = t.messages.map { MessageDocument(kind: $0.kind, author: $0.author, body: $0.body, at: $0.at, via: $0.via, loggedBy: $0.loggedBy) }
        }
    }
}

struct CustomerDocument: Encodable {
    var customer: Customer
    var tickets: [TicketDocument]?
}

enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(ISOTime.format(date))
        }
        return e
    }

    /// The JSON text of `value`, with bidi overrides and C1 controls as `\u` escapes
    /// (`JSONUnicodeEscaping`): it decodes to the exact text but cannot reorder a terminal's line.
    static func text<T: Encodable>(_ value: T) throws -> String {
        JSONUnicodeEscaping.escape(String(decoding: try encoder().encode(value), as: UTF8.self))
    }

    static func print<T: Encodable>(_ value: T) throws {
        FileHandle.standardOutput.write(Data(try text(value).utf8))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
