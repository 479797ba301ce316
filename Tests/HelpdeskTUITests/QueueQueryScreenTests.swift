import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// The queue's query filter, saved views, the SLA column and full-text search, on a real store.
final class QueueQueryScreenTests: XCTestCase {
    func testSlashFilterAcceptsTheQueryLanguage() throws {
        let f = try ConsoleFixture()
        f.press("3")
        f.press("/")
        f.type("priority:>=high")
        XCTAssertTrue(f.screen.contains("All open (1 of 3)"), f.screen)
        XCTAssertTrue(f.screen.contains("Grinder squeaks"), f.screen)
        XCTAssertFalse(f.screen.contains("Subscription pause"), f.screen)
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("1 of 3 match"), f.screen)
        // Negation and free words (customer name) together.
        f.press("/")
        f.press("C-u")
        f.type("-tag:none dani -grinder")
        XCTAssertTrue(f.screen.contains("Subscription pause"), f.screen)
        XCTAssertFalse(f.screen.contains("Grinder squeaks"), f.screen)
    }

    func testInvalidQueryPointsAtTheBadWordAndKeepsTheLastGoodOne() throws {
        let f = try ConsoleFixture()
        f.press("3")
        f.press("/")
        f.type("grinder stauts:open")
        XCTAssertTrue(f.screen.contains("'stauts:open' at column 9: unknown field 'stauts'"), f.screen)
        f.press("Enter")
        XCTAssertTrue(f.console.queue.capturesText, "the field stays open on Enter while the query is wrong")
        XCTAssertTrue(f.screen.contains("Query: 'stauts:open' at column 9"), f.screen)
        XCTAssertTrue(f.screen.contains("All open (0 of 3)"), "the last query that parsed ('grinder stauts') stays in force:\n\(f.screen)")
        f.press("Escape")
        XCTAssertFalse(f.console.queue.capturesText)
        XCTAssertTrue(f.screen.contains("All open (3)"), f.screen)
    }

    func testViewQueryAndSavedViewsInTheSidebar() throws {
        let f = try ConsoleFixture()
        f.press(":")
        f.type("view priority:low,high sort:priority")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("All (2 of 3)"), f.screen)
        f.press(":")
        f.type("save-view lows and highs")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Saved view 'lows and highs'"), f.screen)
        XCTAssertTrue(f.screen.contains("lows and highs (2)"), "the saved view is selected:\n\(f.screen)")
        XCTAssertEqual(f.store.state.savedViews["sam"]?.first?.query, "priority:low,high sort:priority")
        // A second console of the same agent sees it in its sidebar; another agent does not.
        let other = Console(store: try FileStore.open(at: f.directory, actor: "dana"), terminal: MemoryTerminal(size: Size(width: 100, height: 30)))
        XCTAssertFalse(other.queue.views.contains { $0.title == "lows and highs" })
        let again = Console(store: try FileStore.open(at: f.directory, actor: "sam"), terminal: MemoryTerminal(size: Size(width: 100, height: 30)))
        XCTAssertEqual(again.queue.views.last?.title, "lows and highs")
        XCTAssertEqual(again.queue.count(ofViewID: "saved:lows and highs"), 2)

        f.press(":")
        f.type("save-view bad/name")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("a view name uses letters"), f.screen)
        f.press(":")
        f.type("delete-view lows and highs")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Deleted view"), f.screen)
        XCTAssertNil(f.store.state.savedViews["sam"])
        XCTAssertFalse(f.console.queue.views.contains { $0.title == "lows and highs" })
        f.press(":")
        f.type("delete-view nope")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("no saved view named 'nope'"), f.screen)
    }

    func testDueColumnShowsTheNextTargetAndDueSoonCounts() throws {
        let f = try ConsoleFixture()
        f.press("3")
        XCTAssertTrue(f.screen.contains("Due"), f.screen)
        let grinder = f.terminal.screenLines.first { $0.contains("Grinder squeaks") }!
        XCTAssertTrue(grinder.contains(" 4h "), "high priority: 4 business hours to the first reply:\n\(grinder)")
        let pause = f.terminal.screenLines.first { $0.contains("Subscription pause") }!
        XCTAssertTrue(pause.contains(" 1d "), "low priority: 24 business hours:\n\(pause)")
        XCTAssertEqual(f.console.queue.count(ofViewID: "due-soon"), 0)
        f.press("/")
        f.type("sort:due")
        let lines = f.terminal.screenLines
        XCTAssertLessThan(lines.firstIndex { $0.contains("Grinder squeaks") }!, lines.firstIndex { $0.contains("咖啡豆") }!)
    }

    func testBreachesAreDerivedNotWritten() throws {
        let f = try ConsoleFixture()
        // A week later (40 business hours): every first reply is missed, and the high ticket's resolution.
        var now = ConsoleFixture.clockValue.addingTimeInterval(7 * 86_400)
        let console = Console(store: f.store, terminal: f.terminal, clock: { now })
        let before = f.store.state.lastSeq
        for _ in 0..<3 {
            console.tick()
            console.drawIfNeeded()
            now = now.addingTimeInterval(61)
        }
        XCTAssertEqual(try FileStore.open(at: f.directory, actor: "dana").state.lastSeq, before, "an open console writes nothing")
        let t = f.store.state.tickets[1001]!
        let misses = f.store.state.slaMisses(of: t, now: now)
        XCTAssertEqual(misses.map(\.key).sorted(), ["first-reply", "resolution"])
        let opened = ConsoleFixture.clockValue
        XCTAssertTrue(misses.allSatisfy { $0.at > opened && $0.at < opened.addingTimeInterval(7 * 86_400) },
                      "each miss carries the moment it ran out: \(misses)")
        // The ticket header says it in words, never "0s".
        console.execute(CommandInvocation(parsing: "open 1001")!)
        console.drawIfNeeded()
        let header = f.terminal.screenLines[1]
        XCTAssertTrue(header.contains("first reply overdue"), header)
        XCTAssertTrue(header.contains("missed resolution"), header)
        XCTAssertFalse(header.contains("0s"), header)
    }

    func testSearchScreenListsResultsAndOpensATicket() throws {
        let f = try ConsoleFixture()
        f.press("S")
        XCTAssertTrue(f.console.topScreen is SearchScreen)
        f.type("squeaks loudly")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Search: squeaks loudly (1 tickets"), f.screen)
        XCTAssertTrue(f.screen.contains("Grinder squeaks"), f.screen)
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("#1001  Grinder squeaks"), f.screen)
        f.press("q")
        XCTAssertTrue(f.console.topScreen is SearchScreen)
        // Customer notes count: Dani is allergic to hazelnut, and has two tickets.
        f.press(":")
        f.type("search hazelnut")
        f.press("Enter")
        XCTAssertEqual(Set((f.console.topScreen as! SearchScreen).results), [1001, 1003])
        f.press("q", ":")
        f.type("search nothing-like-this")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("No ticket mentions"), f.screen)
    }
}
