/// Why a theme could not be used. The description is what the user sees: file, line, what is wrong.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not valid TOML, or says something a theme cannot mean. `line` is 1-based.
    case invalid(file: String, line: Int?, message: String)
    /// No theme file has this name.
    case notFound(name: String, searched: [String], available: [String])
    /// The file exists but cannot be read.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let file, let line?, let message): return "\(file):\(line): \(message)"
        case .invalid(let file, nil, let message): return "\(file): \(message)"
        case .notFound(let name, let searched, let available):
            let where_ = searched.isEmpty ? "" : " (looked in \(searched.joined(separator: ", ")))"
            let choices = available.isEmpty ? "" : "; available: \(available.joined(separator: ", "))"
            return "no theme named '\(name)'\(where_)\(choices)"
        case .unreadable(let file, let reason): return "\(file): cannot read theme: \(reason)"
        }
    }
}
