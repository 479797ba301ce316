import Foundation
import XCTest

/// What a user sees from the command line when a store was damaged or its tidying failed (issue 10,
/// items 2–4): the truth about what was saved, repairs that keep everything, damage named in place.
final class StoreDamageEndToEndTests: EndToEndTestCase {
    private func names(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    private var snapshotDirectory: String { store.path + "/snapshots/" + names(store.path + "/snapshots").last! }

    /// The events of an import are durable even when the compaction after it fails (here: a damaged
    /// snapshot line it refuses to copy). It says it imported — exit 0 — and warns; a user who ran it
    /// again would duplicate every row.
    func testAnImportWhoseCompactionFailsSaysItWasSaved() throws {
        let threads = snapshotDirectory + "/threads.jsonl"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: threads)))
        let last = bytes.lastIndex(of: UInt8(ascii: "\n"))!
        let lastLineStart = bytes[..<last].lastIndex(of: UInt8(ascii: "\n"))! + 1
        bytes[lastLineStart + 30] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: threads))

        let csv = sandbox.root.appendingPathComponent("one.csv")
        try "subject,customer_email,body\nimported once,imported@x.test,hello\n".write(to: csv, atomically: true, encoding: .utf8)
        let result = try cli.run(["import", csv.path], as: "priya")
        XCTAssertEqual(result.status, 0, result.summary)
        XCTAssertTrue(result.stdout.contains("imported"), result.stdout)
        XCTAssertTrue(result.stderr.contains("the import is saved, but compacting"), result.stderr)
        let matching = try cli.tickets(status: "all").filter { ($0["subject"] as? String) == "imported once" }
        XCTAssertEqual(matching.count, 1)

        // The damaged line is named where it is.
        let check = try cli.run(["check"])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("threads.jsonl:"), check.stdout)
    }

    /// One digit changed in CURRENT: repair keeps every ticket and customer, and says where the old
    /// pointer went.
    func testRepairAfterADamagedCurrentKeepsEverything() throws {
        let before = try cli.json(["check"]) as? [String: Any]
        let tickets = try XCTUnwrap(before?["tickets"] as? Int)
        let customers = try XCTUnwrap(before?["customers"] as? Int)
        XCTAssertGreaterThan(customers, 0)
        let currentPath = store.path + "/CURRENT"
        var text = try String(contentsOfFile: currentPath, encoding: .utf8)
        let digit = text.firstIndex(where: { "123456789".contains($0) })!
        text.replaceSubrange(digit...digit, with: text[digit] == "9" ? "8" : "9")
        try text.write(toFile: currentPath, atomically: false, encoding: .utf8)

        let repaired = try cli.run(["check", "--repair"])
        XCTAssertEqual(repaired.status, 0, repaired.summary)
        XCTAssertTrue(repaired.stdout.contains("lost+found"), repaired.stdout)
        let after = try cli.json(["check"]) as? [String: Any]
        XCTAssertEqual(after?["tickets"] as? Int, tickets)
        XCTAssertEqual(after?["customers"] as? Int, customers)
        XCTAssertEqual((after?["findings"] as? [Any])?.count, 0)

        let emptied = try cli.run(["check", "--empty-lost-found"])
        XCTAssertEqual(emptied.status, 0, emptied.summary)
        XCTAssertTrue(emptied.stdout.contains("deleted:"), emptied.stdout)
        XCTAssertEqual(names(store.path + "/lost+found"), [])
    }

    /// The newest segment emptied after this user wrote to it: the next write is refused (no number
    /// given out twice), reading still works, and check says what was lost.
    func testAStoreThatWentBackwardsRefusesToWrite() throws {
        let noted = try cli.run(["ticket", "note", "1001", "--body", "seen, then lost"], as: "priya")
        XCTAssertEqual(noted.status, 0, noted.summary)
        let log = store.path + "/log/" + names(store.path + "/log").last!
        truncate(log, 0)
        let refused = try cli.run(["ticket", "note", "1001", "--body", "would reuse a number"], as: "priya")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("already seen"), refused.stderr)
        XCTAssertEqual(try cli.run(["ticket", "show", "1001"]).status, 0)
        let check = try cli.run(["check"])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("were removed"), check.stdout)

        // A restore in place on purpose: accepted, for this user, and writing goes on.
        let accepted = try cli.run(["check", "--accept-rollback"])
        XCTAssertEqual(accepted.status, 0, accepted.summary)
        XCTAssertTrue(accepted.stdout.contains("accepted"), accepted.stdout)
        XCTAssertEqual(try cli.run(["ticket", "note", "1001", "--body", "after the restore"], as: "priya").status, 0)
    }
}
