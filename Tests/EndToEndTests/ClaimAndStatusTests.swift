import Foundation
import XCTest

/// Claiming a ticket and setting a status through the picker, checked through the CLI.
final class ClaimAndStatusTests: EndToEndTestCase {
    func testClaimInUnassignedThenStatusPickerSetsPending() throws {
        try openConsole()
        try tmux.press("2")
        let unassigned = try tmux.waitUntil("the Unassigned view") { $0.hasPrefix(" Unassigned (") }
        let claimed = try XCTUnwrap(Screen.queueRows(unassigned).first, "no unassigned tickets:\n\(unassigned)")
        XCTAssertEqual(Screen.highlightedRow(try tmux.screen(escapes: true)), claimed)

        try tmux.press("c")
        try tmux.waitFor("#\(claimed) is yours")
        XCTAssertEqual(try cli.ticket(claimed)["assignee"] as? String, "sam", "the claim did not reach the store")

        try tmux.press("s")
        let picker = try tmux.waitFor("Status of #")
        // After the claim the ticket leaves the Unassigned view, so the picker may name the next row:
        // the test follows whatever ticket the picker says it will change.
        let target = try XCTUnwrap(picker.range(of: #"Status of #[0-9]+"#, options: .regularExpression)
            .flatMap { Int(picker[$0].dropFirst("Status of #".count)) })
        XCTAssertNotEqual(try cli.ticket(target)["status"] as? String, "pending", "#\(target) was already pending")
        try tmux.type("pend")
        try tmux.waitUntil("the picker narrowed to pending") { $0.contains("› pend") && $0.contains(" pending ") }
        try tmux.press("Enter")
        try tmux.waitFor("#\(target) is now pending")
        XCTAssertEqual(try cli.ticket(target)["status"] as? String, "pending", "the status did not reach the store")
        try quitAndExpectCleanExit()
    }
}
