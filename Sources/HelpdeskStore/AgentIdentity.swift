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

    /// The acting agent for a store, or an error explaining why the request is refused.
    public static func resolve(info: StoreInfo, roster: [String: Agent], requested: String?,
                               login: String) throws -> String {
        if let requested, !requested.isEmpty {
            if info.mode == .shared && requested != login {
                throw StoreIdentityError.impersonationRefused(requested: requested, login: login)
            }
            return requested
        }
        if info.mode == .demo, roster[login] == nil, let fallback = info.defaultAgent {
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

    public var description: String {
        switch self {
        case .impersonationRefused(let r, let l):
            "this is a shared team store: you act as your login '\(l)', so --as/HELPDESK_AGENT '\(r)' is refused"
        case .notOnRoster(let a):
            "'\(a)' is not on this store's roster; a supervisor can add you with `helpdesk agent add \(a)`"
        case .supervisorsOnly(let a):
            "only supervisors can do that, and '\(a)' is an agent"
        }
    }
}
