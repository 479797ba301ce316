import Foundation

/// The few system calls durability rests on, each failing loudly with the path and `strerror`.
///
/// Rules followed everywhere (see shared/STORE.md):
/// - a write loops until every byte is written (short writes happen);
/// - `fsync`/`fdatasync` failures are thrown, never retried: after a failed flush the kernel may
///   already have dropped the dirty pages ("fsyncgate"), so carrying on would acknowledge lost data;
/// - a file is replaced atomically by writing a temporary file, flushing it, renaming it over the
///   old name and flushing the directory, so a crash leaves either the old or the new file.
enum Durable {
    /// Opens a file; `O_CLOEXEC` and `O_NOFOLLOW` are always added: in a team store another member
    /// could put a symbolic link where a file is expected, to make this process write (or read) a
    /// file of its own elsewhere. A file it creates gets `permissions` with `mode`.
    static func open(_ path: String, _ flags: Int32, permissions: StorePermissions = .personal,
                     mode: mode_t = StorePermissions.sharedFile) throws -> Int32 {
        let fd = Glibc.open(path, flags | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard fd >= 0 else {
            let code = errno
            if flags & (O_WRONLY | O_RDWR) != 0 {
                if code == EACCES || code == EROFS || code == EPERM { throw StoreError.readOnly(path: path) }
                throw StoreError.writeFailed(path: path, reason: StoreError.text(code))
            }
            throw StoreError.unreadable(path: path, reason: StoreError.text(code))
        }
        if flags & O_CREAT != 0 { permissions.adopt(fileDescriptor: fd, mode: mode) }
        return fd
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError.writeFailed(path: path, reason: StoreError.text(errno))
            }
            done += n
        }
    }

    static func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { try write(fd, $0, path: path) }
    }

    /// `fdatasync`: the data and the size are on disk (what an append needs).
    static func syncData(_ fd: Int32, path: String) throws {
        guard fdatasync(fd) == 0 else { throw StoreError.syncFailed(path: path, reason: StoreError.text(errno)) }
    }

    /// `fsync`: data and all metadata.
    static func sync(_ fd: Int32, path: String) throws {
        guard fsync(fd) == 0 else { throw StoreError.syncFailed(path: path, reason: StoreError.text(errno)) }
    }

    /// Makes renames, creations and deletions inside a directory durable.
    static func syncDirectory(_ path: String) throws {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.unreadable(path: path, reason: StoreError.text(errno)) }
        defer { close(fd) }
        try sync(fd, path: path)
    }

    /// A name for a temporary file next to `path`; `IntegrityCheck` recognises and removes leftovers.
    static func temporaryName(for path: String) -> String {
        "\(path)\(temporaryMarker)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// What every temporary name contains.
    static let temporaryMarker = ".tmp-"

    /// Writes `bytes` to a new temporary file next to `path` and flushes it; returns its name (nothing is
    /// visible under `path` yet). On failure the temporary is gone.
    static func writeTemporary(_ bytes: [UInt8], for path: String, permissions: StorePermissions, mode: mode_t) throws -> String {
        let tmp = temporaryName(for: path)
        let fd = try open(tmp, O_WRONLY | O_CREAT | O_EXCL, permissions: permissions, mode: mode)
        do {
            try write(fd, bytes, path: tmp)
            try sync(fd, path: tmp)
            close(fd)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        return tmp
    }

    /// Writes a new complete file durably, then renames it over `path` and flushes the directory.
    static func replace(_ path: String, with bytes: [UInt8], permissions: StorePermissions,
                        mode: mode_t = StorePermissions.sharedFile) throws {
        let tmp = try writeTemporary(bytes, for: path, permissions: permissions, mode: mode)
        guard rename(tmp, path) == 0 else {
            let code = errno
            unlink(tmp)
            throw StoreError.writeFailed(path: path, reason: StoreError.text(code))
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// The size of an open file.
    static func size(_ fd: Int32, path: String) throws -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.unreadable(path: path, reason: StoreError.text(errno)) }
        return Int(st.st_size)
    }

    /// Reads `count` bytes at `offset` (fewer only at end of file).
    ///
    /// Offsets and counts come from the store's own files (a snapshot's spans), which can be damaged or
    /// edited: never more is allocated than the file holds from `offset`, so a length of 10^14 is a
    /// short read for the caller to report, not an allocation that kills the process.
    static func read(_ fd: Int32, offset: Int, count requested: Int, path: String) throws -> [UInt8] {
        guard requested > 0 else { return [] }
        guard offset >= 0 else { throw StoreError.unreadable(path: path, reason: "a read at byte offset \(offset), before the start of the file") }
        let count = min(requested, max(0, try size(fd, path: path) - offset))
        guard count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        try buffer.withUnsafeMutableBytes { raw in
            while done < count {
                let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.unreadable(path: path, reason: StoreError.text(errno))
                }
                if n == 0 { break }
                done += n
            }
        }
        if done < count { buffer.removeLast(count - done) }
        return buffer
    }

    /// Reads a whole file.
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        return try read(fd, offset: 0, count: size(fd, path: path), path: path)
    }

    /// Device and inode of an open file, or of the file at a path (nil when there is none): tells
    /// whether a descriptor still refers to the file a name now points to.
    static func identity(_ fd: Int32) -> FileIdentity? {
        var st = stat()
        return fstat(fd, &st) == 0 ? FileIdentity(st) : nil
    }

    static func identity(_ path: String) -> FileIdentity? {
        var st = stat()
        return stat(path, &st) == 0 ? FileIdentity(st) : nil
    }

    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
        /// 0 once every name of the file was removed (it lives on only through open descriptors).
        var links: UInt64

        init(_ st: stat) {
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
            links = UInt64(st.st_nlink)
        }

        func isSameFile(as other: FileIdentity) -> Bool { device == other.device && inode == other.inode }
    }

    /// Whether something exists at `path` (without following a missing target as an error).
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// The names in a directory (no `.`/`..`), unsorted.
    static func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw StoreError.unreadable(path: path, reason: StoreError.text(errno)) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes a file or a whole directory tree; missing is fine.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
