import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk check`: integrity report, and repair of what is provably safe to repair.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store's integrity (and repair what is safe with --repair).",
        discussion: "Exit status 0 when the store is intact (or was repaired), 1 when problems remain."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Fix only what is provably safe (a torn last record, leftover temporary files) and say what was done.")
    var repair = false

    func run() throws {
        try CommandRunner.run {
            let dir = Session.directory(global)
            if repair {
                let actions = try IntegrityCheck.repair(storeAt: dir)
                if !output.json {
                    print(Sanitizer.sanitize(actions.isEmpty ? "Nothing needed repair." : actions.map { "repaired: \($0)" }.joined(separator: "\n"),
                                             options: .multiLine))
                }
            }
            let report = try IntegrityCheck.check(storeAt: dir)
            if output.json {
                try JSONOutput.print(report)
            } else {
                // Findings quote paths and damaged records: neutralised like everything shown.
                print(Sanitizer.sanitize(report.summary, options: .multiLine))
            }
            if !report.isHealthy { throw ExitCode(ExitStatus.failure) }
        }
    }
}
