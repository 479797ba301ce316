import Foundation

/// An agent's own named query, shown in their sidebar after the built-in views (`:save-view NAME`).
public struct SavedView: Codable, Sendable, Equatable {
    /// The agent whose sidebar shows it.
    public var owner: String
    public var name: String
    /// The query text, in the query language (`Query`).
    public var query: String

    public init(owner: String, name: String, query: String) {
        self.owner = owner
        self.name = name
        self.query = query
    }

    /// Names are short labels: letters, digits, spaces, `-` and `_`, at most 24 characters.
    public static func problem(withName name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "a saved view needs a name" }
        if trimmed.count > 24 { return "a view name is at most 24 characters" }
        if !trimmed.allSatisfy({ $0.isLetter || $0.isNumber || " -_".contains($0) }) {
            return "a view name uses letters, digits, spaces, '-' and '_'"
        }
        return nil
    }
}
