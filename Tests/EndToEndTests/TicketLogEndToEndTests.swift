import Foundation
import XCTest

/// `ticket log`: what a customer said on the phone becomes their message on the ticket, under the reopen rule.
final class TicketLogEndToEndTests: EndToEndTestCase {
    func ticketNumber(status: String) throws -> Int {
        try XCTUnwrap(try cli.tickets(status: "all").first { $0["status"] as? String == status }?["number"] as? Int,
                      "the demo has no \(status) ticket")
    }

    func testACallOnAPendingTicketIsTheCustomersMessageAndOpensIt() throws {
        let n = try ticketNumber(status: "pending")
        let logged = try cli.run(["ticket", "log", String(n), "--body", "Still no parcel; home after 5."])
        XCTAssertEqual(logged.status, 0, logged.summary)
        XCTAssertTrue(logged.stdout.contains("open again"), logged.summary)
        let json = try cli.ticket(n)
        XCTAssertEqual(json["status"] as? String, "open")
        let last = try XCTUnwrap((json["messages"] as? [[String: Any]])?.last)
        XCTAssertEqual(last["kind"] as? String, "customer")
        XCTAssertEqual(last["body"] as? String, "Still no parcel; home after 5.")
        XCTAssertEqual(last["via"] as? String, "phone")
        XCTAssertEqual(last["loggedBy"] as? String, "sam")
        XCTAssertEqual(last["author"] as? String, (json["customer"] as? [String: Any])?["id"] as? String, "the words are the customer's")
        let shown = try cli.run(["ticket", "show", String(n)])
        XCTAssertTrue(shown.stdout.contains("Still no parcel"), shown.summary)
    }

    func testWordsOnAClosedTicketStartANewLinkedTicket() throws {
        let n = try ticketNumber(status: "closed")
        let logged = try cli.run(["ticket", "log", String(n), "--body", "It broke again.", "--channel", "walk-in"])
        XCTAssertEqual(logged.status, 0, logged.summary)
        let printed = try XCTUnwrap(logged.stdout.split(separator: "#").dropFirst(1).first.map { String($0.prefix { $0.isNumber }) })
        let new = try XCTUnwrap(Int(printed), logged.summary)
        XCTAssertNotEqual(new, n)
        XCTAssertEqual(try cli.ticket(n)["status"] as? String, "closed", "a closed ticket stays closed")
        let json = try cli.ticket(new)
        XCTAssertEqual(json["channel"] as? String, "walk-in")
        XCTAssertEqual((json["messages"] as? [[String: Any]])?.first?["body"] as? String, "It broke again.")
        let history = try cli.run(["ticket", "show", String(new)])
        XCTAssertEqual(history.status, 0, history.summary)
    }

    func testEmptyWordsAreRefusedAndNothingChanges() throws {
        let n = try ticketNumber(status: "pending")
        let before = try cli.ticket(n)["version"] as? Int
        let refused = try cli.run(["ticket", "log", String(n), "--body", "   "])
        XCTAssertNotEqual(refused.status, 0, refused.summary)
        XCTAssertEqual(try cli.ticket(n)["version"] as? Int, before)
    }
}
