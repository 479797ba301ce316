import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk ticket merge N --into M`: copies N's thread into M after a note, closes N with a
/// pointer to M, and links the two.
struct TicketMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge a ticket into another (its thread is copied there; it is closed and points there).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket to merge (it is closed).") var number: String
    @Option(help: ArgumentHelp("The ticket it is merged into.", valueName: "n")) var into: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let source = try session.ticketNumber(number)
            let target = try session.ticketNumber(into)
            guard let t = session.state.tickets[target] else { throw ChangeError.ticketNotFound(target) }
            let changes = try TicketMerge.changes(merging: try session.store.ticket(source), into: t,
                                                  actor: session.actor, at: Date())
            try session.write(changes)
            print("#\(source) merged into #\(target)")
        }
    }
}

/// `helpdesk ticket link N M [--remove]`: relates two tickets both ways.
struct TicketLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Link two related tickets (both ways), or remove the link.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A ticket.") var number: String
    @Argument(help: "The related ticket.") var other: String
    @Flag(help: "Remove the link instead.") var remove = false

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let a = try session.ticketNumber(number), b = try session.ticketNumber(other)
            guard let ta = session.state.tickets[a], let tb = session.state.tickets[b] else { throw ChangeError.ticketNotFound(a) }
            try session.write(remove ? try TicketLinks.unlink(ta, tb) : try TicketLinks.link(ta, tb))
            print(remove ? "#\(a) and #\(b) are no longer linked" : "#\(a) and #\(b) are linked")
        }
    }
}

/// `helpdesk ticket history N`: who changed what, when, from the event log.
struct TicketHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a ticket's history: who changed what, when (from → to).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The ticket number.") var number: String

    struct Entry: Encodable {
        var seq: Int
        var at: Date
        var actor: String
        var type: String
        var changes: [String]
    }

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let n = try session.ticketNumber(number)
            let events = try session.store.history(ofTicket: n)
            let entries = TicketHistoryLines.entries(events, state: session.state, localTime: session.localTime)
            if output.json {
                try JSONOutput.print(zip(events, entries).map { e, line in
                    Entry(seq: e.seq, at: e.at, actor: e.actor, type: e.change.typeName, changes: line.what)
                })
                return
            }
            for line in entries {
                print("\(line.when)  \(line.who)  " + line.what.map { Sanitizer.sanitize($0) }.joined(separator: "; "))
            }
        }
    }
}

/// Online agents for auto-assignment from the CLI: those with a live console in this store.
enum OnlineAgents {
    static func now(_ session: Session) -> Set<String> {
        let files = session.store.presenceFiles()
        return PresenceBoardView(files.read(), now: Date(), excludingPID: -1, host: files.host).onlineAgents
    }
}
