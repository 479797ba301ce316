import Foundation
import XCTest
@testable import HelpdeskCore

final class SLAClockTests: XCTestCase {
    /// `2026-11-23 10:00` (a Monday) in the given zone.
    func local(_ text: String, _ zone: String = "UTC") -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: zone)!
        let parts = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
        return c.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    func clock(_ hours: BusinessHours = BusinessHours(), zone: String = "UTC") -> BusinessClock {
        BusinessClock(hours: hours, timeZone: TimeZone(identifier: zone)!)
    }

    func testBusinessSecondsWithinADayAndAcrossNights() {
        let c = clock()
        XCTAssertEqual(c.seconds(from: local("2026-11-23 10:00"), to: local("2026-11-23 11:30")), 5400)
        // Before opening and after closing count nothing.
        XCTAssertEqual(c.seconds(from: local("2026-11-23 06:00"), to: local("2026-11-23 09:30")), 1800)
        XCTAssertEqual(c.seconds(from: local("2026-11-23 16:00"), to: local("2026-11-24 10:00")), 2 * 3600)
        XCTAssertEqual(c.seconds(from: local("2026-11-23 18:00"), to: local("2026-11-23 23:00")), 0)
        XCTAssertEqual(c.seconds(from: local("2026-11-23 11:30"), to: local("2026-11-23 10:00")), -5400)
    }

    func testWeekendsAndHolidaysAreSkipped() {
        let c = clock(BusinessHours(holidays: ["2026-11-30"]))
        // Friday 16:00 → Monday 10:00: one hour Friday + one hour Monday.
        XCTAssertEqual(c.seconds(from: local("2026-11-27 16:00"), to: local("2026-11-30 10:00")), 3600, "Monday 30th is a holiday")
        XCTAssertEqual(c.seconds(from: local("2026-11-27 16:00"), to: local("2026-12-01 10:00")), 2 * 3600)
        XCTAssertEqual(clock().seconds(from: local("2026-11-27 16:00"), to: local("2026-11-30 10:00")), 2 * 3600)
        // A full week has 5 × 8 h.
        XCTAssertEqual(clock().seconds(from: local("2026-11-23 00:00"), to: local("2026-11-30 00:00")), 40 * 3600)
        // Adding is the inverse: 2 business hours from Friday 16:00 is Monday 10:00.
        XCTAssertEqual(clock().adding(2 * 3600, to: local("2026-11-27 16:00")), local("2026-11-30 10:00"))
        XCTAssertEqual(c.adding(2 * 3600, to: local("2026-11-27 16:00")), local("2026-12-01 10:00"))
    }

    func testTimeZonesAndDST() {
        let ny = clock(zone: "America/New_York")
        // 09:00–17:00 New York time is 14:00–22:00 UTC in winter.
        XCTAssertEqual(ny.seconds(from: local("2026-11-23 13:00"), to: local("2026-11-23 15:00")), 3600)
        XCTAssertTrue(ny.isOpen(at: local("2026-11-23 09:30", "America/New_York")))
        XCTAssertFalse(ny.isOpen(at: local("2026-11-23 09:30")))
        // Across the spring-forward night (2026-03-08) business days stay 8 h long.
        XCTAssertEqual(ny.seconds(from: local("2026-03-06 00:00", "America/New_York"),
                                  to: local("2026-03-10 00:00", "America/New_York")), 2 * 8 * 3600)
        // A 24-hour calendar in a DST zone: the spring-forward day has 23 hours.
        let always = clock(.always, zone: "Europe/Berlin")
        XCTAssertEqual(always.seconds(from: local("2026-03-29 00:00", "Europe/Berlin"),
                                      to: local("2026-03-30 00:00", "Europe/Berlin")), 23 * 3600)
        XCTAssertEqual(always.seconds(from: local("2026-10-25 00:00", "Europe/Berlin"),
                                      to: local("2026-10-26 00:00", "Europe/Berlin")), 25 * 3600)
    }

    func testLargeRangesGrowTheTable() {
        let c = clock()
        let a = local("2024-01-01 00:00"), b = local("2026-11-23 00:00")
        // A year later and earlier than the first request still counts right.
        XCTAssertEqual(c.seconds(from: local("2026-11-23 09:00"), to: local("2026-11-23 17:00")), 8 * 3600)
        let far = c.seconds(from: a, to: b)
        XCTAssertEqual(far, clock().seconds(from: a, to: b))
        XCTAssertEqual(far.truncatingRemainder(dividingBy: 8 * 3600), 0)
    }

    // MARK: Tickets

    func sla() -> SLAClock { SLAClock(policy: SLAPolicy(), clock: clock()) }

    func ticket(_ priority: Priority, created: Date) -> Ticket {
        Ticket(number: 1, subject: "x", status: .open, priority: priority, requester: "c1", createdAt: created)
    }

    func testFirstReplyCountdownAndRisk() {
        let created = local("2026-11-23 10:00")
        let t = ticket(.urgent, created: created)
        let s = sla().next(for: t, now: local("2026-11-23 10:18"))!
        XCTAssertEqual(s.kind, .firstReply)
        XCTAssertEqual(s.remaining, 42 * 60)
        XCTAssertEqual(s.countdown, "42m")
        XCTAssertEqual(s.risk, .ok)
        XCTAssertEqual(sla().next(for: t, now: local("2026-11-23 10:40"))!.risk, .watch)
        XCTAssertEqual(sla().next(for: t, now: local("2026-11-23 10:50"))!.risk, .atRisk)
        let late = sla().next(for: t, now: local("2026-11-23 11:15"))!
        XCTAssertTrue(late.breached)
        XCTAssertEqual(late.countdown, "-15m")
        XCTAssertEqual(late.breachKey, "first-reply")
        // Normal priority created late Friday: 8 business hours run into Monday.
        let friday = ticket(.normal, created: local("2026-11-27 16:00"))
        let s2 = sla().next(for: friday, now: local("2026-11-30 10:00"))!
        XCTAssertEqual(s2.remaining, 6 * 3600)
        XCTAssertEqual(s2.countdown, "6h")
        XCTAssertEqual(sla().dueDate(s2, now: local("2026-11-30 10:00")), local("2026-11-30 16:00"))
    }

    func testNextReplyAfterTheFirstAndResolution() {
        var t = ticket(.high, created: local("2026-11-23 09:00"))
        t.record(Message(kind: .reply, author: "sam", body: "hi", at: local("2026-11-23 10:00")))
        XCTAssertEqual(sla().next(for: t, now: local("2026-11-23 11:00"))!.kind, .resolution)
        t.record(Message(kind: .customer, author: "c1", body: "still broken", at: local("2026-11-23 12:00")))
        let s = sla().targets(for: t, now: local("2026-11-23 13:00"))
        XCTAssertEqual(s.map(\.kind), [.nextReply, .resolution])
        XCTAssertEqual(s[0].remaining, 7 * 3600)
        XCTAssertEqual(s[1].remaining, 20 * 3600)
        XCTAssertEqual(s[0].breachKey, "next-reply@" + ISOTime.format(local("2026-11-23 12:00")))
        t.status = .solved
        XCTAssertNil(sla().next(for: t, now: local("2026-11-23 13:00")))
    }

    /// The clock stops while pending: folded through `HelpdeskState.apply`, as the store does.
    func testPausesWhilePendingOrOnHold() throws {
        var s = HelpdeskState()
        var seq = 0
        func add(_ c: Change, at: Date) throws {
            seq += 1
            s.apply(Event(seq: seq, at: at, actor: "sam", change: try s.prepare(c, actor: "sam", at: at)))
        }
        let t0 = local("2026-11-23 09:00")
        try add(.agentSaved(Agent(login: "sam", displayName: "Sam")), at: t0)
        try add(.customerCreated(Customer(id: "", name: "Ada", customerSince: t0)), at: t0)
        try add(.ticketCreated(NewTicket(subject: "x", status: .open, priority: .normal, requester: "c00001")), at: t0)
        func status(_ st: TicketStatus, at: Date) throws {
            let t = s.tickets[1001]!
            try add(.ticketUpdated(number: 1001, base: t.version, patch: TicketPatch.diff(t, status: st)), at: at)
        }
        try status(.pending, at: local("2026-11-23 10:00"))
        // While pending the countdown stands still.
        let during = s.slaClock.next(for: s.tickets[1001]!, now: local("2026-11-23 15:00"))!
        XCTAssertTrue(during.paused)
        XCTAssertEqual(during.remaining, 7 * 3600)
        XCTAssertFalse(s.slaClock.isDueSoon(s.tickets[1001]!, now: local("2026-11-23 15:00")))
        try status(.open, at: local("2026-11-24 10:00"))   // 8 business hours paused (10:00 → next day 10:00)
        XCTAssertEqual(s.tickets[1001]!.pausedSeconds, 8 * 3600)
        try status(.onHold, at: local("2026-11-24 11:00"))
        try status(.open, at: local("2026-11-24 12:00"))
        XCTAssertEqual(s.tickets[1001]!.pausedSeconds, 9 * 3600)
        // Elapsed since creation 12 business hours, minus 9 paused: 3 used of 8.
        let after = s.slaClock.next(for: s.tickets[1001]!, now: local("2026-11-24 13:00"))!
        XCTAssertEqual(after.kind, .firstReply)
        XCTAssertEqual(after.remaining, 5 * 3600)
        XCTAssertFalse(after.paused)

        // The next-reply clock only loses pauses after the customer's message.
        try add(.messageAdded(number: 1001, message: Message(kind: .reply, author: "sam", body: "a", at: local("2026-11-24 13:00"))), at: local("2026-11-24 13:00"))
        try status(.pending, at: local("2026-11-24 13:00"))
        try add(.messageAdded(number: 1001, message: Message(kind: .customer, author: "c00001", body: "b", at: local("2026-11-24 14:00"))), at: local("2026-11-24 14:00"))
        XCTAssertEqual(s.tickets[1001]!.pausedAtLastCustomerMessage, 10 * 3600)
        try status(.open, at: local("2026-11-24 15:00"))
        let next = s.slaClock.next(for: s.tickets[1001]!, now: local("2026-11-24 16:00"))!
        XCTAssertEqual(next.kind, .nextReply)
        XCTAssertEqual(next.remaining, 24 * 3600 - 3600, "14:00→16:00 with 14:00→15:00 pending")
    }

    func testDueSoonAndLiveMisses() throws {
        let t = ticket(.urgent, created: local("2026-11-23 10:00"))
        XCTAssertFalse(sla().isDueSoon(t, now: local("2026-11-23 09:59")), "a full hour left")
        XCTAssertTrue(sla().isDueSoon(t, now: local("2026-11-23 10:01")))
        // Friday 16:50 with 30 min left: due Monday, not within the next hour.
        let friday = ticket(.urgent, created: local("2026-11-27 16:20"))
        XCTAssertFalse(sla().isDueSoon(friday, now: local("2026-11-27 16:50")))
        var late = t
        let live = sla().liveMisses(of: late, now: local("2026-11-23 12:00"))
        XCTAssertEqual(live.map(\.key), ["first-reply"])
        XCTAssertEqual(live.first?.at, local("2026-11-23 11:00"), "an hour's target from 10:00 ran out at 11:00, not when asked")
        late.slaMisses = live
        XCTAssertEqual(sla().liveMisses(of: late, now: local("2026-11-23 12:00")), [], "a settled miss is not live again")
    }

    func testSettingsDecodeWithDefaultsForMissingKeys() throws {
        let s = try JSONDecoder().decode(Settings.self, from: Data(#"{"name":"Café","businessHours":{"opens":"08:00"},"sla":{"urgent":{"firstReply":1800,"nextReply":3600,"resolution":7200}}}"#.utf8))
        XCTAssertEqual(s.businessHours.opens, "08:00")
        XCTAssertEqual(s.businessHours.closes, "17:00")
        XCTAssertEqual(s.businessHours.weekdays, [1, 2, 3, 4, 5])
        XCTAssertEqual(s.sla.urgent.firstReply, 1800)
        XCTAssertEqual(s.sla.low.resolution, 120 * 3600)
        XCTAssertEqual(try JSONDecoder().decode(Settings.self, from: Data("{}".utf8)).sla, SLAPolicy())
        XCTAssertNotNil(BusinessHours(opens: "17:00", closes: "09:00").problem)
        XCTAssertNotNil(BusinessHours(holidays: ["2026-13-01"]).problem)
    }
}
