/// One row of a binding table: a key, the command it runs, and the help text. The help screen is
/// generated from the same tables that dispatch keys, so it cannot drift from behaviour.
public struct KeyBinding: Sendable, Equatable {
    public var key: Key
    public var command: CommandInvocation
    public var help: String

    public init(_ key: Key, _ command: CommandInvocation, _ help: String) {
        self.key = key
        self.command = command
        self.help = help
    }

    public init(_ key: Key, _ command: String, _ help: String) {
        self.init(key, CommandInvocation(parsing: command)!, help)
    }
}

/// The binding tables in force: per screen ("queue", "ticket", …) plus "global", after the user's
/// remappings from the config file have been applied.
public struct KeyMap: Sendable {
    public private(set) var tables: [String: [KeyBinding]]

    public init(tables: [String: [KeyBinding]]) { self.tables = tables }

    /// The binding for a key on a screen: the screen's own table first, then the global one.
    public func binding(for key: Key, on screen: String) -> KeyBinding? {
        tables[screen]?.first { $0.key == key } ?? tables["global"]?.first { $0.key == key }
    }

    /// Every binding that applies on a screen, screen-specific first, for the help screen.
    public func bindings(on screen: String) -> [KeyBinding] {
        let own = tables[screen] ?? []
        let shadowed = Set(own.map(\.key))
        return own + (tables["global"] ?? []).filter { !shadowed.contains($0.key) }
    }

    /// Binds `key` to `command` on a table; the description is taken from an existing binding of the
    /// same command (so a remapped key keeps its help text) or from the command's spec.
    public mutating func rebind(_ key: Key, to command: CommandInvocation, on table: String, help: String) {
        var list = tables[table] ?? []
        list.removeAll { $0.key == key }
        list.append(KeyBinding(key, command, help))
        tables[table] = list
    }

    /// Removes a key from a table (`"x" = "none"` in the config).
    public mutating func unbind(_ key: Key, on table: String) {
        tables[table]?.removeAll { $0.key == key }
    }

    /// The keys bound to a command anywhere, for showing "press c to claim".
    public func keys(for command: String, on screen: String) -> [Key] {
        bindings(on: screen).filter { $0.command.name == command && $0.command.arguments.isEmpty }.map(\.key)
    }
}
