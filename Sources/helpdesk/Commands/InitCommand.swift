import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk init`: creates an empty store; the person who runs it becomes its first supervisor.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty store (you become its supervisor), or one from a backup or an export (--from).",
        discussion: "With --shared GROUP the store is a team store: directories setgid to GROUP and files mode 0660, so every agent in the group can work in it over their own login."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Make a team store shared through this Unix group.", valueName: "group"))
    var shared: String?

    @Option(help: "Your display name (default: your login).")
    var name: String?

    @Option(help: "The support address replies are sent from.")
    var supportAddress: String?

    @Option(help: "The team's time zone (IANA name, e.g. Europe/London).")
    var timeZone: String?

    @Option(help: ArgumentHelp("Make the store from a backup directory or a JSON export instead of empty (as `helpdesk restore`).", valueName: "source"))
    var from: String?

    func run() throws {
        try CommandRunner.run {
            let dir = Session.directory(global)
            if let from {
                guard shared == nil, name == nil, supportAddress == nil, timeZone == nil else {
                    throw UserError("--from makes the store as its source was (roster, settings, mode); it takes no other options",
                                    code: ExitStatus.usage)
                }
                let report = try RestoreCommand.restore(from, to: dir)
                print("restored \(report.source) to \(report.directory): \(report.summary)")
                return
            }
            let env = ProcessInfo.processInfo.environment
            let login = AgentIdentity.loginName(environment: env)
            if shared != nil, let requested = global.agent ?? env["HELPDESK_AGENT"], requested != login {
                throw StoreIdentityError.impersonationRefused(requested: requested, login: login)
            }
            let creatorLogin = global.agent ?? env["HELPDESK_AGENT"] ?? login
            guard HelpdeskState.isValidLogin(creatorLogin) else {
                throw UserError("'\(creatorLogin)' is not a valid login name", code: ExitStatus.invalid)
            }
            if let tz = timeZone, TimeZone(identifier: tz) == nil {
                throw UserError("unknown time zone '\(tz)' (use an IANA name such as Europe/London)", code: ExitStatus.invalid)
            }
            var settings = Settings()
            if let a = supportAddress { settings.supportAddress = a }
            settings.timeZone = timeZone ?? TimeZone.current.identifier
            let info = StoreInfo(mode: shared == nil ? .single : .shared, group: shared, createdAt: Date(),
                                 createdBy: creatorLogin)
            let creator = Agent(login: creatorLogin, displayName: name ?? creatorLogin, role: .supervisor)
            _ = try FileStore.create(at: dir, info: info, creator: creator, settings: settings)
            print("Created \(shared == nil ? "a" : "a team") store at \(dir.path); \(creatorLogin) is its supervisor.")
        }
    }
}
