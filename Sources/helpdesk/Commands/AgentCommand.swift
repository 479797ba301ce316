import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk agent …`: the roster of people who may work in the store.
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Manage the roster (adding and changing agents is for supervisors).",
        subcommands: [AgentAdd.self, AgentList.self, AgentSet.self]
    )
}

struct AgentAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Put a login on the roster.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The agent's Unix login name.") var login: String
    @Flag(help: "Make them a supervisor.") var supervisor = false
    @Option(help: "Display name (default: the login).") var name: String?
    @Option(help: "Signature for replies.") var signature: String?
    @Option(help: ArgumentHelp("Team stores: their public key (default: the one they published, keys/LOGIN.pub).", valueName: "base64"))
    var key: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            try session.requireSupervisor()
            if let existing = session.state.agents[login], existing.active {
                throw UserError("\(login) is already on the roster (change them with `helpdesk agent set`)", code: ExitStatus.invalid)
            }
            let publicKey = try rosterKey(session, login: login, option: key ?? "published")
            try session.write([.agentSaved(Agent(login: login, displayName: name ?? login,
                                                 role: supervisor ? .supervisor : .agent, signature: signature,
                                                 publicKey: publicKey))])
            print("\(login) is on the roster as \(supervisor ? "a supervisor" : "an agent").")
        }
    }
}

struct AgentSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Change an agent's name, role, signature, or take them off the roster.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The agent's login.") var login: String
    @Option var name: String?
    @Option(help: "agent or supervisor.") var role: String?
    @Option var signature: String?
    @Flag(help: "Take them off the roster (their history stays).") var remove = false
    @Option(help: ArgumentHelp("Team stores: give them a new public key ('published' takes keys/LOGIN.pub).", valueName: "base64|published"))
    var key: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let isSelfSignature = login == session.actor && role == nil && !remove && key == nil
            if !isSelfSignature { try session.requireSupervisor() }
            guard var agent = session.state.agents[login] else { throw ChangeError.agentNotFound(login) }
            if let name { agent.displayName = name }
            if let role {
                guard let r = AgentRole(rawValue: role) else { throw UserError("a role is agent or supervisor, not '\(role)'", code: ExitStatus.usage) }
                agent.role = r
            }
            if let signature { agent.signature = signature }
            if remove { agent.active = false }
            if let key { agent.publicKey = try rosterKey(session, login: login, option: key) }
            try session.write([.agentSaved(agent)])
            print("\(login) updated.")
        }
    }
}

struct AgentList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the roster with each agent's open load.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let agents = session.state.agents.values.sorted { $0.login < $1.login }
            var load: [String: Int] = [:]
            for t in session.state.tickets.values where t.status.isOpen { if let a = t.assignee { load[a, default: 0] += 1 } }
            if output.json {
                struct Row: Encodable { var agent: Agent; var openTickets: Int }
                try JSONOutput.print(agents.map { Row(agent: $0, openTickets: load[$0.login] ?? 0) })
                return
            }
            var table = TextTable("LOGIN", "NAME", "ROLE", "OPEN")
            for a in agents {
                table.add([a.login + (a.active ? "" : " (off roster)"), a.displayName, a.role.rawValue, String(load[a.login] ?? 0)])
            }
            print(table.render())
        }
    }
}

/// The public key to put on the roster for `login`: given in base64, or ('published') the one they
/// published in the store, which is checked to be a file owned by their Unix account. Nil for stores
/// whose records are not signed.
private func rosterKey(_ session: Session, login: String, option: String) throws -> String? {
    guard session.store.info.isSigned else { return nil }
    if option != "published" {
        guard AgentKey.isValidPublicKey(option) else {
            throw UserError("'\(option)' is not a public key (32 bytes in base64, as `helpdesk key show` prints)", code: ExitStatus.invalid)
        }
        return option
    }
    guard let published = try session.requireFileStore(for: "a published key").publishedKey(of: login) else {
        throw UserError("\(login) has not published a signing key in this store yet: they run `helpdesk key publish --store \(session.store.location)` (or give it with --key)", code: ExitStatus.invalid)
    }
    return published
}
