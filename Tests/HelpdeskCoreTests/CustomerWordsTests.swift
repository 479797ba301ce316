import Foundation
import XCTest
@testable import HelpdeskCore

/// The reopen rule for a customer's words on an existing ticket.
final class CustomerWordsTests: HistoryTestCase {
    func testEachStatusFollowsTheReopenRule() throws {
        var s = try base()
        let n = try create(&s, "Parcel", at: local("2026-11-23 10:00"))
        let cases: [(TicketStatus, CustomerWords.Target, CustomerWords.Target)] = [
            (.new, .ticket(n, reopenAs: nil), .ticket(n, reopenAs: nil)),
            (.open, .ticket(n, reopenAs: nil), .ticket(n, reopenAs: nil)),
            (.pending, .ticket(n, reopenAs: .open), .ticket(n, reopenAs: nil)),
            (.onHold, .ticket(n, reopenAs: .open), .ticket(n, reopenAs: nil)),
            (.solved, .ticket(n, reopenAs: .open), .ticket(n, reopenAs: nil)),
            (.closed, .newTicket(linkedTo: n), .newTicket(linkedTo: n)),
        ]
        for (status, person, machine) in cases {
            var t = s.tickets[n]!
            t.status = status
            XCTAssertEqual(CustomerWords.target(for: t), person, "\(status)")
            XCTAssertEqual(CustomerWords.target(for: t, automatic: true), machine, "automatic mail on \(status)")
        }
    }

    func testLoggedWordsAreTheCustomersWithWhoWroteThemDown() throws {
        var s = try base()
        let n = try create(&s, "Parcel", at: local("2026-11-23 10:00"))
        try status(&s, n, .solved, at: local("2026-11-23 11:00"))
        let changes = try CustomerWords.changes(state: s, ticket: n, body: "  It never came.  ", via: .phone, agent: "kim",
                                                at: local("2026-11-24 09:00"))
        for c in changes { try commit(&s, c, by: "kim", at: local("2026-11-24 09:00")) }
        let t = s.tickets[n]!
        XCTAssertEqual(t.status, .open, "a solved ticket reopens")
        XCTAssertEqual(t.lastCustomerMessageAt, local("2026-11-24 09:00"), "it counts as the customer's message")
        XCTAssertThrowsError(try CustomerWords.changes(state: s, ticket: n, body: " \n ", via: .phone, agent: "kim", at: local("2026-11-24 09:05")))
        XCTAssertThrowsError(try CustomerWords.changes(state: s, ticket: 99_999, body: "x", via: .phone, agent: "kim", at: local("2026-11-24 09:05")))
        guard case .messageAdded(_, let m) = changes[0] else { return XCTFail("\(changes)") }
        XCTAssertEqual(m.body, "It never came.")
        XCTAssertEqual(m.author, t.requester)
        XCTAssertEqual(m.via, .phone)
        XCTAssertEqual(m.loggedBy, "kim")
    }
}
