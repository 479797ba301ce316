import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Merges, links and auto-assignment settings survive compaction: snapshot + tail equals replay.
final class MergeRoundTripTests: XCTestCase {
    func testMergeLinkAndSettingsRoundTripThroughCompaction() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        for i in 0..<4 { try store.append([Fixture.newTicket("Ticket \(i)", body: "body \(i)")]) }
        var settings = store.state.settings
        settings.autoAssign = AutoAssignSettings(enabled: true, maxOpenLoad: 7)
        try store.append([.settingsChanged(settings)])
        try store.append(TicketMerge.changes(merging: try store.ticket(1002), into: store.state.tickets[1001]!, actor: "dana", at: Fixture.t0))
        try store.append(TicketLinks.link(store.state.tickets[1003]!, store.state.tickets[1001]!))
        let replayOnly = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertNil(replayOnly.snapshot)

        try store.compact()
        // After the snapshot: another merge and an unlink, in the tail.
        try store.append(TicketMerge.changes(merging: try store.ticket(1004), into: store.state.tickets[1001]!, actor: "dana", at: Fixture.t0))
        try store.append(TicketLinks.unlink(store.state.tickets[1003]!, store.state.tickets[1001]!))
        try replayOnly.refresh()

        let fromSnapshot = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertNotNil(fromSnapshot.snapshot)
        assertSameState(fromSnapshot.state, replayOnly.state)
        let s = fromSnapshot.state
        XCTAssertEqual(s.tickets[1002]?.mergedInto, 1001)
        XCTAssertEqual(s.tickets[1004]?.mergedInto, 1001)
        XCTAssertEqual(s.tickets[1002]?.status, .closed)
        XCTAssertEqual(s.tickets[1001]?.links, [1002, 1004])
        XCTAssertEqual(s.tickets[1003]?.links, [])
        XCTAssertEqual(s.settings.autoAssign, AutoAssignSettings(enabled: true, maxOpenLoad: 7))
        XCTAssertEqual(try fromSnapshot.ticket(1001).messages.map(\.body).filter { $0.hasPrefix("body") }, ["body 0", "body 1", "body 3"],
                       "the merged threads are in the target")
        XCTAssertEqual(try fromSnapshot.ticket(1001), try replayOnly.ticket(1001))
        XCTAssertEqual(try fromSnapshot.history(ofTicket: 1002), try replayOnly.history(ofTicket: 1002))
        XCTAssertEqual(try fromSnapshot.ticket(1002).messages.map(\.body), ["body 1"], "the merged ticket keeps its own thread")
        // Rules still hold after reopening: a closed, merged ticket takes no merges.
        XCTAssertThrowsError(try fromSnapshot.append(TicketMerge.changes(merging: try fromSnapshot.ticket(1003),
                                                                         into: fromSnapshot.state.tickets[1002]!, actor: "dana", at: Fixture.t0)))
        assertEverythingIsJSON(tmp.store())
    }

    func testPresenceFilesPublishReadWithdraw() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        let files = store.presenceFiles()
        let me = Presence(agent: "dana", pid: getpid(), host: files.host, ticket: 1001, at: Fixture.t0)
        try files.publish(me)
        try files.publish(Presence(agent: "dana", pid: getpid(), host: files.host, ticket: 1002, composing: true, at: Fixture.t0))
        XCTAssertEqual(files.read().map(\.ticket), [1002], "one file per console, replaced in place")
        // A heartbeat from another host is kept whatever its pid: only this host's pids can be checked.
        let remote = Presence(agent: "sam", pid: Int32.max - 3, host: "elsewhere.example", ticket: 1001, at: Fixture.t0)
        try store.presenceFiles().publish(remote)
        XCTAssertEqual(Set(files.read().map(\.agent)), ["dana", "sam"])
        assertEverythingIsJSON(tmp.store())
        files.withdraw()
        XCTAssertEqual(files.read().map(\.agent), ["sam"])
    }
}
