import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk import FILE`: tickets and customers from a JSON export or a CSV, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import tickets and customers from a JSON export or a CSV file (every row is checked first; a bad row imports nothing).",
        discussion: """
        JSON: the document `helpdesk export` writes, added to this store. Ticket numbers are kept (a number already
        in the store is an error); customers are matched to existing ones by email or phone, else created; agents
        the records name who are not on the roster are added (a supervisor must run such an import); templates
        and saved views the store lacks are added; the store keeps its own settings. When the file has a history,
        each ticket is rebuilt from its own events (status changes, assignments, messages, ratings, promises),
        each with its original actor and time, and must come out as its record says. To rebuild a whole store
        exactly, use `helpdesk restore FILE --store NEW`.
        CSV: a header row, then one ticket per row. Needs subject and customer_email (or customer_phone);
        optional: number, customer_name, preferred_name, usual_order, body (or first_message), status,
        priority, tags (';'-separated), channel, assignee, group, created, updated, satisfaction,
        satisfaction_comment. Rows naming the same new email create one customer.
        Ticket numbers are 1 to 999999999, times between 1970 and 9999; a CSV header may name each column once and a
        row may not have more fields than the header; a JSON document holds whole numbers only.
        Bad rows are listed as FILE:LINE: reason (FILE:LINE:COLUMN for a file that is not UTF-8 or not JSON), and
        the command exits 4 with the store unchanged.
        The whole import is appended as one batch (all or nothing). Events keep the time the file gives (a
        ticket's creation, a message, a rating) and, from a history, their actor; the rest are recorded now,
        under the importing agent.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The file to import ('-' reads standard input; give --format then).", valueName: "file"))
    var file: String

    @Option(help: "json or csv (default: from the file's extension).")
    var format: ExchangeFileFormat?

    @Flag(help: "Check the file and say what would be imported, without changing the store.")
    var dryRun = false

    /// What `--json` prints.
    struct Summary: Encodable {
        var dryRun: Bool
        var imported: Bool
        var tickets: Int
        var ticketNumbers: [Int]
        var newCustomers: Int
        var matchedCustomers: Int
        var newAgents: Int
        var messages: Int
        var warnings: [String]
        var problems: [Problem]
    }

    struct Problem: Encodable {
        var file: String
        var line: Int?
        var item: String?
        var reason: String
    }

    func run() throws {
        try CommandRunner.run {
            guard let format = format ?? ExchangeFileFormat(fileName: file) else {
                throw UserError("cannot tell the format of \(file) from its name; give --format json or --format csv", code: ExitStatus.usage)
            }
            let text = try readFile()
            let session = try Session.open(global)
            let plan: ImportPlan
            do {
                plan = try ImportPlan.make(text: text, fileName: file, format: format, state: session.state,
                                           actor: session.actor, now: Date())
            } catch let error as ImportError {
                if output.json, case .badRows(let problems) = error {
                    try JSONOutput.print(Summary(dryRun: dryRun, imported: false, tickets: 0, ticketNumbers: [], newCustomers: 0,
                                                 matchedCustomers: 0, newAgents: 0, messages: 0, warnings: [],
                                                 problems: problems.map { Problem(file: $0.file, line: $0.line, item: $0.item, reason: $0.reason) }))
                }
                throw UserError(error.description, code: ExitStatus.invalid)
            }
            for warning in plan.warnings { Terminal.warn(warning) }
            let addsAgents = "\(file) names \(plan.newAgentCount) agent(s) who are not on the roster; a supervisor must import it, or add them first with `helpdesk agent add`"
            let mayAddAgents = plan.newAgentCount == 0 || session.state.agents[session.actor]?.isSupervisor == true
            if dryRun && !mayAddAgents { Terminal.warn(addsAgents) }
            if !dryRun {
                if !mayAddAgents { throw UserError(addsAgents, code: ExitStatus.invalid) }
                do {
                    // One batch (all or nothing), each change at its original time and by its original
                    // actor when the file has them, so imported tickets keep their age and history.
                    try AgentIdentity.requireOnRoster(session.actor, roster: session.state.agents)
                    let now = Date()
                    let events = plan.steps.map {
                        Event(at: $0.originalTime ?? now, actor: $0.originalActor ?? session.actor, change: $0.change)
                    }
                    // Replaying history at its original times is the file store's (`appendHistory`).
                    let files = try session.requireFileStore(for: "import")
                    try files.appendHistory(events, batchSize: Int.max)
                    if let failure = files.lastCompactionError {
                        // The import is durable; only the tidying after it failed. Saying "not saved"
                        // here would make the user import again and duplicate every row.
                        Terminal.warn("the import is saved, but compacting the store afterwards failed: \(failure) (the store opens more slowly until a compaction succeeds; run `helpdesk check`)")
                    }
                } catch let error as ChangeError {
                    // Checked a moment ago: someone else wrote in between (a ticket number or customer id taken).
                    throw UserError("the store changed while importing (\(error.description)); nothing was imported — run the import again",
                                    code: ExitStatus.conflict)
                }
            }
            if output.json {
                try JSONOutput.print(Summary(dryRun: dryRun, imported: !dryRun, tickets: plan.ticketCount,
                                             ticketNumbers: plan.ticketNumbers, newCustomers: plan.newCustomerCount,
                                             matchedCustomers: plan.matchedCustomerCount, newAgents: plan.newAgentCount,
                                             messages: plan.messageCount, warnings: plan.warnings, problems: []))
            } else {
                print(plan.summary(verb: dryRun ? "would import" : "imported"))
            }
        }
    }

    private func readFile() throws -> String {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw UserError("cannot read \(file): \((error as NSError).localizedFailureReason ?? error.localizedDescription)", code: ExitStatus.notFound)
            }
        }
        do {
            return try ImportText.decode([UInt8](data), fileName: file)
        } catch let error as ImportError {
            throw UserError(error.description, code: ExitStatus.invalid)
        }
    }
}
