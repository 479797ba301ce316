import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

final class RoundTripTests: XCTestCase {
    func testCreateAppendReopenGivesTheSameState() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        XCTAssertEqual(store.state.agents["dana"]?.role, .supervisor, "the creator is the first agent, a supervisor")
        let created = try store.append([Fixture.newTicket("Printer on fire"), Fixture.newTicket("Wifi down")])
        XCTAssertEqual(created.map(\.ticketNumber), [1001, 1002])
        try store.append([Fixture.note(1001, "Called the fire brigade.\nLine two with \"quotes\" and ünïcødé 🔥")])
        try store.append([Fixture.setStatus(store, 1001, .pending)])
        try store.append([.ticketRated(number: 1001, satisfaction: Satisfaction(score: 4, comment: "ok", at: Fixture.t0))])
        try store.append([.promiseMade(CustomerPromise(id: 0, text: "call back", due: Fixture.t0, ticket: 1002, owner: "dana", createdAt: Fixture.t0))])
        try store.append([.promiseResolved(id: 1, state: .kept)])
        try store.append([.templateSaved(Template(name: "thanks", body: "Thanks {{name}}"))])

        let reopened = try FileStore.open(at: tmp.store(), actor: "sam")
        assertSameState(store.state, reopened.state)
        XCTAssertEqual(reopened.state.tickets[1001]?.status, .pending)
        XCTAssertEqual(reopened.state.tickets[1001]?.messageCount, 2)

        let thread = try reopened.ticket(1001)
        XCTAssertTrue(thread.threadLoaded)
        XCTAssertEqual(thread.messages.map(\.body), ["Hello, it is broken.", "Called the fire brigade.\nLine two with \"quotes\" and ünïcødé 🔥"])
        XCTAssertTrue(reopened.state.tickets[1001]!.messages.isEmpty, "message bodies are not kept in the state")
        XCTAssertEqual(try reopened.history(ofTicket: 1002).map(\.change.typeName), ["ticket.created", "promise.made", "promise.resolved"])
        XCTAssertEqual(try reopened.history(ofCustomer: "c00001").map(\.change.typeName), ["customer.created"])
        assertEverythingIsJSON(tmp.store())
    }

    func testSnapshotPlusTailEqualsPureReplay() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.customer("Bob", "bob@example.com")])
        for i in 0..<30 { try store.append([Fixture.newTicket("Ticket \(i)", requester: i % 2 == 0 ? "c00001" : "c00002")]) }
        for n in 1001...1030 where n % 3 == 0 { try store.append([Fixture.note(n, "note on \(n)")]) }
        let replayOnly = try FileStore.open(at: tmp.store(), actor: "dana")   // no snapshot yet
        XCTAssertNil(replayOnly.snapshot)

        try store.compact()
        XCTAssertNotNil(store.snapshot)
        for n in 1001...1030 where n % 5 == 0 { try store.append([Fixture.setStatus(store, n, .solved)]) }
        try store.append([.customerUpdated(id: "c00002", base: 1, patch: CustomerPatch(name: FromTo("Bob", "Bobby")))])
        try replayOnly.refresh()

        let fromSnapshot = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(fromSnapshot.snapshot?.lastSeq, 44, "4 setup events, 30 tickets, 10 notes")
        assertSameState(fromSnapshot.state, replayOnly.state)
        assertSameState(fromSnapshot.state, store.state)
        for n in [1003, 1005, 1030] {
            XCTAssertEqual(try fromSnapshot.ticket(n), try replayOnly.ticket(n))
            XCTAssertEqual(try fromSnapshot.history(ofTicket: n), try replayOnly.history(ofTicket: n))
        }
        XCTAssertEqual(try fromSnapshot.history(ofCustomer: "c00002").count, 2)
        assertEverythingIsJSON(tmp.store())
    }

    func testHistorySurvivesRepeatedCompaction() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("Long story")])
        var expected = ["ticket.created"]
        for round in 0..<4 {
            try store.append([Fixture.note(1001, "round \(round)")])
            try store.append([Fixture.setStatus(store, 1001, round % 2 == 0 ? .pending : .open)])
            expected += ["message.added", "ticket.updated"]
            try store.compact()
        }
        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(try reopened.history(ofTicket: 1001).map(\.change.typeName), expected)
        XCTAssertEqual(try reopened.ticket(1001).messages.count, 5)
        XCTAssertEqual(try reopened.history(ofTicket: 1001).map(\.seq), try store.history(ofTicket: 1001).map(\.seq))
        // Old segments and snapshots are gone; one of each remains.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.store().path + "/snapshots").count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.store().path + "/log").count, 1)
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
    }

    func testAutomaticCompactionAfterThreshold() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        store.compactionThreshold = 10
        for i in 0..<25 { try store.append([Fixture.newTicket("T\(i)")]) }
        XCTAssertNotNil(store.snapshot, "the store compacted itself")
        XCTAssertNil(store.lastCompactionError)
        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        assertSameState(reopened.state, store.state)
        XCTAssertLessThan(reopened.tail.count, 10)
    }

    func testBulkLoadIsOneBatchPerChunkAndCompacts() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        var changes: [Change] = []
        for i in 0..<500 { changes.append(Fixture.newTicket("Bulk \(i)")) }
        for n in 1001...1500 { changes.append(Fixture.note(n, "bulk note")) }
        XCTAssertEqual(try store.bulkLoad(changes, batchSize: 300), 1000)
        XCTAssertEqual(store.state.tickets.count, 500)
        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        assertSameState(reopened.state, store.state)
        XCTAssertEqual(try reopened.ticket(1500).messages.map(\.body), ["Hello, it is broken.", "bulk note"])
    }

    func testAFailedChangeWritesNothing() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        let before = store.state.lastSeq
        XCTAssertThrowsError(try store.append([Fixture.newTicket("ok"), Fixture.newTicket("bad", requester: "c99999")])) {
            XCTAssertEqual($0 as? ChangeError, .customerNotFound("c99999"))
        }
        XCTAssertEqual(store.state.lastSeq, before)
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").state.lastSeq, before)
    }

    func testBatchesMayReferToEarlierChanges() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        let events = try store.append([Fixture.customer("New Person", "new@example.com"), Fixture.newTicket("first", requester: "c00002")])
        XCTAssertEqual(events.map(\.seq), [4, 5])
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").state.tickets[1001]?.requester, "c00002")
    }

    func testFractionalDatesRoundTripExactly() throws {
        let tmp = TemporaryDirectory()
        let store = try FileStore.create(at: tmp.store(), info: Fixture.info(), creator: Fixture.dana,
                                         clock: { Date(timeIntervalSince1970: 1_790_000_000.75) })
        try store.append([.customerCreated(Customer(id: "", name: "Frac", emails: ["f@x.org"], customerSince: Date(timeIntervalSince1970: 1_700_000_000.5)))])
        assertSameState(store.state, try FileStore.open(at: tmp.store(), actor: "dana").state)
    }
}
