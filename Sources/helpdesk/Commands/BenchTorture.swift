import ArgumentParser
import Foundation
import HelpdeskStore

/// The options of `helpdesk bench --torture SECONDS` (see `StoreTorture`).
struct TortureOptions: ParsableArguments {
    @Option(help: "Note writers on one ticket (with --torture).")
    var writers = 6

    @Option(help: "Loops importing a one-row CSV; each import compacts the store (with --torture).")
    var importers = 1

    @Option(help: "Loops opening tickets with `ticket new` (with --torture).")
    var creators = 1

    @Flag(inversion: .prefixedNo, help: "kill -9 random participants at random moments (with --torture).")
    var kill = true

    @Option(help: ArgumentHelp("Mean time between kills (with --torture).", valueName: "ms"))
    var killInterval = 500

    @Option(help: "Seeds the killer's choices and the synthetic store (with --torture; default: from the clock, printed in the report).")
    var seed: UInt64?

    /// True when any of these was given a value other than its default.
    var isChanged: Bool {
        writers != 6 || importers != 1 || creators != 1 || !kill || killInterval != 500 || seed != nil
    }
}

extension BenchCommand {
    /// `bench --torture SECONDS`: runs `StoreTorture` with this process's own binary and prints the report.
    func runTorture(seconds: Double) throws {
        guard seconds > 0 else { throw UserError("--torture needs a positive number of seconds", code: ExitStatus.usage) }
        let t = tortureOptions
        // Bounded above too: each is a process loop, and their sum must not overflow.
        guard [t.writers, t.importers, t.creators].allSatisfy({ (0...256).contains($0) }), t.writers + t.importers + t.creators > 0 else {
            throw UserError("--writers, --importers and --creators are 0 to 256, and one must be positive", code: ExitStatus.usage)
        }
        guard t.killInterval > 0 else { throw UserError("--kill-interval must be positive", code: ExitStatus.usage) }
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var options = StoreTorture.Options(binary: binary, seconds: seconds)
        options.tickets = tickets ?? 3_000
        options.writers = t.writers
        options.importers = t.importers
        options.creators = t.creators
        options.kills = t.kill
        options.killIntervalMs = t.killInterval
        options.seed = t.seed ?? UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000
        options.keep = keep
        let torture = StoreTorture(options: options)

        // Ctrl-C or SIGTERM: stop the killer, kill the running commands, verify what was acknowledged.
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { torture.cancel() }
            source.resume()
            sources.append(source)
        }
        defer {
            sources.forEach { $0.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }

        let quiet = output.json
        let report = try torture.run { line in
            if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        if output.json {
            try JSONOutput.print(report)
        } else {
            print(Self.tortureText(report))
        }
        if !report.passed || report.interrupted { throw ExitCode(ExitStatus.failure) }
    }

    /// The report as a table, then the violations (at most 40 listed; `--json` has them all).
    static func tortureText(_ r: StoreTortureReport) -> String {
        func figures(_ f: StoreTortureReport.Figures) -> String {
            "\(f.attempted) / \(f.acknowledged) / \(f.killed) / \(f.refused) / \(f.failed)"
        }
        var t = TextTable("TORTURE", "VALUE")
        t.add(["seed", String(r.seed)])
        t.add(["store", "\(r.tickets) tickets, notes on #\(r.noteTicket)"])
        t.add(["writers / importers / creators", "\(r.writers) / \(r.importers) / \(r.creators)" + (r.kills ? ", kill -9s" : ", no kills")])
        t.add(["duration (run / asked)", String(format: "%.1f s / %.1f s", r.runSeconds, r.requestedSeconds)
               + (r.interrupted ? " (interrupted)" : "")])
        t.add(["build / verify", String(format: "%.1f s / %.1f s", r.buildSeconds, r.verifySeconds)])
        t.add(["attempted / acknowledged / killed / refused / failed", ""])
        t.add(["  ticket note", figures(r.notes)])
        t.add(["  import (compacts)", figures(r.imports)])
        t.add(["  ticket new", figures(r.newTickets)])
        t.add(["  all", figures(r.total)])
        t.add(["kill -9s sent", String(r.killsSent)])
        t.add(["repaired after the run", r.repairs.isEmpty ? "nothing" : r.repairs.joined(separator: "; ")])
        t.add(["violations", r.violations.isEmpty ? "none"
               : r.violationCounts.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")])
        if let first = r.firstViolationSeconds { t.add(["first command in a violation started at", String(format: "%.1f s", first)]) }
        var lines = [t.render()]
        if !r.violations.isEmpty {
            lines.append("")
            lines += r.violations.prefix(40).map { "violation: \($0)" }
            if r.violations.count > 40 { lines.append("… and \(r.violations.count - 40) more (--json lists them all)") }
        }
        if r.storeKept { lines.append("store kept at \(r.store)") }
        if !r.passed {
            lines.append("FAILED: \(r.violations.count) violation(s).")
        } else if r.interrupted {
            lines.append(String(format: "INTERRUPTED after %.1f s: no violation in what ran, but the run was cut short.", r.runSeconds))
        } else {
            lines.append("PASSED: every acknowledged change is there exactly once and the store checks clean.")
        }
        return lines.joined(separator: "\n")
    }
}
