import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

final class TicketScreenTests: XCTestCase {
    func testTicketShowsHeaderCardAndThread() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        f.press("3")
        f.press("Enter")
        let s = f.screen
        XCTAssertTrue(s.contains("#1001  Grinder squeaks"), s)
        XCTAssertTrue(s.contains("Dani (Danielle Okafor)"), s)
        XCTAssertTrue(s.contains("oat flat white, extra hot"), s)
        XCTAssertTrue(s.contains("VIP"), s)
        XCTAssertTrue(s.contains("Allergic to hazelnut"), s)
        XCTAssertTrue(s.contains("My grinder squeaks loudly."), s)
        XCTAssertTrue(s.contains("Customer · Dani"), s)
        f.press("q")
        XCTAssertTrue(f.screen.contains("All open"), "q goes back to the queue")
        XCTAssertTrue(f.console.isRunning)
    }

    func testCardAboveThreadAt80Columns() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 24))
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.draw()
        let lines = f.terminal.screenLines
        let card = lines.firstIndex { $0.contains("Usual") }!
        let message = lines.firstIndex { $0.contains("My grinder squeaks") }!
        XCTAssertLessThan(card, message, f.screen)
    }

    func testHostileTextIsShownAsPlaceholders() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        f.console.execute(CommandInvocation("open", ["1002"]))
        f.draw()
        let s = f.screen
        XCTAssertFalse(s.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, s)
        XCTAssertTrue(s.contains("pwned"), "the text is shown, defanged:\n\(s)")
    }

    func testAnotherAgentsChangeAppearsWithAMessage() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.draw()
        let other = try FileStore.open(at: f.directory, actor: "dana")
        try other.append([.messageAdded(number: 1001, message: Message(kind: .reply, author: "dana", body: "Sending a new burr today.", at: Date()))])
        f.console.refreshFromStore()
        f.draw()
        XCTAssertTrue(f.screen.contains("Sending a new burr today."), f.screen)
        XCTAssertTrue(f.screen.contains("changed by Dana Lee while you were reading"), f.screen)
    }

    func testPriorityFromTicketScreen() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.press("p")
        f.type("urg")
        f.press("Enter")
        XCTAssertEqual(f.store.state.tickets[1001]?.priority, .urgent)
        XCTAssertTrue(f.screen.contains("urgent"), f.screen)
    }

    func testStaleChangeIsRefusedWithWhoChangedIt() throws {
        let f = try ConsoleFixture(size: Size(width: 120, height: 30))
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.draw()
        // Dana changes the status; this console has not looked yet.
        let other = try FileStore.open(at: f.directory, actor: "dana")
        let t = other.state.tickets[1001]!
        try other.append([.ticketUpdated(number: 1001, base: t.version, patch: TicketPatch(status: FromTo(t.status, .pending)))])
        f.console.execute(CommandInvocation("status", ["solved"]))
        f.draw()
        XCTAssertTrue(f.screen.contains("Not saved"), f.screen)
        XCTAssertTrue(f.screen.contains("Dana Lee"), "the refusal names who changed it:\n\(f.screen)")
        XCTAssertEqual(try FileStore.open(at: f.directory, actor: "x").state.tickets[1001]?.status, .pending)
    }

    func testMonochromeSelectionUsesReverse() throws {
        let f = try ConsoleFixture(capabilities: TerminalCapabilities(colors: .monochrome, unicode: true))
        let mono = try ThemeLoader.load(nameOrPath: "monochrome")
        let console = Console(store: f.store, terminal: f.terminal, theme: mono)
        console.execute(CommandInvocation("view", ["open"]))
        console.drawIfNeeded()
        let row = f.terminal.screenLines.firstIndex { $0.contains("Grinder squeaks") }!
        let x = f.terminal.screenLines[row].firstIndex(of: "G").map { f.terminal.screenLines[row].distance(from: f.terminal.screenLines[row].startIndex, to: $0) }!
        let style = f.terminal.lastBuffer.style(x: x, y: row)!
        XCTAssertTrue(style.attributes.contains(.reverse), "\(style)")
    }
}
