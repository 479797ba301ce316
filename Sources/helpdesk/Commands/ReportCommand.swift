import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk report`: a period's metrics with names attached, to circulate.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The period's numbers per agent and per tag, missed promises, breaches, at-risk customers, best-rated replies.",
        discussion: """
        The period is --since (7d, 30d, 12h; default 7d, up to now) or --from DATE [--to DATE] (YYYY-MM-DD in the
        store's time zone, --to inclusive, default today). Markdown and HTML paste into a team mail; CSV opens in a
        spreadsheet (one number per row, durations in seconds); JSON for scripts. It opens with the period against the
        one before it. Supervisors see every agent's row; an agent sees their own and the team's totals.
        --mail ADDRESS... puts the report in the outbox as one mail (HTML and a plain-text part) and runs your send
        command (helpdesk outbox command 'sendmail -t'); without one it waits in outbox/new.
        Definitions: README.md, "Metrics".
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, csv, json, html }

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The period up to now: 7d, 30d, 12h.", valueName: "duration")) var since: String?
    @Option(help: ArgumentHelp("First day of the period (YYYY-MM-DD).", valueName: "date")) var from: String?
    @Option(help: ArgumentHelp("Last day of the period, inclusive (YYYY-MM-DD; default today).", valueName: "date")) var to: String?
    @Option(help: "md, csv, json or html.") var format: Format = .md
    @Option(help: ArgumentHelp("Write to this file (whole or not at all) instead of standard output.", valueName: "file")) var out: String?
    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("Mail the report (HTML and plain text) to these addresses through the outbox.", valueName: "address"))
    var mail: [String] = []

    func validate() throws {
        if since != nil && (from != nil || to != nil) { throw ValidationError("use --since or --from/--to, not both") }
        if to != nil && from == nil { throw ValidationError("--to needs --from") }
        if !mail.isEmpty && out != nil { throw ValidationError("use --mail or --out, not both") }
        for address in mail where !ReportMail.isPlainAddress(address) {
            throw ValidationError(ReportMailProblem.badAddress(address).description)
        }
    }

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let lt = session.localTime
            let now = Date()
            let period = try Self.period(since: since, from: from, to: to, now: now, timeZone: lt.timeZone)
            // From the start of the period before, for the headline's comparison.
            let activity = try StatsActivityLoader.activity(from: session.store, since: StatsReport.previousPeriod(period).start)
            let state = session.state
            let store = session.store
            let report = StatsReport.compute(state, activity: activity, period: period, now: now, timeZone: lt.timeZone)
                .withReplyTexts { try? store.ticket($0) }
                .visible(to: session.actor, isSupervisor: state.agents[session.actor]?.isSupervisor == true)
            let name: (String?) -> String = { state.agentName($0) }
            if !mail.isEmpty {
                try send(report, session: session, now: now, name: name)
                return
            }
            let text: String
            switch format {
            case .md: text = ReportDocument.markdown(report, localTime: lt, agentName: name)
            case .html: text = ReportDocument.html(report, localTime: lt, agentName: name)
            case .csv: text = ReportDocument.csv(report)
            case .json: text = try JSONOutput.text(report) + "\n"
            }
            let output = try OutputFile(path: out)
            try output.write(text)
            try output.finish()
        }
    }

    /// Stages the report mail in the outbox, commits it and runs the send command (if this person has one).
    private func send(_ report: StatsReport, session: Session, now: Date, name: (String?) -> String) throws {
        let lt = session.localTime
        let sendID = "report-\(Int(now.timeIntervalSince1970))-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let subject = "\(session.state.settings.name): report \(lt.date(report.from)) – \(lt.date(report.to.addingTimeInterval(-1)))"
        let message: ReportMail
        do {
            message = try ReportMail(sendID: sendID, settings: session.state.settings, to: mail, subject: subject, date: now,
                                     text: ReportDocument.markdown(report, localTime: lt, agentName: name),
                                     html: ReportDocument.html(report, localTime: lt, agentName: name))
        } catch let problem as ReportMailProblem {
            throw UserError(problem.description, code: ExitStatus.invalid)
        }
        let outbox = session.store.outbox
        let staged = try outbox.stage(sendID: sendID, message: message.rendered)
        try outbox.commit(staged)
        guard let delivery = OutboxDelivery.deliver(outbox, forStoreAt: session.store.location) else {
            print("report for \(mail.joined(separator: ", ")) is in the outbox (\(outbox.path(.new, sendID))); "
                  + "you have no send command: helpdesk outbox command 'sendmail -t', then helpdesk outbox send")
            return
        }
        if delivery.sent.contains(sendID) {
            print("report sent to \(mail.joined(separator: ", "))")
        } else {
            let why = delivery.failed.first { $0.0 == sendID }?.1 ?? "not sent"
            throw UserError("the report waits in the outbox: the send command failed (\(why)); helpdesk outbox send retries",
                            code: ExitStatus.failure)
        }
    }

    /// The report's time range; bad input is one sentence. It must lie within the years 1970 to 9999
    /// (`Limits`), the times a store can hold.
    static func period(since: String?, from: String?, to: String?, now: Date, timeZone: TimeZone) throws -> StatsPeriod {
        let period = try unchecked(since: since, from: from, to: to, now: now, timeZone: timeZone)
        guard Limits.isKept(period.start), Limits.isKept(period.end) else {
            throw UserError("the period \(since.map { "--since \($0)" } ?? "from \(from ?? "")") reaches outside the years 1970 to 9999", code: ExitStatus.invalid)
        }
        return period
    }

    private static func unchecked(since: String?, from: String?, to: String?, now: Date, timeZone: TimeZone) throws -> StatsPeriod {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        func day(_ text: String, option: String) throws -> Date {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, text.count == 10,
                  let d = c.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
                  c.component(.day, from: d) == parts[2], c.component(.month, from: d) == parts[1] else {
                throw UserError("cannot use --\(option) '\(text)': write a date as YYYY-MM-DD", code: ExitStatus.invalid)
            }
            return d
        }
        if let from {
            let start = try day(from, option: "from")
            let lastDay = try to.map { try day($0, option: "to") } ?? c.startOfDay(for: now)
            guard lastDay >= start else {
                throw UserError("--to \(to ?? "") is before --from \(from)", code: ExitStatus.invalid)
            }
            let end = c.date(byAdding: .day, value: 1, to: lastDay) ?? lastDay.addingTimeInterval(86_400)
            return StatsPeriod(start: start, end: end)
        }
        let text = since ?? "7d"
        guard let seconds = Durations.parse(text), seconds > 0 else {
            throw UserError("cannot use --since '\(text)': write a duration such as 7d, 30d or 12h", code: ExitStatus.invalid)
        }
        return StatsPeriod(start: now.addingTimeInterval(-seconds), end: now.addingTimeInterval(0.001))
    }
}
