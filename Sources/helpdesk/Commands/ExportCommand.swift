import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

extension ExchangeFileFormat: ExpressibleByArgument {}

/// `helpdesk export`: every customer and ticket, as one JSON document or as a spreadsheet CSV.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the store as JSON (everything: records and history) or CSV (one row per ticket).",
        discussion: """
        JSON: {"format":2, "exportedAt", "store", "settings", "agents":[…], "customers":[…], "tickets":[…],
        "promises":[…], "templates":[…], "views":[…], "history":[…]}: every record (tickets with their threads
        and ratings) and every event (who changed what, when). `helpdesk restore FILE --store NEW` rebuilds the
        store from it exactly; `helpdesk import` adds its records to another store.
        CSV: one row per ticket (number, subject, status, priority, tags, assignee, group, channel, created,
        updated, customer_id, customer_name, customer_email, customer_phone, preferred_name, usual_order,
        satisfaction, satisfaction_comment, messages, first_message); --customers lists customers instead. CSV is for
        spreadsheets: control characters and bidi overrides show as placeholders (as in the console) and a cell that
        starts with = + - @ gets a leading ' so it is not run as a formula; the JSON export keeps the exact text.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "json (default) or csv.")
    var format: ExchangeFileFormat = .json

    @Flag(help: "With --format csv: export the customer list instead of tickets.")
    var customers = false

    @Option(help: ArgumentHelp("Write to this file, replaced whole only once the export is complete (default: standard output).", valueName: "file"))
    var out: String?

    func run() throws {
        try CommandRunner.run {
            if customers && format == .json {
                throw UserError("--customers is for --format csv; the JSON export always includes the customers", code: ExitStatus.usage)
            }
            let session = try Session.open(global)
            let state = session.state
            let output = try OutputFile(path: out)
            switch format {
            case .json:
                try ExportDocument.write(state: state, store: session.store.info.exchange, now: Date(),
                                         thread: { try session.store.ticket($0) }, history: try session.store.allEvents(),
                                         to: { try output.write(JSONUnicodeEscaping.escape($0)) })
            case .csv:
                let text = customers
                    ? try CSVExport.customers(state: state)
                    : try CSVExport.tickets(state: state, thread: { try session.store.ticket($0) })
                try output.write(text)
            }
            try output.finish()
            if let out {
                let what = format == .csv && customers
                    ? "\(state.customers.count) customers"
                    : format == .csv ? "\(state.tickets.count) tickets"
                    : "\(state.tickets.count) tickets, \(state.customers.count) customers and \(state.lastSeq) events"
                print("exported \(what) to \(out)")
            }
        }
    }
}
