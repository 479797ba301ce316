import Crypto
import Foundation

/// An agent's Ed25519 signing key: what makes a record in a team store theirs.
/// (`@unchecked`: swift-crypto's key is an immutable value that is not marked `Sendable`.)
public struct AgentKey: @unchecked Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// A key as the private key file holds it (base64 of the 32-byte seed).
    init?(privateKeyText text: String) {
        guard let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 32,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { return nil }
        privateKey = key
    }

    /// A new random key (for tests and tools; people get theirs from `AgentKeys.personal`).
    public static func generate() -> AgentKey { AgentKey(privateKey: Curve25519.Signing.PrivateKey()) }

    /// The public half as the roster and `keys/<login>.pub` carry it: 32 bytes, base64.
    public var publicKeyText: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    func signature(_ message: [UInt8]) throws -> Data { try privateKey.signature(for: message) }

    /// Whether `text` is a public key as the roster carries it.
    public static func isValidPublicKey(_ text: String) -> Bool { publicKey(text) != nil }

    static func publicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        guard let raw = Data(base64Encoded: text), raw.count == 32 else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }
}

/// Where agents keep their keys.
///
/// - The private key is the person's own: `$XDG_CONFIG_HOME/helpdesk/signing-key` (by default
///   `~/.config/helpdesk/signing-key`), mode 0600, owned by them, in directories nobody else can
///   write (checked StrictModes-style every time it is read; refused otherwise). One key serves every
///   store: each signed message names its store.
/// - The public key is published in the store as `keys/<login>.pub`, owned by the login. `keys/` is
///   sticky, so nobody else can replace it, and the owner is checked when it is read: the kernel
///   vouches that the key is that account's. A supervisor's `agent add` puts it on the roster.
public enum AgentKeys {
    public static func personalKeyPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/helpdesk/signing-key" }
        return homeDirectory(environment) + "/.config/helpdesk/signing-key"
    }

    private static func homeDirectory(_ environment: [String: String]) -> String {
        if let pw = getpwuid(geteuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) }
        return environment["HOME"] ?? "/"
    }

    /// This person's key, or nil when they have none yet. Throws when the file could be known to, or
    /// changed by, someone else.
    public static func personal(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AgentKey? {
        let path = personalKeyPath(environment: environment)
        guard Durable.exists(path) else { return nil }
        let bytes = try TrustedFiles.read(path) {
            TrustedFiles.problem(fd: $0, path: path, owner: geteuid(), privateToOwner: true)
        }
        guard let key = AgentKey(privateKeyText: String(decoding: bytes, as: UTF8.self)) else {
            throw StoreError.invalidMetadata(path: path, reason: "it is not a helpdesk signing key (32 bytes, base64)")
        }
        return key
    }

    /// This person's key, made (0600, in a 0700 directory) when they have none.
    public static func personalOrNew(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AgentKey {
        if let key = try personal(environment: environment) { return key }
        let path = personalKeyPath(environment: environment)
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let key = AgentKey.generate()
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.writeFailed(path: path, reason: StoreError.text(errno)) }
        defer { close(fd) }
        _ = fchmod(fd, 0o600)
        try Durable.write(fd, Array((key.privateKey.rawRepresentation.base64EncodedString() + "\n").utf8), path: path)
        try Durable.sync(fd, path: path)
        return key
    }

    /// Publishes `key` as `keys/<login>.pub` in the store (replacing an older key of the same login).
    static func publish(_ key: AgentKey, login: String, paths: StorePaths, permissions: StorePermissions) throws {
        let path = paths.publicKey(login)
        let text = key.publicKeyText + "\n"
        if Durable.exists(path) {
            if TrustedFiles.notOwnedByMe(path) == nil, (try? Durable.readFile(path)) == Array(text.utf8) { return }
            if let problem = TrustedFiles.notOwnedByMe(path) {
                throw StoreError.untrusted(path: path, reason: "\(problem); the store's creator can remove it (keys/ is sticky)")
            }
        }
        try Durable.replace(path, with: Array(text.utf8), permissions: permissions, mode: 0o644)
    }

    /// The key `login` published in the store, when the kernel vouches it is theirs: a plain file
    /// owned by that account, writable by nobody else, in `keys/` (sticky) of a store whose root
    /// nobody else can change. Nil when there is none.
    static func published(login: String, paths: StorePaths) throws -> String? {
        let path = paths.publicKey(login)
        guard Durable.exists(path) else { return nil }
        guard let uid = TrustedFiles.uid(ofLogin: login) else {
            throw StoreError.untrusted(path: path, reason: "there is no Unix account \(login)")
        }
        var root = stat()
        let storeOwner: Set<uid_t> = stat(paths.root, &root) == 0 ? [root.st_uid] : []
        let bytes = try TrustedFiles.read(path) {
            TrustedFiles.problem(fd: $0, path: path, owner: uid, alsoTrusted: storeOwner)
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard AgentKey.isValidPublicKey(text) else {
            throw StoreError.invalidMetadata(path: path, reason: "it is not a public key (32 bytes, base64)")
        }
        return text
    }
}

extension FileStore {
    /// The public key `login` published in this store (`keys/<login>.pub`), checked to be theirs.
    public func publishedKey(of login: String) throws -> String? {
        try AgentKeys.published(login: login, paths: paths)
    }

    /// Publishes this person's key in the store as `keys/<login>.pub`, so a supervisor can put it on
    /// the roster. Only for team stores.
    public func publish(_ key: AgentKey, as login: String) throws {
        guard info.mode == .shared else { return }
        try AgentKeys.publish(key, login: login, paths: paths, permissions: permissions)
    }
}
