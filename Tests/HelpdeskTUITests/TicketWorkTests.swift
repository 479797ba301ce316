import Foundation
import Glibc
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// Ticket actions beyond the quick ones: new ticket, tags, edit, history, merge, link, templates.
final class TicketWorkTests: XCTestCase {
    /// The fixture's queue starts on "My open"; view 3 is All open (#1001 high, #1002 normal, #1003 low).
    func openAllOpen(_ f: ConsoleFixture) { f.press("3") }

    func testNewTicketFormFindsCustomerAndCreatesTicket() throws {
        let f = try ConsoleFixture()
        openAllOpen(f)
        f.press("m")
        XCTAssertTrue(f.screen.contains("New ticket"), f.screen)
        f.type("dani")
        XCTAssertTrue(f.screen.contains("Danielle Okafor · dani@example.com · c00001"), "customers matching the text are suggested:\n\(f.screen)")
        f.press("Tab")   // takes the suggestion, moves to Subject
        f.type("Milk frother hisses")
        f.press("Tab")
        f.type("It hisses at me")
        f.press("Tab")
        f.type("p")      // channel: phone
        f.press("Tab")
        f.type("u")      // priority: urgent
        f.press("Enter")
        let t = try XCTUnwrap(f.store.state.tickets[1004])
        XCTAssertEqual(t.requester, "c00001")
        XCTAssertEqual(t.subject, "Milk frother hisses")
        XCTAssertEqual(t.channel, .phone)
        XCTAssertEqual(t.priority, .urgent)
        XCTAssertEqual(t.messageCount, 1)
        XCTAssertTrue(f.screen.contains("Created #1004 for Dani"), f.screen)
        XCTAssertTrue(f.console.topScreen is TicketScreen, "the new ticket opens")
    }

    func testNewTicketForUnknownEmailCreatesCustomerAndRefusesMissingFields() throws {
        let f = try ConsoleFixture()
        f.press("m", "Enter")
        XCTAssertTrue(f.screen.contains("Who is it for?"), f.screen)
        f.type("zoe@example.org")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("A ticket needs a subject."), f.screen)
        f.press("Tab")
        f.type("Beans order")
        for _ in 0..<4 { f.press("Tab") }   // Message, Channel, Priority, New name
        f.type("Zoë Adams")
        f.press("Enter")
        let c = try XCTUnwrap(f.store.state.customer(matching: "zoe@example.org"))
        XCTAssertEqual(c.name, "Zoë Adams")
        XCTAssertEqual(f.store.state.tickets[1004]?.requester, c.id)
        XCTAssertEqual(f.store.state.tickets[1004]?.channel, .phone, "phone is the form's default channel")
    }

    func testNewTicketTextNotMatchingAnyoneIsRefused() throws {
        let f = try ConsoleFixture()
        f.press("m")
        f.type("nobody at all")
        f.press("Tab")
        f.type("Subject")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("No customer matches 'nobody at all'"), f.screen)
        XCTAssertNil(f.store.state.tickets[1004])
        f.press("Esc", "Esc")   // the first asks: something was typed
        XCTAssertNil(f.console.openForm)
    }

    /// One Esc never throws typed text away (issue 11, item 12): it asks, any other key goes on
    /// editing with everything kept, and only a second Esc discards. An untouched form closes at once.
    func testEscOnAFilledFormAsksBeforeDiscarding() throws {
        let f = try ConsoleFixture()
        f.press("m", "Esc")
        XCTAssertNil(f.console.openForm, "an untouched form closes on one Esc")
        f.press("m")
        f.type("ada@example.com")
        f.press("Tab")
        f.type("My grinder squeaks")
        f.press("Esc")
        XCTAssertNotNil(f.console.openForm)
        XCTAssertTrue(f.screen.contains("Discard what you typed?"), f.screen)
        f.type(" loudly")
        XCTAssertEqual(f.console.openForm?["Subject"]?.value, "My grinder squeaks loudly")
        f.press("Esc")
        XCTAssertNotNil(f.console.openForm, "typing again cancels the question; Esc asks again")
        f.press("Esc")
        XCTAssertNil(f.console.openForm)
    }

    func testTagsCompleteFromExistingTagsAndSave() throws {
        let f = try ConsoleFixture()
        openAllOpen(f)
        f.run(CommandInvocation("tags", ["refund", "vip"]))
        XCTAssertEqual(f.store.state.tickets[1001]?.tags, ["refund", "vip"])
        f.press("j", "t")   // #1002
        f.type("ref")
        XCTAssertTrue(f.screen.contains("refund"), "matching tags are shown:\n\(f.screen)")
        f.press("Tab")
        XCTAssertEqual(f.console.openForm?["Tags"]?.value, "refund ")
        f.type("urgent-ish")
        f.press("Enter")
        XCTAssertEqual(f.store.state.tickets[1002]?.tags, ["refund", "urgent-ish"])
        f.run(CommandInvocation("tags", ["-refund"]))
        XCTAssertEqual(f.store.state.tickets[1002]?.tags, ["urgent-ish"])
        f.run(CommandInvocation("tags", ["bad!tag"]))
        XCTAssertTrue(f.screen.contains("is not a tag"), f.screen)
        XCTAssertEqual(f.store.state.tickets[1002]?.tags, ["urgent-ish"])
    }

    func testEditSubjectAndGroupThenHistoryShowsWhoWhatFromTo() throws {
        let f = try ConsoleFixture()
        openAllOpen(f)
        f.press("e")
        f.press("C-u")
        f.type("Grinder squeaks and smokes")
        f.press("Tab")
        f.type("repairs")
        f.press("Enter")
        XCTAssertEqual(f.store.state.tickets[1001]?.subject, "Grinder squeaks and smokes")
        XCTAssertEqual(f.store.state.tickets[1001]?.group, "repairs")
        f.press("s")
        f.type("pending")
        f.press("Enter")
        f.press("H")
        let s = f.screen
        XCTAssertTrue(s.contains("History of #1001"), s)
        XCTAssertTrue(s.contains("created: \"Grinder squeaks\""), s)
        XCTAssertTrue(s.contains("subject: \"Grinder squeaks\" → \"Grinder squeaks and smokes\""), s)
        XCTAssertTrue(s.contains("group: none → repairs"), s)
        XCTAssertTrue(s.contains("status: new → pending"), s)
        XCTAssertTrue(s.contains("Sam Carter"), "who did it:\n\(s)")
        f.press("q")
        XCTAssertTrue(f.console.topScreen is QueueScreen)
    }

    func testMergeAndLinkFromTheConsole() throws {
        let f = try ConsoleFixture()
        openAllOpen(f)
        f.press("j")   // #1002
        f.run(CommandInvocation("merge", ["1002"]))
        XCTAssertTrue(f.screen.contains("cannot be merged into itself"), f.screen)
        f.press("M")
        f.type("1001")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Merge #1002"), f.screen)
        f.press("y")
        XCTAssertEqual(f.store.state.tickets[1002]?.mergedInto, 1001)
        XCTAssertEqual(f.store.state.tickets[1002]?.status, .closed)
        let target = try f.store.ticket(1001)
        XCTAssertTrue(target.messages.contains { $0.body.contains("Evil") }, "the merged thread is copied into the target")
        f.run(CommandInvocation("open", ["1001"]))
        f.run(CommandInvocation("link", ["1003"]))
        XCTAssertEqual(f.store.state.tickets[1003]?.links, [1001])
        XCTAssertTrue(f.screen.contains("linked #1002 #1003"), "the header lists linked tickets:\n\(f.screen)")
        f.run(CommandInvocation("link", ["1003"]))
        XCTAssertTrue(f.screen.contains("already linked"), f.screen)
        f.run(CommandInvocation("merge", ["1002"]))
        XCTAssertTrue(f.screen.contains("#1002 was merged into #1001; it cannot take #1001 back in"), f.screen)
    }

    func testAssignPickerShowsLoadAndWhoIsOnline() throws {
        let f = try ConsoleFixture()
        openAllOpen(f)
        f.press("a")
        XCTAssertTrue(f.screen.contains("sam · 1 open · online"), f.screen)
        XCTAssertTrue(f.screen.contains("dana · 0 open · offline"), f.screen)
        f.press("Esc")
        try PresenceTests.beat(f, agent: "dana", ticket: nil, pid: PresenceTests.otherLivePID)
        f.press("a")
        XCTAssertTrue(f.screen.contains("dana · 0 open · online"), f.screen)
        f.press("Esc")
        f.run(CommandInvocation("assign", ["nobody"]))
        XCTAssertTrue(f.screen.contains("not on the roster"), f.screen)
    }

    func testApplyTemplateActions() throws {
        let f = try ConsoleFixture { store in
            try ConsoleFixture.standard(store)
            try store.append([.templateSaved(Template(name: "refund", body: "Refunded.", actions: TemplateActions(status: .solved, addTags: ["refund"])))])
        }
        openAllOpen(f)
        f.press("T")
        XCTAssertTrue(f.screen.contains("solved +refund"), f.screen)
        f.press("Enter")
        XCTAssertEqual(f.store.state.tickets[1001]?.status, .solved)
        XCTAssertEqual(f.store.state.tickets[1001]?.tags, ["refund"])
        f.run(CommandInvocation("apply-template", ["missing"]))
        XCTAssertTrue(f.screen.contains("no template named 'missing'"), f.screen)
    }
}

extension ConsoleFixture {
    /// Runs a `:` command and draws, as the event loop would.
    func run(_ command: CommandInvocation) {
        console.execute(command)
        draw()
    }
}
