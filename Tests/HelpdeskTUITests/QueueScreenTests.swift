import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

final class QueueScreenTests: XCTestCase {
    func testQueueShowsViewsWithCountsAndTicketRows() throws {
        let f = try ConsoleFixture()
        f.draw()
        let s = f.screen
        XCTAssertTrue(s.contains("My open"), s)
        XCTAssertTrue(s.contains("Unassigned"), s)
        XCTAssertTrue(s.contains("Subscription pause"), "sam's own ticket is in My open:\n\(s)")
        f.press("3")
        XCTAssertTrue(f.screen.contains("All open (3)"), f.screen)
        XCTAssertTrue(f.screen.contains("Grinder squeaks"), f.screen)
        XCTAssertTrue(f.screen.contains("★ Dani"), "VIP customers are starred by preferred name:\n\(f.screen)")
    }

    func testUrgentAndHighComeFirst() throws {
        let f = try ConsoleFixture()
        f.press("3")
        let lines = f.terminal.screenLines
        let grinder = lines.firstIndex { $0.contains("Grinder squeaks") }!
        let pause = lines.firstIndex { $0.contains("Subscription pause") }!
        XCTAssertLessThan(grinder, pause, "high priority above low")
    }

    func testWideCharactersStayAligned() throws {
        let f = try ConsoleFixture()
        f.press("3")
        let lines = f.terminal.screenLines
        let chinese = lines.first { $0.contains("咖啡豆") }!
        let grinder = lines.first { $0.contains("Grinder squeaks") }!
        func column(of text: String, in line: String) -> Int {
            TextWidth.width(of: String(line[..<line.range(of: text)!.lowerBound]))
        }
        // The Age column starts at the same display column in both rows.
        XCTAssertEqual(column(of: "咖啡豆", in: chinese), column(of: "Grinder", in: grinder))
    }

    func testFilterNarrowsIncrementallyEscClearsEnterKeeps() throws {
        let f = try ConsoleFixture()
        f.press("3", "/")
        f.type("grind")
        XCTAssertTrue(f.screen.contains("Grinder squeaks"))
        XCTAssertFalse(f.screen.contains("Subscription pause"), f.screen)
        f.press("Esc")
        XCTAssertTrue(f.screen.contains("Subscription pause"), "Esc clears the filter")
        f.press("/")
        f.type("pause")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("filter: pause"), f.screen)
        XCTAssertFalse(f.screen.contains("Grinder squeaks"))
        // While typing, letters type: 'q' did not quit.
        f.press("/")
        f.type("q")
        XCTAssertTrue(f.console.isRunning)
    }

    func testClaimAssignsToMeAndShowsIt() throws {
        let f = try ConsoleFixture()
        f.press("2")   // Unassigned
        XCTAssertTrue(f.screen.contains("Unassigned (2)"), f.screen)
        f.press("c")
        XCTAssertTrue(f.screen.contains("is yours"), f.screen)
        XCTAssertTrue(f.screen.contains("Unassigned (1)"), f.screen)
        let assigned = f.store.state.tickets.values.filter { $0.assignee == "sam" }.count
        XCTAssertEqual(assigned, 2)
    }

    func testStatusPickerChangesStatus() throws {
        let f = try ConsoleFixture()
        f.press("3", "s")
        XCTAssertTrue(f.screen.contains("Status of #"), f.screen)
        f.type("pend")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("is now pending"), f.screen)
        XCTAssertEqual(f.store.state.tickets.values.filter { $0.status == .pending }.count, 1)
    }

    func testSelectionStaysOnTheSameTicketWhenTheListChanges() throws {
        let f = try ConsoleFixture()
        f.press("3", "j")
        let selected = f.console.queue.selectedTicketNumber
        // Another agent opens a new urgent ticket, which sorts to the top.
        let other = try FileStore.open(at: f.directory, actor: "dana")
        try other.append([.ticketCreated(NewTicket(subject: "Espresso machine on fire", priority: .urgent, requester: "c00002"))])
        f.console.refreshFromStore()
        f.draw()
        XCTAssertTrue(f.screen.contains("Espresso machine on"), f.screen)
        XCTAssertEqual(f.console.queue.selectedTicketNumber, selected)
    }

    func testNarrowTerminalDropsColumnsButKeepsSubject() throws {
        let f = try ConsoleFixture(size: Size(width: 60, height: 20))
        f.press("3")
        XCTAssertTrue(f.screen.contains("Grinder squeaks"), f.screen)
        XCTAssertFalse(f.screen.contains("Updated"), "the least important column goes first:\n\(f.screen)")
        let header = f.terminal.screenLines.first { $0.contains("Subject") }!
        XCTAssertFalse(header.contains("…"), "no half-shown headers: \(header)")
        XCTAssertFalse(f.screen.contains("Views"), "no sidebar at 60 columns")
    }

    func testTinyTerminalShowsNoticeAndRecovers() throws {
        let f = try ConsoleFixture()
        f.terminal.resize(to: Size(width: 20, height: 6))
        f.console.handle(.resize(Size(width: 20, height: 6)))
        f.draw()
        XCTAssertTrue(f.screen.contains("too small"), f.screen)
        f.terminal.resize(to: Size(width: 100, height: 30))
        f.console.handle(.resize(Size(width: 100, height: 30)))
        f.draw()
        XCTAssertTrue(f.screen.contains("My open"), f.screen)
    }

    func testHelpListsBindingsFromTheTablesIncludingRemaps() throws {
        let f = try ConsoleFixture()
        var map = f.console.keyMap
        let config = try ConsoleConfig.parse("[keys.queue]\nx = \"claim\"\n", file: "config.toml")
        XCTAssertEqual(config.apply(to: &map).count, 0)
        let console = Console(store: f.store, terminal: f.terminal, keyMap: map)
        console.handle(.key(.char("?")))
        console.drawIfNeeded()
        let s = f.terminal.screenText
        XCTAssertTrue(s.contains("Help"), s)
        XCTAssertTrue(s.contains("Claim: assign to me") || s.contains("claim"), s)
        XCTAssertTrue(s.contains("x "), "the remapped key shows in help:\n\(s)")
        console.handle(.key(.char("x")))   // help screen has no x: falls to nothing; close help and use it
        console.handle(.key(.escape))
        console.handle(.key(.char("2")))
        console.handle(.key(.char("x")))
        console.drawIfNeeded()
        XCTAssertTrue(f.terminal.screenText.contains("is yours"), f.terminal.screenText)
    }

    func testCommandLineOpensTicketAndCompletes() throws {
        let f = try ConsoleFixture()
        f.press(":")
        f.type("op")
        f.press("Tab")
        XCTAssertTrue(f.screen.contains(":open"), f.screen)
        f.type("1001")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("#1001  Grinder squeaks"), f.screen)
        f.press(":")
        f.type("view unas")
        f.press("Tab", "Enter")
        XCTAssertTrue(f.screen.contains("Unassigned ("), f.screen)
        f.press(":")
        f.type("frobnicate")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("unknown command"), f.screen)
    }

    func testQuitFromQueue() throws {
        let f = try ConsoleFixture()
        f.press("q")
        XCTAssertFalse(f.console.isRunning)
    }
}
