import Foundation
import HelpdeskCore

/// What `FileStore.create` does beyond the common layout so that a team store's members cannot turn
/// it against each other (see `TeamTrust` and `StorePermissions`).
enum TeamSetup {
    /// Mode of `store.json` in a team store: the creator's alone.
    static let anchorMode: mode_t = 0o640

    /// Before the first record: gives a team store its id and the creator's public key (in
    /// `store.json`, the trust anchor, and on the creator's roster entry), and makes `keys/`.
    /// Returns the key the creator signs with (nil for stores whose records are not signed).
    static func prepare(_ paths: StorePaths, info: inout StoreInfo, creator: inout Agent,
                        permissions: StorePermissions, signingKey: AgentKey?) throws -> AgentKey? {
        guard info.mode == .shared else { return nil }
        let key = try signingKey ?? AgentKeys.personalOrNew()
        if info.id == nil { info.id = StoreInfo.newID() }
        info.creatorKey = key.publicKeyText
        creator.publicKey = key.publicKeyText
        try permissions.makeDirectory(paths.keys, mode: StorePermissions.keysDirectory)
        return key
    }

    /// After `store.json` is written: a team store's root becomes the creator's alone (members keep
    /// writing in its directories), and the creator's key is published. A single-user store's root
    /// and `store.json` lose any group or other write bit the umask left them, so nobody else can
    /// replace them (which is what lets its owner use `--as`).
    static func finish(_ paths: StorePaths, info: StoreInfo, key: AgentKey?, permissions: StorePermissions) throws {
        if info.mode == .shared {
            try permissions.makeDirectory(paths.root, mode: StorePermissions.rootDirectory)
            if let key { try AgentKeys.publish(key, login: info.createdBy, paths: paths, permissions: permissions) }
            return
        }
        for path in [paths.root, paths.info] {
            var st = stat()
            if stat(path, &st) == 0, st.st_mode & 0o022 != 0 { _ = chmod(path, st.st_mode & 0o7755) }
        }
    }
}
