import Foundation
import XCTest

/// Changes made by another process (the CLI) reach an open console without a key press.
final class LiveUpdateTests: EndToEndTestCase {
    func testNewTicketAndNoteFromAnotherProcessAppearWithinTwoSeconds() throws {
        try openConsole()
        try tmux.press("3")
        let before = try tmux.waitUntil("the All open view") { $0.hasPrefix(" All open (") }
        let countBefore = try XCTUnwrap(Int(before.dropFirst(" All open (".count).prefix { $0.isNumber }))

        let subject = "Zebra mugs e2e"
        let created = try cli.run(["ticket", "new", "--customer", "zed.zebra@example.com", "--name", "Zed Zebra",
                                   "--subject", subject, "--body", "Do you sell zebra striped mugs?",
                                   "--priority", "urgent"])
        XCTAssertEqual(created.status, 0, created.summary)
        let number = try XCTUnwrap(Int(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)),
                                   "ticket new did not print a number: \(created.summary)")
        let queue = try tmux.waitUntil("#\(number) '\(subject)' in the queue without a key press", timeout: 2) {
            $0.contains(subject) && Screen.queueRows($0).contains(number)
        }
        XCTAssertTrue(queue.hasPrefix(" All open (\(countBefore + 1))"),
                      "the view count did not go from \(countBefore) to \(countBefore + 1):\n\(queue)")

        try tmux.type(":open \(number)")
        try tmux.press("Enter")
        try tmux.waitUntil("the header of #\(number)") {
            $0.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces).hasPrefix("#\(number)") == true
        }

        let noteText = "Kiwi marmalade from priya"
        let noted = try cli.run(["ticket", "note", String(number), "--body", noteText], as: "priya")
        XCTAssertEqual(noted.status, 0, noted.summary)
        let updated = try tmux.waitUntil("the note and a 'changed by' status line", timeout: 2) {
            $0.contains(noteText) && $0.contains("changed by")
        }
        XCTAssertTrue(updated.contains("Priya"), "the status line does not say who changed the ticket:\n\(updated)")
        try quitAndExpectCleanExit()
    }
}
