import CSV
import Foundation

/// Spreadsheet exports: RFC 4180 CSV (CRLF line ends, fields with commas, quotes or line breaks quoted),
/// UTF-8, one header row. Every text cell goes through `SpreadsheetCell.safe`: controls, escape
/// sequences and bidi overrides shown as on the console, and a cell starting with `=`, `+`, `-`, `@`,
/// tab or CR prefixed with `'` against formula injection. The exact text is in the JSON export.
public enum CSVExport {
    /// One row per ticket, in number order, with the columns of `TicketCSVColumn`. `thread` loads a
    /// ticket's thread, for the first customer message.
    public static func tickets(state: HelpdeskState, thread: (Int) throws -> Ticket) throws -> String {
        try write(header: TicketCSVColumn.allCases.map(\.rawValue)) { row in
            for number in state.tickets.keys.sorted() {
                let t = try thread(number)
                let c = state.customers[t.requester]
                try row(TicketCSVColumn.allCases.map { column in
                    switch column {
                    case .number: String(t.number)
                    case .subject: t.subject
                    case .status: t.status.label
                    case .priority: t.priority.rawValue
                    case .tags: t.tags.joined(separator: ";")
                    case .assignee: t.assignee ?? ""
                    case .group: t.group ?? ""
                    case .channel: t.channel.rawValue
                    case .created: ISOTime.format(t.createdAt)
                    case .updated: ISOTime.format(t.updatedAt)
                    case .customerID: t.requester
                    case .customerName: c?.name ?? ""
                    case .customerEmail: c?.emails.first ?? ""
                    case .customerPhone: c?.phones.first ?? ""
                    case .preferredName: c?.preferredName ?? ""
                    case .usualOrder: c?.usualOrder ?? ""
                    case .satisfaction: t.satisfaction.map { String($0.score) } ?? ""
                    case .satisfactionComment: t.satisfaction?.comment ?? ""
                    case .messages: String(t.messageCount)
                    case .firstMessage: t.messages.first { $0.kind == .customer }?.body ?? ""
                    }
                })
            }
        }
    }

    /// One row per customer, by id, with the columns of `CustomerCSVColumn`.
    public static func customers(state: HelpdeskState) throws -> String {
        try write(header: CustomerCSVColumn.allCases.map(\.rawValue)) { row in
            for c in state.customers.values.sorted(by: { $0.id < $1.id }) {
                try row(CustomerCSVColumn.allCases.map { column in
                    switch column {
                    case .id: c.id
                    case .name: c.name
                    case .preferredName: c.preferredName ?? ""
                    case .emails: c.emails.joined(separator: ";")
                    case .phones: c.phones.joined(separator: ";")
                    case .organisation: c.organisation ?? ""
                    case .usualOrder: c.usualOrder ?? ""
                    case .preferences: c.preferences.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
                    case .notes: c.notes ?? ""
                    case .customerSince: ISOTime.format(c.customerSince)
                    case .vip: c.vip ? "yes" : "no"
                    case .birthday: c.birthday ?? ""
                    case .tickets: String(state.ticketsByCustomer[c.id]?.count ?? 0)
                    }
                })
            }
        }
    }

    private static func write(header: [String], rows: ((([String]) throws -> Void)) throws -> Void) throws -> String {
        let csv = try CSVWriter(stream: .toMemory(), newline: .crlf)
        try csv.write(row: header)
        try rows { try csv.write(row: $0.map(SpreadsheetCell.safe)) }
        csv.stream.close()
        let data = csv.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        // The writer separates rows; RFC 4180 ends the last one too.
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }
}
