import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Saved views, SLA clock inputs and settled SLA misses survive compaction; an older build's breach event
/// changes nothing.
final class QueueStateRoundTripTests: XCTestCase {
    func testSavedViewsAndSLAFieldsSurviveCompaction() throws {
        let tmp = TemporaryDirectory()
        let clock = TestClock()
        let store = try Fixture.makeStore(at: tmp.store(), clock: clock)
        try store.append([Fixture.newTicket("Grinder"), Fixture.newTicket("Beans")])
        try store.append([.viewSaved(SavedView(owner: "dana", name: "vip open", query: "tag:vip status:open"))])
        try store.append([.viewSaved(SavedView(owner: "sam", name: "mine", query: "assignee:me"))])
        try store.append([.viewSaved(SavedView(owner: "dana", name: "urgent", query: "priority:urgent"))])
        clock.advance(3600)
        try store.append([Fixture.setStatus(store, 1001, .pending)])
        clock.advance(2 * 86_400)
        try store.append([Fixture.setStatus(store, 1001, .open)])
        // Two days on, #1002's first reply was missed; an older console's breach event settles it, no more.
        try store.append([.slaBreached(number: 1002, target: .firstReply, since: Fixture.t0)])
        let replay = try FileStore.open(at: tmp.store(), actor: "dana")
        try store.compact()
        try store.append([.viewRemoved(owner: "dana", name: "vip open")])
        try store.append([Fixture.setStatus(store, 1002, .onHold)])
        try replay.refresh()

        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        assertSameState(reopened.state, replay.state)
        assertSameState(reopened.state, store.state)
        XCTAssertEqual(reopened.state.savedViews["dana"]?.map(\.name), ["urgent"])
        XCTAssertEqual(reopened.state.savedViews["sam"]?.map(\.query), ["assignee:me"])
        let t = reopened.state.tickets[1001]!
        XCTAssertGreaterThan(t.pausedSeconds, 0, "two days pending were banked")
        XCTAssertNotNil(t.statusChangedAt)
        let misses = reopened.state.tickets[1002]?.slaMisses ?? []
        XCTAssertEqual(misses.map(\.key), ["first-reply"], "8 business hours ran out in the two days; 72 did not")
        XCTAssertTrue(misses.allSatisfy { $0.at < Fixture.t0.addingTimeInterval(3 * 86_400 + 3600) && $0.target > 0 })
        XCTAssertEqual(misses, store.state.tickets[1002]?.slaMisses, "the snapshot keeps what replay derives")

        // The same old event again is harmless: nothing is recorded twice.
        try reopened.append([.slaBreached(number: 1002, target: .firstReply, since: Fixture.t0)])
        XCTAssertEqual(reopened.state.tickets[1002]?.slaMisses, misses)
        XCTAssertThrowsError(try reopened.append([.viewRemoved(owner: "dana", name: "nope")]))
        XCTAssertThrowsError(try reopened.append([.viewSaved(SavedView(owner: "dana", name: "bad/name", query: ""))]))
    }
}
