import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk ingest --maildir DIR [--watch]`: takes the mail a fetcher left in a Maildir's `new/`,
/// as the mail channel (like `deliver`), moving each message to `cur/` only once it is durable.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store every mail in a Maildir's new/ and move it to cur/ (re-running makes no duplicates).",
        discussion: """
        With mbsync, getmail or offlineimap filling ~/Mail/support: helpdesk ingest --maildir ~/Mail/support --watch
        --watch keeps going and takes new mail within a second (inotify).
        """
    )

    @Option(name: .long, help: ArgumentHelp("The store directory (default: $HELPDESK_STORE, else $XDG_DATA_HOME/helpdesk).", valueName: "dir"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("The Maildir whose new/ to take.", valueName: "dir"))
    var maildir: String

    @Flag(name: .long, help: "Keep going: take new mail as it arrives.")
    var watch = false

    @Option(name: .long, help: ArgumentHelp("Messages per append (one flush each).", valueName: "n"))
    var batch = 200

    func run() throws {
        try CommandRunner.run {
            guard (1...10_000).contains(batch) else { throw UserError("--batch is 1 to 10000", code: ExitStatus.usage) }
            let store = try MailChannelSession.open(store: self.store, lockTimeout: 60)
            var ingest = MaildirIngest(intake: MailIntake(store: store), maildir: maildir)
            ingest.batchSize = batch
            let onTerminal = isatty(STDERR_FILENO) == 1
            var failed = false
            func pass() throws {
                let report = try ingest.run(progress: { done, total in
                    if onTerminal { FileHandle.standardError.write(Data("\r\(done)/\(total) messages".utf8)) }
                })
                if onTerminal && report.stored + report.duplicates + report.failed.count > 0 {
                    FileHandle.standardError.write(Data("\r".utf8))
                }
                if report.stored + report.duplicates > 0 || !report.failed.isEmpty {
                    print("\(report.stored) stored (\(report.newTickets) new tickets), \(report.duplicates) already stored"
                          + (report.failed.isEmpty ? "" : ", \(report.failed.count) left in new/"))
                }
                for f in report.failed.prefix(10) { Terminal.warn("not taken: " + Sanitizer.sanitize(f)) }
                if !report.failed.isEmpty { failed = true }
            }
            try pass()
            guard watch else {
                if failed { throw ExitCode(ExitStatus.failure) }
                return
            }
            let feed = ingest.watcher()
            while true {
                var pfd = pollfd(fd: feed.fileDescriptor, events: Int16(POLLIN), revents: 0)
                // A second at most between looks, even if a notification was missed.
                _ = poll(&pfd, 1, 1000)
                _ = feed.drain()
                try pass()
            }
        }
    }
}
