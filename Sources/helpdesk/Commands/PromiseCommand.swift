import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk promise …`: what we promised customers, and whether we kept it.
struct PromiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promise",
        abstract: "Record promises to customers, list them, mark them kept or missed.",
        subcommands: [PromiseAdd.self, PromiseList.self, PromiseKept.self, PromiseMissed.self]
    )
}

struct PromiseAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Record a promise on a ticket; prints its id and when it is due.",
        discussion: "Due times are read in the store's time zone: 'fri 17:00', 'tomorrow 9am', 'in 2h', '2026-12-01 10:00'; at most 10 years ahead.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket (1042 or #1042).") var number: String
    @Option(help: ArgumentHelp("When it is due.", valueName: "when")) var due: String
    @Option(help: "What was promised.") var text: String
    @Option(help: ArgumentHelp("Whose promise it is (default: you).", valueName: "login")) var owner: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let n = try session.ticketNumber(number)
            let now = Date()
            let parsed: DueTime
            switch DueTimeParser.parse(due, now: now, timeZone: session.localTime.timeZone) {
            case .success(let d): parsed = d
            case .failure(let e): throw UserError("cannot use --due: \(e.reason)", code: ExitStatus.invalid)
            }
            let who = owner ?? session.actor
            guard session.state.agents[who] != nil else { throw ChangeError.agentNotFound(who) }
            let events = try session.write([.promiseMade(CustomerPromise(id: 0, text: text, due: parsed.date, ticket: n,
                                                                          owner: who, createdAt: now))])
            if case .promiseMade(let p)? = events.first?.change {
                print("promise \(p.id) on #\(n): \(Sanitizer.sanitize(p.text)) — due \(parsed.understood)")
            }
        }
    }
}

struct PromiseList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List open promises, soonest due first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Include kept and missed promises.") var all = false
    @Flag(help: "Only your own.") var mine = false
    @Option(help: ArgumentHelp("Only promises on this ticket.", valueName: "n")) var ticket: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let state = session.state
            var list: [CustomerPromise]
            if let ticket {
                list = state.promises(ofTicket: try session.ticketNumber(ticket))
                if !all { list = list.filter { $0.state == .open } }
            } else {
                list = all ? state.promises.values.sorted { ($0.due, $0.id) < ($1.due, $1.id) } : state.openPromises
            }
            if mine { list = list.filter { $0.owner == session.actor } }
            let now = Date()
            if output.json {
                try JSONOutput.print(list.map { PromiseDocument($0, state: state, now: now) })
                return
            }
            guard !list.isEmpty else {
                print(all ? "No promises." : "No open promises.")
                return
            }
            let lt = session.localTime
            var table = TextTable("ID", "TICKET", "CUSTOMER", "DUE", "STATE", "OWNER", "PROMISE")
            for p in list {
                let customer = state.tickets[p.ticket].flatMap { state.customers[$0.requester] }?.greetingName ?? ""
                let stateText = p.isOverdue(now: now) ? "OVERDUE" : p.state.rawValue
                table.add([String(p.id), "#\(p.ticket)", Sanitizer.sanitize(customer), lt.dateTime(p.due), stateText,
                           p.owner, Sanitizer.sanitize(p.text)])
            }
            print(table.render())
        }
    }
}

/// A promise as `promise list --json` prints it.
struct PromiseDocument: Encodable {
    var id: Int
    var ticket: Int
    var customer: String?
    var text: String
    var due: String
    var owner: String
    var state: String
    var overdue: Bool
    var createdAt: String
    var resolvedAt: String?

    init(_ p: CustomerPromise, state s: HelpdeskState, now: Date) {
        id = p.id
        ticket = p.ticket
        customer = s.tickets[p.ticket]?.requester
        text = p.text
        due = ISOTime.format(p.due)
        owner = p.owner
        state = p.state.rawValue
        overdue = p.isOverdue(now: now)
        createdAt = ISOTime.format(p.createdAt)
        resolvedAt = p.resolvedAt.map(ISOTime.format)
    }
}

/// Shared by `promise kept` and `promise missed`.
private func resolve(_ idText: String, as state: PromiseState, global: GlobalOptions) throws {
    try CommandRunner.run {
        let session = try Session.open(global)
        guard let id = Int(idText) else { throw UserError("'\(idText)' is not a promise id (see `helpdesk promise list`)", code: ExitStatus.usage) }
        guard let p = session.state.promises[id] else { throw ChangeError.promiseNotFound(id) }
        if p.state == state { throw UserError("promise \(id) is already \(state.rawValue)", code: ExitStatus.invalid) }
        try session.write([.promiseResolved(id: id, state: state)])
        print("promise \(id) on #\(p.ticket) \(state.rawValue): \(Sanitizer.sanitize(p.text))")
    }
}

struct PromiseKept: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kept", abstract: "Mark a promise kept.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The promise id.") var id: String
    func run() throws { try resolve(id, as: .kept, global: global) }
}

struct PromiseMissed: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "missed", abstract: "Mark a promise missed.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The promise id.") var id: String
    func run() throws { try resolve(id, as: .missed, global: global) }
}
