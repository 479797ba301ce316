import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// A ticket numbered at the top of the range (an import of another system's numbers) costs what one
/// ticket costs: nothing is sized by the largest number (the bitmaps of a search, its ranking table).
final class FarTicketNumberTests: XCTestCase {
    func testSearchWithAFarTicketNumberAllocatesByTheTicketsNotTheNumber() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("Grinder squeaks"), Fixture.newTicket("Grinder again")])
        try store.append([.ticketCreated(NewTicket(number: 999_999_999, subject: "Grinder from the old system",
                                                   requester: "c00001"))])
        for _ in 0..<2 {
            XCTAssertEqual(Set(store.search("grinder")), [1001, 1002, 999_999_999])
            XCTAssertEqual(store.search("grinder old"), [999_999_999])
            try store.compact()    // then from the snapshot's index
        }
        var bits = TicketBits(window: store.state.tickets.denseNumbers)
        for n in store.state.tickets.keys { bits.insert(n) }
        XCTAssertLessThan(bits.words.count, 64, "one bit per number up to 999,999,999 would be 15 million words")
        var got: [Int] = []
        bits.forEach { got.append($0) }
        XCTAssertEqual(got, [1001, 1002, 999_999_999])
    }

    func testBitsOfDifferentWindowsStillIntersectAndUnite() {
        var a = TicketBits(window: 0..<128)
        for n in [3, 70, 500, 999_999_999] { a.insert(n) }
        var b = TicketBits(window: 400..<1_000)
        for n in [70, 500, 999_999_999, 5] { b.insert(n) }
        var i = a
        i.formIntersection(b)
        var got: [Int] = []
        i.forEach { got.append($0) }
        XCTAssertEqual(got, [70, 500, 999_999_999])
        var u = a
        u.formUnion(b)
        XCTAssertEqual(u.count, 5)
        XCTAssertTrue(u.contains(5) && u.contains(3) && !u.contains(4))
    }
}
