import Foundation

/// A file mapped read-only into memory, for scanning large files (snapshots, log segments) without
/// copying them into the heap. The pages belong to the page cache, so they cost little RSS once read.
/// Read-only after creation, so several threads may scan it at once.
final class MappedFile: @unchecked Sendable {
    let path: String
    let count: Int
    private let base: UnsafeMutableRawPointer?

    /// Maps an open descriptor's first `count` bytes (the caller keeps the descriptor).
    init(fd: Int32, count: Int, path: String) throws {
        self.path = path
        self.count = count
        if count == 0 {
            base = nil
            return
        }
        let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else { throw StoreError.unreadable(path: path, reason: StoreError.text(errno)) }
        base = p
    }

    convenience init(path: String) throws {
        let fd = try Durable.open(path, O_RDONLY)
        defer { close(fd) }
        try self.init(fd: fd, count: try Durable.size(fd, path: path), path: path)
    }

    deinit { if let base { munmap(base, count) } }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
