import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk bench`: builds a synthetic store in a temporary directory and measures what users feel.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure open time, memory, append latency and console speed on a synthetic store; --torture races real processes against it.",
        discussion: """
        Use a release build (swift build -c release) for meaningful figures. Opening and memory are measured in a fresh child process so the build does not inflate them.
        --torture SECONDS: for that long, runs concurrent `helpdesk` processes on a synthetic store (note writers on one ticket, \
        importers of a one-row CSV, each of which compacts, `ticket new` loops) while a killer `kill -9`s random ones, then checks \
        that every acknowledged change is there exactly once, no number was given twice, ticket numbers have no gaps and the store \
        checks clean. Prints the figures and every violation; exits 1 when there is any (the store is then kept as evidence).
        """
    )

    @Option(help: "How many tickets the synthetic store holds (default: 10000; with --torture, 3000).")
    var tickets: Int?

    @Option(help: ArgumentHelp("Race concurrent helpdesk processes (and kill -9s) against a store for this long, then verify every acknowledged change.", valueName: "seconds"))
    var torture: Double?

    @OptionGroup(title: "Torture options")
    var tortureOptions: TortureOptions

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Measure an existing store instead of building one (used for the fresh-process measurement).", visibility: .hidden))
    var measure: String?

    @Flag(help: "Keep the temporary store and print its path (with --torture it is kept anyway when a violation is found).")
    var keep = false

    @Option(help: ArgumentHelp("Measure mail intake instead: ingest this many messages from a Maildir, deliver's latency, and (with --mail-kills) kill -9s during ingest.", valueName: "messages"))
    var mail: Int?

    @Option(help: ArgumentHelp("With --mail: kill -9 an ingest this many times, then check every message is stored exactly once.", valueName: "kills"))
    var mailKills = 0

    @Option(help: ArgumentHelp("Measure instead what signing costs a team store: open with this many records after the snapshot, and appends.", valueName: "records"))
    var teamTail: Int?

    func validate() throws {
        if let tickets, !(1...10_000_000).contains(tickets) { throw ValidationError("--tickets is 1 to 10000000, not \(tickets)") }
        if let torture, !(torture > 0 && torture <= 86_400 * 7) { throw ValidationError("--torture is a number of seconds, up to a week, not \(torture)") }
        if torture == nil && tortureOptions.isChanged {
            throw ValidationError("--writers, --importers, --creators, --no-kill, --kill-interval and --seed go with --torture SECONDS")
        }
    }

    func run() throws {
        try CommandRunner.run {
            if let torture {
                try runTorture(seconds: torture)
                return
            }
            if let mail {
                guard (1...1_000_000).contains(mail), (0...100_000).contains(mailKills) else {
                    throw UserError("--mail is 1 to 1000000 messages, --mail-kills 0 to 100000", code: ExitStatus.usage)
                }
                try MailBenchmark(messages: mail, kills: mailKills).run()
                return
            }
            if let teamTail {
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-team-bench-\(getpid())")
                defer { try? FileManager.default.removeItem(at: dir) }
                let result = try TeamBenchmark.run(tailEvents: max(200, teamTail), in: dir)
                if output.json { try JSONOutput.print(result) } else { print(result.table) }
                return
            }
            let tickets = self.tickets ?? 10_000
            if let measure {
                let result = try Self.measureAll(at: URL(fileURLWithPath: measure))
                try JSONOutput.print(result)
                return
            }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-bench-\(getpid())")
            defer { if !keep { try? FileManager.default.removeItem(at: dir) } }
            if !output.json { FileHandle.standardError.write(Data("building \(tickets) tickets in \(dir.path)…\n".utf8)) }
            let built = try StoreBenchmark.build(tickets: tickets, in: dir)
            var report = try measureInChild(dir)
            report.store.buildSeconds = built.buildSeconds
            report.store.compactSeconds = built.compactSeconds
            if output.json {
                try JSONOutput.print(report)
            } else {
                print(report.table)
                if keep { print("store kept at \(dir.path)") }
            }
        }
    }

    /// Runs `helpdesk bench --measure DIR` in a fresh process and reads its JSON.
    private func measureInChild(_ dir: URL) throws -> BenchReport {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["bench", "--measure", dir.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw UserError("the measuring process failed (status \(process.terminationStatus))") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in ISOTime.parse(try d.singleValueContainer().decode(String.self)) ?? Date() }
        return try decoder.decode(BenchReport.self, from: data)
    }

    /// Store figures plus the console's: first frame and key-to-frame latency on the in-memory terminal.
    static func measureAll(at dir: URL) throws -> BenchReport {
        let store = try StoreBenchmark.measure(at: dir)
        let console = try ConsoleBenchmark.run(storeAt: dir)
        var report = BenchReport(store: store, console: console)
        report.editor = try EditorBenchmark.run(storeAt: dir)
        report.customerCard = try CustomerCardBenchmark.run(store: FileStore.open(at: dir, actor: "bench"))
        report.statsScreen = try StatsScreenBenchmark.run(store: FileStore.open(at: dir, actor: "bench"))
        return report
    }
}

/// Everything `helpdesk bench` reports.
struct BenchReport: Codable {
    var store: BenchResult
    var console: ConsoleBenchmark.Result
    /// The reply editor (absent in reports from before it existed).
    var editor: EditorBenchmark.Result? = nil
    /// The card and history of a regular with 500 tickets (issue 5: ≤ 10 ms median).
    var customerCard: CustomerCardBenchmark.Result? = nil
    /// The live stats screen (issue 7: first frame ≤ 500 ms, update ≤ 50 ms).
    var statsScreen: StatsScreenBenchmark.Result? = nil

    var table: String {
        func ms(_ v: Double) -> String { String(format: "%.2f ms", v) }
        var t = TextTable("MEASURE", "VALUE")
        t.add(["tickets / customers / events", "\(store.tickets) / \(store.customers) / \(store.events)"])
        t.add(["build + compact", String(format: "%.2f s + %.2f s", store.buildSeconds, store.compactSeconds)])
        t.add(["store size", String(format: "%.1f MB", Double(store.storeBytes) / 1_048_576)])
        t.add(["open (median)", ms(store.openMedianMs)])
        t.add(["memory after open (RSS)", String(format: "%.1f MB", store.residentMB)])
        t.add(["append (median / p99)", "\(ms(store.appendMedianMs)) / \(ms(store.appendP99Ms))"])
        t.add(["thread load (median)", ms(store.threadLoadMedianMs)])
        t.add(["search, two words (median / p99, avg hits)",
               "\(ms(store.searchMedianMs)) / \(ms(store.searchP99Ms)), \(Int(store.searchAverageHits.rounded()))"])
        t.add(["console: start to first frame", ms(console.firstFrameMs)])
        t.add(["console: move selection (median / p99)", "\(ms(console.moveMedianMs)) / \(ms(console.moveP99Ms))"])
        t.add(["console: open ticket (median / p99)", "\(ms(console.openTicketMedianMs)) / \(ms(console.openTicketP99Ms))"])
        t.add(["console: filter keystroke (median / p99)", "\(ms(console.filterKeyMedianMs)) / \(ms(console.filterKeyP99Ms))"])
        if let c = customerCard {
            t.add(["customer card + history, \(c.tickets) tickets (median / p99)", "\(ms(c.medianMs)) / \(ms(c.p99Ms))"])
        }
        if let s = statsScreen {
            t.add(["stats screen: first frame / update after a change (median / p99)",
                   "\(ms(s.firstFrameMs)) / \(ms(s.updateMedianMs)) / \(ms(s.updateP99Ms))"])
            t.add(["report --since 30d (compute + Markdown)", ms(s.report30dMs)])
        }
        if let editor {
            t.add(["editor: keystroke in a 2,000-line draft (median / p99)", "\(ms(editor.typingMedianMs)) / \(ms(editor.typingP99Ms))"])
            t.add(["editor: 5,000-line paste", ms(editor.paste5000LinesMs)])
        }
        t.add(["terminal bytes: move selection / 80×24 repaint",
               "\(console.rowMoveBytes.map(String.init) ?? "n/a") B / \(console.fullRepaintBytes.map(String.init) ?? "n/a") B"])
        return t.render()
    }
}
