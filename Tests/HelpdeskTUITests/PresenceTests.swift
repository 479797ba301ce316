import Foundation
import Glibc
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// Presence: other consoles' heartbeats shown in the queue and the ticket header; stale ones ignored.
final class PresenceTests: XCTestCase {
    /// Writes another console's heartbeat (this test process's pid stands in for a live console).
    static func beat(_ f: ConsoleFixture, agent: String, ticket: Int?, composing: Bool = false, age: TimeInterval = 0,
                     pid: Int32 = getpid() == 1 ? 2 : getpid()) throws {
        let files = f.store.presenceFiles()
        // A different "pid" than the console's own is needed: the console ignores its own heartbeat.
        let p = Presence(agent: agent, pid: pid, host: files.host, ticket: ticket, composing: composing,
                         at: ConsoleFixture.clockValue.addingTimeInterval(-age))
        try files.publish(p)
        f.console.presence?.update(console: f.console, force: true)
        f.draw()
    }

    /// A live process other than this one: the parent (the test runner's launcher).
    static var otherLivePID: Int32 { getppid() }

    func testOthersAreMarkedInTheQueueAndNamedInTheTicketHeader() throws {
        let f = try ConsoleFixture()
        f.press("3")
        try Self.beat(f, agent: "dana", ticket: 1001, pid: Self.otherLivePID)
        XCTAssertTrue(f.screen.contains("◉dana Grinder squea"), f.screen)
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Dana is viewing"), f.screen)
        try Self.beat(f, agent: "dana", ticket: 1001, composing: true, pid: Self.otherLivePID)
        XCTAssertTrue(f.screen.contains("Dana is replying"), f.screen)
        f.press("q")
        XCTAssertTrue(f.screen.contains("✎dana Grinder squea"), f.screen)
    }

    func testOwnHeartbeatIsPublishedAndWithdrawn() throws {
        let f = try ConsoleFixture()
        f.press("3", "Enter")
        f.console.presence?.update(console: f.console, force: true)
        let files = f.store.presenceFiles().read()
        let mine = try XCTUnwrap(files.first { $0.pid == getpid() })
        XCTAssertEqual(mine.agent, "sam")
        XCTAssertEqual(mine.ticket, 1001)
        XCTAssertFalse(mine.composing)
        f.press("m")
        f.console.presence?.update(console: f.console, force: true)
        XCTAssertEqual(f.store.presenceFiles().read().first { $0.pid == getpid() }?.composing, true, "a form open counts as writing")
        f.console.presence?.withdraw()
        XCTAssertTrue(f.store.presenceFiles().read().isEmpty)
    }

    /// "Writing" means the reply screen is open, typed into or not, however long it has been since
    /// the last key (issue 11, item 6); the other agent's own reply screen says so too.
    func testAnOpenReplyScreenCountsAsReplyingUntilItCloses() throws {
        let f = try ConsoleFixture()
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.press("r")
        f.console.presence?.update(console: f.console, force: true)
        func mine() -> Presence? { f.store.presenceFiles().read().first { $0.pid == getpid() } }
        XCTAssertEqual(mine()?.composing, true, "opening the reply screen is replying, before any key")
        f.type("Hello")
        // The draft saved, as autosave does two seconds after the last key (which made it "viewing").
        _ = (f.console.topScreen as? ComposeScreen)?.saveDraftNow(console: f.console)
        f.console.presence?.update(console: f.console, force: true)
        XCTAssertEqual(mine()?.composing, true, "still replying once the draft is saved")
        try Self.beat(f, agent: "dana", ticket: 1001, composing: true, pid: Self.otherLivePID)
        XCTAssertTrue(f.screen.contains("Dana is also replying"), f.screen)
        f.press("Esc")
        f.console.presence?.update(console: f.console, force: true)
        XCTAssertEqual(mine()?.composing, false, "leaving the reply screen ends it")
    }

    func testStaleAndDeadHeartbeatsAreIgnored() throws {
        let f = try ConsoleFixture()
        f.press("3")
        try Self.beat(f, agent: "dana", ticket: 1001, age: Presence.lifetime + 1, pid: Self.otherLivePID)
        XCTAssertFalse(f.screen.contains("◉dana"), "older than the lifetime: gone\n\(f.screen)")
        // A console on this host whose process is gone is ignored at once, and its file tidied away.
        let dead: Int32 = Int32.max - 7
        try Self.beat(f, agent: "lee", ticket: 1001, pid: dead)
        XCTAssertFalse(f.screen.contains("◉lee"), f.screen)
        XCTAssertFalse(FileManager.default.fileExists(atPath: f.store.presenceDirectory.appendingPathComponent("lee-\(dead).json").path))
        try Self.beat(f, agent: "dana", ticket: 1001, age: Presence.lifetime - 1, pid: Self.otherLivePID)
        XCTAssertTrue(f.screen.contains("◉dana"), f.screen)
    }

    func testPresenceExpiryIsPure() {
        let t = Date(timeIntervalSince1970: 1_000_000)
        let p = Presence(agent: "dana", pid: 10, host: "h", ticket: 1, at: t)
        XCTAssertTrue(p.isFresh(at: t.addingTimeInterval(Presence.lifetime)))
        XCTAssertFalse(p.isFresh(at: t.addingTimeInterval(Presence.lifetime + 0.5)))
        let board = PresenceBoardView([p, Presence(agent: "sam", pid: 11, host: "h", ticket: 1, composing: true, at: t)],
                                      now: t, excludingPID: 11, host: "h")
        XCTAssertEqual(board.on(ticket: 1).map(\.agent), ["dana"], "a console never sees itself")
        XCTAssertEqual(board.onlineAgents, ["dana"])
    }
}

