import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Records edited by hand, with checksums that still match, holding values no writer would write:
/// each is reported as damage with its file and line — by every reader and by `check` — and nothing
/// traps, overflows or allocates by the absurd value.
final class HostileRecordTests: XCTestCase {
    /// A store with a snapshot (tickets, customers, a promise) and two log records after it.
    func makeStore(_ tmp: TemporaryDirectory) throws -> URL {
        let url = tmp.store()
        let store = try Fixture.makeStore(at: url)
        try store.append([Fixture.newTicket("Grinder squeaks"), Fixture.newTicket("Refund please")])
        try store.append([.promiseMade(CustomerPromise(id: 0, text: "call back", due: Fixture.t0.addingTimeInterval(86_400),
                                                       ticket: 1001, owner: "dana", createdAt: Fixture.t0))])
        try store.compact()
        try store.append([Fixture.note(1001, "after the snapshot")])
        try store.append([Fixture.note(1002, "and another")])
        return url
    }

    /// Opening and `check` both refuse, naming `file` (and `line` when given) and saying `reason`.
    func assertDamage(_ url: URL, file: String, line: Int?, reason: String, sourceLine: UInt = #line) throws {
        XCTAssertThrowsError(try FileStore.open(at: url, actor: "dana"), line: sourceLine) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(file + (line.map { ":\($0)" } ?? "")), text, line: sourceLine)
            XCTAssertTrue(text.contains(reason), text, line: sourceLine)
        }
        let report = try IntegrityCheck.check(storeAt: url)
        XCTAssertFalse(report.isHealthy, "check found nothing", line: sourceLine)
        XCTAssertTrue(report.findings.contains { "\($0)".contains(reason) }, report.summary, line: sourceLine)
    }

    func testALogRecordWithSeqIntMaxIsDamageNotATrap() throws {
        let tmp = TemporaryDirectory()
        let url = try makeStore(tmp)
        try StoreFileSurgery.editLog(url, line: 1) { line in
            line.replacingOccurrences(of: #""seq":[0-9]+"#, with: #""seq":9223372036854775807"#, options: .regularExpression)
        }
        try assertDamage(url, file: ".jsonl", line: 2, reason: "sequence number 9223372036854775807 is out of range")
    }

    func testALogRecordAboutAnAbsurdTicketIsDamage() throws {
        let tmp = TemporaryDirectory()
        let url = try makeStore(tmp)
        try StoreFileSurgery.editLog(url, line: 0) { $0.replacingOccurrences(of: #""number":1001"#, with: #""number":4000000000000"#) }
        try assertDamage(url, file: ".jsonl", line: 1, reason: "ticket number 4000000000000 is out of range")
        try StoreFileSurgery.editLog(url, line: 0) { $0.replacingOccurrences(of: #""number":4000000000000"#, with: #""number":1001"#) }
        try StoreFileSurgery.editLog(url, line: 0) { $0.replacingOccurrences(of: #"2026-09-21T"#, with: "0001-09-21T") }
        try assertDamage(url, file: ".jsonl", line: 1, reason: "outside the years 1970 to 9999")
    }

    func testAThreadSpanBeyondItsFileIsReportedOnTheSummarysLine() throws {
        let tmp = TemporaryDirectory()
        let url = try makeStore(tmp)
        try StoreFileSurgery.editSnapshot(url, file: Snapshot.ticketsName, line: 1) {
            $0.replacingOccurrences(of: #""thread":\[[0-9]+,[0-9]+\]"#, with: #""thread":[0,99999999999999]"#, options: .regularExpression)
        }
        try assertDamage(url, file: Snapshot.ticketsName, line: 2, reason: "ticket #1002's thread [0, 99999999999999] reaches beyond the end of threads.jsonl")
    }

    func testAbsurdNumbersInATicketSummaryAreReportedOnTheirLine() throws {
        let cases: [(String, String, String)] = [
            (#""version":[0-9]+"#, #""version":999999999999999999"#, "version 999999999999999999 is out of range"),
            (#""number":1001"#, #""number":4000000000000"#, "ticket number 4000000000000 is out of range"),
            (#""messageCount":[0-9]+"#, #""messageCount":-1"#, "messageCount -1 is out of range"),
            (#""createdAt":[0-9]+"#, #""createdAt":99999999999999999"#, "is outside the years 1970 to 9999"),
            (#""links":\[\]"#, #""links":[9223372036854775807]"#, "more than 18 digits"),
            (#""thread":\[[0-9]+,"#, #""thread":[-5,"#, "'thread' is not [offset, length]"),
        ]
        for (pattern, replacement, reason) in cases {
            let tmp = TemporaryDirectory()
            let url = try makeStore(tmp)
            try StoreFileSurgery.editSnapshot(url, file: Snapshot.ticketsName, line: 0) {
                $0.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
            }
            try assertDamage(url, file: Snapshot.ticketsName, line: 1, reason: reason)
        }
    }

    func testAPromiseIDOutOfRangeIsDamageOnItsLine() throws {
        let tmp = TemporaryDirectory()
        let url = try makeStore(tmp)
        try StoreFileSurgery.editSnapshot(url, file: Snapshot.promisesName, line: 0) {
            $0.replacingOccurrences(of: #""id":1"#, with: #""id":9223372036854775807"#)
        }
        try assertDamage(url, file: Snapshot.promisesName, line: 1, reason: "promise id 9223372036854775807 is out of range")
    }

    func testAManifestsCountersAndCountsAreRangeChecked() throws {
        let cases: [(String, String, String)] = [
            (#""tickets" *: *[0-9]+"#, #""tickets":1000000000000000"#, "it counts 1000000000000000 tickets, more than tickets.jsonl"),
            (#""lastSeq" *: *[0-9]+"#, #""lastSeq":9223372036854775807"#, "lastSeq 9223372036854775807 is out of range"),
            (#""maxPromiseID" *: *[0-9]+"#, #""maxPromiseID":9223372036854775807"#, "maxPromiseID 9223372036854775807 is out of range"),
            (#""maxTicketNumber" *: *[0-9]+"#, #""maxTicketNumber":-4"#, "maxTicketNumber -4 is out of range"),
        ]
        for (pattern, replacement, reason) in cases {
            let tmp = TemporaryDirectory()
            let url = try makeStore(tmp)
            try StoreFileSurgery.editManifest(url) { $0.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression) }
            try assertDamage(url, file: Snapshot.manifestName, line: nil, reason: reason)
        }
    }

    func testACurrentPointerOutOfRangeIsReportedNotTrappedOn() throws {
        for (edit, reason) in [(#"{"lastSeq":9223372036854775807,"snapshot":"000000000007"}"#, "lastSeq 9223372036854775807 is out of range"),
                               (#"{"lastSeq":7,"snapshot":"../../elsewhere"}"#, "is not a snapshot's name")] {
            let tmp = TemporaryDirectory()
            let url = try makeStore(tmp)
            try Data(edit.utf8).write(to: url.appendingPathComponent("CURRENT"))
            try assertDamage(url, file: "CURRENT", line: nil, reason: reason)
        }
    }

    func testAReadNeverAllocatesMoreThanTheFileHolds() throws {
        let tmp = TemporaryDirectory()
        let url = try makeStore(tmp)
        let path = try StoreFileSurgery.newestSegment(url)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let size = try Durable.size(fd, path: path)
        XCTAssertEqual(try Durable.read(fd, offset: 0, count: 99_999_999_999_999, path: path).count, size)
        XCTAssertEqual(try Durable.read(fd, offset: Int.max - 10, count: Int.max, path: path).count, 0)
        XCTAssertThrowsError(try Durable.read(fd, offset: -1, count: 10, path: path))
    }
}
