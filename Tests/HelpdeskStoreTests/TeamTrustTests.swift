import Foundation
import HelpdeskCore
@testable import HelpdeskStore
import XCTest

/// A signed team store read by one process: records whose signature or authority does not hold have
/// no effect wherever they are read (log, snapshot roster, snapshot threads) and `check` names them.
/// (The same with real Unix users is in EndToEndTests/TeamStoreTests.swift.)
final class TeamTrustTests: XCTestCase {
    private let dana = AgentKey.generate()   // the creator, a supervisor
    private let eve = AgentKey.generate()    // an agent

    /// A team store (this process's group) with Dana and Eve, a customer and ticket #1001.
    private func makeTeamStore(_ tmp: TemporaryDirectory) throws -> FileStore {
        guard let entry = getgrgid(getegid()), let name = entry.pointee.gr_name else { throw XCTSkip("no group entry") }
        let info = StoreInfo(mode: .shared, group: String(cString: name), createdAt: Fixture.t0, createdBy: "dana")
        let store = try FileStore.create(at: tmp.store(), info: info, creator: Fixture.dana, signingKey: dana)
        try store.append([.agentSaved(Agent(login: "eve", displayName: "Eve", publicKey: eve.publicKeyText))])
        try store.append([Fixture.customer("Ada Lovelace", "ada@example.com")])
        try store.append([Fixture.newTicket("Broken")])
        return store
    }

    private func open(_ tmp: TemporaryDirectory, as login: String, key: AgentKey) throws -> FileStore {
        let store = try FileStore.open(at: tmp.store(), actor: login)
        store.signingKey = key
        return store
    }

    /// Appends hand-made records, numbered and checksummed, signed with `key` (or not at all).
    private func forge(_ tmp: TemporaryDirectory, _ records: [(String, Change, AgentKey?)]) throws {
        let reader = try FileStore.open(at: tmp.store(), actor: "x")
        var seq = reader.state.lastSeq
        let segment = try EventLog.segments(in: tmp.store().path + "/log").last!
        let fd = try Durable.open(tmp.store().path + "/log/" + segment.name, O_WRONLY | O_APPEND)
        defer { close(fd) }
        for (actor, change, key) in records {
            seq += 1
            let event = Event(seq: seq, at: Fixture.t0, actor: actor, change: change)
            let signer = key.map { RecordSigner(storeID: reader.info.id!, key: $0) }
            try Durable.write(fd, try LogRecord.line(event, more: false, encoder: StoreJSON.encoder(), signer: signer), path: segment.name)
        }
    }

    func testRecordsWithoutTheActorsSignatureOrAuthorityHaveNoEffect() throws {
        let tmp = TemporaryDirectory()
        let store = try makeTeamStore(tmp)
        let eveStore = try open(tmp, as: "eve", key: eve)
        try eveStore.append([Fixture.note(1001, "eve's own note", author: "eve")])
        var promoted = Agent(login: "eve", displayName: "Eve", role: .supervisor, publicKey: eve.publicKeyText)
        var settings = Settings()
        settings.name = "Forged"
        try forge(tmp, [
            ("dana", Fixture.note(1001, "unsigned, as dana"), nil),
            ("dana", Fixture.note(1001, "eve's key, as dana"), eve),
            ("eve", Fixture.note(1001, "by eve, authored dana", author: "dana"), eve),
            ("eve", .agentSaved(promoted), eve),
            ("eve", .settingsChanged(settings), eve),
        ])
        // A reader that was open before, one that opens now, and `check`.
        try store.refresh()
        let fresh = try FileStore.open(at: tmp.store(), actor: "dana")
        for reader in [store, fresh] {
            XCTAssertEqual(try reader.ticket(1001).messages.map(\.body), ["Hello, it is broken.", "eve's own note"])
            XCTAssertEqual(reader.state.agents["eve"]?.role, .agent)
            XCTAssertEqual(reader.state.settings.name, "Helpdesk")
            XCTAssertEqual(reader.rejectedRecords.count, 5, "\(reader.rejectedRecords)")
        }
        XCTAssertTrue(fresh.rejectedRecords[0].contains(".jsonl:6: record #6, which claims to be by dana"), fresh.rejectedRecords[0])
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertEqual(report.findings.filter { $0.problem.contains("has no effect") }.map(\.line), [6, 7, 8, 9, 10], report.summary)

        // The numbers stay taken; honest writing goes on after them, and survives a compaction.
        let events = try store.append([Fixture.note(1001, "after")])
        XCTAssertEqual(events.first?.seq, 11)
        try store.compact()
        XCTAssertEqual(try store.ticket(1001).messages.count, 3, "the compacting process reads its own snapshot")
        let compacted = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(try compacted.ticket(1001).messages.map(\.body), ["Hello, it is broken.", "eve's own note", "after"])
        XCTAssertEqual(compacted.state.agents["eve"]?.role, .agent)
        XCTAssertEqual(try IntegrityCheck.check(storeAt: tmp.store()).findings.filter { $0.problem.contains("has no effect") }.count, 5)

        // And the writer refuses up front what readers would ignore.
        promoted.displayName = "Eve"
        XCTAssertThrowsError(try eveStore.append([.agentSaved(promoted)])) { XCTAssertTrue("\($0)".contains("only supervisors"), "\($0)") }
        XCTAssertThrowsError(try eveStore.append([.settingsChanged(settings)]))
        let stranger = try open(tmp, as: "eve", key: AgentKey.generate())
        XCTAssertThrowsError(try stranger.append([Fixture.note(1001, "x", author: "eve")])) {
            XCTAssertTrue("\($0)".contains("not the one on the roster"), "\($0)")
        }
    }

    func testASnapshotsRosterAndSettingsComeFromItsSignedRecords() throws {
        let tmp = TemporaryDirectory()
        let store = try makeTeamStore(tmp)
        try store.compact()
        let snapshot = try XCTUnwrap(store.snapshot).directory
        // Any member can rewrite the snapshot's copies.
        let agents = snapshot + "/" + Snapshot.agentsName
        // Each line re-checksummed, as a forger would (snapshot lines carry the log's frame).
        let forged = try String(contentsOfFile: agents, encoding: .utf8).split(separator: "\n").map { line -> String in
            let edited = Array(line.replacingOccurrences(of: "\"role\":\"agent\"", with: "\"role\":\"supervisor\"").utf8)
            let body = Array(edited[0..<(edited.count - LogRecord.suffixLength)])
            let crc = RecordChecksum.crc32(body + [UInt8(ascii: "}")])
            return String(decoding: body + LogRecord.sumPrefix + RecordChecksum.hex(crc) + Array("\"}".utf8), as: UTF8.self)
        }
        try (forged.joined(separator: "\n") + "\n").write(toFile: agents, atomically: false, encoding: .utf8)
        let manifest = snapshot + "/" + Snapshot.manifestName
        try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: "\"Helpdesk\"", with: "\"Forged\"")
            .write(toFile: manifest, atomically: false, encoding: .utf8)

        let reader = try FileStore.open(at: tmp.store(), actor: "eve")
        XCTAssertEqual(reader.state.agents["eve"]?.role, .agent)
        XCTAssertEqual(reader.state.settings.name, "Helpdesk")
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertTrue(report.findings.contains { $0.problem.contains("roster differs from its signed records for eve") }, report.summary)
        XCTAssertTrue(report.findings.contains { $0.problem.contains("settings differ") }, report.summary)
    }

    func testAForgedEntryInASnapshotThreadIsLeftOut() throws {
        let tmp = TemporaryDirectory()
        let store = try makeTeamStore(tmp)
        try store.append([Fixture.note(1001, "a genuine note")])
        try store.compact()
        // Change the note's text (same length), with a correct checksum but no valid signature.
        let threads = try XCTUnwrap(store.snapshot).directory + "/" + Snapshot.threadsName
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: threads)))
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try XCTUnwrap(text.range(of: "a genuine note"))
        let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        bytes.replaceSubrange(start..<(start + 14), with: Array("a FORGED  note".utf8))
        let records = try TeamTrust.records(inHistoryLine: Array(bytes[0...]), file: threads)
        let record = try XCTUnwrap(records.first { $0.contains(start) })
        let sumAt = record.upperBound - LogRecord.suffixLength
        var crc = bytes.withUnsafeBytes { RecordChecksum.crc32(UnsafeRawBufferPointer(rebasing: $0[record.lowerBound..<sumAt])) }
        crc = [UInt8(ascii: "}")].withUnsafeBytes { RecordChecksum.update(crc, $0) }
        bytes.replaceSubrange((sumAt + 8)..<(sumAt + 16), with: RecordChecksum.hex(crc))
        try Data(bytes).write(to: URL(fileURLWithPath: threads))

        let reader = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(try reader.ticket(1001).messages.map(\.body), ["Hello, it is broken."])
        XCTAssertTrue(reader.rejectedRecords.contains { $0.contains("signature is not made with dana's key") }, "\(reader.rejectedRecords)")
        let report = try IntegrityCheck.check(storeAt: tmp.store())
        XCTAssertTrue(report.findings.contains { $0.file.hasSuffix(Snapshot.threadsName) && $0.problem.contains("claims to be by dana") }, report.summary)
    }

    func testSigningAndFraming() throws {
        let event = Event(seq: 3, at: Fixture.t0, actor: "dana", change: .agentSaved(Fixture.dana))
        let signer = RecordSigner(storeID: "0123", key: dana)
        for more in [false, true] {
            let line = try LogRecord.line(event, more: more, encoder: StoreJSON.encoder(), signer: signer)
            let body = line.dropLast()
            try body.withUnsafeBytes { raw in
                XCTAssertEqual(try LogRecord.verify(raw).get().more, more)
                XCTAssertTrue(RecordSignature.verify(raw, storeID: "0123", key: dana.privateKey.publicKey))
                XCTAssertFalse(RecordSignature.verify(raw, storeID: "0124", key: dana.privateKey.publicKey), "another store's record")
                XCTAssertFalse(RecordSignature.verify(raw, storeID: "0123", key: eve.privateKey.publicKey))
            }
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(body)))
        }
    }
}
