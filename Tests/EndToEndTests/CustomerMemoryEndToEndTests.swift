import Foundation
import XCTest

/// Customer memory in the real binary under tmux: a regular's ticket shows their usual order, a
/// promise is recorded with `f` and shows up in the Promises due view and in `promise list`.
final class CustomerMemoryEndToEndTests: EndToEndTestCase {
    /// An open ticket from a demo customer whose usual order is known, and that order.
    func regularsTicket() throws -> (number: Int, usual: String) {
        guard let customers = try cli.json(["customer", "list"]) as? [[String: Any]] else {
            throw EndToEndFailure(description: "customer list --json did not print an array")
        }
        let usual = Dictionary(customers.compactMap { c -> (String, String)? in
            guard let id = c["id"] as? String, let order = c["usualOrder"] as? String, !order.isEmpty else { return nil }
            return (id, order)
        }, uniquingKeysWith: { a, _ in a })
        for t in try cli.tickets() {
            guard let n = t["number"] as? Int else { continue }
            let requester = (t["requester"] as? String) ?? ((t["customer"] as? [String: Any])?["id"] as? String) ?? ""
            if let order = usual[requester] { return (n, order) }
        }
        throw EndToEndFailure(description: "no open demo ticket from a customer with a usual order")
    }

    func testRegularsUsualOrderThenPromiseAppearsInPromisesDue() throws {
        let (number, usual) = try regularsTicket()
        try openConsole(width: 120, height: 36)
        try tmux.press(":")
        try tmux.type("open \(number)")
        try tmux.press("Enter")
        let ticket = try tmux.waitFor("#\(number)  ")
        let card = Screen.ticketColumns(ticket).card
        XCTAssertTrue(card.contains("Usual " + Screen.collapse(usual)), "the usual order is not on the card:\n\(ticket)")

        try tmux.press("f")
        try tmux.waitFor("What did you promise?")
        try tmux.type("ring back about the grinder")
        try tmux.press("Enter")
        try tmux.waitFor("By when?")
        try tmux.type("in 45m")
        try tmux.waitFor("→ ")
        try tmux.press("Enter")
        try tmux.waitFor("Promised on #\(number)")

        try tmux.press("q")
        try tmux.press(":")
        try tmux.type("view promises-due")
        try tmux.press("Enter")
        let due = try tmux.waitUntil("#\(number) in Promises due") {
            $0.contains(" Promises due (") && Screen.queueRows($0).contains(number)
        }
        // The demo has promises of its own, so the reminder may count more than this one.
        XCTAssertTrue(due.contains("⚑ ") && due.contains("due soon") || due.contains("promise due"),
                      "the status line does not mention my promise due within the hour:\n\(due)")

        let list = try cli.run(["promise", "list", "--mine"])
        XCTAssertEqual(list.status, 0, list.summary)
        XCTAssertTrue(list.stdout.contains("ring back about the grinder"), list.stdout)
        try quitAndExpectCleanExit()
    }

    /// Issue 11 item 4: a regular complaining about a wrong parcel gets no "your usual … is on its way":
    /// `customer show` (no current ticket: their latest open one is meant) and the ticket's card say the
    /// same acknowledging line.
    func testComplaintGetsTheSameAcknowledgingLineFromCustomerShowAndTheCard() throws {
        let (regular, _) = try regularsTicket()
        let requester = try XCTUnwrap(try cli.ticket(regular)["customer"] as? [String: Any])["id"] as? String
        let id = try XCTUnwrap(requester, "the ticket's customer has no id")
        let created = try cli.run(["ticket", "new", "--customer", id, "--subject", "Wrong parcel again",
                                   "--body", "I got someone else's grinder."])
        XCTAssertEqual(created.status, 0, created.summary)
        let number = try XCTUnwrap(Int(created.stdout.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: ["#"])))

        let show = try cli.run(["customer", "show", id])
        XCTAssertEqual(show.status, 0, show.summary)
        let name = try XCTUnwrap(show.stdout.components(separatedBy: " — ").first, show.stdout)
        let want = "Hi \(name) — I'm sorry to hear about this, and thank you for letting us know."
        XCTAssertTrue(show.stdout.contains("opening line: \(want)\n"), show.stdout)
        XCTAssertFalse(show.stdout.contains("on its way"), show.stdout)

        try openConsole(width: 120, height: 40)
        try tmux.press(":")
        try tmux.type("open \(number)")
        try tmux.press("Enter")
        let ticket = try tmux.waitFor("Wrong parcel again")
        let card = Screen.collapse(Screen.ticketColumns(ticket).card)
        XCTAssertTrue(card.contains("Say “\(want)”"), "the card says another line:\n\(ticket)")
        try quitAndExpectCleanExit()
    }
}
