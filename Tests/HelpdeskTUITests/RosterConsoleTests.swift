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

    func testARosterConsoleShowsNoBanner() throws {
        let f = try ConsoleFixture()
        f.draw()
        XCTAssertFalse(f.screen.contains("Read only"), f.screen)
    }

    func testANonRosterConsoleOnABreachingStoreWritesNothing() throws {
        let f = try ConsoleFixture(actor: "mallory")
        // A week later every first reply is missed; the console ticks past the watcher's interval.
        var now = ConsoleFixture.clockValue.addingTimeInterval(7 * 86_400)
        let console = Console(store: f.store, terminal: f.terminal, clock: { now })
        let before = f.store.state.lastSeq
        for _ in 0..<3 {
            console.tick()
            console.drawIfNeeded()
            now = now.addingTimeInterval(SLABreachWatcher.interval + 1)
        }
        let reread = try FileStore.open(at: f.directory, actor: "sam")
        XCTAssertEqual(reread.state.lastSeq, before, "no sla.breached (or any) event was written")
        XCTAssertFalse(f.terminal.screenText.contains("not on this store's roster; a supervisor"),
                       "no error from a refused write is shown")
        XCTAssertEqual(SLABreachWatcher.record(store: f.store, now: now), 0, "the store refuses it too")
        XCTAssertEqual(try FileStore.open(at: f.directory, actor: "sam").state.lastSeq, before)
    }
}
