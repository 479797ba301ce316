import Foundation
import HelpdeskCore

/// Decides which agent a process acts as. On a shared team store that is always the Unix login
/// (no impersonation); single-user and demo stores honour `--as` / `$HELPDESK_AGENT`.
public enum AgentIdentity {
    /// The Unix login name of this process.
    public static func loginName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name {
            return String(cString: name)
        }
        return environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    }

    /// The acting agent for a store, or an error explaining why the request is refused. Acting as
    /// someone else is for the owner of a single-user or demo store only (`ownsStore`: its
    /// `store.json` is this user's and nobody else can write it — see `FileStore.ownedByMe`), so
    /// nobody can get `--as` by editing or replacing `store.json`.
    public static func resolve(info: StoreInfo, roster: [String: Agent], requested: String?,
                               login: String, ownsStore: Bool = true) throws -> String {
        if let requested, !requested.isEmpty {
            if info.mode == .shared && requested != login {
                throw StoreIdentityError.impersonationRefused(requested: requested, login: login)
            }
            if requested != login && !ownsStore {
                throw StoreIdentityError.notTheOwner(requested: requested, login: login)
            }
            return requested
        }
        if info.mode == .demo, roster[login] == nil, let fallback = info.defaultAgent, ownsStore {
            return fallback
        }
        return login
    }

    /// Writers must be on the roster (and active); reading needs no roster entry.
    public static func requireOnRoster(_ actor: String, roster: [String: Agent]) throws {
        guard let agent = roster[actor], agent.active else {
            throw StoreIdentityError.notOnRoster(actor)
        }
    }
}

/// Why an identity was refused.
public enum StoreIdentityError: Error, CustomStringConvertible, Equatable {
    case impersonationRefused(requested: String, login: String)
    case notOnRoster(String)
    case supervisorsOnly(String)
    case notTheOwner(requested: String, login: String)
    /// The mail channel tried a change mail cannot bring (`MailChannel`).
    case mailChannel(String)

    public var description: String {
        switch self {
        case .impersonationRefused(let r, let l):
            "this is a shared team store: you act as your login '\(l)', so --as/HELPDESK_AGENT '\(r)' is refused"
        case .notOnRoster(let a):
            "'\(a)' is not on this store's roster; a supervisor can add you with `helpdesk agent add \(a)`"
        case .notTheOwner(let r, let l):
            "only the owner of a store may act as another agent in it (its store.json must be yours and writable by nobody else), so --as/HELPDESK_AGENT '\(r)' is refused; you act as '\(l)'"
        case .mailChannel(let why):
            "refused: \(why)"
        case .supervisorsOnly(let a):
            "only supervisors can do that, and '\(a)' is an agent"
        }
    }
}

extension FileStore {
    /// Whether this store's `store.json` is a plain file of this process's user that nobody else
    /// can write (so nobody else can have changed what it says): what acting as others requires.
    public var ownedByMe: Bool { TrustedFiles.notOwnedByMe(paths.info) == nil }
}
