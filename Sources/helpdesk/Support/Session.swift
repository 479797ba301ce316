import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// An opened store with the acting agent resolved: what every command works with.
///
/// Commands work through `store`, the `Store` protocol, so they do not depend on the backend. The
/// few that administer files as such (team signing keys, replaying history on import) ask for
/// `requireFileStore(for:)`, which says so plainly when the store is not a file store.
struct Session {
    let store: any Store
    let directory: URL
    /// The same store as `store` when it is a file store, kept by `open` (never found by downcasting).
    let fileStore: FileStore?

    var state: HelpdeskState { store.state }
    var actor: String { store.actor }
    var localTime: LocalTime { LocalTime(identifier: store.state.settings.timeZone) }

    static func directory(_ global: GlobalOptions) -> URL {
        StoreLocation.resolve(option: global.store, environment: ProcessInfo.processInfo.environment)
    }

    /// Where `helpdesk demo` makes its store when no store is named: beside the default store.
    static func demoDirectory(environment: [String: String]) -> URL {
        StoreLocation.resolve(option: nil, environment: environment).deletingLastPathComponent()
            .appendingPathComponent("helpdesk-demo")
    }

    /// The store the options name; with none named and no store of your own yet, the demo's (said on
    /// stderr), so `helpdesk ticket list` right after `helpdesk demo` works.
    static func openDirectory(_ global: GlobalOptions, environment env: [String: String]) -> URL {
        let dir = directory(global)
        let named = global.store.map { !$0.isEmpty } ?? false || !(env["HELPDESK_STORE"] ?? "").isEmpty
        guard !named, !FileManager.default.fileExists(atPath: dir.appendingPathComponent("store.json").path) else { return dir }
        let demo = demoDirectory(environment: env)
        guard FileManager.default.fileExists(atPath: demo.appendingPathComponent("store.json").path) else { return dir }
        Terminal.warn("no store of your own at \(dir.path) yet: using the demo store at \(demo.path) (helpdesk init makes yours)")
        return demo
    }

    /// Opens the store named by the options and resolves who is acting.
    static func open(_ global: GlobalOptions) throws -> Session {
        let env = ProcessInfo.processInfo.environment
        let dir = openDirectory(global, environment: env)
        let login = AgentIdentity.loginName(environment: env)
        let store = try FileStore.open(at: dir, actor: login, seen: SeenPositions.standard(environment: env))
        let requested = global.agent ?? env["HELPDESK_AGENT"]
        store.actor = try AgentIdentity.resolve(info: store.info, roster: store.state.agents,
                                                requested: requested, login: login, ownsStore: store.ownedByMe)
        // A team store: make sure this person has a key and has published it, so a supervisor can
        // add them (best effort: a write reports any problem with the key).
        if store.info.isSigned, let key = try? AgentKeys.personalOrNew() {
            try? store.publish(key, as: login)
        }
        // Forgeries in the log are named on every command until a compaction files them in the
        // snapshot; `helpdesk check` always lists them all.
        for problem in store.rejectedRecords.filter({ $0.contains("/log/") }).prefix(3) {
            Terminal.warn("ignored: " + Sanitizer.sanitize(problem))
        }
        return Session(store: store, directory: dir, fileStore: store)
    }

    /// The file store, for file-store administration; refuses plainly on any other backend.
    func requireFileStore(for what: String) throws -> FileStore {
        guard let fileStore else {
            throw UserError("\(what) needs a file store; \(store.location) is not one", code: ExitStatus.usage)
        }
        return fileStore
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
