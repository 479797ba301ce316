import Foundation
import XCTest
@testable import HelpdeskCore

final class HelpdeskStateTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// Prepares and applies a change the way the store does, returning the event.
    @discardableResult
    func commit(_ state: inout HelpdeskState, _ change: Change, by actor: String = "sam", after seconds: TimeInterval = 0) throws -> Event {
        let prepared = try state.prepare(change, actor: actor, at: t0.addingTimeInterval(seconds))
        let event = Event(seq: state.lastSeq + 1, at: t0.addingTimeInterval(seconds), actor: actor, change: prepared)
        state.apply(event)
        return event
    }

    func makeState() throws -> HelpdeskState {
        var s = HelpdeskState()
        try commit(&s, .agentSaved(Agent(login: "sam", displayName: "Sam", role: .supervisor)))
        try commit(&s, .agentSaved(Agent(login: "dana", displayName: "Dana")))
        try commit(&s, .customerCreated(Customer(id: "", name: "Danielle Okafor", preferredName: "Dani",
                                                 emails: ["Dani.Okafor@Example.com"], phones: ["+44 20 7946 0958"],
                                                 usualOrder: "oat flat white, extra hot", customerSince: t0)))
        try commit(&s, .ticketCreated(NewTicket(subject: "Grinder broken", requester: "c00001",
                                                message: Message(kind: .customer, author: "c00001", body: "It squeaks", at: t0))))
        return s
    }

    func testTicketNumbersStartAt1001AndAreContiguous() throws {
        var s = try makeState()
        XCTAssertNotNil(s.tickets[1001])
        try commit(&s, .ticketCreated(NewTicket(subject: "Second", requester: "c00001")))
        XCTAssertEqual(s.tickets.keys.sorted(), [1001, 1002])
        XCTAssertEqual(s.nextTicketNumber, 1003)
    }

    func testCustomerFoundByEmailCaseInsensitivelyAndByPhoneInAnyFormat() throws {
        let s = try makeState()
        XCTAssertEqual(s.customer(matching: "dani.okafor@example.COM ")?.id, "c00001")
        XCTAssertEqual(s.customer(matching: "020-7946-0958")?.id, "c00001")
        XCTAssertEqual(s.customer(matching: "c00001")?.name, "Danielle Okafor")
        XCTAssertNil(s.customer(matching: "someone@else.com"))
    }

    func testEmailOfAnotherCustomerIsRefused() throws {
        var s = try makeState()
        XCTAssertThrowsError(try commit(&s, .customerCreated(Customer(id: "", name: "Imposter", emails: ["DANI.okafor@example.com"], customerSince: t0)))) { error in
            XCTAssertTrue("\(error)".contains("already belongs to customer c00001"), "\(error)")
        }
    }

    func testStaleChangeToSameFieldIsRefusedNamingWhoAndWhat() throws {
        var s = try makeState()
        let loaded = s.tickets[1001]!
        try commit(&s, .ticketUpdated(number: 1001, base: loaded.version, patch: TicketPatch(status: FromTo(.new, .open))), by: "dana", after: 60)
        XCTAssertThrowsError(try commit(&s, .ticketUpdated(number: 1001, base: loaded.version, patch: TicketPatch(status: FromTo(.new, .solved))))) { error in
            guard case ChangeError.stale(let stale) = error else { return XCTFail("expected stale, got \(error)") }
            XCTAssertEqual(stale.by, "dana")
            XCTAssertEqual(stale.fields, ["status"])
        }
        XCTAssertEqual(s.tickets[1001]?.status, .open)
    }

    func testStaleChangeToOtherFieldsAndMessagesDoNotConflict() throws {
        var s = try makeState()
        let loaded = s.tickets[1001]!
        try commit(&s, .messageAdded(number: 1001, message: Message(kind: .customer, author: "c00001", body: "Hello?", at: t0)))
        try commit(&s, .ticketUpdated(number: 1001, base: loaded.version, patch: TicketPatch(priority: FromTo(.normal, .high))), by: "dana")
        try commit(&s, .ticketUpdated(number: 1001, base: loaded.version, patch: TicketPatch(status: FromTo(.new, .open))))
        XCTAssertEqual(s.tickets[1001]?.status, .open)
        XCTAssertEqual(s.tickets[1001]?.priority, .high)
        XCTAssertEqual(s.tickets[1001]?.messageCount, 2)
    }

    func testUpdateRebasesFromValuesOnCurrentState() throws {
        var s = try makeState()
        let e = try commit(&s, .ticketUpdated(number: 1001, base: 1, patch: TicketPatch(status: FromTo(.open, .pending))))
        guard case .ticketUpdated(_, _, let patch) = e.change else { return XCTFail() }
        XCTAssertEqual(patch.status, FromTo(.new, .pending), "history must show the real transition")
    }

    func testUnknownAssigneeAndEmptyMessagesAreRefused() throws {
        var s = try makeState()
        XCTAssertThrowsError(try commit(&s, .ticketUpdated(number: 1001, base: 1, patch: TicketPatch(assignee: FromTo(nil, "zed"))))) {
            XCTAssertEqual($0 as? ChangeError, .agentNotFound("zed"))
        }
        XCTAssertThrowsError(try commit(&s, .messageAdded(number: 1001, message: Message(kind: .reply, author: "sam", body: "  \n", at: t0))))
        XCTAssertThrowsError(try commit(&s, .messageAdded(number: 9999, message: Message(kind: .reply, author: "sam", body: "hi", at: t0)))) {
            XCTAssertEqual($0 as? ChangeError, .ticketNotFound(9999))
        }
    }

    func testFirstReplyTimeAndAwaitingReply() throws {
        var s = try makeState()
        XCTAssertTrue(s.tickets[1001]!.awaitingReply)
        try commit(&s, .messageAdded(number: 1001, message: Message(kind: .note, author: "sam", body: "checking", at: t0.addingTimeInterval(100))))
        XCTAssertTrue(s.tickets[1001]!.awaitingReply, "an internal note is not a reply")
        try commit(&s, .messageAdded(number: 1001, message: Message(kind: .reply, author: "sam", body: "On it", at: t0.addingTimeInterval(600))))
        XCTAssertFalse(s.tickets[1001]!.awaitingReply)
        XCTAssertEqual(s.tickets[1001]!.firstReplyTime, 600)
    }

    func testSolvingAndReopeningTracksSolvedAt() throws {
        var s = try makeState()
        try commit(&s, .ticketUpdated(number: 1001, base: 1, patch: TicketPatch(status: FromTo(.new, .solved))), after: 50)
        XCTAssertEqual(s.tickets[1001]?.solvedAt, t0.addingTimeInterval(50))
        try commit(&s, .ticketUpdated(number: 1001, base: 2, patch: TicketPatch(status: FromTo(.solved, .open))), after: 90)
        XCTAssertNil(s.tickets[1001]?.solvedAt)
    }

    func testTagsAreNormalised() throws {
        var s = try makeState()
        try commit(&s, .ticketUpdated(number: 1001, base: 1, patch: TicketPatch(tags: FromTo([], ["VIP", " grinder ", "vip", "late delivery"]))))
        XCTAssertEqual(s.tickets[1001]?.tags, ["vip", "grinder", "late-delivery"])
    }

    func testCustomerHistoryNewestFirstAndOpenPromises() throws {
        var s = try makeState()
        try commit(&s, .ticketCreated(NewTicket(subject: "Beans", requester: "c00001")), after: 10)
        XCTAssertEqual(s.tickets(ofCustomer: "c00001").map(\.number), [1002, 1001])
        try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "Call back", due: t0.addingTimeInterval(3600), ticket: 1002, owner: "sam", createdAt: t0)))
        XCTAssertEqual(s.openPromises(ofCustomer: "c00001").map(\.text), ["Call back"])
        try commit(&s, .promiseResolved(id: 1, state: .kept))
        XCTAssertTrue(s.openPromises(ofCustomer: "c00001").isEmpty)
    }

    func testOverduePromiseCountsAsMissed() {
        let p = CustomerPromise(id: 1, text: "Brochures", due: t0, ticket: 1001, owner: "sam", createdAt: t0)
        XCTAssertEqual(p.effectiveState(now: t0.addingTimeInterval(-1)), .open)
        XCTAssertEqual(p.effectiveState(now: t0.addingTimeInterval(1)), .missed)
    }

    func testEventJSONRoundTripKeepsEveryField() throws {
        var s = try makeState()
        let e = try commit(&s, .ticketUpdated(number: 1001, base: 1, patch: TicketPatch(status: FromTo(.new, .open), assignee: FromTo(nil, "dana"))))
        let enc = JSONEncoder()
        enc.dateEncodingStrategy = .custom { d, en in var c = en.singleValueContainer(); try c.encode(ISOTime.format(d)) }
        let data = try enc.encode(e)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"type\":\"ticket.updated\""), text)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let assignee = (object["changes"] as! [String: Any])["assignee"] as! [String: Any]
        XCTAssertTrue(assignee["from"] is NSNull, "an unset value is written as an explicit null: \(text)")
        XCTAssertEqual(assignee["to"] as? String, "dana")
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .custom { d in
            let s = try d.singleValueContainer().decode(String.self)
            return ISOTime.parse(s)!
        }
        XCTAssertEqual(try dec.decode(Event.self, from: data), e)
    }
}
