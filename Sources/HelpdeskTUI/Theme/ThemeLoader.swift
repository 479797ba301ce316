import Foundation

/// Finds theme files by name or path and loads them.
///
/// A name is looked up, first match wins, in: `$HELPDESK_THEMES_DIR`, `$XDG_CONFIG_HOME/helpdesk/themes`
/// (or `~/.config/helpdesk/themes`), `<executable dir>/../share/helpdesk/themes`,
/// `<executable dir>/themes`, and the source tree's `themes/` (so `swift run` finds the shipped themes).
/// Anything containing `/` or ending in `.toml` is taken as a path.
public struct ThemeLoader: Sendable {
    /// Folders searched for `<name>.toml`, in order.
    public var searchDirectories: [String]

    public init(searchDirectories: [String]) {
        self.searchDirectories = searchDirectories
    }

    /// The standard search path for this process. (The executable's real path, not argv[0], which is a
    /// bare name when the program was found on PATH.)
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executablePath: String? = Bundle.main.executablePath) {
        self.init(searchDirectories: ThemeLoader.standardDirectories(environment: environment, executablePath: executablePath))
    }

    public static func standardDirectories(environment: [String: String], executablePath: String?) -> [String] {
        var directories: [String] = []
        if let custom = environment["HELPDESK_THEMES_DIR"], !custom.isEmpty { directories.append(custom) }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directories.append(xdg + "/helpdesk/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/helpdesk/themes")
        }
        if let executablePath, !executablePath.isEmpty {
            let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            let binDirectory = executable.deletingLastPathComponent()
            directories.append(binDirectory.deletingLastPathComponent().appendingPathComponent("share/helpdesk/themes").path)
            directories.append(binDirectory.appendingPathComponent("themes").path)
        }
        directories.append(sourceTreeThemes)
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    /// `<repo>/themes`, from this file's location in `<repo>/Sources/HelpdeskTUI/Theme/`.
    static let sourceTreeThemes: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path
    }()

    /// Loads a theme by name or path. The name `default` falls back to `Theme.builtinDefault` when no
    /// file is found, so the console always has a theme.
    public func load(nameOrPath: String) throws -> Theme {
        try load(nameOrPath: nameOrPath, depth: 0)
    }

    /// The standard loader's `load(nameOrPath:)`.
    public static func load(nameOrPath: String) throws -> Theme {
        try ThemeLoader().load(nameOrPath: nameOrPath)
    }

    /// Names of the themes that can be loaded by name (sorted, `default` always included).
    public func available() -> [String] {
        var names: Set<String> = ["default"]
        for directory in searchDirectories {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries where entry.hasSuffix(".toml") { names.insert(String(entry.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The standard loader's `available()`.
    public static func available() -> [String] { ThemeLoader().available() }

    /// The file a name resolves to, if any.
    public func path(forName name: String) -> String? {
        for directory in searchDirectories {
            let candidate = directory + "/" + name + ".toml"
            if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Loads a theme file from an explicit path.
    public func load(path: String) throws -> Theme {
        try load(path: path, depth: 0)
    }

    private func load(nameOrPath: String, depth: Int) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            return try load(path: nameOrPath, depth: depth)
        }
        if let path = path(forName: nameOrPath) { return try load(path: path, depth: depth) }
        if nameOrPath == "default" { return .builtinDefault }
        throw ThemeError.notFound(name: nameOrPath, searched: searchDirectories, available: available())
    }

    private func load(path: String, depth: Int) throws -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "not UTF-8 text or not readable" : "no such file"
            throw ThemeError.unreadable(file: path, reason: reason)
        }
        let fileName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try ThemeParser.parse(text, file: path, defaultName: fileName) { parentName in
            // A theme inheriting from itself (directly or in a loop) would never finish loading.
            guard depth < 8 else {
                throw ThemeError.invalid(file: path, line: nil, message: "themes inherit from each other in a loop")
            }
            return try self.load(nameOrPath: parentName, depth: depth + 1)
        }
    }
}
