import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

final class TemplatesScreenTests: XCTestCase {
    static func withTemplates(_ store: FileStore) throws {
        try ConsoleFixture.standard(store)
        try store.append([
            .templateSaved(Template(name: "refund-issued", body: "Hi {{customer.preferredName | \"there\"}},\n\nYour refund is on its way.",
                                    actions: TemplateActions(status: .solved, addTags: ["refund"]))),
            .templateSaved(Template(name: "grinder-care", body: "Hi {{customer.name}},\n\nDescale the grinder monthly.")),
            .templateSaved(Template(name: "order-delay", body: "Sorry for the wait on ticket {{ticket.number}}.",
                                    actions: TemplateActions(status: .pending, priority: .high))),
        ])
    }

    private func open() throws -> (ConsoleFixture, TemplatesScreen) {
        let f = try ConsoleFixture(populate: Self.withTemplates)
        f.press("F2")
        let screen = try XCTUnwrap(f.console.topScreen as? TemplatesScreen)
        return (f, screen)
    }

    func testListShowsTemplatesActionsAndPreview() throws {
        let (f, screen) = try open()
        XCTAssertEqual(screen.rows, ["grinder-care", "order-delay", "refund-issued"])
        XCTAssertTrue(f.screen.contains("Templates (3)"), f.screen)
        XCTAssertTrue(f.screen.contains("grinder-care"))
        XCTAssertTrue(f.screen.contains("pending high"), f.screen)
        XCTAssertTrue(f.screen.contains("Descale the grinder monthly."), f.screen)
        // An example filled against the ticket selected in the queue.
        let number = try XCTUnwrap(f.console.queue.selectedTicketNumber)
        let t = try XCTUnwrap(f.console.state.tickets[number])
        let name = try XCTUnwrap(f.console.state.customers[t.requester]?.name)
        XCTAssertTrue(f.screen.contains("As a reply to #\(number)"), f.screen)
        XCTAssertTrue(f.screen.contains("Hi \(name),"), f.screen)
        f.press("j", "j")
        XCTAssertTrue(f.screen.contains("Your refund is on its way."), f.screen)
        XCTAssertTrue(f.screen.contains("solved +refund"), f.screen)
    }

    func testColonCommandOpensWithFilterAndSlashFilters() throws {
        let f = try ConsoleFixture(populate: Self.withTemplates)
        f.press(":")
        f.type("templates ref")
        f.press("Enter")
        let screen = try XCTUnwrap(f.console.topScreen as? TemplatesScreen)
        XCTAssertEqual(screen.rows, ["refund-issued"])
        f.press("/")
        for _ in 0..<3 { f.press("Backspace") }
        f.type("order")
        f.press("Enter")
        XCTAssertEqual(screen.rows, ["order-delay"])
        XCTAssertEqual(screen.filterText, "order")
    }

    func testDeleteAsksFirst() throws {
        let (f, screen) = try open()
        f.press("d")
        XCTAssertTrue(f.console.hasOverlay)
        f.press("n")
        XCTAssertNotNil(f.console.state.templates["grinder-care"])
        f.press("d")
        f.press("y")
        XCTAssertNil(f.console.state.templates["grinder-care"])
        XCTAssertEqual(screen.rows, ["order-delay", "refund-issued"])
        XCTAssertNil(try FileStore.open(at: f.directory, actor: "sam").state.templates["grinder-care"])
    }

    func testInvalidBodyIsRefusedWithItsPlaceAndKept() throws {
        let (f, screen) = try open()
        screen.editBody = { _, _ in .edited("Hi {{customer.nmae}},\nthanks {{agent.name") }
        f.press("e")
        let message = try XCTUnwrap(f.console.message?.text)
        XCTAssertTrue(message.contains("line 1, column 4: unknown placeholder {{customer.nmae}}"), message)
        XCTAssertTrue(message.contains("line 2, column 8: '{{' is never closed"), message)
        XCTAssertEqual(f.console.state.templates["grinder-care"]?.body, "Hi {{customer.name}},\n\nDescale the grinder monthly.")
        f.draw()
        XCTAssertTrue(f.screen.contains("template 'grinder-care' not saved: line 1"), f.screen)
        XCTAssertTrue(f.screen.contains("never closed"), f.screen)
        // The refused text is what the next edit starts from.
        var given = ""
        screen.editBody = { text, _ in given = text; return .edited("Hi {{customer.name}}, fixed.") }
        f.press("e")
        XCTAssertEqual(given, "Hi {{customer.nmae}},\nthanks {{agent.name")
        XCTAssertEqual(f.console.state.templates["grinder-care"]?.body, "Hi {{customer.name}}, fixed.")
        XCTAssertNil(screen.rejected)
    }

    func testAddNameThenBody() throws {
        let (f, screen) = try open()
        var given = ""
        screen.editBody = { text, _ in given = text; return .edited("Thanks {{customer.preferredName | \"there\"}}!") }
        f.press("a")
        f.type("refund-issued")
        f.press("Enter")
        XCTAssertTrue(f.console.hasOverlay, "an existing name is refused in the dialog")
        for _ in 0..<6 { f.press("Backspace") }
        f.type("thanks")
        XCTAssertEqual(f.console.hasOverlay, true)
        f.press("Enter")
        XCTAssertEqual(given, TemplatesScreen.starterBody)
        XCTAssertEqual(f.console.state.templates["refund-thanks"]?.body, "Thanks {{customer.preferredName | \"there\"}}!")
        XCTAssertEqual(screen.selectedName, "refund-thanks")
    }

    func testRenameAndActions() throws {
        let (f, screen) = try open()
        f.press("r")
        for _ in 0..<12 { f.press("Backspace") }
        f.type("descaling")
        f.press("Enter")
        XCTAssertNil(f.console.state.templates["grinder-care"])
        XCTAssertEqual(f.console.state.templates["descaling"]?.body, "Hi {{customer.name}},\n\nDescale the grinder monthly.")
        XCTAssertEqual(screen.selectedName, "descaling")

        f.press("t")
        f.type("status:bogus")
        f.press("Enter")
        XCTAssertTrue(f.console.hasOverlay, "a bad action keeps the dialog open")
        for _ in 0..<5 { f.press("Backspace") }
        f.type("pending priority:high tag:grinder +care")
        f.press("Enter")
        XCTAssertFalse(f.console.hasOverlay)
        XCTAssertEqual(f.console.state.templates["descaling"]?.actions,
                       TemplateActions(status: .pending, priority: .high, addTags: ["grinder", "care"]))
    }

    func testActionsLineRoundTrips() {
        let a = TemplateActions(status: .onHold, priority: .low, addTags: ["vip", "refund"])
        XCTAssertEqual(try TemplateValidation.parseActions(TemplateValidation.actionsLine(a)).get(), a)
        XCTAssertEqual(try TemplateValidation.parseActions("").get(), TemplateActions())
        XCTAssertNotNil(TemplateValidation.problem(name: "x", body: "   "))
        XCTAssertNil(TemplateValidation.problem(name: "x", body: "Hi {{today}}"))
    }
}
