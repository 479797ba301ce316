import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// `FileStore.backup` and `StoreRestore.restore`: a consistent copy of a live store, and back.
final class BackupTests: XCTestCase {
    /// A writer keeps adding notes (and compacting every 25 events) in another `FileStore`, which
    /// contends for the lock exactly as another process does, while backups are taken.
    func testBackupsTakenWhileAnotherWriterAppendsAndCompactsHoldEveryAcknowledgedNote() throws {
        let tmp = TemporaryDirectory()
        let source = try Fixture.makeStore(at: tmp.store())
        try source.append([Fixture.newTicket("busy")])
        let acknowledged = Locked<[String]>([])
        let stop = Locked(false)
        let failure = Locked<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            defer { done.signal() }
            do {
                let writer = try FileStore.open(at: tmp.store(), actor: "sam")
                writer.compactionThreshold = 25
                var i = 0
                while !stop.value {
                    try writer.append([Fixture.note(1001, "note \(i)")])
                    acknowledged.update { $0.append("note \(i)") }
                    i += 1
                }
            } catch {
                failure.update { $0 = "\(error)" }
            }
        }.start()

        var backups: [(URL, Set<String>)] = []
        for b in 0..<4 {
            while acknowledged.value.count < 20 * (b + 1) && failure.value == nil { usleep(2_000) }
            let before = Set(acknowledged.value)
            let url = tmp.store("backup\(b)")
            let report = try source.backup(to: url)
            XCTAssertGreaterThanOrEqual(report.events, before.count)
            backups.append((url, before))
        }
        stop.update { $0 = true }
        done.wait()
        XCTAssertNil(failure.value)

        let all = try FileStore.open(at: tmp.store(), actor: "dana").allEvents()
        for (url, before) in backups {
            let check = try IntegrityCheck.check(storeAt: url)
            XCTAssertTrue(check.isHealthy, "\(url.lastPathComponent): \(check.summary)")
            let copy = try FileStore.open(at: url, actor: "dana")
            let notes = Set(try copy.ticket(1001).messages.map(\.body))
            XCTAssertTrue(before.isSubset(of: notes), "\(url.lastPathComponent) lacks \(before.subtracting(notes).sorted().prefix(5))")
            // Exactly the source's history up to the moment of the backup.
            let history = try copy.allEvents()
            XCTAssertEqual(history, Array(all.prefix(history.count)))

            let restored = tmp.store("restored-" + url.lastPathComponent)
            let report = try StoreRestore.restore(backup: url, to: restored)
            XCTAssertEqual(report.events, history.count)
            let back = try FileStore.open(at: restored, actor: "dana")
            assertSameState(back.state, copy.state)
            XCTAssertEqual(try back.allEvents(), history)
            XCTAssertTrue(try IntegrityCheck.check(storeAt: restored).isHealthy)
        }
    }

    func testBackupLeavesOutAnUnfinishedBatchAndKeepsDraftsAndOutbox() throws {
        let tmp = TemporaryDirectory()
        let source = try Fixture.makeStore(at: tmp.store())
        try source.append([Fixture.newTicket("with a torn tail")])
        let segment = try XCTUnwrap(try EventLog.segments(in: source.paths.log).last)
        // A writer killed mid-batch: a record marked "more" and half of the next, never acknowledged.
        let unfinished = Event(seq: source.state.lastSeq + 1, at: Fixture.t0, actor: "dana", change: Fixture.note(1001, "never acknowledged"))
        let torn = try LogRecord.line(unfinished, more: true, encoder: StoreJSON.encoder()) + Array("{\"seq\":".utf8)
        let fd = open(source.paths.segment(segment.name), O_WRONLY | O_APPEND)
        _ = torn.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        try FileManager.default.createDirectory(atPath: source.paths.outbox + "/new", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: source.paths.outbox + "/new/abc.eml", contents: Data("Subject: hi\r\n".utf8))
        FileManager.default.createFile(atPath: source.paths.drafts + "/dana--1001.json", contents: Data("{\"text\":\"half a reply\"}".utf8))

        let report = try source.backup(to: tmp.store("backup"))
        XCTAssertEqual(report.events, source.state.lastSeq)
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store("backup")).isHealthy)
        XCTAssertFalse(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy, "the source was left as it was")
        let restored = tmp.store("restored")
        _ = try StoreRestore.restore(backup: tmp.store("backup"), to: restored)
        XCTAssertEqual(try String(contentsOfFile: restored.path + "/outbox/new/abc.eml", encoding: .utf8), "Subject: hi\r\n")
        XCTAssertEqual(try String(contentsOfFile: restored.path + "/drafts/dana--1001.json", encoding: .utf8), "{\"text\":\"half a reply\"}")
        XCTAssertEqual(try FileStore.open(at: restored, actor: "dana").state.tickets.count, 1)
    }

    func testBackupAndRestoreNeverOverwriteAndRefuseDamage() throws {
        let tmp = TemporaryDirectory()
        let source = try Fixture.makeStore(at: tmp.store())
        try source.append([Fixture.newTicket("t")])
        XCTAssertThrowsError(try source.backup(to: tmp.store().appendingPathComponent("inside"))) {
            XCTAssertEqual($0 as? BackupError, .insideSource(path: tmp.store().path + "/inside", source: tmp.store().path))
        }
        let backup = tmp.store("backup")
        _ = try source.backup(to: backup)
        XCTAssertThrowsError(try source.backup(to: backup)) { XCTAssertEqual($0 as? StoreError, .alreadyExists(path: backup.path)) }
        XCTAssertThrowsError(try StoreRestore.restore(backup: backup, to: tmp.store())) {
            XCTAssertEqual($0 as? StoreError, .alreadyExists(path: tmp.store().path))
        }
        // An empty directory is fine: the copy replaces it.
        let empty = tmp.store("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        _ = try StoreRestore.restore(backup: backup, to: empty)
        XCTAssertTrue(try IntegrityCheck.check(storeAt: empty).isHealthy)

        // One flipped byte in the backup's log: refused, and nothing appears at the target.
        let log = try XCTUnwrap(try EventLog.segments(in: backup.path + "/log").first)
        let path = backup.path + "/log/" + log.name
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try StoreRestore.restore(backup: backup, to: tmp.store("from-damaged"))) {
            guard case .damaged? = $0 as? BackupError else { return XCTFail("\($0)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp.store("from-damaged").path))
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).contains { $0.contains(".tmp-") })
    }
}
