import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

final class FormatTests: XCTestCase {
    func testANewerFormatIsRefusedWithAClearMessage() throws {
        let tmp = TemporaryDirectory()
        _ = try Fixture.makeStore(at: tmp.store())
        let infoPath = tmp.store().appendingPathComponent("store.json")
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: infoPath)) as! [String: Any]
        object["format"] = 3
        try JSONSerialization.data(withJSONObject: object).write(to: infoPath)
        XCTAssertThrowsError(try FileStore.open(at: tmp.store(), actor: "dana")) { error in
            XCTAssertEqual("\(error)", "store at \(tmp.store().path) is format 3; this helpdesk reads up to 1 — upgrade helpdesk")
        }
    }

    func testNoStoreSaysHowToCreateOne() {
        let tmp = TemporaryDirectory()
        XCTAssertThrowsError(try FileStore.open(at: tmp.store("nothing"), actor: "dana")) { error in
            XCTAssertEqual(error as? StoreError, .notAStore(path: tmp.store("nothing").path))
            XCTAssertTrue("\(error)".contains("helpdesk init"))
        }
    }

    func testCreatingOverAnExistingStoreIsRefused() throws {
        let tmp = TemporaryDirectory()
        _ = try Fixture.makeStore(at: tmp.store())
        XCTAssertThrowsError(try FileStore.create(at: tmp.store(), info: Fixture.info(), creator: Fixture.dana)) {
            XCTAssertEqual($0 as? StoreError, .alreadyExists(path: tmp.store().path))
        }
    }

    func testEveryFileIsJSONAndEveryLogLineCarriesAVerifiableSum() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("one"), Fixture.newTicket("two")])
        try store.compact()
        try store.append([Fixture.note(1001, "tab\there, backslash \\ and \u{1} control")])
        assertEverythingIsJSON(tmp.store())
        let log = tmp.store().path + "/log"
        for name in try FileManager.default.contentsOfDirectory(atPath: log) {
            for line in try Data(contentsOf: URL(fileURLWithPath: log + "/" + name)).split(separator: 0x0A) {
                let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
                XCTAssertEqual((object["sum"] as? String)?.count, 8)
                XCTAssertNotNil(object["seq"])
            }
        }
        for dir in ["presence", "drafts", "outbox", "snapshots"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: tmp.store().path + "/" + dir))
        }
        XCTAssertEqual(store.presenceDirectory.lastPathComponent, "presence")
    }

    func testChecksumIsCRC32OfTheLineWithoutItsSum() throws {
        XCTAssertEqual(RecordChecksum.crc32(Array("123456789".utf8)), 0xCBF4_3926)
        let event = Event(seq: 1, at: Fixture.t0, actor: "dana", change: .agentSaved(Fixture.dana))
        let line = try LogRecord.line(event, more: false, encoder: StoreJSON.encoder())
        let text = String(decoding: line, as: UTF8.self)
        let sum = String(text.suffix(11).prefix(8))
        let withoutSum = String(text.dropLast(19)) + "}"   // 18-byte suffix plus the newline
        XCTAssertEqual(sum, String(RecordChecksum.crc32(Array(withoutSum.utf8)), radix: 16).leftPadded(to: 8))
    }

    func testSummaryAndCustomerCodecsRoundTrip() throws {
        var t = Ticket(number: 1042, subject: "Quote \" slash \\ newline \n ünï 🔥", status: .onHold, priority: .urgent,
                       tags: ["a", "b-c"], assignee: "dana", group: nil, requester: "c00012", channel: .walkIn,
                       createdAt: Fixture.t0, updatedAt: Fixture.t0.addingTimeInterval(5), version: 7, mergedInto: 1000,
                       messageCount: 3, firstReplyAt: Fixture.t0, lastReplyAt: nil, lastCustomerMessageAt: Fixture.t0,
                       lastMessageAt: Fixture.t0, solvedAt: nil,
                       satisfaction: Satisfaction(score: 2, comment: nil, at: Fixture.t0), links: [1, 2])
        t.threadLoaded = false
        var w = JSONLineWriter()
        SnapshotCodec.encode(summary: t, thread: Span(offset: 12, length: 34), into: &w)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(w.bytes)))
        var keys = SnapshotCodec.summaryKeys
        let decoded = try w.bytes.withUnsafeBytes { raw -> (Ticket, Span) in
            var s = JSONScanner(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 1)]))
            return try SnapshotCodec.decodeSummary(&s, keys: &keys)
        }
        XCTAssertEqual(decoded.0, t)
        XCTAssertEqual(decoded.1, Span(offset: 12, length: 34))

        let c = Customer(id: "c00012", name: "Danielle \"Dana\" Okafor", preferredName: "Dana", emails: ["d@x.org"],
                         phones: ["+44 20"], organisation: nil, usualOrder: "oat flat white",
                         preferences: [Preference(key: "contact", value: "phone", confirmedAt: Fixture.t0)],
                         notes: "line\nbreak", customerSince: Fixture.t0, vip: true, birthday: "03-14", version: 4)
        var cw = JSONLineWriter()
        SnapshotCodec.encode(customer: c, history: Span(offset: 0, length: 9), into: &cw)
        // The customer object is also what Customer's Codable reads.
        let object = try JSONSerialization.jsonObject(with: Data(cw.bytes)) as! [String: Any]
        let inner = try JSONSerialization.data(withJSONObject: object["customer"]!)
        XCTAssertEqual(try StoreJSON.decoder().decode(Customer.self, from: inner), c)
        var ckeys = SnapshotCodec.customerKeys
        let back = try cw.bytes.withUnsafeBytes { raw -> (Customer, Span) in
            var s = JSONScanner(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 1)]))
            return try SnapshotCodec.decodeCustomerLine(&s, keys: &ckeys)
        }
        XCTAssertEqual(back.0, c)
    }

    func testStoreLocationOrder() {
        XCTAssertEqual(StoreLocation.resolve(option: "/a", environment: ["HELPDESK_STORE": "/b"]).path, "/a")
        XCTAssertEqual(StoreLocation.resolve(option: nil, environment: ["HELPDESK_STORE": "/b", "XDG_DATA_HOME": "/x"]).path, "/b")
        XCTAssertEqual(StoreLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).path, "/x/helpdesk")
        XCTAssertEqual(StoreLocation.resolve(option: nil, environment: ["HOME": "/h"]).path, "/h/.local/share/helpdesk")
        XCTAssertEqual(StoreLocation.resolve(option: "~/s", environment: ["HOME": "/h"]).path, "/h/s")
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}

final class SharedStoreTests: XCTestCase {
    func testASharedStoreIsGroupWritableAndSetgid() throws {
        guard let entry = getgrgid(getgid()), let cname = entry.pointee.gr_name else { throw XCTSkip("no group entry for this user") }
        let group = String(cString: cname)
        let tmp = TemporaryDirectory()
        let info = StoreInfo(mode: .shared, group: group, createdAt: Fixture.t0, createdBy: "dana")
        let store = try FileStore.create(at: tmp.store(), info: info, creator: Fixture.dana, signingKey: AgentKey.generate())
        try store.append([Fixture.customer("Ada", "ada@example.com")])
        try store.compact()
        func mode(_ path: String) -> mode_t {
            var st = stat()
            XCTAssertEqual(stat(path, &st), 0, path)
            return st.st_mode & 0o7777
        }
        // The root (and store.json, the trust anchor) are the creator's alone; members write below it.
        XCTAssertEqual(mode(tmp.store().path), 0o2750, "the root")
        for dir in ["/log", "/snapshots", "/presence", "/drafts", "/outbox", "/lost+found"] {
            XCTAssertEqual(mode(tmp.store().path + dir), 0o2770, "directory \(dir)")
        }
        XCTAssertEqual(mode(tmp.store().path + "/keys"), 0o3770, "keys/ is sticky")
        XCTAssertEqual(mode(tmp.store().path + "/store.json"), 0o640)
        XCTAssertEqual(mode(tmp.store().path + "/log/CURRENT"), 0o660)
        let segment = try FileManager.default.contentsOfDirectory(atPath: tmp.store().path + "/log").first { $0.hasSuffix(".jsonl") }!
        XCTAssertEqual(mode(tmp.store().path + "/log/" + segment), 0o660)
    }

    func testAnUnknownGroupIsAClearError() {
        let tmp = TemporaryDirectory()
        let info = StoreInfo(mode: .shared, group: "no-such-group-hd", createdAt: Fixture.t0, createdBy: "dana")
        XCTAssertThrowsError(try FileStore.create(at: tmp.store(), info: info, creator: Fixture.dana)) {
            XCTAssertEqual($0 as? StoreError, .unknownGroup("no-such-group-hd"))
        }
    }
}
