import Foundation

/// Who may read and write the files the store creates. A single-user store follows the umask. A
/// shared team store gives every file and directory its group and a fixed mode whatever the umask:
///
/// | what | mode | why |
/// |---|---|---|
/// | the root (holds `store.json`, `lock`) | 02750, the creator's | nobody else may replace the trust anchor |
/// | `log/`, `snapshots/`, `presence/`, `drafts/`, `outbox/…`, `lost+found/` | 02770 | every member creates, renames and deletes there |
/// | `keys/` | 03770 (sticky) | each published key can be replaced only by the login that owns it |
/// | segments, `CURRENT`, snapshot files, `lock` | 0660 | every member appends to or replaces them |
/// | mail (outgoing, and received under `mail/`), drafts, presence, public keys | 0640 | only the member who wrote one may change it; the others read it |
/// | `store.json` | 0640, the creator's | the trust anchor |
struct StorePermissions: Sendable {
    /// The group that owns a shared store, or nil for a single-user store.
    var group: gid_t?

    static let personal = StorePermissions(group: nil)

    /// Mode of files every member appends to or replaces.
    static let sharedFile: mode_t = 0o660
    /// Mode of files only their writer may change.
    static let authoredFile: mode_t = 0o640
    /// Mode of the directories every member writes in.
    static let sharedDirectory: mode_t = 0o2770
    /// Mode of a team store's root: only its creator adds, renames or removes entries.
    static let rootDirectory: mode_t = 0o2750
    /// Mode of `keys/`: sticky, so an entry can be removed or replaced only by its owner.
    static let keysDirectory: mode_t = 0o3770

    /// Looks the group up by name; a clear error when it does not exist.
    static func shared(groupNamed name: String) throws -> StorePermissions {
        guard let entry = getgrnam(name) else { throw StoreError.unknownGroup(name) }
        return StorePermissions(group: entry.pointee.gr_gid)
    }

    /// The permissions a store opened from disk should use for new files: taken from the store
    /// directory itself, so a shared store stays shared whoever writes to it.
    static func inherited(from directory: String) -> StorePermissions {
        var st = stat()
        guard stat(directory, &st) == 0, st.st_mode & S_ISGID != 0 else { return .personal }
        return StorePermissions(group: st.st_gid)
    }

    var isShared: Bool { group != nil }

    /// Applies the policy to a file this process just created (`mode` says who may change it).
    func adopt(fileDescriptor fd: Int32, mode: mode_t = StorePermissions.sharedFile) {
        guard let group else { return }
        _ = fchown(fd, uid_t.max, group)   // uid -1: keep the owner
        _ = fchmod(fd, mode)
    }

    /// Creates a directory (and missing parents) with this policy: in a team store, the group and
    /// `mode` whatever the umask.
    func makeDirectory(_ path: String, mode: mode_t = StorePermissions.sharedDirectory) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw StoreError.writeFailed(path: path, reason: "a file of that name is in the way")
            }
        } else {
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, parent != path, !FileManager.default.fileExists(atPath: parent) {
                try StorePermissions.personal.makeDirectory(parent)
            }
            if mkdir(path, 0o777) != 0 && errno != EEXIST {
                throw StoreError.writeFailed(path: path, reason: StoreError.text(errno))
            }
        }
        guard let group else { return }
        var st = stat()
        // A directory another member made already has the policy (and only its owner may chmod it).
        if lstat(path, &st) == 0, st.st_gid == group, st.st_mode & 0o7777 == mode { return }
        if chown(path, uid_t.max, group) != 0 {
            throw StoreError.writeFailed(path: path, reason: "cannot give it to the group: \(StoreError.text(errno))")
        }
        if chmod(path, mode) != 0 {
            throw StoreError.writeFailed(path: path, reason: StoreError.text(errno))
        }
    }
}
