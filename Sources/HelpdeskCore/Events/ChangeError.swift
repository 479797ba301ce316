import Foundation

/// Why a change was refused. Messages are one sentence a user can act on, with whatever they quote
/// (an email, a name, a template) neutralised by `Sanitizer`: they are printed to terminals.
public enum ChangeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Someone else changed the same fields after the caller loaded the entity.
    case stale(StaleChange)
    case ticketNotFound(Int)
    case customerNotFound(String)
    case agentNotFound(String)
    case promiseNotFound(Int)
    case templateNotFound(String)
    case invalid(String)

    public var description: String { Sanitizer.sanitize(text) }

    private var text: String {
        switch self {
        case .stale(let s): s.description
        case .ticketNotFound(let n): "ticket #\(n) does not exist"
        case .customerNotFound(let c): "no customer matches '\(c)' (give a customer id or one of their emails)"
        case .agentNotFound(let a): "'\(a)' is not on the roster (see `helpdesk agent list`)"
        case .promiseNotFound(let id): "promise \(id) does not exist"
        case .templateNotFound(let n): "no template named '\(n)'"
        case .invalid(let why): why
        }
    }
}

/// The details of a refused stale change: who changed what, and when.
public struct StaleChange: Equatable, Sendable, CustomStringConvertible {
    /// `#1042` or the customer's id.
    public var entity: String
    public var fields: [String]
    public var by: String
    public var at: Date
    public var baseVersion: Int
    public var currentVersion: Int

    public init(entity: String, fields: [String], by: String, at: Date, baseVersion: Int, currentVersion: Int) {
        self.entity = entity
        self.fields = fields
        self.by = by
        self.at = at
        self.baseVersion = baseVersion
        self.currentVersion = currentVersion
    }

    public var description: String {
        let what = fields.isEmpty ? "it" : fields.joined(separator: ", ")
        return "\(entity) was changed by \(by) at \(ISOTime.format(at)) (\(what)) after you loaded it "
            + "(version \(baseVersion), now \(currentVersion)); reload and apply your change again"
    }
}
