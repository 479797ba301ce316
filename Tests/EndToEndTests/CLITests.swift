import Foundation
import XCTest

/// The command-line tool as a script would use it: output, JSON shape, exit codes, messages.
final class CLITests: EndToEndTestCase {
    /// A demo customer with both a preferred name and a usual order.
    func regularCustomer() throws -> (email: String, preferredName: String, usualOrder: String) {
        for ticket in try cli.tickets(status: "all") {
            guard let c = ticket["customer"] as? [String: Any], let preferred = c["preferredName"] as? String,
                  let usual = c["usualOrder"] as? String, let email = (c["emails"] as? [String])?.first else { continue }
            return (email, preferred, usual)
        }
        throw EndToEndFailure(description: "no demo customer has both a preferred name and a usual order")
    }

    func testTicketNewPrintsNumberAndShowJSONHasEveryField() throws {
        let customer = try regularCustomer()
        let created = try cli.run(["ticket", "new", "--customer", customer.email, "--subject", "Beans e2e",
                                   "--body", "Can I add a bag of decaf?", "--tag", "e2e", "--assignee", "sam"])
        XCTAssertEqual(created.status, 0, created.summary)
        let printed = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let number = try XCTUnwrap(Int(printed.hasPrefix("#") ? String(printed.dropFirst()) : printed),
                                   "ticket new printed '\(created.stdout)', not a number")

        let json = try cli.ticket(number)
        XCTAssertEqual(json["number"] as? Int, number)
        XCTAssertEqual(json["subject"] as? String, "Beans e2e")
        XCTAssertEqual(json["status"] as? String, "new")
        XCTAssertEqual(json["priority"] as? String, "normal")
        XCTAssertEqual(json["tags"] as? [String], ["e2e"])
        XCTAssertEqual(json["assignee"] as? String, "sam")
        XCTAssertNotNil(json["version"] as? Int, "no integer version")
        let c = try XCTUnwrap(json["customer"] as? [String: Any], "no customer object")
        XCTAssertEqual(c["preferredName"] as? String, customer.preferredName)
        XCTAssertEqual(c["usualOrder"] as? String, customer.usualOrder)
        let messages = try XCTUnwrap(json["messages"] as? [[String: Any]], "no messages array")
        XCTAssertEqual(messages.count, 1)
        let first = try XCTUnwrap(messages.first)
        XCTAssertEqual(first["kind"] as? String, "customer")
        XCTAssertEqual(first["body"] as? String, "Can I add a bag of decaf?")
        XCTAssertNotNil(first["author"] as? String, "message has no author")
        let at = try XCTUnwrap(first["at"] as? String, "message has no time")
        XCTAssertNotNil(ISO8601DateFormatter().date(from: at), "message time '\(at)' is not ISO 8601")
    }

    func testMissingTicketExits2WithOneSentence() throws {
        for json in [false, true] {
            let result = try cli.run(["ticket", "show", "99999"] + (json ? ["--json"] : []))
            XCTAssertEqual(result.status, 2, result.summary)
            XCTAssertEqual(result.stdout, "", "something on stdout for a missing ticket: \(result.summary)")
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "expected one line on stderr: \(result.summary)")
            XCTAssertTrue(result.stderr.contains("99999"), "the message does not name the ticket: \(result.summary)")
        }
    }

    func testStaleBaseExits3NamingWhoChangedIt() throws {
        let number = try XCTUnwrap(try cli.tickets().first { $0["status"] as? String != "pending" }?["number"] as? Int)
        let base = try XCTUnwrap(try cli.ticket(number)["version"] as? Int)
        let other = try cli.run(["ticket", "set", String(number), "--status", "pending"], as: "priya")
        XCTAssertEqual(other.status, 0, other.summary)

        let stale = try cli.run(["ticket", "set", String(number), "--base", String(base), "--status", "solved"])
        XCTAssertEqual(stale.status, 3, stale.summary)
        XCTAssertTrue(stale.stderr.contains("priya") || stale.stderr.contains("Priya"),
                      "the conflict does not say who changed the ticket: \(stale.summary)")
        XCTAssertEqual(try cli.ticket(number)["status"] as? String, "pending", "the stale change was applied")
    }

    func testAsIsRefusedOnSharedTeamStore() throws {
        let group = try runProcess("id", ["-gn"], environment: sandbox.environment)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let team = HelpdeskCLI(sandbox: sandbox, store: sandbox.root.appendingPathComponent("team"))
        let created = try team.run(["init", "--shared", group])
        XCTAssertEqual(created.status, 0, created.summary)

        let plain = try team.run(["ticket", "list"])
        XCTAssertEqual(plain.status, 0, "the store's own user cannot list: \(plain.summary)")

        let viaFlag = try team.run(["ticket", "list"], as: "priya")
        XCTAssertNotEqual(viaFlag.status, 0, "--as was accepted on a shared store: \(viaFlag.summary)")
        XCTAssertTrue(viaFlag.stderr.contains("--as") || viaFlag.stderr.lowercased().contains("refused"),
                      "the refusal does not explain itself: \(viaFlag.summary)")

        let viaEnvironment = try team.run(["ticket", "list"], environment: ["HELPDESK_AGENT": "priya"])
        XCTAssertNotEqual(viaEnvironment.status, 0, "HELPDESK_AGENT was accepted on a shared store: \(viaEnvironment.summary)")
    }
}
