import Foundation

/// Checks of snapshot lines, made wherever a snapshot is read — at open, on demand, and while a
/// compaction copies it — so damage is reported with its file and line where it is, and never copied
/// into a new snapshot under fresh checksums.
///
/// Since snapshot format 2 every line carries the log's frame (`,"sum":"xxxxxxxx"}`, see
/// `LogRecord`); format 1 lines carry none, so those files are checked whole against the CRC-32 in
/// `manifest.json` before anything is copied from them.
enum SnapshotLines {
    /// The 1-based line number of the line starting at (or containing) byte `offset`.
    static func lineNumber(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Int {
        guard let base = bytes.baseAddress else { return 1 }
        var line = 1
        var position = 0
        let end = min(max(offset, 0), bytes.count)
        while position < end, let nl = memchr(base + position, 0x0A, end - position) {
            line += 1
            position = base.distance(to: UnsafeRawPointer(nl)) + 1
        }
        return line
    }

    /// Throws unless a line verifies (its frame's checksum matches).
    static func verify(_ line: UnsafeRawBufferPointer, in file: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        if case .failure(let problem) = LogRecord.verify(line) {
            throw StoreError.corrupt(file: path, line: lineNumber(in: file, at: offset), reason: problem.reason)
        }
    }

    /// Checks every line of a file whose lines are framed.
    static func verifyEach(_ map: MappedFile) throws {
        let bytes = map.bytes
        guard let base = bytes.baseAddress else { return }
        var start = 0
        var line = 1
        while start < bytes.count {
            let end = memchr(base + start, 0x0A, bytes.count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            if case .failure(let problem) = LogRecord.verify(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) {
                throw StoreError.corrupt(file: map.path, line: line, reason: problem.reason)
            }
            start = end + 1
            line += 1
        }
    }

    /// Checks a whole file against its size and CRC-32 in the manifest.
    static func verifyWhole(_ map: MappedFile, name: String, manifest: SnapshotManifest) throws {
        guard let digest = manifest.files[name] else { return }
        let crc = String(decoding: RecordChecksum.hex(RecordChecksum.crc32(map.bytes)), as: UTF8.self)
        guard map.count == digest.bytes, crc == digest.crc32 else {
            throw StoreError.corrupt(file: map.path, line: 0,
                                     reason: "the file does not match its checksum in manifest.json (\(map.count) bytes, crc \(crc); expected \(digest.bytes) bytes, crc \(digest.crc32))")
        }
    }

    /// The bytes of a span, checked to lie inside the file.
    static func slice(_ bytes: UnsafeRawBufferPointer, span: Span, path: String) throws -> UnsafeRawBufferPointer {
        guard span.offset >= 0, span.length >= 0, span.offset <= bytes.count, span.length <= bytes.count - span.offset else {
            throw StoreError.corrupt(file: path, line: 0,
                                     reason: "a record is said to be at bytes \(span.offset)+\(span.length), past the end of the file (\(bytes.count) bytes)")
        }
        return UnsafeRawBufferPointer(rebasing: bytes[span.offset..<(span.offset + span.length)])
    }

    /// A history line (`{"ticket":…,"events":[…]…}`), checked, without what closes the object: it
    /// ends with the events array's `]`.
    static func historyBody(_ map: MappedFile, span: Span, framed: Bool) throws -> UnsafeRawBufferPointer {
        let line = try slice(map.bytes, span: span, path: map.path)
        let close = framed ? LogRecord.suffixLength : 1
        if framed { try verify(line, in: map.bytes, at: span.offset, path: map.path) }
        guard line.count > close, line[line.count - close - 1] == UInt8(ascii: "]"),
              line.last == UInt8(ascii: "}") else {
            throw StoreError.corrupt(file: map.path, line: lineNumber(in: map.bytes, at: span.offset),
                                     reason: "a history record does not end with its events")
        }
        return UnsafeRawBufferPointer(rebasing: line[0..<(line.count - close)])
    }
}
