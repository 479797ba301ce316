import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// The store's whole history, and a new store rebuilt from it event for event.
final class ExportRestoreStoreTests: XCTestCase {
    /// A file store holding every kind of record and event, compacted part-way so its history lives
    /// both in a snapshot and in the log.
    static func storeWithEveryKind(at url: URL) throws -> (FileStore, [Event]) {
        let store = try Fixture.makeStore(at: url)
        var written = try store.allEvents()
        func add(_ changes: [Change]) throws { written += try store.append(changes) }
        try add([.agentSaved(Agent(login: "lee", displayName: "Lee Park", signature: "Lee\nSupport"))])
        try add([.customerCreated(Customer(id: "", name: "Robert Finch", preferredName: "Robert", emails: ["rob@example.net"],
                                           preferences: [Preference(key: "milk", value: "oat", confirmedAt: Fixture.t0)],
                                           customerSince: Fixture.t0, birthday: "04-12"))])
        try add([Fixture.newTicket("Grinder"), Fixture.newTicket("Beans", requester: "c00002")])
        try add([Fixture.note(1001, "Checked the burr")])
        try add([Fixture.setStatus(store, 1001, .pending)])
        try add([.promiseMade(CustomerPromise(id: 0, text: "Call back", due: Fixture.t0.addingTimeInterval(7200), ticket: 1001,
                                              owner: "dana", createdAt: Fixture.t0))])
        try store.compact()
        try add([.promiseResolved(id: 1, state: .kept)])
        try add([.ticketRated(number: 1001, satisfaction: Satisfaction(score: 4, comment: "ok", at: Fixture.t0))])
        try add([.customerMerged(from: "c00002", into: "c00001")])
        let c = store.state.customers["c00001"]!
        try add([.customerUpdated(id: "c00001", base: c.version, patch: CustomerPatch.diff(c, usualOrder: "flat white"))])
        let t2 = store.state.tickets[1002]!
        try add([.ticketUpdated(number: 1002, base: t2.version, patch: TicketPatch.diff(t2, links: [1001]))])
        try add([.slaBreached(number: 1002, target: .firstReply, since: Fixture.t0)])
        try add([.templateSaved(Template(name: "thanks", body: "Thanks {{customer.preferredName}}")), .templateSaved(Template(name: "x", body: "x"))])
        try add([.templateRemoved(name: "x")])
        try add([.viewSaved(SavedView(owner: "dana", name: "Mine", query: "assignee:me")), .viewSaved(SavedView(owner: "sam", name: "Old", query: "status:new"))])
        try add([.viewRemoved(owner: "sam", name: "Old")])
        var s = store.state.settings
        s.name = "Northwind"
        s.sendCommand = "true"
        try add([.settingsChanged(s)])
        return (store, written)
    }

    func testAllEventsIsTheWholeHistoryInOrderAcrossSnapshotAndLog() throws {
        let tmp = TemporaryDirectory()
        let (store, written) = try Self.storeWithEveryKind(at: tmp.store())
        XCTAssertEqual(try store.allEvents(), written)
        XCTAssertEqual(written.map(\.seq), Array(1...written.count))
        // The same from another process's view, after one more compaction.
        try store.compact()
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").allEvents(), written)
    }

    func testCreatingAStoreFromItsHistoryGivesTheSameStore() throws {
        let tmp = TemporaryDirectory()
        let (source, written) = try Self.storeWithEveryKind(at: tmp.store())
        let report = try StoreRestore.create(at: tmp.store("copy"), info: source.info, history: written, source: "test")
        XCTAssertEqual(report.events, written.count)
        XCTAssertEqual(report.tickets, 2)
        let copy = try FileStore.open(at: tmp.store("copy"), actor: "dana")
        assertSameState(copy.state, source.state)
        XCTAssertEqual(try copy.allEvents(), written)
        var expected = source.info
        expected.id = copy.info.id
        XCTAssertEqual(copy.info, expected)
        XCTAssertNotEqual(copy.info.id, source.info.id, "a restored store is a store of its own")
        for n in source.state.tickets.keys {
            XCTAssertEqual(try copy.ticket(n), try source.ticket(n))
        }
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store("copy")).isHealthy)
    }

    func testCreatingRefusesAnExistingStoreOrAFullDirectoryAndLeavesNothingOnFailure() throws {
        let tmp = TemporaryDirectory()
        let (source, written) = try Self.storeWithEveryKind(at: tmp.store())
        XCTAssertThrowsError(try StoreRestore.create(at: tmp.store(), info: source.info, history: written, source: "t")) {
            XCTAssertEqual($0 as? StoreError, .alreadyExists(path: tmp.store().path))
        }
        let full = tmp.store("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full.appendingPathComponent("notes.txt").path, contents: Data("mine".utf8))
        XCTAssertThrowsError(try StoreRestore.create(at: full, info: source.info, history: written, source: "t")) {
            XCTAssertEqual($0 as? BackupError, .targetNotEmpty(path: full.path))
        }
        // A history the store refuses part-way (a promise resolved before it was made): nothing is left behind.
        var broken = written
        broken.swapAt(broken.firstIndex { $0.change.typeName == "promise.made" }!, broken.firstIndex { $0.change.typeName == "promise.resolved" }!)
        XCTAssertThrowsError(try StoreRestore.create(at: tmp.store("broken"), info: source.info, history: broken, source: "t"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted(), ["full", "store"])
        // And a verification that fails leaves nothing either.
        struct No: Error {}
        XCTAssertThrowsError(try StoreRestore.create(at: tmp.store("refused"), info: source.info, history: written, source: "t") { _ in throw No() })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted(), ["full", "store"])
    }
}
