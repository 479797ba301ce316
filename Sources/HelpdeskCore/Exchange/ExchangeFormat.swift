import Foundation

/// The file formats `helpdesk export` writes and `helpdesk import` reads.
public enum ExchangeFileFormat: String, Sendable, CaseIterable {
    case json, csv

    /// The format a file name's extension implies (`.json`, `.csv`, any case), if any.
    public init?(fileName: String) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        guard let f = Self(rawValue: ext) else { return nil }
        self = f
    }
}

/// The JSON export document: everything a store holds, so that exporting a store and restoring the
/// file into a new store gives the same store back (and exporting that gives the same document).
///
/// Shape (stable for scripts and `jq`; dates are ISO 8601 UTC strings, absent optional fields are left
/// out):
/// ```
/// {"format": 2, "exportedAt": "2026-11-23T14:02:05Z",
///  "store":     {"mode", "group", "createdAt", "createdBy", "defaultAgent"},
///  "settings":  {"name", "supportAddress", "timeZone", "autoAssign", "businessHours", "sla", "sendCommand"},
///  "agents":    [{"login", "displayName", "role", "signature", "active"}],
///  "customers": [{"id", "name", "preferredName", "emails", "phones", "organisation", "usualOrder",
///                 "preferences": [{"key", "value", "confirmedAt"}], "notes", "customerSince", "vip",
///                 "birthday", "mergedInto"}],
///  "tickets":   [{"number", "subject", "status", "priority", "tags", "assignee", "group",
///                 "customer" (a customer id from this document, or an email/phone known to the store),
///                 "channel", "createdAt", "updatedAt", "solvedAt", "mergedInto", "links",
///                 "messages": [{"kind", "author", "body", "at"}], "satisfaction": {"score", "comment", "at"}}],
///  "promises":  [{"id", "ticket", "text", "due", "owner", "state", "createdAt", "resolvedAt"}],
///  "templates": [{"name", "body", "actions": {"status", "priority", "addTags"}}],
///  "views":     [{"owner", "name", "query"}],
///  "history":   [every event of the store, oldest first, as the log writes it:
///                {"seq", "at", "actor", "type", …}]}
/// ```
/// The records (`agents` … `views`) are the state the history folds to; `helpdesk restore` replays the
/// history and checks that it gives exactly these records. Format 1 had no `store`, `settings`,
/// `promises`, `templates`, `views` or `history`; it still imports.
///
/// Enumerations and dates in the records are plain strings so an import can report a bad value on the
/// ticket that has it, instead of refusing the whole document. These types are built only by
/// `ExportDocument` (with their memberwise initialisers) and read by the import.
public struct ExchangeDocument: Codable, Sendable, Equatable {
    /// The version of this shape; an import refuses documents newer than it understands.
    public static let currentFormat = 2

    public var format: Int = ExchangeDocument.currentFormat
    public var exportedAt: String?
    /// How the exported store was made (`store.json`), so a restore makes the same kind of store.
    public var store: ExchangeStore?
    public var settings: Settings?
    /// The roster at export time; an import adds those its records name (assignees, authors, owners) who are missing.
    public var agents: [ExchangeAgent]?
    public var customers: [ExchangeCustomer]?
    public var tickets: [ExchangeTicket]?
    public var promises: [ExchangePromise]?
    public var templates: [ExchangeTemplate]?
    public var views: [ExchangeView]?
    /// Every event, oldest first: who changed what, when.
    public var history: [Event]?
}

/// The store's own description (`store.json`) as exported.
public struct ExchangeStore: Codable, Sendable, Equatable {
    /// `single`, `shared` or `demo`.
    public var mode: String?
    /// The Unix group of a team store.
    public var group: String?
    public var createdAt: String?
    public var createdBy: String?
    /// For demo stores: the agent a console acts as when the login is not on the roster.
    public var defaultAgent: String?

    public init(mode: String?, group: String?, createdAt: String?, createdBy: String?, defaultAgent: String?) {
        self.mode = mode
        self.group = group
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.defaultAgent = defaultAgent
    }
}

/// An agent as exported: enough to put them back on a roster.
public struct ExchangeAgent: Codable, Sendable, Equatable {
    public var login: String
    public var displayName: String?
    public var role: String?
    public var signature: String?
    public var active: Bool?
    /// The agent's Ed25519 public key on a team store (base64), which their records are signed with.
    public var publicKey: String?
}

/// A customer as exported.
public struct ExchangeCustomer: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var preferredName: String?
    public var emails: [String]?
    public var phones: [String]?
    public var organisation: String?
    public var usualOrder: String?
    public var preferences: [ExchangePreference]?
    public var notes: String?
    public var customerSince: String?
    public var vip: Bool?
    public var birthday: String?
    /// Set on a duplicate that was merged into another customer (an id in this document).
    public var mergedInto: String?
}

/// A remembered preference as exported.
public struct ExchangePreference: Codable, Sendable, Equatable {
    public var key: String
    public var value: String
    public var confirmedAt: String?
}

/// A ticket with its thread, as exported.
public struct ExchangeTicket: Codable, Sendable, Equatable {
    public var number: Int?
    public var subject: String?
    public var status: String?
    public var priority: String?
    public var tags: [String]?
    public var assignee: String?
    public var group: String?
    /// The requester: a customer id in the same document (or an email/phone the store knows).
    public var customer: String?
    public var channel: String?
    public var createdAt: String?
    public var updatedAt: String?
    public var solvedAt: String?
    public var mergedInto: Int?
    public var links: [Int]?
    public var messages: [ExchangeMessage]?
    public var satisfaction: ExchangeSatisfaction?
}

/// One message of a thread, as exported. `author` is a customer id for customer messages, else a login.
public struct ExchangeMessage: Codable, Sendable, Equatable {
    public var kind: String
    public var author: String
    public var body: String
    public var at: String?
}

/// A satisfaction rating, as exported. `source` says whether the customer gave it or an agent entered it
/// (`reportedBy`); an import cannot prove a rating is the customer's own, so it records every imported
/// rating as entered by the importing agent.
public struct ExchangeSatisfaction: Codable, Sendable, Equatable {
    public var score: Int
    public var comment: String?
    public var at: String?
    public var source: String? = nil
    public var reportedBy: String? = nil
}

/// A promise made to a customer on a ticket, as exported.
public struct ExchangePromise: Codable, Sendable, Equatable {
    public var id: Int?
    public var ticket: Int?
    public var text: String?
    public var due: String?
    /// The agent who made it.
    public var owner: String?
    /// `open`, `kept` or `missed`.
    public var state: String?
    public var createdAt: String?
    public var resolvedAt: String?
}

/// A reply template, as exported.
public struct ExchangeTemplate: Codable, Sendable, Equatable {
    public var name: String?
    public var body: String?
    public var actions: ExchangeTemplateActions?
}

/// What sending a template's reply does to the ticket, as exported.
public struct ExchangeTemplateActions: Codable, Sendable, Equatable {
    public var status: String?
    public var priority: String?
    public var addTags: [String]?
}

/// An agent's saved view, as exported.
public struct ExchangeView: Codable, Sendable, Equatable {
    public var owner: String?
    public var name: String?
    public var query: String?
}

/// The columns of the tickets CSV, in the order `helpdesk export --format csv` writes them.
/// `helpdesk import` reads the same names (plus a few aliases, see `TicketCSVColumn.init(header:)`).
public enum TicketCSVColumn: String, Sendable, CaseIterable {
    case number, subject, status, priority, tags, assignee, group, channel, created, updated
    case customerID = "customer_id", customerName = "customer_name", customerEmail = "customer_email"
    case customerPhone = "customer_phone"
    case preferredName = "preferred_name", usualOrder = "usual_order"
    case satisfaction, satisfactionComment = "satisfaction_comment"
    case messages
    case firstMessage = "first_message"

    /// Reads a header cell: case, surrounding spaces and `-`/space for `_` do not matter, and a few
    /// common spellings are accepted (`body` for first_message, `email` for customer_email…).
    public init?(header: String) {
        let key = header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if let c = Self(rawValue: key) { self = c; return }
        switch key {
        case "body", "message", "description": self = .firstMessage
        case "email": self = .customerEmail
        case "phone": self = .customerPhone
        case "name", "customer": self = .customerName
        case "created_at": self = .created
        case "updated_at": self = .updated
        case "rating", "score": self = .satisfaction
        case "ticket", "ticket_number", "#": self = .number
        default: return nil
        }
    }
}

/// The columns of the customers CSV (`helpdesk export --format csv --customers`).
public enum CustomerCSVColumn: String, Sendable, CaseIterable {
    case id, name, preferredName = "preferred_name", emails, phones, organisation
    case usualOrder = "usual_order", preferences, notes, customerSince = "customer_since", vip, birthday
    case tickets
}
