import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Full-text search: the snapshot's mapped index, the tail's terms, and customers in memory.
final class SearchIndexTests: XCTestCase {
    func makeStore(_ tmp: TemporaryDirectory) throws -> FileStore {
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.customer("Bob Marley", "bob@reggae.example")])
        try store.append([
            Fixture.newTicket("Grinder squeaks", body: "The burr grinder squeaks when grinding espresso."),
            Fixture.newTicket("Refund please", requester: "c00002", body: "I was charged twice for the cold brew subscription."),
            Fixture.newTicket("Café hours", body: "Are you open on Sunday? 咖啡 please"),
        ])
        try store.append([Fixture.note(1001, "Checked with the workshop: replacement burrs shipped")])
        return store
    }

    func check(_ store: FileStore, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(store.search("squeaks"), [1001], file: file, line: line)
        XCTAssertEqual(store.search("workshop"), [1001], "internal notes are searched", file: file, line: line)
        XCTAssertEqual(Set(store.search("grind")), [1001], "a word finds longer words it begins", file: file, line: line)
        XCTAssertEqual(store.search("cold brew"), [1002], file: file, line: line)
        XCTAssertEqual(store.search("cold espresso"), [], "every word must match", file: file, line: line)
        XCTAssertEqual(store.search("marley"), [1002], "customer names", file: file, line: line)
        XCTAssertEqual(store.search("reggae"), [1002], "customer emails", file: file, line: line)
        XCTAssertEqual(Set(store.search("ada")), [1001, 1003], file: file, line: line)
        XCTAssertEqual(store.search("SUNDAY"), [1003], "case-insensitive", file: file, line: line)
        XCTAssertEqual(store.search("咖"), [1003], "ideographs are terms of their own", file: file, line: line)
        XCTAssertEqual(store.search("#1002"), [1002], file: file, line: line)
        XCTAssertEqual(store.search("zzz"), [], file: file, line: line)
        XCTAssertEqual(store.ticketsMentioning("charged"), [1002], file: file, line: line)
        XCTAssertEqual(store.ticketsMentioning("ch"), [], "short words match whole terms only", file: file, line: line)
    }

    func testSearchFromTheTailThenTheSnapshotThenBoth() throws {
        let tmp = TemporaryDirectory()
        let store = try makeStore(tmp)
        check(store)                         // everything in the tail
        try store.compact()
        XCTAssertNotNil(store.snapshot?.searchIndex)
        check(store)                         // everything in the mapped index
        check(try FileStore.open(at: tmp.store(), actor: "dana"))

        // New words after the snapshot come from the tail; a second compaction merges them.
        try store.append([.messageAdded(number: 1003, message: Message(kind: .reply, author: "dana", body: "Yes, from 8 until noon; squeaks welcome", at: Fixture.t0))])
        XCTAssertEqual(store.search("squeaks"), [1003, 1001], "most recently updated first")
        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(Set(reopened.search("squeaks")), [1001, 1003])
        try store.compact()
        XCTAssertEqual(Set(store.search("squeaks")), [1001, 1003])
        XCTAssertEqual(store.search("noon"), [1003])
        XCTAssertEqual(store.search("workshop"), [1001])
        XCTAssertEqual(store.search("marley"), [1002])
    }

    func testSnapshotsWithoutAnIndexAreRebuiltAtTheNextCompaction() throws {
        let tmp = TemporaryDirectory()
        let store = try makeStore(tmp)
        try store.compact()
        // A snapshot written before search existed: no search.jsonl.
        let dir = store.snapshot!.directory
        try FileManager.default.removeItem(atPath: dir + "/search.jsonl")
        let old = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertNil(old.snapshot?.searchIndex)
        try old.append([Fixture.note(1002, "customer called back about the refund")])
        try old.compact()
        XCTAssertNotNil(old.snapshot?.searchIndex)
        check(old)
        XCTAssertEqual(Set(old.search("refund")), [1002])
    }

    func testIndexLinesAreSortedAndReadableJSON() throws {
        let tmp = TemporaryDirectory()
        let store = try makeStore(tmp)
        try store.compact()
        let text = try String(contentsOfFile: store.snapshot!.directory + "/search.jsonl", encoding: .utf8)
        let terms = text.split(separator: "\n").map { line -> [UInt8] in
            let array = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [Any]
            return Array((array[0] as! String).utf8)
        }
        XCTAssertGreaterThan(terms.count, 20)
        XCTAssertEqual(terms, terms.sorted { $0.lexicographicallyPrecedes($1) })
        assertEverythingIsJSON(tmp.store())
    }
}
