import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// The supervisor's floor on the stats screen: drill-downs that show the value and the owner then, the
/// agents' breaches and overdue promises, at-risk customers, agent rows that open a queue to reassign
/// from, and sparklines with a scale and a comparison.
final class StatsFloorTests: XCTestCase {
    static let t0 = ConsoleFixture.clockValue

    /// The standard fixture plus a ticket Dana has owned for two days without a reply (its first-reply
    /// target missed while she owned it) and her promise on it, three hours overdue.
    static func floor(_ store: FileStore) throws {
        try ConsoleFixture.standard(store)
        let created = t0.addingTimeInterval(-2 * 86_400)
        try store.appendHistory([
            Event(at: created, actor: "sam", change: .ticketCreated(NewTicket(
                subject: "Refund for the broken kettle", priority: .high, assignee: "dana", requester: "c00001",
                message: Message(kind: .customer, author: "c00001", body: "It broke.", at: created)))),
            Event(at: created.addingTimeInterval(60), actor: "dana", change: .promiseMade(CustomerPromise(
                id: 1, text: "Call back about the refund", due: t0.addingTimeInterval(-3 * 3600), ticket: 1004,
                owner: "dana", createdAt: created.addingTimeInterval(60)))),
        ], compact: false)
    }

    func fixture(actor: String = "sam") throws -> ConsoleFixture {
        try ConsoleFixture(size: Size(width: 140, height: 40), actor: actor, populate: Self.floor)
    }

    /// Moves the tile selection to the tile labelled `label` (from the first) and presses Enter.
    func drill(_ f: ConsoleFixture, _ label: String) throws {
        let stats = try XCTUnwrap(f.console.topScreen as? StatsScreen)
        let tiles = StatsTile.tiles(stats.stats, state: f.console.state)
        let i = try XCTUnwrap(tiles.firstIndex { $0.label == label }, "no tile \(label)")
        for _ in 0..<i { f.press("j") }
        f.press("Enter")
    }

    func line(_ screen: String, containing text: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(text) }
    }

    func testAgentRowsShowOverduePromisesAndBreachesOwnedThen() throws {
        let f = try fixture()
        f.press("$")
        XCTAssertTrue(f.screen.contains("OVERDUE") && f.screen.contains("BREACHES"), f.screen)
        let stats = try XCTUnwrap(f.console.topScreen as? StatsScreen)
        let dana = try XCTUnwrap(stats.stats.agents.first { $0.login == "dana" })
        XCTAssertEqual(dana.promisesOverdue, 1)
        XCTAssertEqual(dana.slaMissed, 1, "the first reply was missed while Dana owned the ticket")
        XCTAssertEqual(stats.stats.agents.first { $0.login == "sam" }?.slaMissed, 0)
        let row = try XCTUnwrap(line(f.screen, containing: " Dana Lee"), f.screen)
        // OVERDUE and BREACHES are the last two columns.
        XCTAssertTrue(row.trimmingCharacters(in: .whitespaces).hasSuffix("1       1"), row)
    }

    func testMissedPromisesListTheTextTheOverdueTimeAndTheOwner() throws {
        let f = try fixture()
        f.press("$")
        try drill(f, "Promises missed 7 days")
        let row = try XCTUnwrap(line(f.screen, containing: "Call back about the refund"), f.screen)
        XCTAssertTrue(row.contains("#1004"), row)
        XCTAssertTrue(row.contains("overdue 3h"), row)
        XCTAssertTrue(row.contains("Dana Lee"), row)
    }

    func testSLAMetListsEachMissWithTargetMomentAndOwnerThen() throws {
        let f = try fixture()
        f.press("$")
        // Reassign first: the miss keeps the owner at the moment it happened.
        let base = try XCTUnwrap(f.store.state.tickets[1004]?.version)
        _ = f.console.write([.ticketUpdated(number: 1004, base: base, patch: TicketPatch(assignee: FromTo("dana", "sam")))], done: "")
        f.draw()
        try drill(f, "SLA met 7 days")
        let row = try XCTUnwrap(line(f.screen, containing: "Refund for the broken kettle"), f.screen)
        XCTAssertTrue(row.contains("first reply ("), row)
        XCTAssertTrue(row.contains("missed 2026-"), row)
        XCTAssertTrue(row.contains("owner then Dana Lee"), row)
    }

    func testAtRiskCustomersTileListsThemWithTheReasonAndOpensTheTicket() throws {
        let f = try fixture()
        f.press("$")
        let stats = try XCTUnwrap(f.console.topScreen as? StatsScreen)
        XCTAssertEqual(stats.stats.atRiskCustomers.map(\.name), ["Danielle Okafor"])
        XCTAssertNotNil(line(f.screen, containing: "Customers at risk"), f.screen)
        try drill(f, "Customers at risk")
        let row = try XCTUnwrap(line(f.screen, containing: "missed promise on #1004: Call back about the refund"), f.screen)
        XCTAssertTrue(row.contains("Danielle Okafor"), row)
        XCTAssertTrue(row.contains("#1004 Dana Lee"), row)
        f.press("Enter")
        XCTAssertTrue(f.console.topScreen is TicketScreen, f.screen)
    }

    func testAnAgentRowOpensTheirQueueWhereTicketsAreReassigned() throws {
        let f = try fixture()
        f.press("$", "Tab")
        let stats = try XCTUnwrap(f.console.topScreen as? StatsScreen)
        let i = try XCTUnwrap(stats.stats.agents.firstIndex { $0.login == "dana" })
        for _ in 0..<i { f.press("j") }
        f.press("Enter")
        let queue = try XCTUnwrap(f.console.topScreen as? AgentQueueScreen, f.screen)
        XCTAssertEqual(queue.agent, "dana")
        XCTAssertTrue(f.screen.contains("Queue of Dana Lee: 1 open tickets"), f.screen)
        XCTAssertTrue(f.screen.contains("Refund for the broken kettle"), f.screen)
        f.press("a")
        XCTAssertTrue(f.screen.contains("Sam Carter"), "the assign picker is up:\n\(f.screen)")
        f.press("Down", "Enter")
        f.draw()
        XCTAssertEqual(f.store.state.tickets[1004]?.assignee, "sam", f.screen)
        XCTAssertTrue(queue.rows.isEmpty)
        XCTAssertTrue(f.screen.contains("No open tickets assigned to Dana Lee."), f.screen)
        f.press("q")
        XCTAssertTrue(f.console.topScreen is StatsScreen)
    }

    func testSparklinesShowTheirScaleAndThisWeekAgainstLast() throws {
        let f = try fixture()
        f.press("$")
        let arrivals = try XCTUnwrap(line(f.screen, containing: "Arrivals/day 30 d"), f.screen)
        // The standard tickets are stamped after the fixture's clock; the one two days ago is what the
        // series see: 0 to 1 a day, 1 this week against none the week before.
        XCTAssertTrue(arrivals.contains("0–1 · 7 d 1 vs 0"), arrivals)
        let backlog = try XCTUnwrap(line(f.screen, containing: "Backlog/day 30 d"), f.screen)
        XCTAssertTrue(backlog.contains("0–1 · now 1 vs 0 7 d ago"), backlog)
        XCTAssertEqual(SparklineScale.sums([1, 1, 2, 2], span: 2, unit: "7 d"), "7 d 4 vs 2 (+100%)")
        XCTAssertEqual(SparklineScale.levels([10, 8, 6], span: 2, unit: "7 d"), "now 6 vs 10 7 d ago (-40%)")
    }
}

extension StatsFloorTests {
    func testAtEightyColumnsPresenceGivesWayToOverdueAndBreaches() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 30), populate: Self.floor)
        f.press("$")
        let header = try XCTUnwrap(line(f.screen, containing: "AGENT"), f.screen)
        XCTAssertTrue(header.contains("OVERDUE") && header.contains("BREACHES"), header)
        XCTAssertFalse(header.contains("WRITING") || header.contains("VIEWING"), header)
        let row = try XCTUnwrap(line(f.screen, containing: " Dana Lee"), f.screen)
        XCTAssertTrue(row.trimmingCharacters(in: .whitespaces).hasSuffix("1       1"), row)
    }
}
