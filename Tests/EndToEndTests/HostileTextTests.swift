import Foundation
import XCTest

/// Text from customers is shown, never obeyed: escape sequences and bidi overrides become
/// visible placeholders, the pane title stays ours and the screen is not cleared.
final class HostileTextTests: EndToEndTestCase {
    func openTicket(_ number: Int) throws -> String {
        try openConsole()
        try tmux.type(":open \(number)")
        try tmux.press("Enter")
        return try tmux.waitUntil("the header of #\(number)") {
            $0.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces).hasPrefix("#\(number)") == true
        }
    }

    func assertNotObeyed(_ screen: String, number: Int, visibleText: String) throws {
        let title = try tmux.display("#{pane_title}")
        XCTAssertFalse(title.contains("pwned"), "the ticket text set the pane title to '\(title)'")
        // The header and the message both still on screen: ESC [2J did not clear it.
        XCTAssertTrue(screen.split(separator: "\n").first?.contains("#\(number)") == true, "header gone:\n\(screen)")
        XCTAssertTrue(Screen.ticketColumns(screen).thread.contains(visibleText), "message text gone:\n\(screen)")
        XCTAssertTrue(screen.contains("␛]0;pwned"), "the OSC sequence is not shown as a placeholder:\n\(screen)")
        XCTAssertTrue(screen.contains("␛[2J"), "the clear-screen sequence is not shown as a placeholder:\n\(screen)")
        XCTAssertTrue(screen.contains("⟨U+202E⟩"), "the bidi override is not shown as a placeholder:\n\(screen)")
    }

    func testDemoTicketWithEscapesAndBidiOverrideIsShownNotObeyed() throws {
        let all = try cli.tickets(status: "all")
        let hostile = try XCTUnwrap(all.first { ($0["subject"] as? String ?? "").contains("\u{202E}") },
                                    "the demo has no ticket with a bidi override in its subject")
        let number = try XCTUnwrap(hostile["number"] as? Int)
        let body = try XCTUnwrap((try cli.ticket(number)["messages"] as? [[String: Any]])?.first?["body"] as? String)
        XCTAssertTrue(body.contains("\u{1B}]0;pwned\u{07}"), "the demo ticket no longer carries the OSC title sequence")
        let screen = try openTicket(number)
        let firstWords = body.prefix { $0 != "\u{1B}" }.split(separator: " ").prefix(4).joined(separator: " ")
        try assertNotObeyed(screen, number: number, visibleText: firstWords)
        XCTAssertTrue(screen.split(separator: "\n").first?.contains("⟨U+202E⟩") == true,
                      "the subject's bidi override is not a placeholder in the header:\n\(screen)")
        try quitAndExpectCleanExit()
    }

    func testOwnTicketWithEscapesIsShownNotObeyed() throws {
        let body = "Opening words here \u{1B}]0;pwned\u{07} then \u{1B}[2J cleared? \u{202E}gnp.exe done"
        let created = try cli.run(["ticket", "new", "--customer", "mallory@example.com", "--name", "Mallory",
                                   "--subject", "Hostile e2e", "--body", body])
        XCTAssertEqual(created.status, 0, created.summary)
        let number = try XCTUnwrap(Int(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let screen = try openTicket(number)
        try assertNotObeyed(screen, number: number, visibleText: "Opening words here")
        try quitAndExpectCleanExit()
    }
}
