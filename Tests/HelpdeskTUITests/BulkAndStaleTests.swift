import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// Bulk actions on marked tickets, and the offer to re-apply a change refused as stale.
final class BulkAndStaleTests: XCTestCase {
    /// Another agent's process on the same store.
    func dana(_ f: ConsoleFixture) throws -> FileStore {
        try FileStore.open(at: f.directory, actor: "dana", clock: { ConsoleFixture.clockValue.addingTimeInterval(30) })
    }

    func testBulkStatusChangesMarkedTicketsAndReportsOnesChangedUnderneath() throws {
        let f = try ConsoleFixture()
        f.press("3")
        f.press("Space", "Space", "Space")   // marks #1001, #1002, #1003 (each Space moves down)
        XCTAssertEqual(f.console.queue.marks.versions.count, 3)
        XCTAssertTrue(f.screen.contains("●"), "marked rows show the marker:\n\(f.screen)")
        // Meanwhile Dana sets #1002 pending.
        let other = try dana(f)
        let t = other.state.tickets[1002]!
        try other.append([.ticketUpdated(number: 1002, base: t.version, patch: TicketPatch(status: FromTo(t.status, .pending)))])
        f.press("s")
        f.type("on hold")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Set status on hold on 3 tickets?"), f.screen)
        f.press("y")
        XCTAssertEqual(f.store.state.tickets[1001]?.status, .onHold)
        XCTAssertEqual(f.store.state.tickets[1003]?.status, .onHold)
        XCTAssertEqual(f.store.state.tickets[1002]?.status, .pending, "Dana's change is not overwritten")
        XCTAssertTrue(f.screen.contains("2 changed"), f.screen)
        XCTAssertTrue(f.screen.contains("1 refused"), f.screen)
        XCTAssertTrue(f.screen.contains("#1002 status changed by Dana Lee"), f.screen)
        XCTAssertEqual(Array(f.console.queue.marks.versions.keys), [1002], "the refused one stays marked")
        // One event per ticket.
        XCTAssertEqual(try f.store.history(ofTicket: 1001).filter { $0.change.typeName == "ticket.updated" }.count, 1)
    }

    func testRangeAndMarkAllAndClear() throws {
        let f = try ConsoleFixture()
        f.press("3")
        f.press("v", "j", "j", "v")
        XCTAssertEqual(Set(f.console.queue.marks.versions.keys), [1001, 1002, 1003])
        f.press("Esc")
        XCTAssertTrue(f.console.queue.marks.isEmpty)
        f.press("*")
        XCTAssertEqual(f.console.queue.marks.versions.count, 3)
        f.press("c", "y")
        XCTAssertEqual(f.store.state.tickets.values.filter { $0.assignee == "sam" }.count, 3)
        XCTAssertEqual(f.store.state.tickets[1001]?.status, .open, "claiming a new ticket opens it")
        XCTAssertTrue(f.screen.contains("2 changed, 1 already so"), f.screen)
    }

    func testBulkOnAnEmptyViewSaysSo() throws {
        let f = try ConsoleFixture()
        f.press("4")   // Pending: empty
        f.press("*")
        XCTAssertTrue(f.screen.contains("Nothing to mark: this view is empty"), f.screen)
        f.press("Esc")
        XCTAssertTrue(f.screen.contains("No tickets are marked"), f.screen)
    }

    func testBulkTagsAddAndRemove() throws {
        let f = try ConsoleFixture()
        f.press("3", "*", "t")
        f.type("refund -none")
        f.press("Enter", "y")
        XCTAssertEqual(f.store.state.tickets.values.map(\.tags), [["refund"], ["refund"], ["refund"]])
    }

    func testStaleChangeShowsWhatChangedAndCanBeReapplied() throws {
        let f = try ConsoleFixture()
        f.press("3", "Enter")   // #1001 open on screen, as loaded
        let other = try dana(f)
        let t = other.state.tickets[1001]!
        try other.append([.ticketUpdated(number: 1001, base: t.version, patch: TicketPatch(status: FromTo(t.status, .pending)))])
        f.press("s")
        f.type("solved")
        f.press("Enter")
        let s = f.screen
        XCTAssertTrue(s.contains("Changed underneath"), s)
        XCTAssertTrue(s.contains("Dana Lee changed #1001"), s)
        XCTAssertTrue(s.contains("status is now pending"), s)
        XCTAssertTrue(s.contains("Re-apply your change on top?"), s)
        XCTAssertEqual(f.store.state.tickets[1001]?.status, .pending, "nothing overwritten before the answer")
        f.press("y")
        XCTAssertEqual(f.store.state.tickets[1001]?.status, .solved)
        let last = try XCTUnwrap(f.store.history(ofTicket: 1001).last)
        XCTAssertEqual(TicketPatch.fromEvent(last)?.descriptions, ["status: pending → solved"], "history shows the real transition")
    }

    func testStaleChangeCanBeDropped() throws {
        let f = try ConsoleFixture()
        f.press("3", "Enter")
        let other = try dana(f)
        let t = other.state.tickets[1001]!
        try other.append([.ticketUpdated(number: 1001, base: t.version, patch: TicketPatch(priority: FromTo(t.priority, .urgent)))])
        f.press("p")
        f.type("low")
        f.press("Enter", "n")
        XCTAssertEqual(f.store.state.tickets[1001]?.priority, .urgent)
    }
}

extension TicketPatch {
    static func fromEvent(_ e: Event) -> TicketPatch? {
        if case .ticketUpdated(_, _, let p) = e.change { return p }
        return nil
    }
}
