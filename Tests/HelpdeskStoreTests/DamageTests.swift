import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// What a user sees when a store was damaged: a torn tail is tolerated and repaired; damage in the
/// middle is reported with its file and line, never skipped.
final class DamageTests: XCTestCase {
    private func segmentPath(_ store: URL) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: store.path + "/log").sorted()
        return store.path + "/log/" + names.last!
    }

    private func appendRaw(_ bytes: String, to path: String) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data(bytes.utf8))
        try h.close()
    }

    func testATornLastRecordIsIgnoredThenRepairedByTheNextAppend() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("before the crash")])
        let path = try segmentPath(tmp.store())
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        try appendRaw(#"{"seq":5,"at":"2026-01-01T00:00:00Z","actor":"dana","type":"message.add"#, to: path)

        let reader = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(reader.state.lastSeq, 4, "the torn record is ignored")
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertEqual(report.findings.count, 1)
        XCTAssertEqual(report.findings.first?.line, 5)
        XCTAssertEqual(report.findings.first?.repairable, true)

        let written = try reader.append([Fixture.note(1001, "after the crash")])
        XCTAssertEqual(written.first?.seq, 5)
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy, "the append cut off the torn record first")
        try store.refresh()
        XCTAssertEqual(try store.ticket(1001).messages.last?.body, "after the crash")
        XCTAssertGreaterThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int, sizeBefore)
    }

    func testRepairCutsOffATornTailAndAnUnfinishedBatch() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("kept")])
        let path = try segmentPath(tmp.store())
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        // A complete first line of a two-line batch, then half of the second: the batch never finished.
        let encoder = StoreJSON.encoder()
        let e1 = Event(seq: 5, at: Fixture.t0, actor: "dana", change: Fixture.note(1001, "one"))
        let line1 = try LogRecord.line(e1, more: true, encoder: encoder)
        try appendRaw(String(decoding: line1, as: UTF8.self) + #"{"seq":6,"at":"#, to: path)
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").state.lastSeq, 4, "an unfinished batch is not applied")
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).findings.allSatisfy(\.repairable))

        let actions = try IntegrityCheck.repair(storeAt: tmp.store())
        XCTAssertEqual(actions.count, 1)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int, size)
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
    }

    func testAFlippedByteInTheMiddleIsReportedWithFileAndLine() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        for i in 0..<5 { try store.append([Fixture.newTicket("ticket \(i)")]) }
        let path = try segmentPath(tmp.store())
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let lines = bytes.indices.filter { bytes[$0] == 0x0A }
        // Line 5 (the second ticket): change a letter of its subject.
        let start = lines[3] + 1
        let subject = bytes[start...].firstIndex(of: UInt8(ascii: "t"))! // somewhere inside the record
        bytes[subject + 3] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana")) { error in
            guard case StoreError.corrupt(let file, let line, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, path)
            XCTAssertEqual(line, 5)
            XCTAssertTrue("\(error)".contains("helpdesk check"))
        }
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertFalse(report.isHealthy)
        XCTAssertEqual(report.findings.map(\.line), [5])
        XCTAssertEqual(report.findings.first?.repairable, false)
        XCTAssertTrue(report.summary.contains("\(path):5"))
        XCTAssertEqual(try IntegrityCheck.repair(storeAt: tmp.store()), [], "damage in the middle is not dropped")
        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana"))
    }

    func testASequenceGapIsCorruption() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        let path = try segmentPath(tmp.store())
        let e = Event(seq: 9, at: Fixture.t0, actor: "dana", change: Fixture.newTicket("from nowhere"))
        try appendRaw(String(decoding: try LogRecord.line(e, more: false, encoder: StoreJSON.encoder()), as: UTF8.self), to: path)
        _ = store
        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana")) { error in
            guard case StoreError.corrupt(_, let line, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 4)
            XCTAssertTrue(reason.contains("missing"), reason)
        }
    }

    func testLeftoverTemporaryFilesAreRemovedByRepair() throws {
        let tmp = TemporaryDirectory()
        _ = try Fixture.makeStore(at: tmp.store())
        let junk = tmp.store().path + "/CURRENT.tmp-123-456"
        FileManager.default.createFile(atPath: junk, contents: Data("{".utf8))
        XCTAssertEqual(try IntegrityCheck.check(storeAt: tmp.store()).findings.count, 1)
        XCTAssertEqual(try IntegrityCheck.repair(storeAt: tmp.store()).count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: junk))
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
    }

    func testACrashAfterTheSnapshotButBeforeCleanupStillOpens() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        for i in 0..<5 { try store.append([Fixture.newTicket("ticket \(i)")]) }
        let logDir = tmp.store().path + "/log"
        let oldSegment = try FileManager.default.contentsOfDirectory(atPath: logDir).sorted().first!
        let saved = try Data(contentsOf: URL(fileURLWithPath: logDir + "/" + oldSegment))
        try store.compact()
        // Put the retired segment back, as if the crash came before its deletion.
        try saved.write(to: URL(fileURLWithPath: logDir + "/" + oldSegment))
        try store.append([Fixture.note(1001, "after")])
        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        assertSameState(reopened.state, store.state)
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertTrue(report.findings.allSatisfy(\.repairable), "\(report.findings)")
        _ = try IntegrityCheck.repair(storeAt: tmp.store())
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
    }
}
