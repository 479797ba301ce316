import Foundation

/// The event log on disk: `log/<first seq>.jsonl` segments, oldest first, each a run of `LogRecord`
/// lines. Only the newest segment is ever appended to; compaction starts a new segment named after
/// the sequence number that follows its snapshot.
enum EventLog {
    /// A segment's file name: the sequence number of its first record, 12 digits, so names sort.
    static func segmentName(firstSeq: Int) -> String {
        let digits = String(firstSeq)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits + ".jsonl"
    }

    static func firstSeq(ofSegment name: String) -> Int? {
        guard name.hasSuffix(".jsonl"), !name.contains(Durable.temporaryMarker) else { return nil }
        return Int(name.dropLast(6))
    }

    /// The segments in a log directory, oldest first.
    static func segments(in logDirectory: String) throws -> [(firstSeq: Int, name: String)] {
        try Durable.list(logDirectory).compactMap { name in firstSeq(ofSegment: name).map { ($0, name) } }
            .sorted { $0.firstSeq < $1.firstSeq }
    }

    /// A complete record found by `scan`.
    struct Line {
        /// Byte offset of the line in its segment, and its length without the newline.
        var offset: Int
        var length: Int
        /// 1-based line number in the segment.
        var number: Int
    }

    /// What `scan` found: the records of every complete batch, and where the complete part ends.
    struct Scan {
        var lines: [Line] = []
        /// Offset just past the last complete batch: where the next append goes after a repair.
        var end: Int
        /// Line number of the last line of the last complete batch.
        var lastLine: Int
        /// Bytes after `end`: a record cut off mid-line, or lines of a batch whose last line is
        /// missing. Either was never acknowledged (a writer died, or is writing right now).
        var tornBytes: Int
    }

    /// Splits `bytes` (a segment's contents from `baseOffset`) into records, verifying every
    /// checksum. A damaged complete line is corruption: it is thrown with its file and line number,
    /// never skipped. An unfinished tail is not an error; the caller decides (ignore or truncate).
    static func scan(_ bytes: UnsafeRawBufferPointer, baseOffset: Int, firstLine: Int, file: String) throws -> Scan {
        var scan = Scan(end: baseOffset, lastLine: firstLine - 1, tornBytes: 0)
        var pending: [Line] = []
        var position = 0
        var lineNumber = firstLine
        let count = bytes.count
        while position < count {
            guard let nl = memchr(bytes.baseAddress! + position, 0x0A, count - position) else { break }
            let lineEnd = bytes.baseAddress!.distance(to: UnsafeRawPointer(nl))
            let line = UnsafeRawBufferPointer(rebasing: bytes[position..<lineEnd])
            switch LogRecord.verify(line) {
            case .failure(let problem):
                throw StoreError.corrupt(file: file, line: lineNumber, reason: problem.reason)
            case .success(let frame):
                pending.append(Line(offset: baseOffset + position, length: line.count, number: lineNumber))
                if !frame.more {
                    scan.lines += pending
                    pending.removeAll(keepingCapacity: true)
                    scan.end = baseOffset + lineEnd + 1
                    scan.lastLine = lineNumber
                }
            }
            position = lineEnd + 1
            lineNumber += 1
        }
        scan.tornBytes = baseOffset + count - scan.end
        return scan
    }

    /// Reads the sequence number of a record without decoding it (the encoder writes `seq` first);
    /// nil when the line does not start that way.
    static func quickSeq(_ line: UnsafeRawBufferPointer) -> Int? {
        let prefix = Array(#"{"seq":"#.utf8)
        guard line.count > prefix.count else { return nil }
        for i in 0..<prefix.count where line[i] != prefix[i] { return nil }
        var i = prefix.count
        var v = 0
        var digits = 0
        while i < line.count, line[i] >= 48, line[i] <= 57 {
            v = v * 10 + Int(line[i] - 48)
            i += 1
            digits += 1
        }
        return digits > 0 && i < line.count && line[i] == UInt8(ascii: ",") ? v : nil
    }
}
