import Foundation

/// A problem found in a template body: where it is (line and column count from 1, in characters) and
/// what is wrong, so saving a template can point at the exact spot.
public struct PlaceholderIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `{{` with no `}}` after it.
        case unclosed
        /// A name the engine does not know.
        case unknown(String)
        /// `{{ }}` or `{{ | "x" }}`.
        case emptyName
        /// A fallback that is not a double-quoted string.
        case badFallback(String)
    }

    public var kind: Kind
    public var line: Int
    public var column: Int

    public init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    public var description: String {
        let at = "line \(line), column \(column)"
        switch kind {
        case .unclosed: return "\(at): '{{' is never closed with '}}'"
        case .unknown(let name):
            return "\(at): unknown placeholder {{\(name)}} (known: \(Placeholders.knownNames.joined(separator: ", ")))"
        case .emptyName: return "\(at): a placeholder needs a name, like {{customer.preferredName}}"
        case .badFallback(let text):
            return "\(at): the fallback \(text) must be in double quotes, like {{customer.preferredName | \"there\"}}"
        }
    }
}

/// One `{{name | "fallback"}}` found in a text.
public struct PlaceholderToken: Sendable, Equatable {
    public var name: String
    public var fallback: String?
    /// Character offsets of the whole `{{…}}` in the text.
    public var range: Range<Int>
}

/// The result of filling a template: the text, and the placeholders that had no value and no
/// fallback (left in the text as `{{name}}`, so the agent sees the gap and fills it before sending).
public struct RenderedTemplate: Sendable, Equatable {
    public var text: String
    public var unfilled: [String]
}

/// The placeholder engine of reply templates. Pure: values come in as a dictionary.
///
/// Syntax: `{{customer.preferredName}}`, with an optional fallback `{{customer.preferredName | "there"}}`
/// used when the value is missing or empty. A placeholder with neither is never replaced by nothing.
public enum Placeholders {
    /// Every name a template may use; `customer.preference.KEY` stands for any preference key.
    public static let knownNames = [
        "customer.preferredName", "customer.firstName", "customer.greeting", "customer.name", "customer.usualOrder", "customer.preference.KEY",
        "ticket.number", "ticket.subject", "agent.name", "agent.signature", "promise.due", "today",
    ]

    public static func isKnown(_ name: String) -> Bool {
        if name.hasPrefix("customer.preference.") { return name.count > "customer.preference.".count }
        return knownNames.contains(name)
    }

    /// Every problem in a template body, in order: unclosed `{{`, unknown names, malformed fallbacks.
    public static func check(_ body: String) -> [PlaceholderIssue] {
        let (tokens, issues) = scan(body)
        var all = issues
        let chars = Array(body)
        for token in tokens where !isKnown(token.name) {
            let (line, column) = position(of: token.range.lowerBound, in: chars)
            all.append(PlaceholderIssue(kind: token.name.isEmpty ? .emptyName : .unknown(token.name), line: line, column: column))
        }
        return all.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The placeholders in a text (well-formed ones only).
    public static func tokens(in text: String) -> [PlaceholderToken] { scan(text).tokens }

    /// Names of placeholders still present in a text: a reply containing any is not ready to send.
    public static func unfilled(in text: String) -> [String] {
        guard text.contains("{{") else { return [] }
        return tokens(in: text).map(\.name)
    }

    /// Fills placeholders from `values`. Missing or empty values use the fallback; without one the
    /// placeholder stays as `{{name}}` and is listed in `unfilled`.
    public static func render(_ body: String, values: [String: String]) -> RenderedTemplate {
        let chars = Array(body)
        let tokens = scan(body).tokens
        var out = ""
        var unfilled: [String] = []
        var cursor = 0
        for token in tokens {
            out += String(chars[cursor..<token.range.lowerBound])
            if let value = values[token.name], !value.isEmpty {
                out += value
            } else if let fallback = token.fallback {
                out += fallback
            } else {
                out += "{{\(token.name)}}"
                if !unfilled.contains(token.name) { unfilled.append(token.name) }
            }
            cursor = token.range.upperBound
        }
        out += String(chars[cursor...])
        return RenderedTemplate(text: out, unfilled: unfilled)
    }

    // MARK: Scanning

    private static func scan(_ text: String) -> (tokens: [PlaceholderToken], issues: [PlaceholderIssue]) {
        let chars = Array(text)
        var tokens: [PlaceholderToken] = []
        var issues: [PlaceholderIssue] = []
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == "{", chars[i + 1] == "{" else { i += 1; continue }
            // Find the closing braces; a newline or another `{{` first means this one is unclosed.
            var j = i + 2
            var close: Int?
            while j < chars.count {
                if chars[j] == "\n" { break }
                if j + 1 < chars.count, chars[j] == "{", chars[j + 1] == "{" { break }
                if j + 1 < chars.count, chars[j] == "}", chars[j + 1] == "}" { close = j; break }
                j += 1
            }
            guard let end = close else {
                let (line, column) = position(of: i, in: chars)
                issues.append(PlaceholderIssue(kind: .unclosed, line: line, column: column))
                i += 2
                continue
            }
            let inner = String(chars[(i + 2)..<end])
            var name = inner
            var fallback: String?
            if let bar = inner.firstIndex(of: "|") {
                name = String(inner[..<bar])
                let rest = inner[inner.index(after: bar)...].trimmingCharacters(in: .whitespaces)
                if rest.count >= 2, rest.first == "\"", rest.last == "\"" {
                    fallback = String(rest.dropFirst().dropLast())
                } else {
                    let (line, column) = position(of: i, in: chars)
                    issues.append(PlaceholderIssue(kind: .badFallback(rest.isEmpty ? "(nothing)" : rest), line: line, column: column))
                    i = end + 2
                    continue
                }
            }
            name = name.trimmingCharacters(in: .whitespaces)
            tokens.append(PlaceholderToken(name: name, fallback: fallback, range: i..<(end + 2)))
            i = end + 2
        }
        return (tokens, issues)
    }

    private static func position(of offset: Int, in chars: [Character]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for c in chars[..<offset] {
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
