import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk backup DIR`: a consistent copy of a live store, taken while others keep writing.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store into a new directory, consistently, while others keep working.",
        discussion: """
        The copy holds every change acknowledged before it began: under the store's write lock (held for \
        milliseconds) it opens the snapshot CURRENT names and the log after it, then copies them without \
        the lock, with drafts and the outbox. Every file and directory is flushed to disk, the copy is checked \
        like `helpdesk check`, and only then does DIR appear. DIR must not exist or be empty. \
        A backup is a store: `helpdesk --store DIR ticket list` reads it; `helpdesk restore DIR --store NEW` \
        brings it back.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The new directory for the copy.", valueName: "dir"))
    var directory: String

    func run() throws {
        try CommandRunner.run {
            let source = Session.directory(global)
            let login = AgentIdentity.loginName(environment: ProcessInfo.processInfo.environment)
            let store = try FileStore.open(at: source, actor: login)
            let report = try store.backup(to: URL(fileURLWithPath: directory, isDirectory: true))
            if output.json {
                try JSONOutput.print(report)
            } else {
                print("backed up \(report.source) to \(report.directory): \(report.summary)")
            }
        }
    }
}
