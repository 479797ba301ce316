import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Several `FileStore`s on one directory: each has its own open file descriptions, so they contend
/// on `flock` exactly as separate processes do.
final class ConcurrencyTests: XCTestCase {
    func testFourWritersOnTheSameTicketsLoseNothing() throws {
        let tmp = TemporaryDirectory()
        let setup = try Fixture.makeStore(at: tmp.store())
        try setup.append((0..<4).map { Fixture.newTicket("shared \($0)") })
        let writers = 4, rounds = 40
        let results = Results()
        // Real threads, all four at once (concurrentPerform would run only as many as there are cores).
        let group = DispatchGroup()
        for w in 0..<writers {
            group.enter()
            Thread {
            defer { group.leave() }
            do {
                let store = try FileStore.open(at: tmp.store(), actor: w % 2 == 0 ? "dana" : "sam")
                for r in 0..<rounds {
                    let number = 1001 + r % 4
                    // Notes never conflict.
                    let events = try store.append([Fixture.note(number, "w\(w) r\(r)")])
                    results.acknowledged(events)
                    // New tickets get numbers under the lock.
                    if r % 10 == 0 { results.acknowledged(try store.append([Fixture.newTicket("w\(w) r\(r)")])) }
                    // Field changes based on what this writer last saw: stale ones are refused.
                    try store.refresh()
                    guard let t = store.state.tickets[number] else { continue }
                    let target: Priority = [.low, .normal, .high, .urgent][(w + r) % 4]
                    let patch = TicketPatch.diff(t, priority: target)
                    if patch.isEmpty { continue }
                    usleep(UInt32.random(in: 500...3_000))   // let others get in between
                    do {
                        results.acknowledged(try store.append([.ticketUpdated(number: number, base: t.version, patch: patch)]))
                    } catch let ChangeError.stale(s) {
                        results.stale(s)
                    }
                    results.attempted()
                }
            } catch {
                results.failed(error)
            }
            }.start()
        }
        group.wait()
        XCTAssertTrue(results.failures.isEmpty, "\(results.failures)")
        XCTAssertGreaterThan(results.staleCount, 0, "writers racing on one field must see conflicts (\(results.attempts) attempts)")

        let final = try FileStore.open(at: tmp.store(), actor: "dana")
        var all: [Event] = []
        for n in final.state.tickets.keys.sorted() { all += try final.history(ofTicket: n) }
        // Every acknowledged change is there exactly once, as acknowledged.
        let bySeq = Dictionary(grouping: all, by: \.seq)
        for e in results.events {
            XCTAssertEqual(bySeq[e.seq]?.count, 1, "seq \(e.seq)")
            XCTAssertEqual(bySeq[e.seq]?.first, e)
        }
        XCTAssertEqual(Set(results.events.map(\.seq)).count, results.events.count, "no sequence number handed out twice")
        // Notes: all present, none twice.
        let notes = all.compactMap { e -> String? in
            if case .messageAdded(_, let m) = e.change { return m.body } else { return nil }
        }
        XCTAssertEqual(notes.count, writers * rounds)
        XCTAssertEqual(Set(notes).count, writers * rounds)
        // Ticket numbers without gaps or duplicates.
        XCTAssertEqual(final.state.tickets.keys.sorted(), Array(1001...(1000 + final.state.tickets.count)))
        XCTAssertEqual(final.state.tickets.count, 4 + writers * (rounds / 10))
        XCTAssertTrue(try IntegrityCheck.check(storeAt: tmp.store()).isHealthy)
    }

    func testAStaleChangeToOtherFieldsIsAccepted() throws {
        let tmp = TemporaryDirectory()
        let a = try Fixture.makeStore(at: tmp.store())
        try a.append([Fixture.newTicket("race")])
        let b = try FileStore.open(at: tmp.store(), actor: "sam")
        let seenByB = b.state.tickets[1001]!
        try a.append([Fixture.setStatus(a, 1001, .pending)])
        // b changes the priority on its old copy: no conflict; then the status: conflict.
        try b.append([.ticketUpdated(number: 1001, base: seenByB.version, patch: TicketPatch.diff(seenByB, priority: .high))])
        XCTAssertThrowsError(try b.append([.ticketUpdated(number: 1001, base: seenByB.version, patch: TicketPatch.diff(seenByB, status: .solved))])) {
            guard case ChangeError.stale(let s) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(s.fields, ["status"])
            XCTAssertEqual(s.by, "dana")
        }
        try a.refresh()
        XCTAssertEqual(a.state.tickets[1001]?.priority, .high)
        XCTAssertEqual(a.state.tickets[1001]?.status, .pending)
    }

    func testReadersFollowAnotherInstancesCompaction() throws {
        let tmp = TemporaryDirectory()
        let a = try Fixture.makeStore(at: tmp.store())
        try a.append([Fixture.newTicket("one")])
        let b = try FileStore.open(at: tmp.store(), actor: "sam")
        try a.append([Fixture.note(1001, "before compaction")])
        try a.compact()
        try a.append([Fixture.note(1001, "after compaction")])
        let events = try b.refresh()
        XCTAssertEqual(events.count, 2)
        assertSameState(a.state, b.state)
        XCTAssertEqual(try b.ticket(1001).messages.count, 3)
        try a.compact()   // deletes the segment b read from; b still has it open
        XCTAssertEqual(try b.ticket(1001).messages.count, 3)
        try b.append([Fixture.note(1001, "from b")])
        try a.refresh()
        XCTAssertEqual(try a.ticket(1001).messages.last?.body, "from b")
    }
}

/// Collected from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var events: [Event] = []
    private(set) var staleCount = 0
    private(set) var attempts = 0
    func attempted() { lock.lock(); attempts += 1; lock.unlock() }
    private(set) var failures: [String] = []
    func acknowledged(_ e: [Event]) { lock.lock(); events += e; lock.unlock() }
    func stale(_ s: StaleChange) { lock.lock(); staleCount += 1; lock.unlock() }
    func failed(_ e: Error) { lock.lock(); failures.append("\(e)"); lock.unlock() }
}
