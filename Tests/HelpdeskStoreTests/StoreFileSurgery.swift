import Foundation
import HelpdeskCore
@testable import HelpdeskStore

/// Edits a store's files the way a hostile user with a text editor would, and keeps them past the
/// checksums the store verifies: a log line is re-checksummed, a snapshot's manifest gets the new
/// sizes and CRCs of its files. What is left to catch them is the range checks.
enum StoreFileSurgery {
    static func newestSegment(_ store: URL) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: store.path + "/log").filter { $0.hasSuffix(".jsonl") }.sorted()
        return store.path + "/log/" + names.last!
    }

    /// The directory of the snapshot `CURRENT` points at.
    static func snapshot(_ store: URL) throws -> String {
        let pointer = try JSONDecoder().decode(CurrentPointer.self, from: Data(contentsOf: store.appendingPathComponent("CURRENT")))
        return store.path + "/snapshots/" + pointer.snapshot
    }

    static func lines(_ path: String) throws -> [[UInt8]] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    static func write(_ lines: [[UInt8]], to path: String) throws {
        try Data(Array(lines.joined(separator: [0x0A]))).write(to: URL(fileURLWithPath: path))
    }

    /// A log line with its `"sum"` recomputed (whatever sum it had is dropped first).
    static func resummed(_ line: [UInt8]) -> [UInt8] {
        var body = line
        let suffix = LogRecord.suffixLength
        if body.count > suffix, Array(body[(body.count - suffix)..<(body.count - suffix + LogRecord.sumPrefix.count)]) == LogRecord.sumPrefix {
            body.removeLast(suffix)
        } else if body.last == UInt8(ascii: "}") {
            body.removeLast()
        }
        var crc = RecordChecksum.crc32(body)
        crc = [UInt8(ascii: "}")].withUnsafeBytes { RecordChecksum.update(crc, $0) }
        return body + LogRecord.sumPrefix + RecordChecksum.hex(crc) + Array("\"}".utf8)
    }

    /// Rewrites line `index` (0-based) of the newest log segment through `edit`, re-checksummed.
    static func editLog(_ store: URL, line index: Int, _ edit: (String) -> String) throws {
        let path = try newestSegment(store)
        var all = try lines(path)
        all[index] = resummed(Array(edit(String(decoding: all[index], as: UTF8.self)).utf8))
        try write(all, to: path)
    }

    /// Rewrites line `index` (0-based) of a file of the snapshot in force (re-checksummed when the
    /// snapshot frames its lines), then its manifest's digests.
    static func editSnapshot(_ store: URL, file: String, line index: Int, _ edit: (String) -> String) throws {
        let dir = try snapshot(store)
        var all = try lines(dir + "/" + file)
        all[index] = framed(Array(edit(String(decoding: all[index], as: UTF8.self)).utf8), file: file, in: dir)
        try write(all, to: dir + "/" + file)
        try refreshManifest(dir)
    }

    /// The files whose lines a format-2 snapshot frames with a checksum, as the log's records.
    static let framedFiles: Set<String> = [Snapshot.ticketsName, Snapshot.customersName, Snapshot.threadsName,
                                           Snapshot.customerHistoryName, Snapshot.otherHistoryName, Snapshot.agentsName,
                                           Snapshot.promisesName, Snapshot.templatesName, Snapshot.viewsName]

    /// `line` re-checksummed if `file` in the snapshot at `dir` frames its lines, else as it is.
    static func framed(_ line: [UInt8], file: String, in dir: String) -> [UInt8] {
        guard framedFiles.contains(file), let m = try? Snapshot.manifest(directory: dir), m.format >= 2 else { return line }
        return resummed(line)
    }

    /// Puts every file's current size and CRC-32 into the snapshot's manifest, as its writer would.
    static func refreshManifest(_ dir: String) throws {
        let url = URL(fileURLWithPath: dir + "/" + Snapshot.manifestName)
        guard var manifest = try? StoreJSON.decoder().decode(SnapshotManifest.self, from: Data(contentsOf: url)) else { return }
        for name in manifest.files.keys {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
            manifest.files[name] = .init(bytes: bytes.count, crc32: String(decoding: RecordChecksum.hex(RecordChecksum.crc32(bytes)), as: UTF8.self))
        }
        try StoreJSON.encoder().encode(manifest).write(to: url)
    }

    /// Rewrites the manifest itself (its digests stay as they were: the manifest has none of its own).
    static func editManifest(_ store: URL, _ edit: (String) -> String) throws {
        let url = URL(fileURLWithPath: try snapshot(store) + "/" + Snapshot.manifestName)
        try Data(edit(String(decoding: try Data(contentsOf: url), as: UTF8.self)).utf8).write(to: url)
    }
}
