import Foundation
import XCTest
@testable import HelpdeskCore

/// Every number and time that comes in — a change, an import row, a record read back — is held to
/// `Limits`, with a refusal that says which value and why, before anything traps or allocates by it.
final class LimitsTests: XCTestCase {
    let hostileNumbers = [1_000_000_000_000_000_000, -5, 4_000_000_000_000, Int.max, 1_000_000_000, 0 - 1_000_000_000_000]

    func refusal(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            try body()
            XCTFail("expected a refusal", file: file, line: line)
        } catch {
            return "\(error)"
        }
        return ""
    }

    func testTicketNumbersOutOfRangeAreRefusedByPrepare() throws {
        var h = try MemoryHelpdesk.sample()
        for n in hostileNumbers {
            let why = refusal { try h.append([.ticketCreated(NewTicket(number: n, subject: "x", requester: "c00001"))]) }
            XCTAssertTrue(why.contains("ticket number \(n) is out of range (1 to 999999999)"), why)
        }
        let base = h.state.tickets[1001]!.version
        XCTAssertTrue(refusal { try h.append([.ticketUpdated(number: 1001, base: base, patch: TicketPatch(links: FromTo([], [Int.max])))]) }
            .contains("out of range"))
        XCTAssertTrue(refusal { try h.append([.messageAdded(number: Int.max, message: Message(kind: .note, author: "sam", body: "x", at: MemoryHelpdesk.t0))]) }
            .contains("out of range"))
        try h.append([.ticketCreated(NewTicket(number: 999_999_999, subject: "the last number", requester: "c00001"))])
        // The next number would be out of range: refused, not wrapped or trapped.
        XCTAssertTrue(refusal { try h.append([.ticketCreated(NewTicket(subject: "one more", requester: "c00001"))]) }
            .contains("ticket number 1000000000 is out of range"))
    }

    func testABaseVersionAboveTheTicketsIsRefused() throws {
        var h = try MemoryHelpdesk.sample()
        let t = h.state.tickets[1002]!
        let why = refusal { try h.append([.ticketUpdated(number: 1002, base: t.version + 1, patch: TicketPatch(status: FromTo(t.status, .open)))]) }
        XCTAssertEqual(why, "#1002 is at version \(t.version); version \(t.version + 1) does not exist yet")
        XCTAssertTrue(refusal { try h.append([.ticketUpdated(number: 1002, base: -1, patch: TicketPatch(status: FromTo(t.status, .open)))]) }
            .contains("version -1 is out of range"))
        let c = h.state.customers["c00002"]!
        XCTAssertTrue(refusal { try h.append([.customerUpdated(id: "c00002", base: c.version + 5, patch: CustomerPatch(vip: FromTo(false, true)))]) }
            .contains("does not exist yet"))
    }

    func testTimesOutsideTheHorizonAreRefused() throws {
        var h = try MemoryHelpdesk.sample()
        let ancient = Date(timeIntervalSince1970: -62_135_596_800)   // 0001-01-01
        let far = Date(timeIntervalSince1970: 1e15)
        for at in [ancient, far] {
            XCTAssertTrue(refusal { try h.append([.messageAdded(number: 1001, message: Message(kind: .note, author: "sam", body: "x", at: at))]) }
                .contains("outside the years 1970 to 9999"))
            XCTAssertTrue(refusal { try h.append([Fixtures.note], at: at) }.contains("the time of the change is outside the years 1970 to 9999"))
        }
    }

    func testAPromiseIsDueWithinTenYears() throws {
        var h = try MemoryHelpdesk.sample()
        let now = MemoryHelpdesk.t0
        func promise(due: Date) -> Change {
            .promiseMade(CustomerPromise(id: 0, text: "call back", due: due, ticket: 1001, owner: "sam", createdAt: now))
        }
        try h.append([promise(due: now.addingTimeInterval(9 * 365 * 86_400))])
        XCTAssertTrue(refusal { try h.append([promise(due: now.addingTimeInterval(11 * 365 * 86_400))]) }.contains("at most 10 years ahead"))
        XCTAssertTrue(refusal { try h.append([promise(due: Date(timeIntervalSince1970: 1e17))]) }.contains("the due time is outside the years 1970 to 9999"))

        let zone = TimeZone(identifier: "Europe/London")!
        for text in ["in 9223372036854775807m", "in 99999999999999h", "in " + String(repeating: "9", count: 400) + "m",
                     "9999-12-31 10:00", "in 11 years", "in 600w"] {
            guard case .failure(let e) = DueTimeParser.parse(text, now: now, timeZone: zone) else {
                return XCTFail("'\(text)' was accepted")
            }
            XCTAssertFalse(e.reason.isEmpty, text)
        }
        guard case .success(let ok) = DueTimeParser.parse("in 500w", now: now, timeZone: zone) else { return XCTFail("in 500w") }
        // What is shown is what is stored: the same year either way.
        XCTAssertTrue(ok.understood.contains(String(ISOTime.format(ok.date).prefix(4))), ok.understood)
    }

    func testImportRefusesNumbersOutOfRangeOnTheirLines() throws {
        let h = try MemoryHelpdesk.sample()
        let csv = "number,subject,customer_email\n" + hostileNumbers.map { "\($0),hi,a@example.com" }.joined(separator: "\n") + "\n"
        let problems = h.problems(csv)
        XCTAssertEqual(problems.count, hostileNumbers.count, "\(problems)")
        for (i, p) in problems.enumerated() {
            XCTAssertTrue(p.hasPrefix("orders.csv:\(i + 2): ticket number"), p)
        }
        let json = """
        {"format": 1,
         "customers": [{"id": "x1", "name": "X", "emails": ["x@example.com"]}],
         "tickets": [
          {"number": -3, "subject": "negative", "customer": "x1"},
          {"number": 4000000000000, "subject": "huge", "customer": "x1"},
          {"number": 9223372036854775807, "subject": "max", "customer": "x1"},
          {"subject": "merged far", "customer": "x1", "mergedInto": 9223372036854775807},
          {"subject": "linked far", "customer": "x1", "links": [-1]}
         ]}
        """
        let jsonProblems = h.problems(json, file: "export.json", format: .json)
        XCTAssertEqual(jsonProblems, [
            "export.json:4: ticket number -3 is out of range (1 to 999999999)",
            "export.json:5: ticket number 4000000000000 is out of range (1 to 999999999)",
            "export.json:6: ticket number 9223372036854775807 is out of range (1 to 999999999)",
            "export.json:7: mergedInto 9223372036854775807 is out of range (1 to 999999999)",
            "export.json:8: linked ticket number -1 is out of range (1 to 999999999)",
        ])
    }

    func testImportRefusesTimesTheStoreCouldNotKeep() throws {
        let h = try MemoryHelpdesk.sample()
        XCTAssertEqual(h.problems("subject,customer_email,created\nold,a@example.com,0001-01-01\n"),
                       ["orders.csv:2: created '0001-01-01' is outside the years 1970 to 9999"])
        let json = #"{"format":1,"customers":[{"id":"x1","name":"X","customerSince":"1900-01-01T00:00:00Z"}],"tickets":[]}"#
        XCTAssertEqual(h.problems(json, file: "e.json", format: .json),
                       ["e.json:1: customerSince '1900-01-01T00:00:00Z' is outside the years 1970 to 9999"])
    }

    func testAnEventOutOfRangeDoesNotDecode() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in
            let text = try d.singleValueContainer().decode(String.self)
            return ISOTime.parse(text)!
        }
        func decode(_ json: String) -> String? {
            do {
                _ = try decoder.decode(Event.self, from: Data(json.utf8))
                return nil
            } catch DecodingError.dataCorrupted(let c) {
                return c.debugDescription
            } catch {
                return "\(error)"
            }
        }
        let good = #"{"seq":7,"at":"2026-11-23T14:02:05Z","actor":"sam","type":"message.added","number":1001,"message":{"kind":"note","author":"sam","body":"x","at":"2026-11-23T14:02:05Z"}}"#
        XCTAssertNil(decode(good))
        XCTAssertEqual(decode(good.replacingOccurrences(of: #""seq":7"#, with: #""seq":9223372036854775807"#)),
                       "sequence number 9223372036854775807 is out of range (1 to 999999999999999)")
        XCTAssertEqual(decode(good.replacingOccurrences(of: "1001", with: "4000000000000")),
                       "ticket number 4000000000000 is out of range (1 to 999999999)")
        XCTAssertEqual(decode(good.replacingOccurrences(of: #""at":"2026"#, with: #""at":"0001"#)),
                       "the event's time is outside the years 1970 to 9999")
    }

    func testACustomerIDNumberedBeyondTheRangeIsNotTheCounter() throws {
        var h = try MemoryHelpdesk.sample()
        try h.append([.customerCreated(Customer(id: "c9223372036854775807", name: "Far", customerSince: MemoryHelpdesk.t0))])
        try h.append([.customerCreated(Customer(id: "", name: "Next", customerSince: MemoryHelpdesk.t0))])
        XCTAssertEqual(h.state.customers.values.first { $0.name == "Next" }?.id, "c00003")
    }

    func testFormattingNeverTrapsOnAnyTime() {
        for t in [1e300, -1e300, .infinity, -.infinity, .nan, 9.3e18] {
            XCTAssertEqual(ISOTime.format(Date(timeIntervalSince1970: t)).count, 20, "\(t)")
            XCTAssertFalse(Durations.short(t).isEmpty, "\(t)")
        }
    }
}

private enum Fixtures {
    static let note = Change.messageAdded(number: 1001, message: Message(kind: .note, author: "sam", body: "x", at: MemoryHelpdesk.t0))
}
