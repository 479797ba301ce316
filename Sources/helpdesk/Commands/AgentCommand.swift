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

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            try session.requireSupervisor()
            if let existing = session.state.agents[login], existing.active {
                throw UserError("\(login) is already on the roster (change them with `helpdesk agent set`)", code: ExitStatus.invalid)
            }
            try session.write([.agentSaved(Agent(login: login, displayName: name ?? login,
                                                 role: supervisor ? .supervisor : .agent, signature: signature))])
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

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let isSelfSignature = login == session.actor && role == nil && !remove
            if !isSelfSignature { try session.requireSupervisor() }
            guard var agent = session.state.agents[login] else { throw ChangeError.agentNotFound(login) }
            if let name { agent.displayName = name }
            if let role {
                guard let r = AgentRole(rawValue: role) else { throw UserError("a role is agent or supervisor, not '\(role)'", code: ExitStatus.usage) }
                agent.role = r
            }
            if let signature { agent.signature = signature }
            if remove { agent.active = false }
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
