import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk search WORDS`: full-text search over subjects, messages, notes, tags and customers.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find tickets by words in their subject, messages, notes, tags or customer (name, email).",
        discussion: "Every word must match. Words of three letters or more also match longer words they begin ('refund' finds 'refunded'). Most recently updated first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The words to find.")
    var words: [String]

    @Option(help: "At most this many tickets.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit is a number of tickets, 0 or more, not \(limit)") }
    }

    func run() throws {
        try CommandRunner.run {
            let text = words.joined(separator: " ")
            guard !SearchText.terms(text).isEmpty else {
                throw UserError("give at least one word to search for (letters or digits)", code: ExitStatus.usage)
            }
            let session = try Session.open(global)
            let state = session.state
            // Only the kept tickets are ordered: --limit 20 does not sort every match.
            let numbers = session.store.search(text, limit: limit).numbers
            let tickets = numbers.compactMap { state.tickets[$0] }
            if output.json {
                try JSONOutput.print(tickets.map { TicketDocument($0, state: state, includeMessages: false) })
                return
            }
            if tickets.isEmpty {
                print("No ticket mentions '\(text)'.")
                return
            }
            let local = LocalTime(identifier: state.settings.timeZone)
            let now = Date()
            var table = TextTable("#", "STATUS", "CUSTOMER", "SUBJECT", "UPDATED")
            for t in tickets {
                table.add([String(t.number), t.status.label, state.customers[t.requester]?.greetingName ?? t.requester,
                           t.subject, local.compact(t.updatedAt, now: now)])
            }
            print(table.render())
        }
    }
}
