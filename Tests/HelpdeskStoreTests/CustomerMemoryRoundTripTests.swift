import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Customer merges, usual-order edits, promises and ratings survive compaction: a store opened from
/// snapshot + tail equals one replayed from the log.
final class CustomerMemoryRoundTripTests: XCTestCase {
    /// A promise made and resolved in one batch (the demo, an import) is in its ticket's history,
    /// not filed as an event about nothing.
    func testAPromiseResolvedInTheBatchThatMadeItIsInTheTicketsHistory() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("promised")])
        try store.append([.promiseMade(CustomerPromise(id: 0, text: "call back", due: Fixture.t0.addingTimeInterval(3600),
                                                       ticket: 1001, owner: "dana", createdAt: Fixture.t0)),
                          .promiseResolved(id: 1, state: .kept)])
        for reader in [store, try FileStore.open(at: tmp.store(), actor: "dana")] {
            let kinds = try reader.history(ofTicket: 1001).map(\.change)
            XCTAssertTrue(kinds.contains { if case .promiseResolved = $0 { true } else { false } }, "\(kinds)")
        }
    }

    func testMergePromisesAndEditsSurviveCompaction() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.customer("Bob", "bob@example.com"), Fixture.customer("Robert", "rob@work.example")])
        for i in 0..<6 { try store.append([Fixture.newTicket("Ticket \(i)", requester: ["c00001", "c00002", "c00003"][i % 3])]) }
        try store.append([.promiseMade(CustomerPromise(id: 0, text: "call back", due: Fixture.t0.addingTimeInterval(3600),
                                                       ticket: 1002, owner: "dana", createdAt: Fixture.t0)),
                          .promiseMade(CustomerPromise(id: 0, text: "send beans", due: Fixture.t0.addingTimeInterval(7200),
                                                       ticket: 1003, owner: "dana", createdAt: Fixture.t0))])
        let bob = store.state.customers["c00002"]!
        try store.append([.customerUpdated(id: "c00002", base: bob.version,
                                           patch: CustomerPatch.diff(bob, usualOrder: .some("flat white")))])
        let replayOnly = try FileStore.open(at: tmp.store(), actor: "dana")

        try store.append([.customerMerged(from: "c00003", into: "c00002")])
        try store.compact()
        try store.append([.promiseResolved(id: 1, state: .kept),
                          .ticketRated(number: 1002, satisfaction: Satisfaction(score: 2, comment: "slow", at: Fixture.t0))])
        let bob2 = store.state.customers["c00002"]!
        try store.append([.customerUpdated(id: "c00002", base: bob2.version,
                                           patch: CustomerPatch.diff(bob2, usualOrder: .some("oat flat white")))])
        try replayOnly.refresh()

        let fromSnapshot = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertNotNil(fromSnapshot.snapshot)
        assertSameState(fromSnapshot.state, replayOnly.state)
        assertSameState(fromSnapshot.state, store.state)
        let s = fromSnapshot.state
        XCTAssertEqual(s.customers["c00003"]?.mergedInto, "c00002")
        XCTAssertEqual(s.ticketsByCustomer["c00002"], [1002, 1003, 1005, 1006])
        XCTAssertEqual(s.customer(matching: "rob@work.example")?.id, "c00002")
        XCTAssertEqual(s.openPromises.map(\.text), ["send beans"])
        // The survivor's history shows the order changing and the merge, with who did it.
        let history = try fromSnapshot.history(ofCustomer: "c00002")
        XCTAssertEqual(history.map(\.change.typeName), ["customer.created", "customer.updated", "customer.merged", "customer.updated"])
        XCTAssertEqual(try fromSnapshot.history(ofCustomer: "c00003").last?.change.typeName, "customer.merged")
        XCTAssertEqual(history.last?.actor, "dana")
    }
}
