import Foundation

/// Copies store files for backups and restores so that a copy is on disk when the copier says it is
/// done: each file is flushed after it is written and each directory after its entries are made, and
/// the finished copy is moved into place with one `rename` (then its parent is flushed), so a crash
/// leaves either no copy or a whole one.
enum DurableCopy {
    /// What a copy wrote.
    struct Tally {
        var files = 0
        var bytes = 0
        static func + (a: Tally, b: Tally) -> Tally { Tally(files: a.files + b.files, bytes: a.bytes + b.bytes) }
    }

    /// Copies the first `count` bytes of an open file into a new file at `path`, and flushes it.
    static func copy(fd: Int32, count: Int, source: String, to path: String, permissions: StorePermissions) throws -> Tally {
        let out = try Durable.open(path, O_WRONLY | O_CREAT | O_EXCL, permissions: permissions)
        defer { close(out) }
        var offset = 0
        let chunk = 1 << 20
        while offset < count {
            let bytes = try Durable.read(fd, offset: offset, count: min(chunk, count - offset), path: source)
            guard !bytes.isEmpty else {
                throw StoreError.unreadable(path: source, reason: "it is \(offset) bytes long, \(count) were expected (was it truncated?)")
            }
            try Durable.write(out, bytes, path: path)
            offset += bytes.count
        }
        try Durable.sync(out, path: path)
        return Tally(files: 1, bytes: count)
    }

    /// Copies a whole file. Nil when it is gone (moved or deleted by another process meanwhile).
    static func copyFile(_ source: String, to path: String, permissions: StorePermissions) throws -> Tally? {
        let fd = Glibc.open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StoreError.unreadable(path: source, reason: StoreError.text(errno))
        }
        defer { close(fd) }
        return try copy(fd: fd, count: Durable.size(fd, path: source), source: source, to: path, permissions: permissions)
    }

    /// Copies a directory tree of regular files. Files that disappear while it runs are left out and
    /// their paths (relative to `source`) are not in the returned set; temporary files are skipped.
    static func copyTree(_ source: String, to destination: String, permissions: StorePermissions) throws -> (Tally, Set<String>) {
        var tally = Tally()
        var copied = Set<String>()
        func walk(_ relative: String) throws {
            let from = relative.isEmpty ? source : source + "/" + relative
            let to = relative.isEmpty ? destination : destination + "/" + relative
            try permissions.makeDirectory(to)
            let names: [String]
            do { names = try Durable.list(from) } catch { if errno == ENOENT { return }; throw error }
            for name in names.sorted() where !name.contains(Durable.temporaryMarker) {
                let child = relative.isEmpty ? name : relative + "/" + name
                var st = stat()
                guard lstat(source + "/" + child, &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR:
                    try walk(child)
                case S_IFREG:
                    if let t = try copyFile(source + "/" + child, to: destination + "/" + child, permissions: permissions) {
                        tally = tally + t
                        copied.insert(child)
                    }
                default:
                    continue   // sockets, links: nothing the store writes
                }
            }
            try Durable.syncDirectory(to)
        }
        try walk("")
        return (tally, copied)
    }

    /// How many regular files, and bytes, a directory tree holds.
    static func measure(_ path: String) throws -> Tally {
        var tally = Tally()
        for name in try Durable.list(path) {
            var st = stat()
            guard lstat(path + "/" + name, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                tally = tally + (try measure(path + "/" + name))
            } else if st.st_mode & S_IFMT == S_IFREG {
                tally = tally + Tally(files: 1, bytes: Int(st.st_size))
            }
        }
        return tally
    }

    /// Refuses a target that holds anything: a copy never overwrites. Returns whether it exists (as
    /// an empty directory, which the finished copy replaces).
    @discardableResult
    static func checkTarget(_ path: String) throws -> Bool {
        guard Durable.exists(path) else { return false }
        if Durable.exists(path + "/store.json") { throw StoreError.alreadyExists(path: path) }
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { throw BackupError.targetNotEmpty(path: path) }
        guard (try Durable.list(path)).isEmpty else { throw BackupError.targetNotEmpty(path: path) }
        return true
    }

    /// A temporary directory beside `target`, for building the copy in, with the store's permissions.
    static func temporaryDirectory(for target: String, permissions: StorePermissions) throws -> String {
        let parent = (target as NSString).deletingLastPathComponent
        if !parent.isEmpty, !Durable.exists(parent) { try StorePermissions.personal.makeDirectory(parent) }
        let temporary = Durable.temporaryName(for: target)
        guard mkdir(temporary, 0o777) == 0 else {
            throw StoreError.writeFailed(path: temporary, reason: StoreError.text(errno))
        }
        try permissions.makeDirectory(temporary)
        return temporary
    }

    /// Moves a finished copy to its name (replacing an empty directory there) and flushes the parent.
    static func install(_ temporary: String, at target: String) throws {
        try Durable.syncDirectory(temporary)
        guard rename(temporary, target) == 0 else {
            throw StoreError.writeFailed(path: target, reason: StoreError.text(errno))
        }
        let parent = (target as NSString).deletingLastPathComponent
        try Durable.syncDirectory(parent.isEmpty ? "." : parent)
    }
}

/// Why a backup or a restore was refused. Nothing was written at the target when one is thrown.
public enum BackupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The target exists and is not an empty directory.
    case targetNotEmpty(path: String)
    /// The target is inside the store being copied.
    case insideSource(path: String, source: String)
    /// The source (a backup, or the store being backed up) does not pass `helpdesk check`.
    case damaged(path: String, findings: [String])
    /// The copy did not come out as the source was (checked before it was put in place).
    case copyDiffers(path: String, reason: String)

    public var description: String {
        switch self {
        case .targetNotEmpty(let p):
            "\(p) already exists and is not an empty directory; choose a new directory (a backup or restore never overwrites anything)"
        case .insideSource(let p, let source):
            "\(p) is inside \(source), the store being copied; choose a directory outside it (better: on another disk)"
        case .damaged(let p, let findings):
            "\(p) does not pass `helpdesk check` (\(findings.prefix(3).joined(separator: "; "))\(findings.count > 3 ? "; …" : "")); nothing was copied — run `helpdesk check --store \(p)`"
        case .copyDiffers(let p, let reason):
            "the copy at \(p) did not come out as its source (\(reason)); nothing was kept"
        }
    }
}
