import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk outbox …`: outgoing replies waiting in the store's outbox, and the command that sends them.
/// The send command is each person's own (in their config, `SendCommands`), never the store's.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List and send outgoing mail; set your send command.",
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
            for folder in [Outbox.Folder.new, .cur, .sent, .bounced] {
                for id in outbox.list(folder) { table.add([folder.rawValue, id]) }
            }
            print(table.render())
            let path = SendCommands.path()
            do {
                let mine = try SendCommands.command(forStoreAt: session.store.location)
                print("your send command: \(mine ?? "none (mail stays in outbox/new)") (\(path))")
            } catch {
                print("your send command cannot be used: \(error)")
            }
            if let old = session.state.settings.sendCommand {
                print("the store also names a send command (\(Sanitizer.sanitize(old))); it is not run: helpdesk runs only the command in your own config (`helpdesk outbox command`)")
            }
        }
    }
}

struct OutboxSend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "send", abstract: "Run the send command over waiting mail now.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            guard let report = OutboxDelivery.deliver(session.store.outbox, forStoreAt: session.store.location) else {
                throw UserError("you have no send command for this store (helpdesk outbox command 'sendmail -t')", code: ExitStatus.invalid)
            }
            print(report.summary.isEmpty ? "nothing to send" : report.summary)
            if !report.failed.isEmpty { throw ExitCode(ExitStatus.failure) }
        }
    }
}

struct OutboxSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "command", abstract: "Set your shell command that delivers one mail from standard input.",
        discussion: "It is kept in your own config (send-commands.json beside your signing key, mode 0600), for this store only, and run only by your own helpdesk: a command kept in the store could be changed by anyone who can write the store.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "For example 'sendmail -t', or 'none' to keep mail in the outbox.") var command: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let value = command == "none" ? nil : command
            try SendCommands.set(value, forStoreAt: session.store.location)
            print("your send command for \(session.store.location): \(value ?? "none") (\(SendCommands.path()))")
        }
    }
}
