import Foundation

/// The part of the log after the snapshot, as far as this process has read it. Events are not kept:
/// only where each one is, grouped by the ticket or customer it is about, so a thread or a history
/// is a few `pread`s away. Segments stay open, so they remain readable after another process's
/// compaction deletes them.
final class LogTail {
    /// Where one event's record is.
    struct Ref {
        var segment: Int32
        var offset: Int
        var length: Int32
    }

    final class Segment {
        let firstSeq: Int
        let path: String
        let fd: Int32

        init(firstSeq: Int, path: String) throws {
            self.firstSeq = firstSeq
            self.path = path
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                if errno == ENOENT { throw Vanished() }
                throw StoreError.unreadable(path: path, reason: StoreError.text(errno))
            }
            self.fd = fd
        }

        deinit { close(fd) }
    }

    /// A file disappeared between listing and opening it: another process compacted the store
    /// meanwhile. The reader starts over from the new snapshot.
    struct Vanished: Error {}

    /// The log does not continue where this reader expected: a segment starts after the number that
    /// should come next, is missing, or was replaced. Either another process compacted meanwhile (the
    /// reader reopens from the new snapshot) or records are gone (damage, reported with the place).
    struct Gap: Error {
        var file: String
        var line: Int
        var reason: String

        var asCorruption: StoreError { .corrupt(file: file, line: line, reason: reason) }
    }

    var segments: [Segment] = []
    var ticketRefs: [Int: [Ref]] = [:]
    var customerRefs: [String: [Ref]] = [:]
    var otherRefs: [Ref] = []
    /// Events indexed.
    var count = 0
    /// Search terms of the events indexed (merged into the next snapshot's `search.jsonl`).
    let search = SearchTail()
    /// How far the newest segment has been read: byte offset and line number of the last complete batch.
    var readOffset = 0
    var readLine = 0
    /// The sequence number of the last record seen in the log (including ones the snapshot covers).
    var lastLogSeq: Int?

    func open(firstSeq: Int, path: String) throws {
        segments.append(try Segment(firstSeq: firstSeq, path: path))
        readOffset = 0
        readLine = 0
    }

    func ref(segment: Int, line: EventLog.Line) -> Ref {
        Ref(segment: Int32(segment), offset: line.offset, length: Int32(line.length))
    }

    func bytes(_ ref: Ref) throws -> [UInt8] {
        let s = segments[Int(ref.segment)]
        return try Durable.read(s.fd, offset: ref.offset, count: Int(ref.length), path: s.path)
    }
}
