import Foundation
import XCTest
@testable import HelpdeskCore

/// Walking the tickets from the newest goes by stored tickets, not by numbers: a ticket at
/// #999,999,999 does not make auto-assignment count down a billion numbers.
final class FarNumberTests: XCTestCase {
    func testDescendingVisitsStoredNumbersOnly() {
        var table = NumberTable<String>()
        for n in [1001, 1002, 1003, 999_999_999, 5] { table[n] = "#\(n)" }
        var seen: [Int] = []
        table.forEachDescending { n, _ in seen.append(n); return true }
        XCTAssertEqual(seen, [999_999_999, 1003, 1002, 1001, 5])
        seen = []
        table.forEachDescending { n, _ in seen.append(n); return seen.count < 2 }
        XCTAssertEqual(seen, [999_999_999, 1003])
    }

    func testTheLastAssignedTicketIsFoundPastAFarNumberAtOnce() throws {
        var h = try MemoryHelpdesk.sample()
        try h.append([.ticketCreated(NewTicket(number: 999_999_999, subject: "from the old system", requester: "c00001"))])
        let started = Date()
        XCTAssertEqual(h.state.lastAssignedNewTicket, "dana")
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
    }
}
