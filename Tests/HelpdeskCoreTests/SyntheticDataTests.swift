import Foundation
import XCTest
@testable import HelpdeskCore

final class SyntheticDataTests: XCTestCase {
    static let now = Date(timeIntervalSince1970: 1_773_500_966)

    func testEveryEventPreparesUnchangedAndFoldsInOrder() throws {
        let data = SyntheticData.generate(tickets: 1_500, seed: 3, now: Self.now, chunkSize: 1_000)
        var state = HelpdeskState()
        var seq = 0
        var last = Date.distantPast
        var chunks = 0
        for chunk in data {
            chunks += 1
            XCTAssertLessThanOrEqual(chunk.count, 1_000 + SyntheticData.Iterator.maxFollowUps + 1)
            for event in chunk {
                seq += 1
                XCTAssertGreaterThanOrEqual(event.at, last)
                last = event.at
                let prepared = try state.prepare(event.change, actor: event.actor, at: event.at)
                XCTAssertEqual(prepared, event.change, "event \(seq) (\(event.change.typeName))")
                state.apply(Event(seq: seq, at: event.at, actor: event.actor, change: prepared))
            }
        }
        XCTAssertGreaterThan(chunks, 5)
        XCTAssertLessThanOrEqual(last, Self.now)
        XCTAssertEqual(state.tickets.count, 1_500)
        XCTAssertEqual(state.customers.count, 300)
        XCTAssertEqual(state.agents.count, 8)
        XCTAssertEqual(state.agents.values.filter(\.isSupervisor).count, 1)
        XCTAssertEqual(Set(state.tickets.keys), Set(1001...2500))
        let tickets = Array(state.tickets.values)
        XCTAssertEqual(Set(tickets.map(\.status)), Set(TicketStatus.allCases))
        XCTAssertEqual(Set(tickets.map(\.priority)), Set(Priority.allCases))
        let average = Double(tickets.map(\.messageCount).reduce(0, +)) / Double(tickets.count)
        XCTAssertTrue((3.3...4.5).contains(average), "\(average) messages per ticket")
    }

    func testSameSeedSameData() {
        let a = Array(SyntheticData.generate(tickets: 200, seed: 9, now: Self.now)).flatMap { $0 }
        let b = Array(SyntheticData.generate(tickets: 200, seed: 9, now: Self.now)).flatMap { $0 }
        let c = Array(SyntheticData.generate(tickets: 200, seed: 10, now: Self.now)).flatMap { $0 }
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }

    func testBodiesAreBenchmarkSized() {
        for chunk in SyntheticData.generate(tickets: 300, seed: 1, now: Self.now) {
            for case .messageAdded(_, let m) in chunk.map(\.change) {
                XCTAssertTrue((200...460).contains(m.body.utf8.count), "\(m.body.utf8.count) bytes")
            }
        }
    }

    func testNoTicketsStillMakesTheTeam() {
        let events = Array(SyntheticData.generate(tickets: 0, seed: 1, now: Self.now)).flatMap { $0 }
        XCTAssertEqual(events.count, 9)
    }

    func testCustomerIDsMatchTheStore() {
        for n in [1, 42, 99_999, 100_000, 1_234_567] {
            XCTAssertEqual(SyntheticData.Iterator.customerID(n), HelpdeskState.customerID(n))
        }
    }
}
