import Foundation

/// Builds the JSON export (see `ExchangeDocument` for its shape) from the state, full tickets and the
/// store's history.
///
/// `write` hands the document out in pieces, one record or event per line, so a caller can stream a
/// large store to a file while loading one thread at a time; each line is compact JSON with sorted
/// keys, which keeps exports diffable and lets import errors point at the ticket's own line.
public enum ExportDocument {
    /// The whole document as a value (what `write` produces, decoded).
    public static func document(state: HelpdeskState, store: ExchangeStore? = nil, tickets: [Ticket],
                                history: [Event]? = nil, now: Date) -> ExchangeDocument {
        ExchangeDocument(exportedAt: ISOTime.format(now), store: store, settings: state.settings, agents: agents(state),
                         customers: customers(state), tickets: tickets.sorted { $0.number < $1.number }.map(ticket),
                         promises: promises(state), templates: templates(state), views: views(state), history: history)
    }

    /// Writes the document in pieces. `thread` returns a ticket with its thread loaded (the store's
    /// `ticket(_:)`); tickets are written in number order. `history` is every event, oldest first
    /// (nil leaves the history out).
    public static func write(state: HelpdeskState, store: ExchangeStore? = nil, now: Date, thread: (Int) throws -> Ticket,
                             history: [Event]? = nil, to sink: (String) throws -> Void) throws {
        let encoder = ExchangeJSON.encoder()
        func line<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        func list<T: Encodable>(_ name: String, _ items: [T], last: Bool = false) throws {
            try sink("  \"\(name)\": [")
            for (i, item) in items.enumerated() {
                try sink((i == 0 ? "\n    " : ",\n    ") + line(item))
            }
            try sink((items.isEmpty ? "]" : "\n  ]") + (last ? "\n" : ",\n"))
        }
        try sink("{\n  \"format\": \(ExchangeDocument.currentFormat),\n  \"exportedAt\": \"\(ISOTime.format(now))\",\n")
        if let store { try sink("  \"store\": \(try line(store)),\n") }
        try sink("  \"settings\": \(try line(state.settings)),\n")
        try list("agents", agents(state))
        try list("customers", customers(state))
        try sink("  \"tickets\": [")
        for (i, number) in state.tickets.keys.sorted().enumerated() {
            try sink((i == 0 ? "\n    " : ",\n    ") + line(ticket(try thread(number))))
        }
        try sink(state.tickets.isEmpty ? "],\n" : "\n  ],\n")
        try list("promises", promises(state))
        try list("templates", templates(state))
        try list("views", views(state), last: history == nil)
        if let history { try list("history", history, last: true) }
        try sink("}\n")
    }

    static func agents(_ state: HelpdeskState) -> [ExchangeAgent] {
        state.agents.values.sorted { $0.login < $1.login }.map {
            ExchangeAgent(login: $0.login, displayName: $0.displayName, role: $0.role.rawValue, signature: $0.signature,
                          active: $0.active, publicKey: $0.publicKey)
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
                         notes: c.notes, customerSince: ISOTime.format(c.customerSince), vip: c.vip, birthday: c.birthday,
                         mergedInto: c.mergedInto)
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
                           ExchangeSatisfaction(score: $0.score, comment: $0.comment, at: ISOTime.format($0.at),
                                                source: $0.source.rawValue, reportedBy: $0.reportedBy)
                       })
    }

    static func promises(_ state: HelpdeskState) -> [ExchangePromise] {
        state.promises.values.sorted { $0.id < $1.id }.map {
            ExchangePromise(id: $0.id, ticket: $0.ticket, text: $0.text, due: ISOTime.format($0.due), owner: $0.owner,
                            state: $0.state.rawValue, createdAt: ISOTime.format($0.createdAt),
                            resolvedAt: $0.resolvedAt.map(ISOTime.format))
        }
    }

    static func templates(_ state: HelpdeskState) -> [ExchangeTemplate] {
        state.templates.values.sorted { $0.name < $1.name }.map {
            ExchangeTemplate(name: $0.name, body: $0.body,
                             actions: ExchangeTemplateActions(status: $0.actions.status?.rawValue,
                                                              priority: $0.actions.priority?.rawValue,
                                                              addTags: $0.actions.addTags))
        }
    }

    /// Per owner (by login), in the order each saved them, which is the order their sidebar shows.
    static func views(_ state: HelpdeskState) -> [ExchangeView] {
        state.savedViews.keys.sorted().flatMap { owner in
            state.savedViews[owner]!.map { ExchangeView(owner: $0.owner, name: $0.name, query: $0.query) }
        }
    }
}
