import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// A console opened by a login that is not on the roster reads, says so, and writes nothing.
final class RosterConsoleTests: XCTestCase {
    func testANonRosterConsoleShowsAReadOnlyBannerWithHowToBeAdded() throws {
        let f = try ConsoleFixture(actor: "mallory")
        f.draw()
        let top = f.terminal.screenLines[0]
        XCTAssertTrue(top.contains("Read only"), f.screen)
        XCTAssertTrue(f.screen.contains("helpdesk agent add mallory"), f.screen)
        XCTAssertTrue(f.screen.contains("Grinder squeaks"), "the queue is still shown:\n\(f.screen)")
    }

    func testAReadOnlyConsoleRefusesWritingKeysUpFrontAndStillMoves() throws {
        let f = try ConsoleFixture(actor: "mallory")
        f.draw()
        f.press("c")
        XCTAssertTrue(f.screen.contains(":claim changes the store"), f.screen)
        f.press("Enter")
        XCTAssertTrue(f.console.topScreen is TicketScreen, "reading still works:\n\(f.screen)")
        f.press("r")   // not even a reply screen to type into and lose
        XCTAssertFalse(f.console.topScreen is ComposeScreen, f.screen)
        XCTAssertTrue(f.screen.contains(":reply changes the store"), f.screen)
        XCTAssertEqual(f.store.state.lastSeq, try FileStore.open(at: f.directory, actor: "sam").state.lastSeq)
    }

    func testARosterConsoleShowsNoBanner() throws {
        let f = try ConsoleFixture()
        f.draw()
        XCTAssertFalse(f.screen.contains("Read only"), f.screen)
    }

    func testANonRosterConsoleOnABreachingStoreWritesNothing() throws {
        let f = try ConsoleFixture(actor: "mallory")
        // A week later every first reply is missed; the console ticks for a few minutes.
        var now = ConsoleFixture.clockValue.addingTimeInterval(7 * 86_400)
        let console = Console(store: f.store, terminal: f.terminal, clock: { now })
        let before = f.store.state.lastSeq
        for _ in 0..<3 {
            console.tick()
            console.drawIfNeeded()
            now = now.addingTimeInterval(61)
        }
        let reread = try FileStore.open(at: f.directory, actor: "sam")
        XCTAssertEqual(reread.state.lastSeq, before, "no sla.breached (or any) event was written")
        XCTAssertFalse(f.terminal.screenText.contains("not on this store's roster; a supervisor"),
                       "no error from a refused write is shown")
        XCTAssertThrowsError(try f.store.append([.slaBreached(number: 1001, target: .firstReply, since: ConsoleFixture.clockValue)]),
                             "the store refuses any write from a login off the roster")
        XCTAssertEqual(try FileStore.open(at: f.directory, actor: "sam").state.lastSeq, before)
    }
}
