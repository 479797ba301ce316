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
    }

    struct MessageDocument: Encodable {
        var kind: MessageKind
        var author: String
        var body: String
        var at: Date
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
            messages = t.messages.map { MessageDocument(kind: $0.kind, author: $0.author, body: $0.body, at: $0.at) }
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

    static func print<T: Encodable>(_ value: T) throws {
        let data = try encoder().encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
