import Foundation

/// The store's write lock: `flock(LOCK_EX)` on the `lock` file.
///
/// `flock` rather than `fcntl`: it belongs to the open file description, so it is released exactly
/// when the holder dies or closes it, and two `FileStore`s in one process exclude each other the way
/// two processes do. POSIX `fcntl` locks belong to the process and vanish when *any* descriptor of
/// the file is closed (see shared/STORE.md).
final class FileLock {
    let path: String
    private let fd: Int32

    init(path: String, permissions: StorePermissions) throws {
        self.path = path
        var fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        if fd >= 0 {
            permissions.adopt(fileDescriptor: fd)
        } else {
            // A reader without write permission can still open it read-only; flock works on that too.
            fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        }
        guard fd >= 0 else { throw StoreError.unreadable(path: path, reason: StoreError.text(errno)) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Runs `body` holding the exclusive lock; waits for other writers.
    func withExclusiveLock<T>(_ body: () throws -> T) throws -> T {
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw StoreError.writeFailed(path: path, reason: "cannot take the write lock: \(StoreError.text(errno))")
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the exclusive lock, waiting at most `timeout` seconds for other writers
    /// (nil: as long as it takes). The mail channel must give up in time, so the MTA retries later.
    func withExclusiveLock<T>(timeout: TimeInterval?, _ body: () throws -> T) throws -> T {
        guard let timeout else { return try withExclusiveLock(body) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno != EWOULDBLOCK && errno != EINTR {
                throw StoreError.writeFailed(path: path, reason: "cannot take the write lock: \(StoreError.text(errno))")
            }
            if Date() >= deadline { throw StoreError.lockTimedOut(path: path, seconds: timeout) }
            usleep(10_000)
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the exclusive lock if no one else holds it; nil (without waiting) if someone does.
    func withExclusiveLockIfFree<T>(_ body: () throws -> T) rethrows -> T? {
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return nil }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
