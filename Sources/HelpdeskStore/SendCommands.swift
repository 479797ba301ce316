import Foundation

/// Which shell command delivers a store's outgoing mail, for this person: kept in their own
/// `$XDG_CONFIG_HOME/helpdesk/send-commands.json` (by default `~/.config/helpdesk/…`), one command
/// per store directory,
///
///     {"stores":{"/srv/helpdesk":"sendmail -t"}}
///
/// and never in the store. A team store's files are writable by every member of its group, so a
/// command read from them would let any member run code as whichever agent's console delivers the
/// mail next. This file is used only when it is the person's own and nobody else can write it or
/// replace it (checked StrictModes-style each time); otherwise delivery stops with the reason.
public enum SendCommands {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let key = AgentKeys.personalKeyPath(environment: environment)
        return (key as NSString).deletingLastPathComponent + "/send-commands.json"
    }

    private struct File: Codable { var stores: [String: String] = [:] }

    /// The send command for the store at `store` (a directory path), or nil when none is set.
    /// Throws when the file exists but could have been written by someone else.
    public static func command(forStoreAt store: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        try read(environment).stores[key(store)]
    }

    /// Sets (or with nil removes) the send command for the store at `store`.
    public static func set(_ command: String?, forStoreAt store: String,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var file = try read(environment)
        file.stores[key(store)] = command
        let path = path(environment: environment)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let bytes = [UInt8](try StoreJSON.encoder(pretty: true).encode(file)) + [0x0A]
        try Durable.replace(path, with: bytes, permissions: .personal)
        _ = chmod(path, 0o600)
    }

    private static func read(_ environment: [String: String]) throws -> File {
        let path = path(environment: environment)
        guard Durable.exists(path) else { return File() }
        let bytes = try TrustedFiles.read(path) { TrustedFiles.problem(fd: $0, path: path, owner: geteuid()) }
        do {
            return try StoreJSON.decoder().decode(File.self, from: Data(bytes))
        } catch {
            throw StoreError.invalidMetadata(path: path, reason: StoreJSON.reason(error))
        }
    }

    private static func key(_ store: String) -> String {
        var p = URL(fileURLWithPath: store).standardizedFileURL.path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
