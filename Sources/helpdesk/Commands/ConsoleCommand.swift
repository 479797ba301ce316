import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk` / `helpdesk console`: the ncurses console on the store.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the console (the default when no command is given).",
        discussion: """
        Keys: j/k or arrows move, Enter opens, q goes back, ? lists every key, : runs a command.
        Config: $XDG_CONFIG_HOME/helpdesk/config.toml (theme, key remapping). NO_COLOR turns colour off.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Colour theme: a name (default, light, high-contrast, monochrome) or a path to a .toml file.", valueName: "name|path"))
    var theme: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let code = try ConsoleLauncher.run(session: session, themeOption: theme)
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// Starts the console on an opened session: config, theme, terminal, event loop.
enum ConsoleLauncher {
    static func run(session: Session, themeOption: String?, startWithStats: Bool = false) throws -> Int32 {
        guard Terminal.stdinIsTTY, Terminal.stdoutIsTTY else {
            throw UserError("the console needs a terminal; for scripts use the commands (helpdesk --help)")
        }
        let env = ProcessInfo.processInfo.environment
        var notices: [String] = []
        var config = ConsoleConfig()
        do {
            config = try ConsoleConfig.load(path: ConsoleConfig.defaultPath(environment: env))
        } catch {
            notices.append("config ignored: \(error)")
        }
        var keyMap = DefaultBindings.keyMap
        let skipped = config.apply(to: &keyMap)
        if let first = skipped.first {
            notices.append("key binding skipped: \(first)" + (skipped.count > 1 ? " (and \(skipped.count - 1) more)" : ""))
        }
        let loader = ThemeLoader()
        var theme = Theme.builtinDefault
        let themeName = themeOption ?? config.theme ?? "default"
        do {
            theme = try loader.load(nameOrPath: themeName)
        } catch {
            notices.append("\(error) — using the built-in theme")
        }
        let terminal = try NcursesTerminal(environment: env)
        let console = Console(store: session.store, terminal: terminal, theme: theme, keyMap: keyMap,
                              themeLoader: loader)
        terminal.setMouse(enabled: config.mouse)
        if let notice = notices.first { console.show(notice, kind: .error) }
        if startWithStats { console.push(StatsScreen(console: console, standalone: true)) }
        return console.run()
    }
}
