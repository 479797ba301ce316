import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk restore SOURCE --store NEW`: a new store from a backup directory or a JSON export.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Make a new store from a backup (`helpdesk backup`) or a JSON export (`helpdesk export`).",
        discussion: """
        A backup directory is checked, copied, flushed and checked again. A JSON export is rebuilt by \
        replaying its history event for event (same numbers, actors and times), and must then give exactly \
        the records the file lists; exporting the new store gives the same document. The target (--store) \
        must not exist or be an empty directory: nothing is ever restored over a store. It appears only once \
        it is complete. `helpdesk init --from SOURCE` does the same.
        """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("A backup directory, or a JSON export file.", valueName: "source"))
    var source: String

    func run() throws {
        try CommandRunner.run {
            let report = try Self.restore(source, to: Session.directory(global))
            if output.json {
                try JSONOutput.print(report)
            } else {
                print("restored \(report.source) to \(report.directory): \(report.summary)")
            }
        }
    }

    /// Restores `source` (a directory: a backup; a file: an export) into a new store at `target`.
    static func restore(_ source: String, to target: URL) throws -> BackupReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw UserError("\(source) does not exist; give a backup directory or a JSON export file", code: ExitStatus.notFound)
        }
        if isDirectory.boolValue {
            return try StoreRestore.restore(backup: URL(fileURLWithPath: source, isDirectory: true), to: target)
        }
        return try fromExport(source, to: target)
    }

    private static func fromExport(_ file: String, to target: URL) throws -> BackupReport {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw UserError("cannot read \(file)", code: ExitStatus.notFound)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserError("\(file) is not UTF-8 text; an export is JSON in UTF-8", code: ExitStatus.invalid)
        }
        let document: RestoreDocument
        do {
            document = try RestoreDocument.read(text: text, fileName: file)
            try document.checkReplay(text: text)
        } catch let e as ImportError {
            throw UserError(e.description + "; nothing was restored", code: ExitStatus.invalid)
        }
        let login = AgentIdentity.loginName(environment: ProcessInfo.processInfo.environment)
        let info = try StoreInfo(exchange: document.document.store, creator: login, now: Date())
        let report = try StoreRestore.create(at: target, info: info, history: document.history, source: file) { store in
            let tickets = try store.state.tickets.keys.map { try store.ticket($0) }
            let rebuilt = ExportDocument.document(state: store.state, store: store.info.exchange, tickets: tickets,
                                                  history: try store.allEvents(), now: Date())
            let differing = document.differences(from: rebuilt)
            guard differing.isEmpty else {
                throw UserError("\(file): its history does not rebuild the records it lists (\(differing.prefix(4).joined(separator: ", ")) differ); "
                                + "was it edited? Nothing was restored; `helpdesk init` and `helpdesk import \(file)` import the records as they are",
                                code: ExitStatus.invalid)
            }
        }
        if document.document.settings?.sendCommand != nil {
            // Not echoed: it comes from a file, and a command is nothing to trust blindly.
            Terminal.warn("the restored settings name a command that sends outgoing mail; check it with `helpdesk settings show` (`helpdesk outbox command none` turns it off)")
        }
        return report
    }
}
