import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// Issue 11 item 4: the ticket's card, the customers screen and Ctrl-O in compose suggest the same
/// opening line for the same ticket, built from that ticket (`customer show` is checked end to end
/// against the same function in `CustomerMemoryEndToEndTests`).
final class OpeningLineScreenTests: XCTestCase {
    /// The screen as one line of words, so a sentence wrapped over several card rows reads whole.
    func flat(_ f: ConsoleFixture) -> String {
        f.terminal.screenLines.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    /// What the one function says for Dani's ticket `n` (and, with no ticket, for Dani).
    func expected(_ f: ConsoleFixture, _ n: Int?) throws -> String {
        let state = f.store.state
        let profile = try XCTUnwrap(CustomerProfile(state: state, customerID: "c00001", now: ConsoleFixture.clockValue,
                                                    timeZone: TimeZone(identifier: "UTC")!))
        return OpeningLine.suggest(for: profile, currentTicket: n, state: state, now: ConsoleFixture.clockValue)
    }

    /// Card on the ticket screen, customers screen, and the line Ctrl-O puts into the draft.
    func linesEverywhere(_ f: ConsoleFixture, ticket n: Int) throws -> (card: String, customers: String, compose: String) {
        f.console.execute(CommandInvocation("open", [String(n)]))
        f.draw()
        let card = flat(f)
        f.console.execute(CommandInvocation("customers", ["Danielle"]))
        f.draw()
        let customers = flat(f)
        f.press("Escape")
        f.console.execute(CommandInvocation("open", [String(n)]))
        f.press("r")
        f.press("C-o")
        XCTAssertTrue(f.console.saveAllDrafts())
        let draft = try XCTUnwrap(try f.store.drafts.load(agent: "sam", ticket: n))
        return (card, customers, draft.text.components(separatedBy: "\n").first ?? "")
    }

    func assertSameLine(_ f: ConsoleFixture, ticket n: Int, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let want = try expected(f, n)
        XCTAssertEqual(want, try expected(f, nil), "ticket #\(n) is Dani's latest open ticket, so both mean it", file: file, line: line)
        let got = try linesEverywhere(f, ticket: n)
        XCTAssertTrue(got.card.contains("Say “\(want)”"), "card:\n\(f.screen)\nwanted \(want)", file: file, line: line)
        XCTAssertTrue(got.customers.contains("Say “\(want)”"), "customers screen:\n\(got.customers)\nwanted \(want)", file: file, line: line)
        XCTAssertEqual(got.compose, want, "Ctrl-O", file: file, line: line)
        XCTAssertFalse(want.contains("on its way"), want, file: file, line: line)
        return want
    }

    func testTheSameLineForAnOrderTicketOnEveryScreen() throws {
        // Narrow: the card runs the full width on both screens, so its rows read as one sentence.
        let f = try ConsoleFixture(size: Size(width: 80, height: 60))
        let line = try assertSameLine(f, ticket: 1003)
        XCTAssertEqual(line, "Hi Dani — good to hear from you again. Happy to help with your usual oat flat white, extra hot.")
    }

    func testTheSameApologyForABadlyRatedTicketOnEveryScreen() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 60)) { store in
            try ConsoleFixture.standard(store)
            try store.append([.ticketRated(number: 1003, satisfaction: Satisfaction(score: 1, comment: "slow", at: ConsoleFixture.clockValue))])
        }
        let line = try assertSameLine(f, ticket: 1003)
        XCTAssertEqual(line, "Hi Dani — I'm sorry we let you down on this one.")
    }

    func testAComplaintTicketIsAcknowledgedOnTheCardAndByCtrlO() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 60))
        // #1001 "Grinder squeaks" is not Dani's latest open ticket: the card and Ctrl-O speak of it.
        let want = try expected(f, 1001)
        XCTAssertEqual(want, "Hi Dani — I'm sorry to hear about this, and thank you for letting us know.")
        let got = try linesEverywhere(f, ticket: 1001)
        XCTAssertTrue(got.card.contains("Say “\(want)”"), f.screen)
        XCTAssertEqual(got.compose, want)
    }
}
