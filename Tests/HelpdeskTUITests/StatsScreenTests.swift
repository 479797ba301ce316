import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// The live stats screen on an in-memory terminal: tiles, drill-down, who sees which rows, live update.
final class StatsScreenTests: XCTestCase {
    func agentRow(_ screen: String, _ name: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.hasPrefix(" " + name) }
    }

    /// The REPLIES column of an agent's row.
    func replies(_ row: String) -> Int? {
        let chars = Array(row)
        let start = 1 + 18 + 8 + 9 + 8 + 6
        guard chars.count > start else { return nil }
        return Int(String(chars[start..<min(chars.count, start + 8)]).trimmingCharacters(in: .whitespaces))
    }

    func testDollarOpensTheScreenWithTilesAgentsAndSparklines() throws {
        let f = try ConsoleFixture(size: Size(width: 110, height: 34))
        f.press("$")
        let s = f.screen
        XCTAssertTrue(s.contains(" Stats · Test Café"), s)
        XCTAssertTrue(s.contains("Backlog") && s.contains("3  new 3"), s)
        XCTAssertTrue(s.contains("No owner > 1 h"), s)
        XCTAssertTrue(s.contains("Arrivals/hour 24 h"), s)
        XCTAssertNotNil(agentRow(s, "Sam Carter"), "the supervisor sees their row:\n\(s)")
        XCTAssertNotNil(agentRow(s, "Dana Lee"), "… and everyone else's:\n\(s)")
        f.press("q")
        XCTAssertFalse(f.screen.contains(" Stats · "), "q goes back to the queue")
    }

    func testAnAgentSeesOnlyTheirOwnRow() throws {
        let f = try ConsoleFixture(size: Size(width: 110, height: 34), actor: "dana")
        f.press("$")
        XCTAssertNotNil(agentRow(f.screen, "Dana Lee"), f.screen)
        XCTAssertNil(agentRow(f.screen, "Sam Carter"), f.screen)
    }

    func testEnterListsTheTicketsBehindANumberAndOpensOne() throws {
        let f = try ConsoleFixture(size: Size(width: 110, height: 34))
        f.press("$", "Enter")
        XCTAssertTrue(f.screen.contains("Backlog: 3"), f.screen)
        XCTAssertTrue(f.screen.contains("#1001 Grinder squeaks"), f.screen)
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Grinder squeaks"), f.screen)
        XCTAssertFalse(f.screen.contains(" Stats · "), "the ticket is open on top of the stats:\n\(f.screen)")
        f.press("q")
        XCTAssertTrue(f.screen.contains(" Stats · "), "back to the stats:\n\(f.screen)")
    }

    func testAReplyUpdatesTheNumbersWithoutRescanning() throws {
        let f = try ConsoleFixture(size: Size(width: 110, height: 34))
        f.press("$")
        XCTAssertEqual(agentRow(f.screen, "Sam Carter").flatMap(replies), 0, f.screen)
        let stats = try XCTUnwrap(f.console.topScreen as? StatsScreen)
        XCTAssertEqual(stats.stats.today.firstReply.count, 0)
        _ = f.console.write([.messageAdded(number: 1001, message: Message(kind: .reply, author: "sam", body: "On it",
                                                                          at: ConsoleFixture.clockValue))], done: "")
        f.draw()
        XCTAssertEqual(agentRow(f.screen, "Sam Carter").flatMap(replies), 1, f.screen)
        XCTAssertEqual(stats.stats.today.firstReply.count, 1)
        XCTAssertEqual(stats.stats.today.replies, 1)
        // The same numbers as a fresh computation from scratch.
        let fresh = LiveStats.compute(f.store.state, activity: try StatsActivityLoader.activity(from: f.store, since: .distantPast),
                                      now: ConsoleFixture.clockValue, timeZone: TimeZone(identifier: "UTC")!)
        XCTAssertEqual(stats.stats, fresh)
    }
}
