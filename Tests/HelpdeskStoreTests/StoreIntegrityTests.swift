import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// The store's one promise under the interleavings and damage seen in the wild (issue 10): no
/// acknowledged change lost, no sequence or ticket number handed out twice, no repair that destroys,
/// damage found where it is and never copied forward.
final class StoreIntegrityTests: XCTestCase {
    private func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    private func copy(_ from: String, _ to: String) throws {
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }

    /// A store with a snapshot: a few tickets, compacted.
    private func compactedStore(_ tmp: TemporaryDirectory, tickets: Int = 3) throws -> FileStore {
        let store = try Fixture.makeStore(at: tmp.store())
        for i in 0..<tickets { try store.append([Fixture.newTicket("ticket \(i)")]) }
        try store.compact()
        return store
    }

    private func flipByte(in path: String, at offset: Int) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[offset] = bytes[offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    // MARK: 1. Opens racing compactions

    /// What an opener saw in the race of issue 10: `CURRENT` and the snapshot from before a
    /// compaction, the log from after it (one new, empty segment). Writing from there handed out
    /// sequence numbers again; now the gap is seen and nothing is written.
    func testAnOldSnapshotWithTheNextCompactionsLogIsAGapNotAFreshStart() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp)
        let root = tmp.store().path
        let oldCurrent = try Data(contentsOf: URL(fileURLWithPath: root + "/CURRENT"))
        let oldSnapshot = files(root + "/snapshots").last!
        try copy(root + "/snapshots/" + oldSnapshot, tmp.url.path + "/saved-snapshot")
        try store.append([Fixture.note(1001, "acknowledged after the first snapshot")])
        try store.compact()
        // Put back the old pointer and snapshot next to the new log.
        try copy(tmp.url.path + "/saved-snapshot", root + "/snapshots/" + oldSnapshot)
        try oldCurrent.write(to: URL(fileURLWithPath: root + "/CURRENT"))

        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana")) { error in
            guard case StoreError.corrupt(_, _, let reason)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("records are missing"), reason)
        }
        XCTAssertFalse(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
    }

    /// Two stores in one process exclude each other through `flock` as two processes do: one opens
    /// and appends in a loop while the other appends and compacts in a loop. Every acknowledged note
    /// is there exactly once, every sequence number was given once, and the store checks clean.
    func testOpensRacingCompactionsLoseNothingAndRepeatNoNumber() throws {
        let tmp = TemporaryDirectory()
        _ = try compactedStore(tmp, tickets: 40)
        let url = tmp.store()
        let acknowledged = Locked<[String]>([])
        let sequence = Locked<[Int]>([])
        let failures = Locked<[String]>([])
        let deadline = Date().addingTimeInterval(4)
        let group = DispatchGroup()
        for w in 0..<2 {
            group.enter()
            Thread {
                defer { group.leave() }
                var i = 0
                while Date() < deadline {
                    i += 1
                    let body = "opener \(w) note \(i)"
                    do {
                        let s = try FileStore.open(at: url, actor: "dana")
                        let events = try s.append([Fixture.note(1001 + i % 40, body)])
                        acknowledged.update { $0.append(body) }
                        sequence.update { $0 += events.map(\.seq) }
                    } catch {
                        failures.update { $0.append("\(error)") }
                    }
                }
            }.start()
        }
        group.enter()
        Thread {
            defer { group.leave() }
            do {
                let s = try FileStore.open(at: url, actor: "dana")
                s.compactionThreshold = 3
                var i = 0
                while Date() < deadline {
                    i += 1
                    let events = try s.append([Fixture.note(1001, "compactor \(i)")])
                    acknowledged.update { $0.append("compactor \(i)") }
                    sequence.update { $0 += events.map(\.seq) }
                    XCTAssertNil(s.lastCompactionError)
                }
            } catch {
                failures.update { $0.append("compactor: \(error)") }
            }
        }.start()
        group.wait()

        XCTAssertTrue(failures.value.isEmpty, "\(failures.value.count) failed writes, first: \(failures.value.prefix(3))")
        XCTAssertGreaterThan(acknowledged.value.count, 30, "the race must have run")
        XCTAssertEqual(Set(sequence.value).count, sequence.value.count, "a sequence number was acknowledged twice")
        let reader = try FileStore.open(at: url, actor: "dana")
        var found: [String: Int] = [:]
        for n in 1001...1040 {
            for m in try reader.ticket(n).messages { found[m.body, default: 0] += 1 }
        }
        for body in acknowledged.value { XCTAssertEqual(found[body], 1, "\(body) must be present exactly once") }
        let report = try IntegrityCheck.check(storeAt: url)
        XCTAssertTrue(report.isHealthy, report.summary)
    }

    /// A writer whose newest segment was replaced under it (deleted and made again, empty) does not
    /// append into the replacement as if nothing happened: the store went backwards.
    func testAWriterRefusesAStoreThatWentBackwards() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp)
        try store.append([Fixture.note(1001, "one"), Fixture.note(1001, "two")])
        let segment = tmp.store().path + "/log/" + files(tmp.store().path + "/log").last!
        unlink(segment)
        _ = FileManager.default.createFile(atPath: segment, contents: Data())
        XCTAssertThrowsError(try store.append([Fixture.note(1001, "three")])) { error in
            guard case StoreError.wentBackwards(_, let seen, let now)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(now + 2, seen)
        }
    }

    /// A new process knows what this user saw before (`SeenPositions`, outside the store).
    func testAProcessThatSawLaterRecordsRefusesToWriteAfterTheNewestSegmentWasEmptied() throws {
        let tmp = TemporaryDirectory()
        let seen = SeenPositions(directory: tmp.url.appendingPathComponent("state"))
        _ = try compactedStore(tmp)
        let writer = try FileStore.open(at: tmp.store(), actor: "dana", seen: seen)
        let events = try writer.append([Fixture.note(1001, "seen by dana")])
        let segment = tmp.store().path + "/log/" + files(tmp.store().path + "/log").last!
        truncate(segment, 0)

        let later = try FileStore.open(at: tmp.store(), actor: "dana", seen: seen)   // reading still works
        XCTAssertEqual(later.state.lastSeq, events[0].seq - 1)
        XCTAssertThrowsError(try later.append([Fixture.newTicket("would reuse a number")])) { error in
            guard case StoreError.wentBackwards? = error as? StoreError else { return XCTFail("\(error)") }
        }
        let report = try IntegrityCheck.check(storeAt: tmp.store(), seen: seen)
        XCTAssertTrue(report.findings.contains { $0.problem.contains("already seen #\(events[0].seq)") }, report.summary)
        // Someone who never saw it cannot tell; that is what the mark is for.
        XCTAssertNoThrow(try FileStore.open(at: tmp.store(), actor: "dana"))
    }

    // MARK: 3. Segments are chained

    func testADeletedLogIsReportedAndNothingIsWritten() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp)
        try store.append([Fixture.note(1001, "after the snapshot")])
        try FileManager.default.removeItem(atPath: tmp.store().path + "/log")
        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana"))
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertFalse(report.isHealthy)
        XCTAssertTrue(report.findings.contains { $0.problem.contains("log directory is missing") }, report.summary)
        XCTAssertEqual(try IntegrityCheck.repair(storeAt: tmp.store()), [], "nothing to repair without losing records")
    }

    func testADeletedNewestSegmentIsReported() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp)
        try store.append([Fixture.note(1001, "after the snapshot")])
        let log = tmp.store().path + "/log"
        for name in files(log) { unlink(log + "/" + name) }
        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana")) { error in
            XCTAssertTrue("\(error)".contains("missing"), "\(error)")
        }
        XCTAssertThrowsError(try store.append([Fixture.newTicket("would reuse a number")]))
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertTrue(report.findings.contains { $0.problem.contains("is missing") }, report.summary)
    }

    /// Two segments (a compaction interrupted after starting the next one): emptying the older one
    /// breaks the chain, and both the reader and `check` say where.
    func testAnEmptiedMiddleSegmentBreaksTheChain() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp)
        try store.append([Fixture.note(1001, "a"), Fixture.note(1001, "b")])
        let log = tmp.store().path + "/log"
        let first = files(log).last!
        let next = EventLog.segmentName(firstSeq: store.state.lastSeq + 1)
        _ = FileManager.default.createFile(atPath: log + "/" + next, contents: Data())
        XCTAssertNoThrow(try FileStore.open(at: tmp.store(), actor: "dana"), "two chained segments are fine")
        truncate(log + "/" + first, 0)
        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana")) { error in
            XCTAssertTrue("\(error)".contains("missing"), "\(error)")
        }
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertTrue(report.findings.contains { $0.file.hasSuffix(first) && $0.problem.contains("empty") }, report.summary)
    }

    // MARK: 2. Repair never destroys

    /// One digit changed in CURRENT's snapshot name: it names a snapshot that does not exist. The
    /// only snapshot is a candidate — never "no longer in use" — and, as the log continues from it,
    /// repair points CURRENT back at it, keeping the damaged CURRENT in lost+found.
    func testADamagedCurrentNeverCostsTheOnlySnapshot() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp, tickets: 5)
        try store.append([Fixture.note(1002, "after the snapshot")])
        let root = tmp.store().path
        let snapshot = files(root + "/snapshots").last!
        var text = try String(contentsOfFile: root + "/CURRENT", encoding: .utf8)
        text = text.replacingOccurrences(of: snapshot, with: String(snapshot.dropLast()) + "9")
        try text.write(toFile: root + "/CURRENT", atomically: false, encoding: .utf8)

        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertTrue(report.findings.contains { $0.problem.contains("does not exist") }, report.summary)
        XCTAssertTrue(report.findings.contains { $0.problem.contains("snapshots/\(snapshot)") && $0.repairable }, report.summary)
        XCTAssertFalse(report.findings.contains { $0.problem.contains("no longer in use") }, report.summary)

        let actions = try IntegrityCheck.repair(storeAt: tmp.store(), now: Fixture.t0)
        XCTAssertEqual(actions.count, 1, "\(actions)")
        XCTAssertTrue(actions[0].contains("lost+found"), actions[0])
        XCTAssertEqual(files(root + "/snapshots"), [snapshot])
        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(reopened.state.tickets.count, 5)
        XCTAssertEqual(reopened.state.customers.count, 1)
        XCTAssertEqual(try reopened.ticket(1002).messages.last?.body, "after the snapshot")
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
    }

    func testADamagedSequenceNumberInCurrentIsMendedFromTheManifest() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp)
        let root = tmp.store().path
        let seq = store.state.lastSeq
        var text = try String(contentsOfFile: root + "/CURRENT", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"lastSeq\":\(seq)", with: "\"lastSeq\":\(seq + 10)")
        try text.write(toFile: root + "/CURRENT", atomically: false, encoding: .utf8)
        XCTAssertFalse(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
        XCTAssertEqual(try IntegrityCheck.repair(storeAt: tmp.store()).count, 1)
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").state.lastSeq, seq)
    }

    /// Whatever repair removes goes to lost+found/<time>/ under its own path; only an explicit
    /// `emptyLostFound` deletes it.
    func testRepairMovesWhatItRemovesIntoLostAndFound() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp)
        let root = tmp.store().path
        // An old snapshot and a torn tail.
        try FileManager.default.createDirectory(atPath: root + "/snapshots/000000000001", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/snapshots/000000000001/manifest.json", contents: Data("old".utf8))
        let segment = root + "/log/" + files(root + "/log").last!
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: segment))
        try h.seekToEnd()
        try h.write(contentsOf: Data(#"{"seq":99,"torn"#.utf8))
        try h.close()
        _ = store

        let actions = try IntegrityCheck.repair(storeAt: tmp.store(), now: Fixture.t0)
        XCTAssertEqual(actions.count, 2, "\(actions)")
        let kept = root + "/lost+found/" + files(root + "/lost+found").first!
        XCTAssertEqual(try String(contentsOfFile: kept + "/snapshots/000000000001/manifest.json", encoding: .utf8), "old")
        let cut = files(kept + "/log")
        XCTAssertEqual(cut.count, 1)
        XCTAssertEqual(try String(contentsOfFile: kept + "/log/" + cut[0], encoding: .utf8), #"{"seq":99,"torn"#)
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)

        let deleted = try IntegrityCheck.emptyLostFound(storeAt: tmp.store())
        XCTAssertEqual(deleted, [kept])
        XCTAssertEqual(files(root + "/lost+found"), [])
    }

    // MARK: 3. Damage found where it is, never copied forward

    private func threadsFile(_ tmp: TemporaryDirectory) -> String {
        let root = tmp.store().path
        return root + "/snapshots/" + files(root + "/snapshots").last! + "/threads.jsonl"
    }

    /// One flipped byte in threads.jsonl: `ticket` names the file and line, compaction refuses to
    /// carry it into a new snapshot (the append before it still succeeds), and `check` names the line.
    func testAFlippedByteInASnapshotIsNamedAndNeverCompactedAway() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp, tickets: 3)
        let path = threadsFile(tmp)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let secondLineStart = lines[0].utf8.count + 1
        try flipByte(in: path, at: secondLineStart + 40)

        let reader = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertNoThrow(try reader.ticket(1001))
        XCTAssertThrowsError(try reader.ticket(1002)) { error in
            guard case StoreError.corrupt(let file, let line, _)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("threads.jsonl"))
            XCTAssertEqual(line, 2)
        }
        let snapshotsBefore = files(tmp.store().path + "/snapshots")
        let events = try reader.appendHistory([Event(at: Fixture.t0, actor: "dana", change: Fixture.note(1003, "durable"))])
        XCTAssertEqual(events, 1, "the append is acknowledged")
        XCTAssertNotNil(reader.lastCompactionError, "compaction refused to copy the damage")
        XCTAssertEqual(files(tmp.store().path + "/snapshots"), snapshotsBefore)
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").ticket(1003).messages.last?.body, "durable")
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertTrue(report.findings.contains { $0.file.hasSuffix("threads.jsonl") && $0.line == 2 }, report.summary)
        _ = store
    }

    func testAFlippedByteInTicketSummariesIsNamedWithItsLineAtOpen() throws {
        let tmp = TemporaryDirectory()
        _ = try compactedStore(tmp, tickets: 3)
        let root = tmp.store().path
        let path = root + "/snapshots/" + files(root + "/snapshots").last! + "/tickets.jsonl"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try flipByte(in: path, at: lines[0].utf8.count + lines[1].utf8.count + 2 + 20)
        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana")) { error in
            guard case StoreError.corrupt(let file, let line, _)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(file.hasSuffix("tickets.jsonl"))
            XCTAssertEqual(line, 3)
        }
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertTrue(report.findings.contains { $0.file.hasSuffix("tickets.jsonl") && $0.line == 3 }, report.summary)
    }

    // MARK: 4. Leftovers of killed compactions

    func testLeftoversOfKilledCompactionsAreRemovedAtOpen() throws {
        let tmp = TemporaryDirectory()
        let store = try compactedStore(tmp)
        let root = tmp.store().path
        let inForce = files(root + "/snapshots").last!
        try copy(root + "/snapshots/" + inForce, root + "/snapshots/" + inForce + Durable.temporaryMarker + "123-456")
        try copy(root + "/snapshots/" + inForce, root + "/snapshots/000000000002")
        _ = FileManager.default.createFile(atPath: root + "/CURRENT" + Durable.temporaryMarker + "1-2", contents: Data("x".utf8))
        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(files(root + "/snapshots"), [inForce])
        XCTAssertFalse(files(root).contains { $0.contains(Durable.temporaryMarker) })
        XCTAssertEqual(reopened.state.tickets.count, store.state.tickets.count)
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
    }
}
