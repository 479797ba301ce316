import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// Issue 11 item 5: what sending does is always shown and chosen. "On send:" is on the compose screen
/// with or without a template, Ctrl-S picks the status (Submit as…), the choice is kept with the draft,
/// and undoing a template's insertion takes its actions away.
final class ComposeSendStatusTests: XCTestCase {
    func withTemplate(_ store: FileStore) throws {
        try ConsoleFixture.standard(store)
        try store.append([.templateSaved(Template(name: "usual-ready", body: "Your {{customer.usualOrder}} is ready.",
                                                  actions: TemplateActions(status: .solved, priority: .high, addTags: ["usual"])))])
    }

    /// A reply on #1001 with "Thanks Dani." typed.
    func replying(_ f: ConsoleFixture) {
        f.console.execute(CommandInvocation("open", ["1001"]))
        f.press("r")
        f.type("Thanks Dani.")
    }

    func insertTemplate(_ f: ConsoleFixture) {
        f.press("C-t")
        f.type("usual")
        f.press("Enter")
    }

    func draft(_ f: ConsoleFixture) throws -> Draft {
        XCTAssertTrue(f.console.saveAllDrafts())
        return try XCTUnwrap(try f.store.drafts.load(agent: "sam", ticket: 1001))
    }

    func testOnSendIsShownWithoutATemplate() throws {
        let f = try ConsoleFixture()
        replying(f)
        XCTAssertTrue(f.screen.contains("On send: status pending  (Ctrl-S submit as…)"), f.screen)
        XCTAssertTrue(f.screen.contains("Ctrl-S submit as"), "the footer names the key:\n\(f.screen)")
        f.press("C-p")
        XCTAssertTrue(f.screen.contains("On send: status pending"), "the preview says it too:\n\(f.screen)")
        // A note leaves the status alone, and says so.
        let g = try ConsoleFixture()
        g.console.execute(CommandInvocation("open", ["1001"]))
        g.press("i")
        XCTAssertTrue(g.screen.contains("On send: status stays new"), g.screen)
    }

    func testPickingSolvedSendsWithSolvedAndIsKeptWithTheDraft() throws {
        let f = try ConsoleFixture()
        replying(f)
        f.press("C-s")
        XCTAssertTrue(f.screen.contains("Submit as pending"), f.screen)
        XCTAssertTrue(f.screen.contains("Submit as on hold"), f.screen)
        f.type("solved")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("On send: status solved (chosen)"), f.screen)
        XCTAssertEqual(try draft(f).sendStatus, .solved, "the choice is saved with the draft")

        // Leaving and coming back (another login, even) finds the same choice.
        f.press("Esc")
        let g = try SecondConsole(f)
        g.console.execute(CommandInvocation("open", ["1001"]))
        g.press("r")
        XCTAssertTrue(g.screen.contains("On send: status solved (chosen)"), g.screen)
        g.press("C-x")
        XCTAssertTrue(g.screen.contains("Reply sent on #1001"), g.screen)
        XCTAssertTrue(g.screen.contains("#1001 is solved"), g.screen)
        XCTAssertEqual(try g.store.ticket(1001).status, .solved)
    }

    func testSendWithAStatusFromTheCommandLine() throws {
        let f = try ConsoleFixture()
        replying(f)
        f.console.execute(CommandInvocation("send", ["bogus"]))
        f.draw()
        XCTAssertTrue(f.screen.contains("'bogus' is not a status to send with"), f.screen)
        XCTAssertTrue(f.console.topScreen is ComposeScreen, "nothing was sent")
        f.console.execute(CommandInvocation("send", ["on", "hold"]))
        f.draw()
        XCTAssertEqual(try f.store.ticket(1001).status, .onHold)
    }

    func testUndoingATemplateInsertionTakesItsActionsAway() throws {
        let f = try ConsoleFixture(populate: withTemplate)
        replying(f)
        insertTemplate(f)
        XCTAssertTrue(f.screen.contains("On send: status solved · priority high · tags #usual"), f.screen)
        XCTAssertEqual(try draft(f).templates, ["usual-ready"])
        f.press("C-z")
        XCTAssertFalse(f.screen.contains("is ready."), f.screen)
        XCTAssertTrue(f.screen.contains("On send: status pending  ("), "the default is back:\n\(f.screen)")
        XCTAssertFalse(f.screen.contains("#usual"), f.screen)
        XCTAssertEqual(try draft(f).templates, [], "the saved draft no longer carries the template")
        // Redo puts the text and its actions back.
        f.press("C-y")
        XCTAssertTrue(f.screen.contains("tags #usual"), f.screen)
        f.press("C-z")
        f.press("C-x")
        let t = try f.store.ticket(1001)
        XCTAssertEqual(t.status, .pending)
        XCTAssertEqual(t.priority, .high, "the standard ticket's own priority, not the template's")
        XCTAssertEqual(t.tags, [])
        XCTAssertEqual(t.messages.last?.body, "Thanks Dani.")
    }

    func testAChosenStatusOutlivesTemplatesComingAndGoing() throws {
        let f = try ConsoleFixture(populate: withTemplate)
        replying(f)
        f.console.execute(CommandInvocation("send-status", ["open"]))
        insertTemplate(f)
        XCTAssertTrue(f.screen.contains("On send: status open (chosen) · priority high · tags #usual"), f.screen)
        f.press("C-z")
        XCTAssertTrue(f.screen.contains("On send: status open (chosen)  ("), f.screen)
        // Back to the default: the template's status again while its text is there.
        f.press("C-y")
        f.press("C-s")
        f.type("default")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("On send: status solved · priority high"), f.screen)
        f.press("C-x")
        XCTAssertEqual(try f.store.ticket(1001).status, .solved)
        XCTAssertEqual(try f.store.ticket(1001).tags, ["usual"])
    }
}
