import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk check`: integrity report, and repair of what is provably safe to repair.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store's integrity (and repair what is safe with --repair).",
        discussion: """
            Checks every record of the log and every line of the snapshot, the chain of log segments, \
            and that the store has not gone back behind a record you have already seen on it.

            --repair never deletes: whatever it removes or cuts off (a torn last record, leftover \
            temporary files, snapshots and segments the snapshot in force replaced, a damaged CURRENT) \
            is moved into lost+found/<time>/ inside the store, and said so. Only --empty-lost-found \
            deletes that folder.

            Exit status 0 when the store is intact (or was repaired), 1 when problems remain.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Fix only what is provably safe, keeping whatever is removed in lost+found/, and say what was done.")
    var repair = false

    @Flag(help: "Delete lost+found/ (what earlier repairs set aside), listing what is deleted.")
    var emptyLostFound = false

    @Flag(help: "Accept that this store was put back to an older copy on purpose (a restore in place): forget, for you, the later records you had seen on it.")
    var acceptRollback = false

    func run() throws {
        try CommandRunner.run {
            let dir = Session.directory(global)
            let seen = SeenPositions.standard(environment: ProcessInfo.processInfo.environment)
            if emptyLostFound {
                let deleted = try IntegrityCheck.emptyLostFound(storeAt: dir)
                if !output.json {
                    print(deleted.isEmpty ? "lost+found is empty." : deleted.map { "deleted: \($0)" }.joined(separator: "\n"))
                }
            }
            if acceptRollback {
                let (before, after) = try seen.acceptRollback(storeAt: dir)
                if !output.json {
                    print(before.map { $0 > after ? "accepted: the store now ends at record #\(after) (you had seen #\($0)); numbers after #\(after) will be given out again" : "nothing to accept: the store ends at #\(after), past what you had seen (#\($0))" }
                          ?? "nothing to accept: you had not seen this store before")
                }
            }
            if repair {
                let actions = try IntegrityCheck.repair(storeAt: dir, seen: seen)
                if !output.json {
                    print(Sanitizer.sanitize(actions.isEmpty ? "Nothing needed repair." : actions.map { "repaired: \($0)" }.joined(separator: "\n"),
                                             options: .multiLine))
                }
            }
            let report = try IntegrityCheck.check(storeAt: dir, seen: seen)
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
