import Foundation

/// Builds the JSON export (see `ExchangeDocument` for its shape) from the state and full tickets.
///
/// `write` hands the document out in pieces, one customer or ticket per line, so a caller can stream a
/// large store to a file while loading one thread at a time; each line is compact JSON with sorted
/// keys, which keeps exports diffable and lets import errors point at the ticket's own line.
public enum ExportDocument {
    /// The whole document as a value (what `write` produces, decoded).
    public static func document(state: HelpdeskState, tickets: [Ticket], now: Date) -> ExchangeDocument {
        ExchangeDocument(exportedAt: ISOTime.format(now), agents: agents(state), customers: customers(state),
                         tickets: tickets.sorted { $0.number < $1.number }.map(ticket))
    }

    /// Writes the document in pieces. `thread` returns a ticket with its thread loaded (the store's
    /// `ticket(_:)`); tickets are written in number order.
    public static func write(state: HelpdeskState, now: Date, thread: (Int) throws -> Ticket,
                             to sink: (String) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func line<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        func list<T: Encodable>(_ name: String, _ items: [T], last: Bool = false) throws {
            try sink("  \"\(name)\": [")
            for (i, item) in items.enumerated() {
                try sink((i == 0 ? "\n    " : ",\n    ") + line(item))
            }
            try sink((items.isEmpty ? "]" : "\n  ]") + (last ? "\n" : ",\n"))
        }
        try sink("{\n  \"format\": \(ExchangeDocument.currentFormat),\n  \"exportedAt\": \"\(ISOTime.format(now))\",\n")
        try list("agents", agents(state))
        try list("customers", customers(state))
        try sink("  \"tickets\": [")
        for (i, number) in state.tickets.keys.sorted().enumerated() {
            try sink((i == 0 ? "\n    " : ",\n    ") + line(ticket(try thread(number))))
        }
        try sink(state.tickets.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    static func agents(_ state: HelpdeskState) -> [ExchangeAgent] {
        state.agents.values.sorted { $0.login < $1.login }.map {
            ExchangeAgent(login: $0.login, displayName: $0.displayName, role: $0.role.rawValue, active: $0.active)
        }
    }

    static func customers(_ state: HelpdeskState) -> [ExchangeCustomer] {
        state.customers.values.sorted { $0.id < $1.id }.map(customer)
    }

    static func customer(_ c: Customer) -> ExchangeCustomer {
        ExchangeCustomer(id: c.id, name: c.name, preferredName: c.preferredName, emails: c.emails, phones: c.phones,
                         organisation: c.organisation, usualOrder: c.usualOrder,
                         preferences: c.preferences.map {
                             ExchangePreference(key: $0.key, value: $0.value, confirmedAt: ISOTime.format($0.confirmedAt))
                         },
                         notes: c.notes, customerSince: ISOTime.format(c.customerSince), vip: c.vip, birthday: c.birthday)
    }

    static func ticket(_ t: Ticket) -> ExchangeTicket {
        ExchangeTicket(number: t.number, subject: t.subject, status: t.status.rawValue, priority: t.priority.rawValue,
                       tags: t.tags, assignee: t.assignee, group: t.group, customer: t.requester,
                       channel: t.channel.rawValue, createdAt: ISOTime.format(t.createdAt),
                       updatedAt: ISOTime.format(t.updatedAt), solvedAt: t.solvedAt.map(ISOTime.format),
                       mergedInto: t.mergedInto, links: t.links.isEmpty ? nil : t.links,
                       messages: t.messages.map {
                           ExchangeMessage(kind: $0.kind.rawValue, author: $0.author, body: $0.body, at: ISOTime.format($0.at))
                       },
                       satisfaction: t.satisfaction.map {
                           ExchangeSatisfaction(score: $0.score, comment: $0.comment, at: ISOTime.format($0.at))
                       })
    }
}
