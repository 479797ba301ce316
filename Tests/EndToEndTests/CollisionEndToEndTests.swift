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

    /// "Replying" lasts as long as the reply screen is open, not two seconds after the last key
    /// (issue 11, item 6): the watcher's ticket header, and the other's own reply screen, say so
    /// within a second of opening and of leaving, and keep saying it while nothing is typed.
    func testAnOpenReplyScreenIsShownAsReplyingUntilItCloses() throws {
        let open = try cli.tickets(status: "open")
        let number = try XCTUnwrap(open.first?["number"] as? Int, "the demo store has no open ticket")
        func openTicket(_ t: TmuxSession, as agent: String) throws {
            try t.startConsole(store: store, arguments: ["--as", agent])
            try t.waitFor("All open", timeout: 5)
            try t.press(":")
            try t.type("open \(number)")
            try t.press("Enter")
            try t.waitFor("#\(number)", timeout: 3)
        }
        try openTicket(tmux, as: "mei")
        let sandboxB = try Sandbox(testCase: Self.self)
        defer { sandboxB.remove() }
        let b = try TmuxSession(sandbox: sandboxB)
        defer { b.kill() }
        try openTicket(b, as: "jo")
        try b.waitFor("Mei is viewing", timeout: 4)

        try tmux.press("r")
        _ = try b.waitFor("Mei is replying", timeout: 2)
        try tmux.type("Checking the batch now")
        usleep(4_500_000)   // past the autosave after the last key
        let later = try b.screen()
        XCTAssertTrue(later.contains("Mei is replying"), later)

        // Jo starts a reply too: her reply screen says Mei is also replying.
        try b.press("r")
        _ = try b.waitFor("Mei is also replying", timeout: 3)

        try tmux.press("Escape")
        _ = try b.waitForAbsence(of: "Mei is also replying", timeout: 3)
    }
}
