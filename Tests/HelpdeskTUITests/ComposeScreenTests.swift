import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

final class ComposeScreenTests: XCTestCase {
    func withTemplate(_ store: FileStore) throws {
        try ConsoleFixture.standard(store)
        try store.append([.templateSaved(Template(name: "usual-ready", body: "Hi {{customer.preferredName | \"there\"}}, your {{customer.usualOrder}} is ready.",
                                                  actions: TemplateActions(status: .solved, addTags: ["usual"])))])
    }

    func testReplyWithTemplateDraftSavedThenSent() throws {
        let f = try ConsoleFixture(populate: withTemplate)
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.press("r")
        XCTAssertTrue(f.screen.contains("Reply to Dani <dani@example.com>"))
        XCTAssertTrue(f.screen.contains("usual: oat flat white, extra hot"))
        XCTAssertTrue(f.screen.contains("My grinder squeaks loudly."))
        f.press("C-t")
        f.type("usual")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Hi Dani, your oat flat white, extra hot is ready."), f.screen)
        // Saved by the tick once the debounce has passed (the fixture's clock stands still, so force it).
        XCTAssertTrue(f.console.saveAllDrafts())
        let draft = try XCTUnwrap(try f.store.drafts.load(agent: "sam", ticket: 1001))
        XCTAssertEqual(draft.text, "Hi Dani, your oat flat white, extra hot is ready.")
        XCTAssertEqual(draft.template, "usual-ready")
        f.press("C-p")
        XCTAssertTrue(f.screen.contains("Subject: Re: Grinder squeaks [#1001]"), f.screen)
        f.press("C-x")
        XCTAssertTrue(f.screen.contains("Reply sent on #1001"), f.screen)
        XCTAssertNil(try f.store.drafts.load(agent: "sam", ticket: 1001))
        XCTAssertEqual(f.store.outbox.list(.new), [draft.sendID])
        let t = try f.store.ticket(1001)
        XCTAssertEqual(t.status, .solved)
        XCTAssertEqual(t.tags, ["usual"])
        XCTAssertEqual(t.messages.last?.kind, .reply)
    }

    /// Issue 11 item 3: a template inserted into typed text lands on its own line, not mid-line.
    func testTemplateIntoTypedTextGoesOnItsOwnLine() throws {
        let f = try ConsoleFixture(populate: withTemplate)
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.press("r")
        f.type("Hi Omar,")
        f.press("C-t")
        f.type("usual")
        f.press("Enter")
        XCTAssertTrue(f.console.saveAllDrafts())
        let draft = try XCTUnwrap(try f.store.drafts.load(agent: "sam", ticket: 1001))
        XCTAssertEqual(draft.text, "Hi Omar,\nHi Dani, your oat flat white, extra hot is ready.")
    }

    /// A reply to `ticket` with the template "update" (`body`) just inserted.
    private func replyWithUpdateTemplate(_ body: String, ticket: Int) throws -> ConsoleFixture {
        let f = try ConsoleFixture(populate: { store in
            try ConsoleFixture.standard(store)
            try store.append([.templateSaved(Template(name: "update", body: body))])
        })
        f.console.execute(CommandInvocation("open", [String(ticket)]))
        f.press("r")
        f.press("C-t")
        f.type("update")
        f.press("Enter")
        return f
    }

    /// Issue 11 item 2: no promise on this ticket, so the agent is asked for the time and offered a promise.
    func testPromiseTimeIsAskedForAndCanBeRecorded() throws {
        let f = try replyWithUpdateTemplate("Hi {{customer.preferredName}}, I'll update you by {{promise.due}}.", ticket: 1001)
        XCTAssertTrue(f.screen.contains("has no open promise"), f.screen)
        f.type("in 2h")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("as a promise on #1001?"), f.screen)
        f.press("Enter")
        XCTAssertEqual(f.store.state.promises(ofTicket: 1001).filter { $0.state == .open }.count, 1)
        XCTAssertTrue(f.console.saveAllDrafts())
        let draft = try XCTUnwrap(try f.store.drafts.load(agent: "sam", ticket: 1001))
        XCTAssertFalse(draft.text.contains("{{"), draft.text)
        XCTAssertTrue(draft.text.hasPrefix("Hi Dani, I'll update you by "), draft.text)
    }

    /// A time nobody will be in to keep is pointed out when it is given; declining records nothing.
    func testPromiseTimeOutsideBusinessHoursIsPointedOut() throws {
        let f = try replyWithUpdateTemplate("I'll update you by {{promise.due}}.", ticket: 1003)
        f.type("tomorrow 23:00")
        XCTAssertTrue(f.screen.contains("outside business hours"), f.screen)
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Thursday 19 November, 23:00 (outside business hours) as a promise"), f.screen)
        f.press("Down", "Enter")
        XCTAssertTrue(f.store.state.promises(ofTicket: 1003).isEmpty)
        XCTAssertTrue(f.console.saveAllDrafts())
        XCTAssertEqual(try f.store.drafts.load(agent: "sam", ticket: 1003)?.text, "I'll update you by Thursday 19 November, 23:00.")
    }

    func testNoteLooksDifferentAndEscKeepsTheDraftWhichComesBack() throws {
        let f = try ConsoleFixture()
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.press("i")
        XCTAssertTrue(f.screen.contains("INTERNAL NOTE on #1001"))
        f.type("check the 中文 invoice")
        f.press("Left", "Left")
        f.press("Esc")
        XCTAssertTrue(f.screen.contains("Draft kept"), f.screen)
        let saved = try XCTUnwrap(try f.store.drafts.load(agent: "sam", ticket: 1001))
        XCTAssertEqual(saved.kind, .note)
        XCTAssertEqual(saved.cursor, TextPosition(line: 0, column: 18))
        // Another console of the same agent (a new SSH login) gets it back exactly.
        let g = try SecondConsole(f)
        g.console.execute(CommandInvocation("open", ["1001"]))
        g.press("r")
        XCTAssertTrue(g.screen.contains("check the 中文 invoice"))
        XCTAssertTrue(g.screen.contains("is back, cursor where you left it"), g.screen)
        let compose = try XCTUnwrap(g.console.topScreen as? ComposeScreen)
        XCTAssertEqual(compose.editor.text.cursor, TextPosition(line: 0, column: 18))
        XCTAssertEqual(compose.kind, .note)
    }

    func testWhitespaceReplyAndUnfilledPlaceholderAreRefusedKeepingTheDraft() throws {
        let f = try ConsoleFixture()
        f.console.execute(CommandInvocation("open", ["1002"]))
        f.press("r")
        f.type("   ")
        f.press("C-x")
        XCTAssertTrue(f.screen.contains("Not sent: the reply is empty"), f.screen)
        f.type("your {{customer.preference.milk}}")
        f.press("C-x")
        XCTAssertTrue(f.screen.contains("fill in {{customer.preference.milk}}"), f.screen)
        XCTAssertTrue(f.console.topScreen is ComposeScreen)
        XCTAssertEqual(try f.store.ticket(1002).messageCount, 1)
    }

    /// A reply typed on #1001, the customer writing meanwhile, then Ctrl-X.
    private func sendAfterTheCustomerWroteMeanwhile() throws -> ConsoleFixture {
        let f = try ConsoleFixture()
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.press("r")
        f.type("Sorry about the squeak.")
        let other = try FileStore.open(at: f.directory, actor: "dana")
        try other.append([.messageAdded(number: 1001, message: Message(kind: .customer, author: "c00001", body: "Also it leaks now!", at: ConsoleFixture.clockValue))])
        f.press("C-x")
        return f
    }

    func testSendingStopsWhenTheCustomerWroteMeanwhile() throws {
        let f = try sendAfterTheCustomerWroteMeanwhile()
        XCTAssertTrue(f.screen.contains("changed since you began"), f.screen)
        XCTAssertTrue(f.screen.contains("Dani wrote: Also it leaks now!"), f.screen)
        // Enter takes the default, which is to review what changed, not to send (issue 11, item 7).
        f.press("Enter")
        XCTAssertTrue(f.console.topScreen is ComposeScreen)
        XCTAssertEqual(try f.store.ticket(1001).messages.last?.body, "Also it leaks now!", "Enter alone must not send")
        f.press("C-x")
        XCTAssertTrue(f.screen.contains("Reply sent on #1001"), f.screen)
        XCTAssertEqual(try f.store.ticket(1001).messages.last?.body, "Sorry about the squeak.")
    }

    func testSendAnywayIsAnExplicitChoice() throws {
        let f = try sendAfterTheCustomerWroteMeanwhile()
        f.press("Down", "Enter")   // the second choice: send anyway
        XCTAssertTrue(f.screen.contains("Reply sent on #1001"), f.screen)
        XCTAssertEqual(try f.store.ticket(1001).messages.last?.body, "Sorry about the squeak.")
    }

    func testQueueMarksTicketsWithMyDraft() throws {
        let f = try ConsoleFixture()
        f.console.execute(CommandInvocation("open", ["1003"]))   // in "My open"
        f.press("r")
        f.type("draft text")
        f.press("Esc", "q")
        f.draw()
        XCTAssertTrue(f.screen.contains("✍ draft"), f.screen)
    }
}

/// A second console on the same store directory (another SSH login of the same agent).
final class SecondConsole {
    let store: FileStore
    let terminal: MemoryTerminal
    let console: Console

    init(_ f: ConsoleFixture) throws {
        let t0 = ConsoleFixture.clockValue
        store = try FileStore.open(at: f.directory, actor: "sam", clock: { t0 })
        terminal = MemoryTerminal(size: Size(width: 100, height: 30), capabilities: .full)
        console = Console(store: store, terminal: terminal, clock: { t0 })
    }

    var screen: String { terminal.screenText }

    func press(_ keys: String...) {
        for k in keys {
            console.handle(.key(Key(name: k)!))
            console.drawIfNeeded()
        }
    }
}
