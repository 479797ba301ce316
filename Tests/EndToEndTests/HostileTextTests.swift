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

    /// The same subject outside the console: every human-readable output shows placeholders, CSV cells
    /// cannot become formulas, and `--json` carries the exact text with the override as a `\u` escape.
    func testReportsExportsAndCLIOutputNeutraliseHostileText() throws {
        let subject = "Invoice \u{202E}fdp.exe \u{1B}]0;pwned\u{07}"
        let created = try cli.run(["ticket", "new", "--customer", "mallory@example.com", "--name", "=Mallory",
                                   "--subject", subject, "--body", "see \u{9B}2J attached"])
        XCTAssertEqual(created.status, 0, created.summary)
        let number = try XCTUnwrap(Int(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let rated = try cli.run(["ticket", "rate", String(number), "--score", "5", "--comment", "=HYPERLINK(\"x\") \u{2066}ok"])
        XCTAssertEqual(rated.status, 0, rated.summary)
        func assertNeutral(_ text: String, _ what: String) {
            for v in text.unicodeScalars.map(\.value) {
                let bad = v == 0x1B || v == 0x07 || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                XCTAssertFalse(bad, "\(what) carries a raw U+\(String(v, radix: 16)):\n\(text)")
            }
        }
        for format in ["md", "html", "csv"] {
            let report = try cli.run(["report", "--since", "1d", "--format", format])
            XCTAssertEqual(report.status, 0, report.summary)
            assertNeutral(report.stdout, "report --format \(format)")
            // The CSV report has numbers per ticket, not subjects or comments.
            if format != "csv" {
                XCTAssertTrue(report.stdout.contains("Invoice ⟨U+202E⟩fdp.exe"), "report --format \(format):\n\(report.stdout)")
                XCTAssertTrue(report.stdout.contains("=HYPERLINK"), "report --format \(format):\n\(report.stdout)")
            }
        }
        for args in [["ticket", "show", String(number)], ["ticket", "list"], ["customer", "show", "mallory@example.com"],
                     ["export", "--format", "csv"], ["export", "--format", "csv", "--customers"]] {
            let out = try cli.run(args)
            XCTAssertEqual(out.status, 0, out.summary)
            assertNeutral(out.stdout, args.joined(separator: " "))
        }
        let customersCSV = try cli.run(["export", "--format", "csv", "--customers"])
        XCTAssertTrue(customersCSV.stdout.contains(",'=Mallory,"), customersCSV.stdout)
        let json = try cli.run(["ticket", "show", String(number), "--json"])
        assertNeutral(json.stdout, "ticket show --json")
        XCTAssertTrue(json.stdout.contains("\\u202E"), json.stdout)
        let decoded = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(decoded["subject"] as? String, subject)
        // The JSON export too: escaped, and a store restored from it has the exact subject.
        let exportFile = sandbox.root.appendingPathComponent("hostile-export.json").path
        let exported = try cli.run(["export", "--out", exportFile])
        XCTAssertEqual(exported.status, 0, exported.summary)
        let exportText = try String(contentsOfFile: exportFile, encoding: .utf8)
        assertNeutral(exportText, "export --format json")
        let restoredCLI = HelpdeskCLI(sandbox: sandbox, store: sandbox.root.appendingPathComponent("restored"))
        let restored = try restoredCLI.run(["restore", exportFile])
        XCTAssertEqual(restored.status, 0, restored.summary)
        let again = try restoredCLI.ticket(number)
        XCTAssertEqual(again["subject"] as? String, subject)
    }
}
