import Foundation
import XCTest
@testable import HelpdeskCore

final class DemoDataTests: XCTestCase {
    /// A fixed "now" so failures reproduce; 2026-03-14T15:09:26Z.
    static let now = Date(timeIntervalSince1970: 1_773_500_966)
    static let demo = DemoData.generate(seed: 7, now: now)

    func testSameSeedGivesTheSameEvents() {
        let again = DemoData.generate(seed: 7, now: Self.now)
        XCTAssertEqual(again.events, Self.demo.events)
        XCTAssertEqual(again.customers, Self.demo.customers)
    }

    func testDifferentSeedGivesDifferentEvents() {
        let other = DemoData.generate(seed: 8, now: Self.now)
        XCTAssertNotEqual(other.events, Self.demo.events)
    }

    func testEveryEventPreparesUnchangedAndFolds() throws {
        var state = HelpdeskState()
        for (i, event) in Self.demo.events.enumerated() {
            XCTAssertEqual(event.seq, 0)
            let prepared: Change
            do {
                prepared = try state.prepare(event.change, actor: event.actor, at: event.at)
            } catch {
                return XCTFail("event \(i) (\(event.change.typeName)) refused: \(error)")
            }
            // Nothing for the store to fill in or correct: ids, numbers, versions and "from" values are right.
            XCTAssertEqual(prepared, event.change, "event \(i) was changed by prepare")
            state.apply(Event(seq: i + 1, at: event.at, actor: event.actor, change: prepared))
        }
        XCTAssertNoThrow(try Self.demo.fold())
    }

    /// Other seeds and other times of day and year (night, the spring clock change) stay valid too.
    func testOtherSeedsAndTimesFoldCleanly() throws {
        let times: [TimeInterval] = [1_774_742_400 + 1_800, 1_761_436_800 + 3 * 3_600, 1_735_689_600 - 7_200.5]
        for (seed, time) in zip([1, 99, 123_456] as [UInt64], times) {
            let now = Date(timeIntervalSince1970: time)
            let demo = DemoData.generate(seed: seed, now: now)
            let state = try demo.fold()
            XCTAssertGreaterThanOrEqual(state.tickets.count, 300)
            XCTAssertEqual(Set(state.tickets.values.map(\.status)), Set(TicketStatus.allCases), "seed \(seed)")
            XCTAssertLessThanOrEqual(demo.events.last!.at, now)
            XCTAssertEqual(state.promises.values.filter { $0.isOverdue(now: now) }.count, 1, "seed \(seed)")
            XCTAssertTrue(state.tickets.values.contains { $0.createdAt > now.addingTimeInterval(-3_600) }, "seed \(seed)")
        }
    }

    func testEventsAreChronologicalWithinTheLastNinetyDays() {
        let events = Self.demo.events
        let start = Self.now.addingTimeInterval(-Double(DemoData.days * 86_400))
        XCTAssertEqual(events.first?.at, start.addingTimeInterval(-Self.now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)))
        for (a, b) in zip(events, events.dropFirst()) { XCTAssertLessThanOrEqual(a.at, b.at) }
        XCTAssertLessThanOrEqual(events.last!.at, Self.now)
        XCTAssertTrue(events.allSatisfy { $0.at.timeIntervalSince1970 == $0.at.timeIntervalSince1970.rounded() })
        // Agents come first.
        XCTAssertTrue(events.prefix(6).allSatisfy { if case .agentSaved = $0.change { true } else { false } })
    }

    func testTeam() {
        let demo = Self.demo
        XCTAssertEqual(demo.agents.count, 6)
        XCTAssertEqual(demo.agents.filter(\.isSupervisor).count, 1)
        XCTAssertEqual(Set(demo.agents.map(\.login)).count, 6)
        let me = demo.agents.first { $0.login == demo.defaultAgent }
        XCTAssertNotNil(me)
        XCTAssertEqual(me?.isSupervisor, false)
        XCTAssertTrue(demo.agents.allSatisfy { $0.signature != nil && HelpdeskState.isValidLogin($0.login) })
        XCTAssertEqual(demo.settings.timeZone, "Europe/London")
        XCTAssertNotNil(TimeZone(identifier: demo.settings.timeZone))
    }

    func testCustomers() throws {
        let state = try Self.demo.fold()
        let customers = Array(state.customers.values)
        XCTAssertGreaterThanOrEqual(customers.count, 80)
        XCTAssertEqual(Set(customers.map(\.id)), Set((1...customers.count).map(HelpdeskState.customerID)))
        XCTAssertTrue(customers.contains { !$0.name.allSatisfy(\.isASCII) })
        XCTAssertTrue(customers.contains { $0.name == "王芳" && $0.greetingName == "Fang" })
        XCTAssertTrue(customers.contains { $0.emails.count >= 2 })
        XCTAssertTrue(customers.contains { $0.organisation != nil })
        XCTAssertTrue(customers.contains { $0.birthday != nil })
        let vips = customers.filter(\.vip).count
        XCTAssertTrue((5...15).contains(vips), "\(vips) VIPs")
        let stale = Self.now.addingTimeInterval(-180 * 86_400)
        XCTAssertTrue(customers.contains { $0.preferences.contains { $0.confirmedAt < stale } })
        XCTAssertGreaterThan(customers.filter { $0.usualOrder != nil }.count, customers.count / 2)
        let ticketCounts = customers.map { state.ticketsByCustomer[$0.id]?.count ?? 0 }
        XCTAssertGreaterThanOrEqual(ticketCounts.filter { (8...15).contains($0) }.count, 3)
    }

    func testTickets() throws {
        let state = try Self.demo.fold()
        let tickets = state.tickets.values
        XCTAssertGreaterThanOrEqual(tickets.count, 300)
        XCTAssertEqual(Set(tickets.map(\.number)), Set(1001...(1000 + tickets.count)))
        XCTAssertEqual(Set(tickets.map(\.status)), Set(TicketStatus.allCases))
        XCTAssertEqual(Set(tickets.map(\.priority)), Set(Priority.allCases))
        XCTAssertEqual(Set(tickets.map(\.channel)), Set(Channel.allCases))
        XCTAssertTrue(tickets.contains { $0.assignee == nil })
        XCTAssertEqual(Set(tickets.compactMap(\.assignee)), Set(Self.demo.agents.map(\.login)))
        XCTAssertGreaterThanOrEqual(tickets.filter { $0.messageCount >= 10 }.count, 3)
        XCTAssertTrue(tickets.contains { $0.tags.contains("vip") })
        // Ratings: mostly good, a few bad.
        let scores = tickets.compactMap(\.satisfaction?.score)
        XCTAssertGreaterThan(scores.count, 60)
        XCTAssertTrue(scores.contains { $0 <= 2 })
        XCTAssertGreaterThan(scores.filter { $0 >= 4 }.count, scores.count * 2 / 3)
        // Something for live stats and SLA views: fresh tickets, and new ones waiting over an hour.
        let hour: TimeInterval = 3_600
        XCTAssertTrue(tickets.contains { $0.createdAt > Self.now.addingTimeInterval(-hour) })
        XCTAssertTrue(tickets.contains { $0.status == .new && $0.createdAt < Self.now.addingTimeInterval(-hour) })
        XCTAssertTrue(tickets.contains { $0.awaitingReply && $0.status == .open })
        XCTAssertTrue(tickets.contains { $0.solvedAt.map { $0 > Self.now.addingTimeInterval(-24 * hour) } ?? false })
        // The hostile ticket survives intact for the console's sanitiser to deal with.
        XCTAssertTrue(tickets.contains { $0.subject.unicodeScalars.contains("\u{202E}") })
        XCTAssertTrue(Self.demo.events.contains {
            if case .ticketCreated(let t) = $0.change { t.message?.body.contains("\u{1B}]0;pwned\u{07}") ?? false } else { false }
        })
    }

    func testPromisesInEveryState() throws {
        let state = try Self.demo.fold()
        let promises = Array(state.promises.values)
        XCTAssertEqual(Set(promises.map(\.id)), Set(1...promises.count))
        XCTAssertTrue(promises.contains { $0.state == .kept })
        XCTAssertTrue(promises.contains { $0.state == .missed })
        XCTAssertEqual(promises.filter { $0.isOverdue(now: Self.now) }.count, 1)
        let soon = promises.filter { $0.state == .open && $0.due > Self.now && $0.due < Self.now.addingTimeInterval(86_400) }
        XCTAssertGreaterThanOrEqual(soon.count, 2)
        for p in promises {
            XCTAssertLessThan(p.createdAt, p.due)
            if p.state == .open { XCTAssertTrue(state.tickets[p.ticket]!.status.isOpen) }
        }
    }

    func testStoryTablesAgree() {
        XCTAssertEqual(DemoStories.weights.count, DemoStories.all.count)
        XCTAssertTrue(DemoStories.all.allSatisfy { $0.priorityWeights.count == Priority.allCases.count })
        XCTAssertTrue(DemoStories.all.allSatisfy { !$0.openings.isEmpty && !$0.resolutions.isEmpty && !$0.waiting.isEmpty })
        XCTAssertTrue(Self.demo.events.contains { if case .customerUpdated = $0.change { true } else { false } })
    }

    func testTemplates() {
        let templates = Self.demo.templates
        XCTAssertGreaterThanOrEqual(templates.count, 12)
        let bodies = templates.map(\.body).joined()
        for placeholder in ["{{customer.preferredName | \"there\"}}", "{{customer.usualOrder", "{{ticket.number}}",
                            "{{agent.name}}", "{{agent.signature}}", "{{promise.due}}", "{{today}}"] {
            XCTAssertTrue(bodies.contains(placeholder), placeholder)
        }
        XCTAssertTrue(templates.contains { $0.actions.status == .pending })
        XCTAssertTrue(templates.contains { $0.actions.status == .solved })
        XCTAssertTrue(templates.contains { !$0.actions.addTags.isEmpty })
    }

    func testEventsRoundTripThroughJSON() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let data = try encoder.encode(Self.demo.events)
        XCTAssertEqual(try decoder.decode([Event].self, from: data), Self.demo.events)
    }
}
