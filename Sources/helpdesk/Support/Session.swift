import Foundation
import HelpdeskCore
import HelpdeskStore

/// An opened store with the acting agent resolved: what every command works with.
struct Session {
    let store: FileStore
    let directory: URL

    var state: HelpdeskState { store.state }
    var actor: String { store.actor }
    var localTime: LocalTime { LocalTime(identifier: store.state.settings.timeZone) }

    static func directory(_ global: GlobalOptions) -> URL {
        StoreLocation.resolve(option: global.store, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens the store named by the options and resolves who is acting.
    static func open(_ global: GlobalOptions) throws -> Session {
        let dir = directory(global)
        let env = ProcessInfo.processInfo.environment
        let login = AgentIdentity.loginName(environment: env)
        let store = try FileStore.open(at: dir, actor: login, seen: SeenPositions.standard(environment: env))
        let requested = global.agent ?? env["HELPDESK_AGENT"]
        store.actor = try AgentIdentity.resolve(info: store.info, roster: store.state.agents,
                                                requested: requested, login: login)
        return Session(store: store, directory: dir)
    }

    /// Appends changes as the acting agent, who must be on the roster.
    @discardableResult
    func write(_ changes: [Change]) throws -> [Event] {
        try AgentIdentity.requireOnRoster(actor, roster: store.state.agents)
        return try store.append(changes)
    }

    func requireSupervisor() throws {
        try AgentIdentity.requireOnRoster(actor, roster: store.state.agents)
        guard store.state.agents[actor]?.isSupervisor == true else {
            throw StoreIdentityError.supervisorsOnly(actor)
        }
    }

    /// Finds a ticket by `1042` or `#1042`.
    func ticketNumber(_ text: String) throws -> Int {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let n = Int(digits) else { throw UserError("'\(text)' is not a ticket number", code: ExitStatus.usage) }
        guard state.tickets[n] != nil else { throw ChangeError.ticketNotFound(n) }
        return n
    }

    func customer(_ key: String) throws -> Customer {
        guard let c = state.customer(matching: key) else { throw ChangeError.customerNotFound(key) }
        return c
    }
}
