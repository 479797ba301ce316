import Foundation
import TOMLKit

/// The user's `config.toml` (`$XDG_CONFIG_HOME/helpdesk/config.toml`): theme and key remappings.
///
/// ```toml
/// theme = "light"
/// mouse = false        # clicks and the wheel are the terminal's (on by default)
/// [keys.queue]
/// x = "claim"          # a key on one screen
/// "C-o" = "view unassigned"
/// [keys.global]
/// "F2" = "help"
/// "q" = "none"         # unbind
/// ```
public struct ConsoleConfig: Sendable {
    public var theme: String?
    /// Clicks and the wheel (`mouse = false` leaves the mouse to the terminal, for selecting text).
    public var mouse = true
    /// Table name → key name → command line.
    public var keys: [String: [String: String]] = [:]
    /// Where it was read from, for messages.
    public var path: String?
    /// Bindings that were skipped while reading (an unknown screen, a command that is not a string):
    /// one bad line costs that line only, never the rest of the user's remappings.
    public var problems: [ConfigError] = []

    public init(theme: String? = nil, keys: [String: [String: String]] = [:], path: String? = nil) {
        self.theme = theme
        self.keys = keys
        self.path = path
    }

    /// The standard location.
    public static func defaultPath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/helpdesk/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/helpdesk/config.toml"
    }

    /// Reads the config; a missing file is an empty config, a broken one an error naming file and line.
    public static func load(path: String) throws -> ConsoleConfig {
        guard FileManager.default.fileExists(atPath: path) else { return ConsoleConfig(path: nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: nil, problem: "cannot be read")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> ConsoleConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ConfigError(file: file, line: e.source.begin.line, problem: e.description)
        }
        func line(of key: String) -> Int? {
            for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let t = l.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix(key) || t.hasPrefix("\"\(key)\"") { return i + 1 }
            }
            return nil
        }
        var config = ConsoleConfig(path: file)
        for (key, value) in table {
            switch key {
            case "theme":
                guard let name = value.string else {
                    throw ConfigError(file: file, line: line(of: key), problem: "theme must be a name or a path in quotes")
                }
                config.theme = name
            case "mouse":
                guard let on = value.bool else {
                    throw ConfigError(file: file, line: line(of: key), problem: "mouse must be true or false")
                }
                config.mouse = on
            case "keys":
                guard let screens = value.table else {
                    throw ConfigError(file: file, line: line(of: key), problem: "[keys] must be a table of screens")
                }
                for (screen, bindings) in screens {
                    // Every table the console dispatches from can be remapped (history, customers, …).
                    let known = DefaultBindings.keyMap.tables.keys.sorted()
                    guard known.contains(screen) else {
                        config.problems.append(ConfigError(file: file, line: line(of: "[keys.\(screen)]"),
                                          problem: "unknown screen '\(screen)' in [keys] (\(known.joined(separator: ", ")))"))
                        continue
                    }
                    guard let map = bindings.table else {
                        config.problems.append(ConfigError(file: file, line: line(of: screen), problem: "[keys.\(screen)] must be a table"))
                        continue
                    }
                    for (keyName, command) in map {
                        guard let commandText = command.string else {
                            config.problems.append(ConfigError(file: file, line: line(of: keyName),
                                                               problem: "the command for '\(keyName)' must be a string"))
                            continue
                        }
                        config.keys[screen, default: [:]][keyName] = commandText
                    }
                }
            default:
                throw ConfigError(file: file, line: line(of: key), problem: "unknown setting '\(key)' (theme, mouse, keys)")
            }
        }
        return config
    }

    /// Applies the key remappings to the default tables, checking every key name and command. A bad
    /// binding is skipped and reported; the others still apply (with the problems found while reading).
    @discardableResult
    public func apply(to map: inout KeyMap) -> [ConfigError] {
        var problems = self.problems
        for (table, bindings) in keys.sorted(by: { $0.key < $1.key }) {
            for (keyName, commandText) in bindings.sorted(by: { $0.key < $1.key }) {
                guard let key = Key(name: keyName) else {
                    problems.append(ConfigError(file: path ?? "config", line: nil, problem: "unknown key name '\(keyName)' in [keys.\(table)]"))
                    continue
                }
                if commandText == "none" {
                    map.unbind(key, on: table)
                    continue
                }
                guard let invocation = CommandInvocation(parsing: commandText),
                      let spec = DefaultBindings.spec(named: invocation.name) else {
                    problems.append(ConfigError(file: path ?? "config", line: nil,
                                                problem: "unknown command '\(commandText)' for key '\(keyName)' (see :help)"))
                    continue
                }
                map.rebind(key, to: CommandInvocation(spec.name, invocation.arguments), on: table, help: spec.summary)
            }
        }
        return problems
    }
}

/// A problem in `config.toml`, naming the file and line.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var problem: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)"
    }
}
