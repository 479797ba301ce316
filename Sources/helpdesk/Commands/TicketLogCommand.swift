import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk ticket log N --body …`: what a customer said on the phone or at the counter, recorded on an
/// existing ticket as their message (with the channel and who wrote it down), under the reopen rule.
struct TicketLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Record what the customer said (a call, a visit) on a ticket, as their message.",
        discussion: """
        The words are the customer's, written down by you: the thread shows them as the customer's message \\
        "by phone, logged by <you>". A pending or on-hold ticket becomes open and a solved one reopens; a \\
        closed ticket stays closed and the words start a new ticket linked to it (its number is printed).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket number.") var number: String
    @Option(help: ArgumentHelp("What the customer said ('-' reads standard input).", valueName: "text|-")) var body: String
    @Option(help: "How they told you: phone, walk-in, chat, web or email.") var channel: Channel = .phone

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let n = try session.ticketNumber(number)
            let changes = try CustomerWords.changes(state: session.state, ticket: n, body: Terminal.body(body), via: channel,
                                                    agent: session.actor, at: Date())
            let events = try session.write(changes)
            guard case .ticketCreated(let created)? = events.first?.change else {
                let reopened = events.count > 1 ? "; it is open again" : ""
                print("#\(n): the customer's words by \(channel.rawValue) are on the ticket\(reopened)")
                return
            }
            // A closed ticket: link the new one to it, now that its number is known.
            if let old = session.state.tickets[n], let new = session.state.tickets[created.number] {
                _ = try session.write(try TicketLinks.link(new, old))
            }
            print("#\(n) is closed: the customer's words started #\(created.number), linked to it")
        }
    }
}
