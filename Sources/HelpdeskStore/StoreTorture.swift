import Foundation
import HelpdeskCore
#if canImport(Glibc)
import Glibc
#endif

/// A multi-process torture test of the file store, driving real `helpdesk` processes as users do.
///
/// On a synthetic store (or one given) it runs, concurrently and for a bounded time:
/// - `importers` loops importing a one-row CSV (each import compacts the store),
/// - `writers` loops of `ticket note N --body TOKEN` on one ticket, every token unique (`w3-17`),
/// - `creators` loops of `ticket new --subject TOKEN`,
/// - and, with `kills`, a killer that `kill -9`s a random running command at random moments
///   (from a seeded generator; the seed is in the report).
///
/// Every acknowledgement (exit 0 and the event or ticket number printed) is recorded. Afterwards the
/// store must check clean (a torn tail left by a kill may be repaired first), every acknowledged note
/// be in the thread exactly once, no event or ticket number be acknowledged twice, every acknowledged
/// import and new ticket exist exactly once under its number, ticket numbers be unique and without
/// gaps, and the store take one more write. A command killed before it acknowledged may or may not
/// have landed, but at most once. Issue 10, item 1: the race between opening and compaction.
///
/// Every child is killed and reaped on every way out of `run()`; each is a single short command, so
/// even if this process is itself killed they end on their own.
public final class StoreTorture: @unchecked Sendable {
    /// What to run.
    public struct Options: Codable, Sendable {
        /// The `helpdesk` executable to drive.
        public var binary: String
        /// How long the concurrent phase lasts.
        public var seconds: Double
        /// Tickets in the synthetic store (ignored with `store`).
        public var tickets = 3_000
        /// Loops adding notes to one ticket.
        public var writers = 6
        /// Loops importing a one-row CSV (each import compacts).
        public var importers = 1
        /// Loops opening tickets with `ticket new`.
        public var creators = 1
        /// Whether the killer runs.
        public var kills = true
        /// Mean time between kills, in milliseconds (each gap is uniform in [½, 1½] of it).
        public var killIntervalMs = 500
        /// Seeds the killer's choices and the synthetic store.
        public var seed: UInt64 = 1
        /// A command running longer than this is killed and counted as hung.
        public var commandTimeout = 60.0
        /// An existing store to torture instead of a synthetic one (it is changed, never removed).
        public var store: String?
        /// Where the synthetic store and scratch files go (default: a new temporary directory);
        /// removed afterwards unless the store is kept.
        public var workDirectory: String?
        /// The agent the commands act as (on the synthetic store: `bench`).
        public var agent = "bench"
        /// Keep the synthetic store afterwards even when the run passed (it is always kept as
        /// evidence when a violation was found, unless `removeEvidence`).
        public var keep = false
        /// Remove the synthetic store even after a violation (tests do: their sandbox goes).
        public var removeEvidence = false

        public init(binary: String, seconds: Double) {
            self.binary = binary
            self.seconds = seconds
        }
    }

    /// Why a run could not start.
    public struct SetupError: Error, CustomStringConvertible {
        public var description: String
    }

    public let options: Options
    private let children = TortureChildren()
    private let lock = NSLock()
    private var attempts: [Attempt] = []
    private var cancelled = false
    private var loadPhase = false

    public init(options: Options) {
        self.options = options
    }

    /// Ends the run early (from a signal handler's queue, say): the killer stops, running commands
    /// are killed, and what was acknowledged so far is verified.
    public func cancel() {
        lock.lock()
        cancelled = true
        let loading = loadPhase
        lock.unlock()
        if loading { children.killAll() }
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Builds the store, runs the concurrent phase, verifies, and says what happened.
    /// `progress` gets a line now and then (building, running, verifying).
    public func run(progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> StoreTortureReport {
        defer {
            stopSupervisor()
            children.reapAll()
        }
        guard FileManager.default.isExecutableFile(atPath: options.binary) else {
            throw SetupError(description: "\(options.binary) is not an executable helpdesk binary")
        }
        let fm = FileManager.default
        let work = URL(fileURLWithPath: options.workDirectory
            ?? fm.temporaryDirectory.appendingPathComponent("helpdesk-torture-\(getpid())-\(options.seed)").path)
        let scratch = work.appendingPathComponent("scratch")
        try fm.createDirectory(at: scratch.appendingPathComponent("config"), withIntermediateDirectories: true)
        let storeURL = options.store.map { URL(fileURLWithPath: $0) } ?? work.appendingPathComponent("store")
        var report = StoreTortureReport(seed: options.seed, requestedSeconds: options.seconds, store: storeURL.path)
        report.writers = options.writers
        report.importers = options.importers
        report.creators = options.creators
        report.kills = options.kills

        var removeWork = true
        defer {
            if removeWork {
                try? fm.removeItem(at: options.store == nil ? work : scratch)
                if options.store != nil, options.workDirectory == nil { try? fm.removeItem(at: work) }
            }
        }

        // The store.
        let buildStart = DispatchTime.now()
        if options.store == nil {
            progress("building \(options.tickets) tickets in \(storeURL.path)…")
            _ = try StoreBenchmark.build(tickets: options.tickets, in: storeURL, seed: options.seed)
        }
        // Read once and let go before the run: this process takes no part in the race.
        let (noteTicket, ticketCount) = try { () throws -> (Int, Int) in
            let opened = try FileStore.open(at: storeURL, actor: options.agent)
            guard let first = opened.state.tickets.keys.min() else {
                throw SetupError(description: "the store at \(storeURL.path) has no ticket to add notes to")
            }
            guard opened.state.agents[options.agent] != nil else {
                throw SetupError(description: "\(options.agent) is not on the roster of \(storeURL.path); pass an agent who is")
            }
            return (first, opened.state.tickets.count)
        }()
        report.tickets = ticketCount
        report.noteTicket = noteTicket
        let context = Context(binary: options.binary, store: storeURL.path, scratch: scratch.path,
                              environment: childEnvironment(config: scratch.appendingPathComponent("config").path),
                              noteTicket: noteTicket, customer: "torture-\(options.seed)@torture.test",
                              tag: options.store == nil ? "" : "r\(getpid())-")
        // Imports and new tickets name a customer who exists, so two of them never both create it.
        let added = try command(["customer", "add", "--store", context.store, "--name", "Torture Test",
                                 "--email", context.customer], context: context, label: "setup")
        if added.status != 0 && !added.stderr.contains("already") {
            throw SetupError(description: "could not add the torture customer: \(added.stderr)")
        }
        report.buildSeconds = seconds(since: buildStart)

        // The concurrent phase.
        progress("running \(options.writers) note writer(s), \(options.importers) importer(s), \(options.creators) ticket creator(s)"
                 + (options.kills ? ", killing one every ~\(options.killIntervalMs) ms" : ", no kills")
                 + " for \(formatSeconds(options.seconds)) (seed \(options.seed))…")
        let runStart = DispatchTime.now()
        let deadline = DispatchTime.now() + options.seconds
        setLoadPhase(true)
        let supervisor = startThread { [self] in supervise() }
        var loops: [Joinable] = []
        for (role, count) in [(Role.note, options.writers), (.importCSV, options.importers), (.newTicket, options.creators)] {
            for index in 0..<max(0, count) {
                loops.append(startThread { [self] in
                    loop(role, index: index + 1, start: runStart, deadline: deadline, context: context)
                })
            }
        }
        loops.forEach { $0.join() }
        setLoadPhase(false)
        report.runSeconds = seconds(since: runStart)
        report.killsSent = children.killsSent
        report.interrupted = isCancelled

        // Verifying (the supervisor keeps watching for hung commands).
        children.reopen()
        progress("verifying \(attemptsSnapshot().count) commands' outcomes…")
        let verifyStart = DispatchTime.now()
        let recorded = attemptsSnapshot()
        tally(recorded, into: &report)
        var verifier = StoreTortureVerifier(attempts: recorded, kills: options.kills, context: context,
                                            run: { [self] args in try command(args, context: context, label: "verify") })
        report.violations += verifier.verify(repairs: &report.repairs)
        report.firstViolationSeconds = verifier.earliest
        report.verifySeconds = seconds(since: verifyStart)
        stopSupervisor()
        supervisor.join()

        if options.store == nil && (options.keep || (!report.passed && !options.removeEvidence)) {
            removeWork = false
            try? fm.removeItem(at: scratch)
            report.storeKept = true
        }
        return report
    }

    // MARK: The participants

    enum Role: String, Sendable {
        case note, importCSV, newTicket

        var prefix: String {
            switch self {
            case .note: "w"
            case .importCSV: "i"
            case .newTicket: "n"
            }
        }

        var commandName: String {
            switch self {
            case .note: "ticket note"
            case .importCSV: "import"
            case .newTicket: "ticket new"
            }
        }
    }

    /// One command and how it ended.
    struct Attempt: Sendable {
        enum Outcome: Sendable, Equatable {
            /// Exit 0; the event number (a note) or ticket number (an import, a new ticket) printed.
            case acknowledged(Int)
            case killed
            case refused(String)
            case failed(String)
            case crashed(String)
            case hung
            case unreadable(String)
        }

        var role: Role
        var token: String
        var outcome: Outcome
        /// Seconds after the start of the concurrent phase it began.
        var startedAt: Double
    }

    /// What every participant needs to know.
    struct Context: Sendable {
        var binary: String
        var store: String
        var scratch: String
        var environment: [String: String]
        var noteTicket: Int
        var customer: String
        /// Prefixed to every token (empty on a fresh store; on a given one, keeps runs apart).
        var tag: String
    }

    private func loop(_ role: Role, index: Int, start: DispatchTime, deadline: DispatchTime, context: Context) {
        let label = "\(role.prefix)\(index)"
        var k = 0
        while DispatchTime.now() < deadline && !isCancelled {
            k += 1
            let token = "\(context.tag)\(label)-\(k)"
            let startedAt = seconds(since: start)
            let outcome: Attempt.Outcome
            do {
                outcome = try attempt(role, token: token, label: label, context: context)
            } catch is TortureChildren.Closed {
                break
            } catch {
                outcome = .failed("the harness could not run it: \(error)")
            }
            lock.lock()
            attempts.append(Attempt(role: role, token: token, outcome: outcome, startedAt: startedAt))
            lock.unlock()
        }
    }

    private func attempt(_ role: Role, token: String, label: String, context: Context) throws -> Attempt.Outcome {
        let args: [String]
        switch role {
        case .note:
            args = ["ticket", "note", "--store", context.store, String(context.noteTicket), "--body", token]
        case .importCSV:
            let csv = "\(context.scratch)/\(label).csv"
            try Data("subject,customer_email,body\n\(token),\(context.customer),imported by the torture test\n".utf8)
                .write(to: URL(fileURLWithPath: csv))
            args = ["import", "--store", context.store, "--json", csv]
        case .newTicket:
            args = ["ticket", "new", "--store", context.store, "--customer", context.customer, "--subject", token]
        }
        let result = try command(args, context: context, label: label)
        if result.ending.timedOut { return .hung }
        if let signal = result.ending.signal {
            // After a cancel, a Ctrl-C reaches our children too (they share our process group).
            if result.ending.killedByHarness || isCancelled { return .killed }
            return .crashed("signal \(signal)" + (result.stderr.isEmpty ? "" : ": " + Self.firstLine(result.stderr)))
        }
        switch result.status {
        case 0:
            guard let number = Self.acknowledgement(role, stdout: result.stdout) else { return .unreadable(result.stdout) }
            return .acknowledged(number)
        case 3 where role != .note:
            return .refused(Self.firstLine(result.stderr))
        default:
            return .failed("exit \(result.status): " + Self.firstLine(result.stderr))
        }
    }

    /// The number a successful command printed: `#1001: note added (event 18755)`, an import's
    /// JSON `ticketNumbers`, `ticket new`'s number.
    static func acknowledgement(_ role: Role, stdout: String) -> Int? {
        switch role {
        case .note:
            guard let range = stdout.range(of: "(event ") else { return nil }
            return Int(stdout[range.upperBound...].prefix { $0.isNumber })
        case .importCSV:
            guard let object = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any],
                  object["imported"] as? Bool == true,
                  let numbers = object["ticketNumbers"] as? [Int], numbers.count == 1 else { return nil }
            return numbers[0]
        case .newTicket:
            return Int(stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces)
    }

    // MARK: Running commands

    struct CommandOutput: Sendable {
        var ending: TortureChildren.Ending
        var stdout: String
        var stderr: String
        /// The exit status, or 128 + the signal.
        var status: Int32 { ending.status ?? 128 + (ending.signal ?? 0) }
    }

    private func command(_ arguments: [String], context: Context, label: String) throws -> CommandOutput {
        try Self.command(arguments, context: context, label: label, children: children)
    }

    static func command(_ arguments: [String], context: Context, label: String,
                        children: TortureChildren) throws -> CommandOutput {
        let out = "\(context.scratch)/\(label).out"
        let err = "\(context.scratch)/\(label).err"
        let pid = try children.spawn(context.binary, arguments, environment: context.environment, label: label,
                                     stdout: out, stderr: err)
        let ending = children.wait(pid)
        return CommandOutput(ending: ending,
                             stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    private func childEnvironment(config: String) -> [String: String] {
        Self.childEnvironment(agent: options.agent, config: config)
    }

    /// Ours minus anything naming another store or agent, and a config directory of our own.
    static func childEnvironment(agent: String, config: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("HELPDESK_") { env[key] = nil }
        env["HELPDESK_AGENT"] = agent
        env["XDG_CONFIG_HOME"] = config
        // Records seen (`SeenPositions`) stay in the scratch directory, so a store that went back is noticed.
        env["XDG_STATE_HOME"] = (config as NSString).deletingLastPathComponent + "/state"
        return env
    }

    /// Verifies recorded outcomes against a store, as a run does after its concurrent phase (for
    /// tests of the verifier itself: it must see what a broken store did).
    static func verify(_ attempts: [Attempt], kills: Bool,
                       context: Context) -> (violations: [StoreTortureReport.Violation], repairs: [String]) {
        let children = TortureChildren()
        defer { children.reapAll() }
        var verifier = StoreTortureVerifier(attempts: attempts, kills: kills, context: context, run: { args in
            try command(args, context: context, label: "verify", children: children)
        })
        var repairs: [String] = []
        let violations = verifier.verify(repairs: &repairs)
        return (violations, repairs)
    }

    // MARK: The killer and the watchdog

    private var supervising = true

    private func setLoadPhase(_ on: Bool) {
        lock.lock()
        loadPhase = on
        lock.unlock()
    }

    private func stopSupervisor() {
        lock.lock()
        supervising = false
        lock.unlock()
    }

    /// Kills a random command every so often during the concurrent phase, and any command that
    /// runs too long at any time, until told to stop.
    private func supervise() {
        var rng = SplitMix64(seed: options.seed ^ 0x6B69_6C6C)   // "kill"
        func gap() -> UInt64 {
            let mean = Double(max(1, options.killIntervalMs)) * 1e6
            return UInt64(mean * (0.5 + rng.unit()))
        }
        var nextKill = DispatchTime.now().uptimeNanoseconds + gap()
        while true {
            lock.lock()
            let (going, loading, stopped) = (supervising, loadPhase, cancelled)
            lock.unlock()
            guard going else { return }
            _ = children.killOverdue(limit: options.commandTimeout)
            let now = DispatchTime.now().uptimeNanoseconds
            if options.kills && loading && !stopped && now >= nextKill {
                _ = children.killOne { rng.below($0) }
                nextKill = now + gap()
            }
            usleep(5_000)
        }
    }

    // MARK: Figures

    private func attemptsSnapshot() -> [Attempt] {
        lock.lock()
        defer { lock.unlock() }
        return attempts
    }

    private func tally(_ recorded: [Attempt], into report: inout StoreTortureReport) {
        for a in recorded {
            var f = StoreTortureReport.Figures()
            switch a.role {
            case .note: f = report.notes
            case .importCSV: f = report.imports
            case .newTicket: f = report.newTickets
            }
            f.attempted += 1
            switch a.outcome {
            case .acknowledged: f.acknowledged += 1
            case .killed: f.killed += 1
            case .refused: f.refused += 1
            case .failed, .crashed, .hung, .unreadable: f.failed += 1
            }
            switch a.role {
            case .note: report.notes = f
            case .importCSV: report.imports = f
            case .newTicket: report.newTickets = f
            }
        }
    }

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    private func formatSeconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}

/// A thread that can be waited for.
final class Joinable: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    fileprivate func finish() { done.signal() }
    func join() {
        done.wait()
        done.signal()
    }
}

private func startThread(_ body: @escaping @Sendable () -> Void) -> Joinable {
    let handle = Joinable()
    let thread = Thread {
        body()
        handle.finish()
    }
    thread.start()
    return handle
}
