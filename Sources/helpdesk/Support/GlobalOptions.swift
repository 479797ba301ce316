import ArgumentParser

/// Options every command accepts: which store, and (on single-user and demo stores) which agent.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store directory (default: $HELPDESK_STORE, else $XDG_DATA_HOME/helpdesk).", valueName: "dir"))
    var store: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this agent (single-user and demo stores only; also $HELPDESK_AGENT).", valueName: "login"))
    var agent: String?
}

/// `--json` for every reading command.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false
}
