import Foundation
import HelpdeskCore

/// What `helpdesk check` found.
public struct IntegrityReport: Codable, Sendable, Equatable {
    /// One problem, with where it is.
    public struct Finding: Codable, Sendable, Equatable, CustomStringConvertible {
        /// Path of the file concerned.
        public var file: String
        /// 1-based line number, when the problem is one record.
        public var line: Int?
        public var problem: String
        /// `helpdesk check --repair` can fix it without losing anything acknowledged.
        public var repairable: Bool

        public var description: String {
            "\(file)\(line.map { ":\($0)" } ?? ""): \(problem)\(repairable ? " (repairable with --repair)" : "")"
        }
    }

    public var store: String
    public var findings: [Finding] = []
    /// Log records read (valid ones), across all segments.
    public var events = 0
    public var segments = 0
    /// The sequence number the snapshot in force ends at, if there is one.
    public var snapshotSeq: Int?
    public var lastSeq = 0
    public var tickets = 0
    public var customers = 0

    public var isHealthy: Bool { findings.isEmpty }

    /// A few lines for the terminal.
    public var summary: String {
        var lines = ["store \(store): \(tickets) tickets, \(customers) customers, \(events) log records in \(segments) segment(s)"
                     + (snapshotSeq.map { ", snapshot at #\($0)" } ?? "") + ", last record #\(lastSeq)"]
        if findings.isEmpty {
            lines.append("no problems found")
        } else {
            lines += findings.map { "problem: \($0)" }
            if findings.contains(where: { !$0.repairable }) {
                lines.append("Some damage cannot be repaired automatically: restore the named file from a backup, or fix the named line by hand (each line is JSON).")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Checks a store record by record, and repairs what is provably safe.
///
/// Repair does only this: cuts off an unfinished last batch of the newest log segment (never
/// acknowledged: `append` returns only after the whole batch is durable), removes leftover temporary
/// files, and deletes snapshots and segments the snapshot in force has replaced. A damaged record in
/// the middle of the log is reported with its file and line and left alone: dropping it would lose an
/// acknowledged change and renumber everything after it, so it needs a person (a backup, or an edit).
public enum IntegrityCheck {
    public static func check(storeAt url: URL) throws -> IntegrityReport {
        try inspect(StorePaths(url)).report
    }

    /// Repairs what is safe, under the write lock. Returns one sentence per action taken.
    public static func repair(storeAt url: URL) throws -> [String] {
        let paths = StorePaths(url)
        _ = try FileStore.readInfo(paths)
        let lock = try FileLock(path: paths.lock, permissions: StorePermissions.inherited(from: paths.root))
        return try lock.withExclusiveLock {
            let inspection = try inspect(paths)
            var actions: [String] = []
            for fix in inspection.fixes {
                switch fix {
                case .truncate(let path, let offset, let bytes):
                    let fd = try Durable.open(path, O_WRONLY)
                    defer { close(fd) }
                    guard ftruncate(fd, off_t(offset)) == 0 else {
                        throw StoreError.writeFailed(path: path, reason: StoreError.text(errno))
                    }
                    try Durable.syncData(fd, path: path)
                    actions.append("cut off an unfinished last record (\(bytes) bytes, never acknowledged) from \(path)")
                case .remove(let path, let why):
                    Durable.remove(path)
                    try? Durable.syncDirectory((path as NSString).deletingLastPathComponent)
                    actions.append("removed \(why) \(path)")
                }
            }
            return actions
        }
    }

    enum Fix {
        case truncate(path: String, offset: Int, bytes: Int)
        case remove(path: String, why: String)
    }

    static func inspect(_ paths: StorePaths) throws -> (report: IntegrityReport, fixes: [Fix]) {
        _ = try FileStore.readInfo(paths)
        var report = IntegrityReport(store: paths.root)
        var fixes: [Fix] = []
        func find(_ file: String, _ line: Int?, _ problem: String, fix: Fix? = nil) {
            report.findings.append(.init(file: file, line: line, problem: problem, repairable: fix != nil))
            if let fix { fixes.append(fix) }
        }

        // Leftover temporary files from interrupted writes.
        for dir in [paths.root, paths.log, paths.snapshots] {
            for name in (try? Durable.list(dir)) ?? [] where name.contains(Durable.temporaryMarker) {
                let path = dir + "/" + name
                find(path, nil, "leftover temporary file of an interrupted write", fix: .remove(path: path, why: "leftover temporary file"))
            }
        }

        // The snapshot in force.
        var state = HelpdeskState()
        var current: CurrentPointer?
        do {
            current = try FileStore.readCurrent(paths)
        } catch {
            find(paths.current, 1, "\(error)")
        }
        if let current {
            let dir = paths.snapshot(current.snapshot)
            report.snapshotSeq = current.lastSeq
            do {
                let snapshot = try Snapshot.load(directory: dir, into: &state)
                report.findings += snapshot.unreadableRecords()
                for (name, digest) in snapshot.manifest.files.sorted(by: { $0.key < $1.key }) {
                    let path = dir + "/" + name
                    let bytes = try Durable.readFile(path)
                    let crc = String(decoding: RecordChecksum.hex(RecordChecksum.crc32(bytes)), as: UTF8.self)
                    if bytes.count != digest.bytes || crc != digest.crc32 {
                        find(path, nil, "the file does not match its checksum in manifest.json (\(bytes.count) bytes, crc \(crc); expected \(digest.bytes) bytes, crc \(digest.crc32))")
                    }
                }
                if snapshot.lastSeq != current.lastSeq {
                    find(paths.current, 1, "CURRENT says the snapshot ends at #\(current.lastSeq), its manifest says #\(snapshot.lastSeq)")
                }
            } catch {
                find(dir, nil, "the snapshot in force cannot be read: \(error)")
            }
            for name in (try? Durable.list(paths.snapshots)) ?? [] where name != current.snapshot && !name.contains(Durable.temporaryMarker) {
                let path = paths.snapshot(name)
                find(path, nil, "a snapshot no longer in use", fix: .remove(path: path, why: "an old snapshot"))
            }
        }

        // The log, record by record.
        let snapshotSeq = current?.lastSeq ?? 0
        var expected: Int?
        let segments = (try? EventLog.segments(in: paths.log)) ?? []
        report.segments = segments.count
        let decoder = StoreJSON.decoder()
        for (i, segment) in segments.enumerated() {
            let path = paths.segment(segment.name)
            let isNewest = i == segments.count - 1
            if !isNewest && segments[i + 1].firstSeq <= snapshotSeq + 1 {
                find(path, nil, "a log segment wholly contained in the snapshot", fix: .remove(path: path, why: "a log segment already in the snapshot"))
            }
            let bytes: [UInt8]
            do { bytes = try Durable.readFile(path) } catch { find(path, nil, "\(error)"); continue }
            var start = 0
            var lineNumber = 1
            var batchStart: (offset: Int, line: Int)?
            while start < bytes.count {
                guard let nl = bytes[start...].firstIndex(of: 0x0A) else {
                    let from = batchStart ?? (start, lineNumber)
                    if isNewest {
                        find(path, from.line, "the last record is cut off (a writer was interrupted; it was never acknowledged)",
                             fix: .truncate(path: path, offset: from.offset, bytes: bytes.count - from.offset))
                    } else {
                        find(path, lineNumber, "the last record is cut off, and a newer segment follows")
                    }
                    batchStart = nil
                    break
                }
                let line = bytes[start..<nl]
                let result = line.withUnsafeBytes { LogRecord.verify($0) }
                switch result {
                case .failure(let f):
                    find(path, lineNumber, f.reason)
                    expected = expected.map { $0 + 1 }   // it held one record; do not report its successors too
                case .success(let frame):
                    do {
                        let event = try decoder.decode(Event.self, from: Data(line))
                        if let e = expected, event.seq != e {
                            find(path, lineNumber, "sequence number \(event.seq) where \(e) was expected")
                        } else if expected == nil && event.seq > snapshotSeq + 1 {
                            find(path, lineNumber, "the log starts at #\(event.seq) but the snapshot ends at #\(snapshotSeq): records are missing")
                        }
                        expected = event.seq + 1
                        report.lastSeq = max(report.lastSeq, event.seq)
                        report.events += 1
                        if event.seq > snapshotSeq { state.apply(event) }
                    } catch {
                        find(path, lineNumber, StoreJSON.reason(error))
                        expected = expected.map { $0 + 1 }
                    }
                    if frame.more {
                        if batchStart == nil { batchStart = (start, lineNumber) }
                    } else {
                        batchStart = nil
                    }
                }
                start = nl + 1
                lineNumber += 1
            }
            if let b = batchStart {
                if isNewest {
                    find(path, b.line, "the last batch of records is unfinished (a writer was interrupted; it was never acknowledged)",
                         fix: .truncate(path: path, offset: b.offset, bytes: bytes.count - b.offset))
                } else {
                    find(path, b.line, "an unfinished batch of records, and a newer segment follows")
                }
            }
        }
        report.lastSeq = max(report.lastSeq, snapshotSeq)
        report.tickets = state.tickets.count
        report.customers = state.customers.count
        return (report, fixes)
    }
}
