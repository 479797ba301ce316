import Foundation
import XCTest
@testable import HelpdeskCore

final class NumberTableTests: XCTestCase {
    func testBehavesLikeADictionaryOfNumbers() {
        var t = NumberTable<String>()
        var d: [Int: String] = [:]
        // Dense from 1001, a gap, a number far away, one below the first, removals and updates.
        let script: [(Int, String?)] = [(1001, "a"), (1002, "b"), (1004, "d"), (90_000_000, "far"), (5, "low"),
                                         (1002, nil), (1003, "c"), (1001, "A"), (90_000_000, nil), (7, nil), (1005, "e")]
        for (n, v) in script {
            t[n] = v
            d[n] = v
            XCTAssertEqual(t.count, d.count, "after setting #\(n)")
        }
        for n in [1, 5, 7, 1001, 1002, 1003, 1004, 1005, 1006, 90_000_000] { XCTAssertEqual(t[n], d[n], "#\(n)") }
        XCTAssertEqual(Set(t.keys), Set(d.keys))
        XCTAssertEqual(t.values.sorted(), d.values.sorted())
        XCTAssertEqual(t.map(\.key).sorted(), d.keys.sorted())
        XCTAssertTrue(t.keys.contains(1003))
        XCTAssertFalse(t.keys.contains(1002))
        XCTAssertEqual(t.removeValue(forKey: 1003), "c")
        XCTAssertNil(t.removeValue(forKey: 1003))
        XCTAssertEqual(t.count, d.count - 1)
    }

    func testANumberKeptAsideIsFoundOnceTheDenseRangeReachesIt() {
        var t = NumberTable<Int>()
        t[1001] = 1
        t[20_000] = 2           // too far: kept aside
        for n in 1002...19_999 { t[n] = n }
        t[20_000] = 3           // now within reach of the dense part
        XCTAssertEqual(t[20_000], 3)
        XCTAssertEqual(t.count, 19_000)
        XCTAssertEqual(t.keys.filter { $0 == 20_000 }.count, 1)
        t[20_000] = nil
        XCTAssertNil(t[20_000])
        XCTAssertEqual(t.count, 18_999)
    }

    func testEqualityIgnoresLayoutAndInPlaceChangesStick() {
        var a = NumberTable<[Int]>()
        var b = NumberTable<[Int]>()
        for n in [3, 1, 2] { a[n] = [n] }
        for n in [1, 2, 3] { b.append([n], number: n) }
        XCTAssertEqual(a, b)
        a[2]!.append(20)
        XCTAssertNotEqual(a, b)
        b[2]?.append(20)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a[2], [2, 20])
        let empty: NumberTable<Int> = [:]
        XCTAssertTrue(empty.isEmpty)
        XCTAssertTrue(empty.values.isEmpty)
    }

    func testLoadingSummariesInBulkMatchesLoadingThemOneByOne() {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let requesters = ["c00002", "c00001", "c00002", "c123456", "c7", "walk-in", "c00002", "c00001"]
        let tickets = requesters.enumerated().map { i, r in
            Ticket(number: 1001 + i, subject: "t\(i)", requester: r, createdAt: t0, version: i + 1)
        }
        var one = HelpdeskState()
        for t in tickets { one.load(ticket: t) }
        var bulk = HelpdeskState()
        var grouping = CustomerTicketGrouping(customers: 3, tickets: tickets.count)
        bulk.load(tickets: Array(tickets[0..<3]), grouping: &grouping)
        bulk.load(tickets: Array(tickets[3...]), grouping: &grouping)
        bulk.load(grouping)
        XCTAssertEqual(bulk.tickets, one.tickets)
        XCTAssertEqual(bulk.ticketsByCustomer, one.ticketsByCustomer)
        XCTAssertEqual(bulk.ticketsByCustomer["c00002"], [1001, 1003, 1007])
        XCTAssertEqual(bulk.maxTicketNumber, 1008)
        XCTAssertEqual(bulk.ticketStampsFrom, one.ticketStampsFrom)
    }
}
