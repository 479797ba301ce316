import ArgumentParser

/// `helpdesk`: the console (no subcommand) and every scriptable command.

struct Helpdesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "helpdesk",
        abstract: "A terminal helpdesk: work the ticket queue, remember the regulars, keep promises.",
        discussion: """
        With no subcommand, opens the console on the store.
        Store: --store DIR, else $HELPDESK_STORE, else $XDG_DATA_HOME/helpdesk (~/.local/share/helpdesk).
        Exit codes: 0 ok, 1 error, 2 not found, 3 conflict (changed by someone else), 4 invalid input, 64 usage.
        Ticket numbers are 1 to 999999999; times lie between 1970 and 9999 (README, "Limits").
        """,
        version: "0.1.0",
        subcommands: [
            ConsoleCommand.self, DemoCommand.self, InitCommand.self, CheckCommand.self,
            TicketCommand.self, TemplateCommand.self, OutboxCommand.self, CustomerCommand.self, PromiseCommand.self, AgentCommand.self, KeyCommand.self,
            ImportCommand.self, ExportCommand.self, BackupCommand.self, RestoreCommand.self, BenchCommand.self, SettingsCommand.self, SearchCommand.self,
            StatsCommand.self, ReportCommand.self, DeliverCommand.self, IngestCommand.self, MailCommand.self, AttachmentCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
