/// A named command with its arguments, as typed after `:` or bound to a key (`view unassigned`).
/// Every key binding is a command invocation, so anything a key does can also be typed.
public struct CommandInvocation: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var arguments: [String]

    public init(_ name: String, _ arguments: [String] = []) {
        self.name = name
        self.arguments = arguments
    }

    /// Parses `open 1042` or `view "solved today"`; nil for an empty line.
    public init?(parsing line: String) {
        var words: [String] = []
        var current = ""
        var quoted = false
        var hasWord = false
        for ch in line {
            if ch == "\"" {
                quoted.toggle()
                hasWord = true
            } else if ch == " " && !quoted {
                if hasWord { words.append(current) }
                current = ""
                hasWord = false
            } else {
                current.append(ch)
                hasWord = true
            }
        }
        if hasWord { words.append(current) }
        guard let first = words.first else { return nil }
        self.name = first.lowercased()
        self.arguments = Array(words.dropFirst())
    }

    /// The argument words joined back into one string (`view solved today` → `solved today`).
    public var argumentText: String { arguments.joined(separator: " ") }

    public var description: String {
        ([name] + arguments.map { $0.contains(" ") ? "\"\($0)\"" : $0 }).joined(separator: " ")
    }
}

/// A command the console knows: its name, what it does, and how its argument completes.
public struct CommandSpec: Sendable {
    public var name: String
    public var summary: String
    /// Shown in help: `:view NAME`.
    public var usage: String
    /// Other names accepted (`:q` for `:quit`).
    public var aliases: [String]

    public init(_ name: String, _ summary: String, usage: String? = nil, aliases: [String] = []) {
        self.name = name
        self.summary = summary
        self.usage = usage ?? name
        self.aliases = aliases
    }
}
