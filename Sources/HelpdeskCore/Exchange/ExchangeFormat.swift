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

/// The JSON export document: everything needed to rebuild the customers and tickets of a store.
///
/// Shape (stable for scripts and `jq`; dates are ISO 8601 UTC strings, absent optional fields are left
/// out):
/// ```
/// {"format": 1, "exportedAt": "2026-11-23T14:02:05Z",
///  "agents":    [{"login", "displayName", "role", "active"}],
///  "customers": [{"id", "name", "preferredName", "emails", "phones", "organisation", "usualOrder",
///                 "preferences": [{"key", "value", "confirmedAt"}], "notes", "customerSince", "vip",
///                 "birthday"}],
///  "tickets":   [{"number", "subject", "status", "priority", "tags", "assignee", "group",
///                 "customer" (a customer id from this document, or an email/phone known to the store),
///                 "channel", "createdAt", "updatedAt", "solvedAt", "mergedInto", "links",
///                 "messages": [{"kind", "author", "body", "at"}], "satisfaction": {"score", "comment", "at"}}]}
/// ```
/// Enumerations and dates are plain strings so an import can report a bad value on the ticket that has
/// it, instead of refusing the whole document. These types are built only by `ExportDocument` (with
/// their memberwise initialisers) and read by the import.
public struct ExchangeDocument: Codable, Sendable, Equatable {
    /// The version of this shape; an import refuses documents newer than it understands.
    public static let currentFormat = 1

    public var format: Int = ExchangeDocument.currentFormat
    public var exportedAt: String?
    /// The roster at export time; an import adds those its tickets name (assignees, authors) who are missing.
    public var agents: [ExchangeAgent]?
    public var customers: [ExchangeCustomer]?
    public var tickets: [ExchangeTicket]?
}

/// An agent as exported: enough to put them back on a roster.
public struct ExchangeAgent: Codable, Sendable, Equatable {
    public var login: String
    public var displayName: String?
    public var role: String?
    public var active: Bool?
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

/// A satisfaction rating, as exported.
public struct ExchangeSatisfaction: Codable, Sendable, Equatable {
    public var score: Int
    public var comment: String?
    public var at: String?
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
