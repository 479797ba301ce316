import Foundation

/// Whether a file can only have been written by one user, checked the way sshd's StrictModes checks
/// `authorized_keys`: the file is a plain file (not a link) owned by that user and writable by
/// nobody else, and no directory on its path can be changed by anyone but root or that user — or is
/// sticky, so that its entries can be replaced only by their own owners.
///
/// This is how a team store ties things to Unix accounts without trusting the group: `store.json`
/// (the trust anchor) to its creator, a published public key to its login, a private key or a send
/// command to the person whose process reads it.
enum TrustedFiles {
    /// The uid of a login, if the account exists.
    static func uid(ofLogin login: String) -> uid_t? {
        guard let pw = getpwnam(login) else { return nil }
        return pw.pointee.pw_uid
    }

    /// The login of a uid, for messages.
    static func login(ofUID uid: uid_t) -> String {
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }

    /// Why the file open at `fd` (whose path is `path`) could have been written or replaced by someone
    /// other than `owner`, or nil when it could not. `alsoTrusted` are further owners a directory on
    /// the path may have (a team store's creator owns `keys/`). With `privateToOwner` the file must
    /// not be readable by others either (a private key).
    static func problem(fd: Int32, path: String, owner: uid_t, alsoTrusted: Set<uid_t> = [],
                        privateToOwner: Bool = false) -> String? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return "cannot be examined: \(StoreError.text(errno))" }
        return problem(st, path: path, owner: owner, alsoTrusted: alsoTrusted, privateToOwner: privateToOwner)
    }

    /// The same for a path (the last component is not followed).
    static func problem(path: String, owner: uid_t, alsoTrusted: Set<uid_t> = [], privateToOwner: Bool = false) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return "cannot be examined: \(StoreError.text(errno))" }
        return problem(st, path: path, owner: owner, alsoTrusted: alsoTrusted, privateToOwner: privateToOwner)
    }

    private static func problem(_ st: stat, path: String, owner: uid_t, alsoTrusted: Set<uid_t>,
                                privateToOwner: Bool) -> String? {
        guard st.st_mode & S_IFMT == S_IFREG else { return "it is not a plain file" }
        guard st.st_uid == owner else {
            return "it belongs to \(login(ofUID: st.st_uid)), not \(login(ofUID: owner))"
        }
        if privateToOwner, st.st_mode & 0o077 != 0 {
            return String(format: "others may read it (mode %04o; run chmod 600 %@)", st.st_mode & 0o7777, path)
        }
        if st.st_mode & 0o022 != 0 {
            return String(format: "others may write it (mode %04o)", st.st_mode & 0o7777)
        }
        return directoryProblem(of: path, owners: alsoTrusted.union([0, owner]))
    }

    /// Why a directory on the way to `path` lets someone outside `owners` replace what it holds.
    static func directoryProblem(of path: String, owners: Set<uid_t>) -> String? {
        guard let real = realpath((path as NSString).deletingLastPathComponent, nil) else {
            return "its directory cannot be resolved: \(StoreError.text(errno))"
        }
        var dir = String(cString: real)
        free(real)
        while true {
            var st = stat()
            guard stat(dir, &st) == 0 else { return "\(dir) cannot be examined: \(StoreError.text(errno))" }
            if !owners.contains(st.st_uid) {
                return "the directory \(dir) belongs to \(login(ofUID: st.st_uid))"
            }
            if st.st_mode & 0o022 != 0 && st.st_mode & S_ISVTX == 0 {
                return String(format: "the directory %@ is writable by others (mode %04o), so they could replace what it holds", dir, st.st_mode & 0o7777)
            }
            if dir == "/" { return nil }
            dir = (dir as NSString).deletingLastPathComponent
            if dir.isEmpty { dir = "/" }
        }
    }

    /// Whether `path` is a plain file owned by `login`'s account and writable by nobody else.
    static func isOwned(_ path: String, byLogin login: String) -> Bool {
        guard let uid = uid(ofLogin: login) else { return false }
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG && st.st_uid == uid && st.st_mode & 0o022 == 0
    }

    /// Why `path` is not a plain file of this process's user that only they can write, or nil.
    static func notOwnedByMe(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return "it cannot be examined: \(StoreError.text(errno))" }
        guard st.st_mode & S_IFMT == S_IFREG else { return "it is not a plain file" }
        guard st.st_uid == geteuid() else { return "it was written by \(login(ofUID: st.st_uid))" }
        guard st.st_mode & 0o022 == 0 else { return "others may write it" }
        return nil
    }

    /// Reads a whole file through one descriptor after checking it with `check` (given the
    /// descriptor), so what is read is exactly what was checked.
    static func read(_ path: String, check: (Int32) -> String?) throws -> [UInt8] {
        let fd = try Durable.open(path, O_RDONLY)
        defer { close(fd) }
        if let problem = check(fd) { throw StoreError.untrusted(path: path, reason: problem) }
        return try Durable.read(fd, offset: 0, count: Durable.size(fd, path: path), path: path)
    }
}
