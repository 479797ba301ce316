import Foundation

/// Who may read and write the files the store creates. A single-user store follows the umask; a
/// shared team store makes every directory setgid and group-writable (02770) and every file
/// group-writable (0660), owned by the team's group, so every member's helpdesk can append.
struct StorePermissions: Sendable {
    /// The group that owns a shared store, or nil for a single-user store.
    var group: gid_t?

    static let personal = StorePermissions(group: nil)

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

    /// Applies the policy to a file this process just created.
    func adopt(fileDescriptor fd: Int32) {
        guard let group else { return }
        _ = fchown(fd, uid_t.max, group)   // uid -1: keep the owner
        _ = fchmod(fd, 0o660)
    }

    /// Creates a directory (and missing parents) with this policy.
    func makeDirectory(_ path: String) throws {
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
        if chown(path, uid_t.max, group) != 0 {
            throw StoreError.writeFailed(path: path, reason: "cannot give it to the group: \(StoreError.text(errno))")
        }
        if chmod(path, 0o2770) != 0 {
            throw StoreError.writeFailed(path: path, reason: StoreError.text(errno))
        }
    }
}
