import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk outbox …`: outgoing replies waiting in the store's outbox, and the command that sends them.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List and send outgoing mail; set the send command.",
        subcommands: [OutboxList.self, OutboxSend.self, OutboxSetCommand.self]
    )
}

struct OutboxList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Mail waiting, being sent, and sent.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let outbox = session.store.outbox
            var table = TextTable("FOLDER", "SEND ID")
            for folder in [Outbox.Folder.new, .cur, .sent] {
                for id in outbox.list(folder) { table.add([folder.rawValue, id]) }
            }
            print(table.render())
            print("send command: \(session.state.settings.sendCommand ?? "none (mail stays in outbox/new)")")
        }
    }
}

struct OutboxSend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "send", abstract: "Run the send command over waiting mail now.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            guard let report = OutboxDelivery.deliver(session.store.outbox, command: session.state.settings.sendCommand) else {
                throw UserError("no send command is set (helpdesk outbox command 'sendmail -t')", code: ExitStatus.invalid)
            }
            print(report.summary.isEmpty ? "nothing to send" : report.summary)
            if !report.failed.isEmpty { throw ExitCode(ExitStatus.failure) }
        }
    }
}

struct OutboxSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "command", abstract: "Set the shell command that delivers one mail from standard input (supervisors).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "For example 'sendmail -t', or 'none' to keep mail in the outbox.") var command: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            try session.requireSupervisor()
            var settings = session.state.settings
            settings.sendCommand = command == "none" ? nil : command
            try session.write([.settingsChanged(settings)])
            print("send command: \(settings.sendCommand ?? "none")")
        }
    }
}
