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
/// Repair never destroys: whatever it removes or cuts off is moved into `lost+found/<time>/` inside
/// the store (same relative path), and only `emptyLostFound` deletes it, when asked. It does only this:
/// cuts off an unfinished last batch of the newest log segment (never acknowledged: `append` returns
/// only after the whole batch is durable); moves away leftover temporary files, snapshots the snapshot
/// in force replaced and segments it wholly contains — only when the snapshot in force loads and
/// checks clean; and points a damaged `CURRENT` at a snapshot that loads, checks clean and from which
/// the log continues without a gap (no record lost). A damaged record, a missing snapshot without such
/// a replacement, or a missing log segment is reported with its file and line and left alone: it needs
/// a person (a backup, or an edit).
public enum IntegrityCheck {
    /// Checks the store. With `seen`, also whether it ends before a record this user saw on it.
    public static func check(storeAt url: URL, seen: SeenPositions? = nil) throws -> IntegrityReport {
        try inspect(StorePaths(url), seen: seen).report
    }

    /// Repairs what is safe, under the write lock. Returns one sentence per action taken.
    public static func repair(storeAt url: URL, seen: SeenPositions? = nil, now: Date = Date()) throws -> [String] {
        let paths = StorePaths(url)
        _ = try FileStore.readInfo(paths)
        let permissions = StorePermissions.inherited(from: paths.root)
        let lock = try FileLock(path: paths.lock, permissions: permissions)
        return try lock.withExclusiveLock {
            let inspection = try inspect(paths, seen: seen)
            guard !inspection.fixes.isEmpty else { return [] }
            let lostFound = LostAndFound(paths: paths, permissions: permissions, now: now)
            var actions: [String] = []
            for fix in inspection.fixes {
                switch fix {
                case .truncate(let path, let offset, let bytes):
                    let kept = try lostFound.keep(tailOf: path, from: offset)
                    let fd = try Durable.open(path, O_WRONLY)
                    defer { close(fd) }
                    guard ftruncate(fd, off_t(offset)) == 0 else {
                        throw StoreError.writeFailed(path: path, reason: StoreError.text(errno))
                    }
                    try Durable.syncData(fd, path: path)
                    actions.append("cut off an unfinished last record (\(bytes) bytes, never acknowledged) from \(path); the bytes are kept in \(kept)")
                case .move(let path, let why):
                    let kept = try lostFound.move(path)
                    actions.append("moved \(why) \(path) to \(kept)")
                case .repoint(let pointer, let why):
                    var kept = ""
                    if Durable.exists(paths.current) { kept = try lostFound.copy(paths.current) }
                    let bytes = try [UInt8](StoreJSON.encoder().encode(pointer)) + [0x0A]
                    try Durable.replace(paths.current, with: bytes, permissions: permissions)
                    actions.append("pointed CURRENT at snapshots/\(pointer.snapshot) (record #\(pointer.lastSeq)): \(why)"
                                   + (kept.isEmpty ? "" : "; the old CURRENT is kept in \(kept)"))
                }
            }
            return actions
        }
    }

    /// Deletes `lost+found/` (what earlier repairs set aside). Returns what was deleted.
    public static func emptyLostFound(storeAt url: URL) throws -> [String] {
        let paths = StorePaths(url)
        _ = try FileStore.readInfo(paths)
        let dir = LostAndFound.directory(paths)
        guard Durable.exists(dir) else { return [] }
        let entries = try Durable.list(dir).sorted().map { dir + "/" + $0 }
        for entry in entries { try FileManager.default.removeItem(atPath: entry) }
        try Durable.syncDirectory(dir)
        return entries
    }

    enum Fix {
        case truncate(path: String, offset: Int, bytes: Int)
        case move(path: String, why: String)
        case repoint(CurrentPointer, why: String)
    }

    /// A snapshot directory found under `snapshots/`, and what checking it showed.
    private struct Candidate {
        var name: String
        var lastSeq: Int
        var problem: String?
    }

    static func inspect(_ paths: StorePaths, seen: SeenPositions? = nil) throws -> (report: IntegrityReport, fixes: [Fix]) {
        let info = try FileStore.readInfo(paths)
        var report = IntegrityReport(store: paths.root)
        var fixes: [Fix] = []
        func find(_ file: String, _ line: Int?, _ problem: String, fix: Fix? = nil) {
            report.findings.append(.init(file: file, line: line, problem: problem, repairable: fix != nil))
            if let fix { fixes.append(fix) }
        }
        let team = TeamAudit.begin(paths, info: info) { find($0, $1, $2) }   // [team hook]

        // Leftover temporary files from interrupted writes.
        for dir in [paths.root, paths.log, paths.snapshots] {
            for name in (try? Durable.list(dir)) ?? [] where name.contains(Durable.temporaryMarker) {
                let path = dir + "/" + name
                find(path, nil, "leftover temporary file of an interrupted write", fix: .move(path: path, why: "a leftover temporary file"))
            }
        }
        let logMissing = !Durable.exists(paths.log)
        if logMissing {
            find(paths.log, nil, "the log directory is missing: every change since the snapshot is gone (restore it from a backup)")
        }
        let segments = (try? EventLog.segments(in: paths.log)) ?? []
        report.segments = segments.count

        // The snapshot in force, and every other snapshot there is.
        var state = HelpdeskState()
        var current: CurrentPointer?
        var currentReadable = true
        do {
            current = try FileStore.readCurrent(paths)
        } catch {
            currentReadable = false
            find(paths.current, 1, "\(error)")
        }
        var inForce: (name: String, lastSeq: Int)?
        if let current {
            let dir = paths.snapshot(current.snapshot)
            if !Durable.exists(dir) {
                find(paths.current, 1, "CURRENT names snapshots/\(current.snapshot), which does not exist")
            } else {
                var loaded = HelpdeskState()
                let manifest = try? Snapshot.manifest(directory: dir)
                let problems = manifest.map { checkFiles(directory: dir, manifest: $0) } ?? []
                let findingsBefore = report.findings.count
                for p in problems { find(p.file, p.line, p.problem) }
                do {
                    let snapshot = try Snapshot.load(directory: dir, into: &loaded)
                    if let team { try TeamAudit.inspect(snapshot, team: team, state: &loaded) { find($0, $1, $2) } }   // [team hook]
                    report.findings += snapshot.unreadableRecords()
                    // Clean only if nothing at all was found in it (checksums, records, signatures).
                    let clean = report.findings.count == findingsBefore
                    if snapshot.lastSeq != current.lastSeq {
                        let fix: Fix? = clean && logContinues(after: snapshot.lastSeq, segments, paths)
                            ? .repoint(CurrentPointer(snapshot: current.snapshot, lastSeq: snapshot.lastSeq),
                                       why: "its manifest says the snapshot ends at #\(snapshot.lastSeq)")
                            : nil
                        find(paths.current, 1, "CURRENT says the snapshot ends at #\(current.lastSeq), its manifest says #\(snapshot.lastSeq)", fix: fix)
                    }
                    state = loaded
                    if clean && snapshot.lastSeq == current.lastSeq { inForce = (current.snapshot, snapshot.lastSeq) }
                    report.snapshotSeq = snapshot.lastSeq
                } catch StoreError.corrupt(let file, let line, let reason) {
                    if !problems.contains(where: { $0.file == file && ($0.line == line || line == 0) }) {
                        find(file, line > 0 ? line : nil, reason)
                    }
                } catch {
                    find(dir, nil, "the snapshot in force cannot be read: \(error)")
                }
            }
        }
        let others = ((try? Durable.list(paths.snapshots)) ?? []).filter {
            $0 != current?.snapshot && !$0.contains(Durable.temporaryMarker)
        }.sorted()
        if inForce != nil {
            // Only a snapshot in force that reads and checks clean makes the others redundant.
            for name in others {
                let path = paths.snapshot(name)
                find(path, nil, "a snapshot no longer in use", fix: .move(path: path, why: "an old snapshot"))
            }
        } else if current == nil && currentReadable && logContinues(after: 0, segments, paths) {
            // Never compacted (the log holds everything from the first record): snapshots here were
            // left by a compaction interrupted before it switched CURRENT.
            for name in others {
                let path = paths.snapshot(name)
                find(path, nil, "a snapshot left by an interrupted compaction (CURRENT does not name it; the log holds everything)",
                     fix: .move(path: path, why: "an unused snapshot"))
            }
        } else if current != nil || !currentReadable || !others.isEmpty {
            // CURRENT is missing, damaged or names something unusable: the other snapshots are the
            // candidates to recover from. Never removed; one from which the log continues is offered.
            let candidates = others.compactMap { candidate(named: $0, paths) }
            let usable = candidates.filter { $0.problem == nil && logContinues(after: $0.lastSeq, segments, paths) }
                .max { $0.lastSeq < $1.lastSeq }
            if current != nil || !currentReadable || usable != nil {
                var text = candidates.isEmpty ? "no other snapshot was found"
                    : "snapshots found: " + candidates.map { c in
                        "snapshots/\(c.name) (ends at #\(c.lastSeq)\(c.problem.map { "; \($0)" } ?? ""))"
                    }.joined(separator: ", ")
                if let usable {
                    text += "; the log continues from snapshots/\(usable.name) without a gap"
                    find(paths.current, nil, "the snapshot in force is unusable or unnamed; \(text)",
                         fix: .repoint(CurrentPointer(snapshot: usable.name, lastSeq: usable.lastSeq),
                                       why: "it checks clean and the log continues from it without a gap"))
                    if report.snapshotSeq == nil {
                        var loaded = HelpdeskState()
                        if (try? Snapshot.load(directory: paths.snapshot(usable.name), into: &loaded)) != nil {
                            state = loaded
                            report.snapshotSeq = usable.lastSeq
                        }
                    }
                } else if current != nil || !currentReadable {
                    find(paths.snapshots, nil, "no snapshot can replace the one in force without losing records; \(text). Restore the store from a backup")
                }
            }
        }

        // The log, record by record, and the chain of its segments.
        let snapshotSeq = report.snapshotSeq ?? current?.lastSeq ?? 0
        if !logMissing && (segments.isEmpty || segments[0].firstSeq > snapshotSeq + 1) {
            let name = EventLog.segmentName(firstSeq: snapshotSeq + 1)
            find(paths.segment(name), nil, segments.isEmpty
                 ? "the log segment that continues the snapshot is missing: records after #\(snapshotSeq) cannot be read"
                 : "the log starts at #\(segments[0].firstSeq), but the snapshot ends at #\(snapshotSeq): the segment holding the records between is missing")
        }
        var expected: Int?
        let decoder = StoreJSON.decoder()
        for (i, segment) in segments.enumerated() {
            let path = paths.segment(segment.name)
            let isNewest = i == segments.count - 1
            let contained = !isNewest && segments[i + 1].firstSeq <= snapshotSeq + 1
            if contained {
                find(path, nil, "a log segment wholly contained in the snapshot",
                     fix: inForce != nil ? .move(path: path, why: "a log segment already in the snapshot") : nil)
            }
            let bytes: [UInt8]
            do { bytes = try Durable.readFile(path) } catch { find(path, nil, "\(error)"); continue }
            if bytes.isEmpty && !isNewest && !contained {
                find(path, nil, "the log segment is empty, but a newer one follows: the records it held are missing")
            }
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
                        if lineNumber == 1 && event.seq != segment.firstSeq {
                            find(path, 1, "the segment's first record is #\(event.seq), but its name says #\(segment.firstSeq)")
                        }
                        if let e = expected, event.seq != e {
                            find(path, lineNumber, "sequence number \(event.seq) where \(e) was expected"
                                 + (event.seq > e ? ": records #\(e)–#\(event.seq - 1) are missing" : ""))
                        } else if expected == nil && event.seq > snapshotSeq + 1 && !(segments.first.map { $0.firstSeq > snapshotSeq + 1 } ?? false) {
                            find(path, lineNumber, "the log starts at #\(event.seq) but the snapshot ends at #\(snapshotSeq): records are missing")
                        }
                        expected = event.seq + 1
                        report.lastSeq = max(report.lastSeq, event.seq)
                        report.events += 1
                        // [team hook] records whose signature or authority does not hold change nothing
                        if event.seq > snapshotSeq && event.seq == state.lastSeq + 1,
                           team?.admits(line, event, state: &state, file: path, line: lineNumber) ?? true {
                            state.apply(event)
                        }
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
        TeamAudit.finish(team) { find($0, $1, $2) }   // [team hook]
        report.lastSeq = max(report.lastSeq, snapshotSeq)
        if let seen, let known = seen.read(SeenPositions.key(info: info, root: paths.root)), known > report.lastSeq {
            find(paths.log, nil, "the store ends at record #\(report.lastSeq), but you have already seen #\(known) on it: "
                 + "records #\(report.lastSeq + 1)–#\(known) were removed (a segment deleted or emptied, or an older copy put back); "
                 + "helpdesk refuses to write here so no number is given out twice (if the older copy was put back on purpose, "
                 + "`helpdesk check --accept-rollback` accepts it)")
        }
        report.tickets = state.tickets.count
        report.customers = state.customers.count
        return (report, fixes)
    }

    /// Every file of a snapshot, line by line where lines carry checksums (format 2), else whole
    /// against the manifest. At most a few findings per file.
    private static func checkFiles(directory: String, manifest: SnapshotManifest) -> [IntegrityReport.Finding] {
        var findings: [IntegrityReport.Finding] = []
        let lineFiles: Set<String> = [Snapshot.ticketsName, Snapshot.customersName, Snapshot.threadsName,
                                      Snapshot.customerHistoryName, Snapshot.otherHistoryName, Snapshot.agentsName,
                                      Snapshot.promisesName, Snapshot.templatesName, Snapshot.viewsName, Snapshot.mailName, Snapshot.mailLoopsName]
        let framed = manifest.format >= 2
        for (name, digest) in manifest.files.sorted(by: { $0.key < $1.key }) {
            let path = directory + "/" + name
            guard let map = try? MappedFile(path: path) else {
                findings.append(.init(file: path, line: nil, problem: "the file is missing or unreadable", repairable: false))
                continue
            }
            var lineProblems = 0
            // Log records verbatim in every format; every line of the others from format 2 on.
            if name == Snapshot.otherHistoryName || (framed && lineFiles.contains(name)) {
                let bytes = map.bytes
                var start = 0
                var line = 1
                while start < bytes.count, let base = bytes.baseAddress {
                    let end = memchr(base + start, 0x0A, bytes.count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
                    if case .failure(let problem) = LogRecord.verify(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) {
                        lineProblems += 1
                        if lineProblems <= 5 {
                            findings.append(.init(file: path, line: line, problem: problem.reason, repairable: false))
                        }
                    }
                    start = end + 1
                    line += 1
                }
                if lineProblems > 5 {
                    findings.append(.init(file: path, line: nil, problem: "\(lineProblems - 5) more damaged lines", repairable: false))
                }
            }
            if lineProblems == 0 {
                let crc = String(decoding: RecordChecksum.hex(RecordChecksum.crc32(map.bytes)), as: UTF8.self)
                if map.count != digest.bytes || crc != digest.crc32 {
                    findings.append(.init(file: path, line: nil,
                                          problem: "the file does not match its checksum in manifest.json (\(map.count) bytes, crc \(crc); expected \(digest.bytes) bytes, crc \(digest.crc32))",
                                          repairable: false))
                }
            }
        }
        return findings
    }

    private static func candidate(named name: String, _ paths: StorePaths) -> Candidate? {
        guard let seq = Snapshot.lastSeq(ofDirectory: name) else { return nil }
        var state = HelpdeskState()
        do {
            let snapshot = try Snapshot.load(directory: paths.snapshot(name), into: &state)
            let problems = checkFiles(directory: snapshot.directory, manifest: snapshot.manifest)
            if let first = problems.first { return Candidate(name: name, lastSeq: snapshot.lastSeq, problem: first.description) }
            return Candidate(name: name, lastSeq: snapshot.lastSeq,
                             problem: snapshot.lastSeq == seq ? nil : "its manifest says #\(snapshot.lastSeq)")
        } catch {
            return Candidate(name: name, lastSeq: seq, problem: "cannot be read: \(error)")
        }
    }

    private struct SequenceNumber: Decodable { var seq: Int }

    /// Whether the log holds every record from `seq + 1` to its end, contiguously and undamaged.
    private static func logContinues(after seq: Int, _ segments: [(firstSeq: Int, name: String)], _ paths: StorePaths) -> Bool {
        guard let start = segments.lastIndex(where: { $0.firstSeq <= seq + 1 }) else { return false }
        var expected = seq + 1
        for segment in segments[start...] {
            guard let bytes = try? Durable.readFile(paths.segment(segment.name)) else { return false }
            if segment.firstSeq > expected { return false }
            var position = 0
            while position < bytes.count, let nl = bytes[position...].firstIndex(of: 0x0A) {
                let line = bytes[position..<nl]
                guard case .success = line.withUnsafeBytes({ LogRecord.verify($0) }),
                      let q = line.withUnsafeBytes({ EventLog.quickSeq($0) })
                        ?? (try? JSONDecoder().decode(SequenceNumber.self, from: Data(line)))?.seq else { return false }
                if q >= expected {
                    guard q == expected else { return false }
                    expected += 1
                }
                position = nl + 1
            }
        }
        return true
    }
}

/// `lost+found/<time>/` inside the store: where repair puts what it removes, under the same relative
/// path, so nothing is ever deleted by a repair.
struct LostAndFound {
    let paths: StorePaths
    let permissions: StorePermissions
    let now: Date

    static func directory(_ paths: StorePaths) -> String { paths.root + "/lost+found" }

    private var folder: String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let d = c.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(format: "%04d-%02d-%02dT%02d-%02d-%02dZ", d.year ?? 0, d.month ?? 0, d.day ?? 0,
                           d.hour ?? 0, d.minute ?? 0, d.second ?? 0)
        return Self.directory(paths) + "/" + stamp
    }

    /// Where `path` goes, its parent folders created (each with the store's permissions).
    private func destination(for path: String, suffix: String = "") throws -> String {
        var relative = path
        if relative.hasPrefix(paths.root + "/") { relative.removeFirst(paths.root.count + 1) }
        var target = folder + "/" + relative + suffix
        var dir = paths.root
        for part in ("lost+found/" + (folder as NSString).lastPathComponent + "/" + relative).split(separator: "/").dropLast() {
            dir += "/" + part
            try permissions.makeDirectory(dir)
        }
        var n = 2
        while Durable.exists(target) {
            target = folder + "/" + relative + suffix + ".\(n)"
            n += 1
        }
        return target
    }

    func move(_ path: String) throws -> String {
        let target = try destination(for: path)
        guard rename(path, target) == 0 else { throw StoreError.writeFailed(path: target, reason: StoreError.text(errno)) }
        try Durable.syncDirectory((target as NSString).deletingLastPathComponent)
        try? Durable.syncDirectory((path as NSString).deletingLastPathComponent)
        return target
    }

    func copy(_ path: String) throws -> String {
        let target = try destination(for: path)
        try write(Durable.readFile(path), to: target)
        return target
    }

    /// Keeps the bytes of `path` from `offset` on (about to be cut off).
    func keep(tailOf path: String, from offset: Int) throws -> String {
        let target = try destination(for: path, suffix: ".cut-at-\(offset)")
        let fd = try Durable.open(path, O_RDONLY)
        defer { close(fd) }
        let size = try Durable.size(fd, path: path)
        try write(Durable.read(fd, offset: offset, count: max(0, size - offset), path: path), to: target)
        return target
    }

    private func write(_ bytes: [UInt8], to target: String) throws {
        let fd = try Durable.open(target, O_WRONLY | O_CREAT | O_EXCL, permissions: permissions)
        defer { close(fd) }
        try Durable.write(fd, bytes, path: target)
        try Durable.sync(fd, path: target)
        try Durable.syncDirectory((target as NSString).deletingLastPathComponent)
    }
}
