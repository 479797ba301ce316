import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk demo`: a realistic café-chain store to try everything on, then the console.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a demo store (if absent) and open the console on it.",
        discussion: """
        The demo is a small coffee roaster and café chain: 6 agents, 80+ customers with their usual orders, \
        300+ tickets over 90 days, promises and reply templates. It lives in --store DIR, else \
        $HELPDESK_STORE, else $XDG_DATA_HOME/helpdesk-demo. The same seed gives the same store.
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Seed for the generated data.")
    var seed: UInt64 = DemoData.defaultSeed

    @Flag(help: "Only create the store; do not open the console.")
    var noOpen = false

    @Option(help: ArgumentHelp("Colour theme for the console.", valueName: "name|path"))
    var theme: String?

    func run() throws {
        try CommandRunner.run {
            let env = ProcessInfo.processInfo.environment
            let dir: URL
            let named = global.store != nil || env["HELPDESK_STORE"] != nil
            if named {
                dir = Session.directory(global)
            } else {
                dir = Session.demoDirectory(environment: env)
            }
            let storeFile = dir.appendingPathComponent("store.json").path
            if !FileManager.default.fileExists(atPath: storeFile) {
                try create(at: dir, requested: global.agent ?? env["HELPDESK_AGENT"])
            } else if noOpen {
                print("A store already exists at \(dir.path); leaving it as it is.")
            } else {
                print("The demo store is at \(dir.path).")
            }
            print(Self.usage(dir, foundUnnamed: !named))
            guard !noOpen else { return }
            var options = global
            options.store = dir.path
            let session = try Session.open(options)
            let code = try ConsoleLauncher.run(session: session, themeOption: theme)
            if code != 0 { throw ExitCode(code) }
        }
    }

    /// How to reach the demo store from the command line, exactly as typed (the path shell-quoted).
    static func usage(_ dir: URL, foundUnnamed: Bool) -> String {
        let path = dir.path
        let quoted = path.allSatisfy({ $0.isLetter || $0.isNumber || "/._-+".contains($0) })
            ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        return """
        Use the command line on it:
          helpdesk --store \(quoted) ticket list
          helpdesk --store \(quoted) ticket show 1001
          helpdesk --store \(quoted) report --since 7d
          export HELPDESK_STORE=\(quoted)    # then: helpdesk ticket list, helpdesk stats, …
        """ + (foundUnnamed ? "\n(While you have no store of your own, plain `helpdesk ticket list` finds the demo too.)" : "")
    }

    /// Creates the demo store and says who the console will act as: the agent `Session.open`
    /// resolves (`--as`/`$HELPDESK_AGENT`, else the demo's default), not always the default.
    private func create(at dir: URL, requested: String?) throws {
        let now = Date()
        let demo = DemoData.generate(seed: seed, now: now)
        guard let supervisor = demo.agents.first(where: \.isSupervisor) else { return }
        let login = AgentIdentity.loginName()
        let info = StoreInfo(mode: .demo, createdAt: now, createdBy: login, defaultAgent: demo.defaultAgent)
        let store = try FileStore.create(at: dir, info: info, creator: supervisor, settings: demo.settings)
        try store.appendHistory(demo.events)
        let s = store.state
        let acting = (try? AgentIdentity.resolve(info: store.info, roster: s.agents, requested: requested,
                                                 login: login, ownsStore: store.ownedByMe)) ?? demo.defaultAgent
        var whoYouAre = "You are \(acting)"
        if let agent = s.agents[acting], agent.active {
            if !agent.isSupervisor { whoYouAre += " (try --as \(supervisor.login) for the supervisor)" }
        } else {
            whoYouAre += ", who is not on the roster: the console opens read only (try --as \(demo.defaultAgent))"
        }
        print("Created a demo store at \(dir.path): \(s.customers.count) customers, \(s.tickets.count) tickets, "
              + "\(s.agents.count) agents. \(whoYouAre).")
    }
}
