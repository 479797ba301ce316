import Foundation
import XCTest

/// Two consoles (two agents, `--as`) on one demo store, each in its own tmux server: presence shows
/// up in the other's queue and ticket header within seconds and disappears when a console quits;
/// a status change based on an old version is refused with what changed, and can be dropped.
final class CollisionEndToEndTests: EndToEndTestCase {
    func testTwoConsolesSeeEachOtherAndAStaleChangeIsRefused() throws {
        let open = try cli.tickets(status: "open")
        let number = try XCTUnwrap(open.first?["number"] as? Int, "the demo store has no open ticket")

        // Console A: Mei, on the ticket.
        try tmux.startConsole(store: store, arguments: ["--as", "mei"])
        try tmux.waitFor("All open", timeout: 5)
        try tmux.press(":")
        try tmux.type("open \(number)")
        try tmux.press("Enter")
        try tmux.waitFor("#\(number)", timeout: 3)

        // Console B: Joanna, in her own tmux server, finds the ticket in the queue.
        let sandboxB = try Sandbox(testCase: Self.self)
        defer { sandboxB.remove() }
        let b = try TmuxSession(sandbox: sandboxB)
        defer { b.kill() }
        try b.startConsole(store: store, arguments: ["--as", "jo"])
        try b.waitFor("All open", timeout: 5)
        try b.press("8", "/")
        try b.type("#\(number)")
        try b.press("Enter")
        try b.waitFor("◉mei", timeout: 4)

        // B opens it: the header names Mei.
        try b.press("Enter")
        try b.waitFor("Mei is viewing", timeout: 4)

        // Both open the status picker on the same version; Mei sets pending first.
        try b.press("s")
        try b.waitFor("Status of #\(number)")
        try tmux.press("s")
        try tmux.waitFor("Status of #\(number)")
        try tmux.type("pending")
        try tmux.press("Enter")
        try tmux.waitFor("is now pending")

        // Joanna's change, based on the old version, is refused: she sees what changed and drops hers.
        try b.type("solved")
        try b.press("Enter")
        let refused = try b.waitFor("Changed underneath", timeout: 4)
        XCTAssertTrue(refused.contains("status is now pending"), refused)
        XCTAssertTrue(refused.contains("Re-apply your change on top?"), refused)
        try b.press("n")
        XCTAssertEqual(try cli.ticket(number)["status"] as? String, "pending", "Mei's change stands")

        // Mei quits: her presence is gone from Joanna's header within seconds.
        try tmux.press("Q")
        try tmux.waitFor("EXIT=0")
        _ = try b.waitForAbsence(of: "Mei is viewing", timeout: 5)
    }
}
