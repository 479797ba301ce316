import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Search's set arithmetic and its page of most recently updated tickets.
final class SearchRankingTests: XCTestCase {
    func testIntersectionDoesNotDependOnTermOrder() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let sets = (0..<4).map { _ in Set((0..<Int.random(in: 0...300, using: &rng)).map { _ in Int.random(in: 0..<5_000, using: &rng) }) }
            let expected = sets.dropFirst().reduce(sets[0]) { $0.intersection($1) }
            for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]] {
                var bits = TicketBits(sets[order[0]])
                for i in order.dropFirst() { bits.formIntersection(TicketBits(sets[i])) }
                var got: [Int] = []
                bits.forEach { got.append($0) }
                XCTAssertEqual(got, expected.sorted(), "order \(order)")
                XCTAssertEqual(bits.count, expected.count)
            }
        }
    }

    func testWordOrderDoesNotChangeResults() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.customer("Bob Marley", "bob@reggae.example")])
        try store.append([
            Fixture.newTicket("Grinder squeaks", body: "The burr grinder squeaks when grinding espresso."),
            Fixture.newTicket("Refund please", requester: "c00002", body: "I was charged twice for the cold brew subscription."),
        ])
        try store.append([Fixture.note(1001, "Checked with the workshop: replacement burrs shipped")])
        for _ in 0..<2 {
            XCTAssertEqual(store.search("cold brew"), [1002])
            XCTAssertEqual(store.search("brew cold"), [1002])
            XCTAssertEqual(store.search("marley twice"), [1002])
            XCTAssertEqual(store.search("twice marley"), [1002])
            XCTAssertEqual(store.search("burr workshop"), [1001])
            XCTAssertEqual(store.search("workshop burr"), [1001])
            try store.compact()            // again from the mapped index
        }
    }

    func testTopPageIsTheMostRecentlyUpdatedInOrder() {
        var tickets = NumberTable<Ticket>()
        var rng = SystemRandomNumberGenerator()
        var hits = TicketBits()
        for n in 1001...3000 {
            // Few distinct times, so ties (broken by the higher number) are common.
            let at = Fixture.t0.addingTimeInterval(Double(Int.random(in: 0..<40, using: &rng)) * 60)
            tickets[n] = Ticket(number: n, subject: "t\(n)", requester: "c00001", createdAt: Fixture.t0, updatedAt: at)
            if Bool.random(using: &rng) { hits.insert(n) }
        }
        hits.insert(99_999)                 // in the index but not in the state: never shown or counted
        var expected: [Int] = []
        hits.forEach { if tickets[$0] != nil { expected.append($0) } }
        expected.sort { a, b in
            let ta = tickets[a]!.updatedAt, tb = tickets[b]!.updatedAt
            return ta != tb ? ta > tb : a > b
        }
        let all = SearchRanking.top(hits, tickets: tickets, limit: nil)
        XCTAssertEqual(all, SearchPage(numbers: expected, total: expected.count))
        for limit in [0, 1, 7, 50, expected.count, expected.count + 10] {
            let page = SearchRanking.top(hits, tickets: tickets, limit: limit)
            XCTAssertEqual(page.numbers, Array(expected.prefix(limit)), "limit \(limit)")
            XCTAssertEqual(page.total, expected.count)
        }
    }
}
