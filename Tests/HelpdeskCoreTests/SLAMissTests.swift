import Foundation
import XCTest
@testable import HelpdeskCore

/// SLA misses are derived from the history and the policy: the moment a target ran out, which target, and
/// who owned the ticket then — whatever time anyone looks, and with nothing written by a console.
final class SLAMissTests: HistoryTestCase {
    /// Business hours 09:00–17:00, Monday to Friday (UTC).
    func office() throws -> HelpdeskState {
        try base(hours: BusinessHours(weekdays: [1, 2, 3, 4, 5], opens: "09:00", closes: "17:00"))
    }

    func assign(_ s: inout HelpdeskState, _ n: Int, _ who: String?, at: Date) throws {
        let t = s.tickets[n]!
        try commit(&s, .ticketUpdated(number: n, base: t.version, patch: TicketPatch.diff(t, assignee: .some(who))), at: at)
    }

    func testAMissCarriesItsMomentAndTheOwnerThenNotWhenSomeoneLooked() throws {
        var s = try office()
        // Urgent: one business hour to the first reply. Created Monday 10:00, pending 10:30–12:00 (the
        // clock stops), so the hour runs out at 12:30 — while kim owns it; sam takes it at 13:00.
        let n = try create(&s, "Machine down", at: local("2026-11-23 10:00"), priority: .urgent, assignee: "kim")
        try status(&s, n, .pending, at: local("2026-11-23 10:30"))
        try status(&s, n, .open, at: local("2026-11-23 12:00"))
        try assign(&s, n, "sam", at: local("2026-11-23 13:00"))
        try message(&s, n, .reply, by: "sam", at: local("2026-11-23 14:00"))
        let misses = s.tickets[n]!.slaMisses
        XCTAssertEqual(misses.map(\.kind), [.firstReply])
        XCTAssertEqual(misses.first?.at, local("2026-11-23 12:30"))
        XCTAssertEqual(misses.first?.assignee, "kim")
        XCTAssertEqual(misses.first?.target, 3600)
        // Asked a week later, the same answer.
        XCTAssertEqual(s.slaMisses(of: s.tickets[n]!, now: local("2026-11-30 12:00")).first { $0.kind == .firstReply }?.at,
                       local("2026-11-23 12:30"))
    }

    func testAReplyInTimeIsNoMissAndOneAfterTheDeadlineIs() throws {
        var s = try office()
        let early = try create(&s, "Early", at: local("2026-11-23 10:00"), priority: .urgent)
        let late = try create(&s, "Late", at: local("2026-11-23 10:00"), priority: .urgent)
        try message(&s, early, .reply, by: "sam", at: local("2026-11-23 10:59"))
        try message(&s, late, .reply, by: "sam", at: local("2026-11-23 11:01"))
        XCTAssertEqual(s.tickets[early]!.slaMisses, [])
        XCTAssertEqual(s.tickets[late]!.slaMisses.map(\.at), [local("2026-11-23 11:00")])
        let period = StatsPeriod(start: local("2026-11-23 00:00"), end: local("2026-11-24 00:00"))
        let m = PeriodMetrics.compute(s, activity: ReplyActivity(events: events), period: period, now: local("2026-11-23 12:00"))
        let first = m.sla.first { $0.kind == .firstReply }!
        XCTAssertEqual(first.met, [early])
        XCTAssertEqual(first.missed, [late])
        XCTAssertEqual(first.percent, "50%")
    }

    func testNightsAndWeekendsDoNotCountAndALiveMissIsFoundWithoutAnEvent() throws {
        var s = try office()
        // Friday 16:30, urgent: half an hour on Friday, the other half on Monday → due Monday 09:30.
        let n = try create(&s, "Friday", at: local("2026-11-27 16:30"), priority: .urgent, assignee: "kim")
        XCTAssertEqual(s.slaMisses(of: s.tickets[n]!, now: local("2026-11-30 09:29")), [])
        let live = s.slaMisses(of: s.tickets[n]!, now: local("2026-11-30 11:00"))
        XCTAssertEqual(live.map(\.kind), [.firstReply])
        XCTAssertEqual(live.first?.at, local("2026-11-30 09:30"))
        XCTAssertEqual(live.first?.assignee, "kim")
        XCTAssertEqual(s.tickets[n]!.slaMisses, [], "nothing was recorded: the miss is derived when asked")
    }

    func testNextReplyMissesAreOnePerCustomerMessageAndAchievementCountsEachTicketOnce() throws {
        var s = try office()
        // Normal: next reply within 24 business hours (three office days).
        let n = try create(&s, "Beans", at: local("2026-11-23 09:00"))
        try message(&s, n, .reply, by: "sam", at: local("2026-11-23 09:30"))
        try message(&s, n, .customer, by: "c00001", at: local("2026-11-23 10:00"))
        try message(&s, n, .reply, by: "sam", at: local("2026-11-23 11:00"))   // in time
        try message(&s, n, .customer, by: "c00001", at: local("2026-11-23 12:00"))
        try message(&s, n, .reply, by: "kim", at: local("2026-11-27 12:00"))   // 4 office days later: missed
        let next = s.tickets[n]!.slaMisses.filter { $0.kind == .nextReply }
        XCTAssertEqual(next.map(\.since), [local("2026-11-23 12:00")])
        XCTAssertEqual(next.first?.at, local("2026-11-26 12:00"))
        let week = StatsPeriod(start: local("2026-11-23 00:00"), end: local("2026-11-30 00:00"))
        let m = PeriodMetrics.compute(s, activity: ReplyActivity(events: events), period: week, now: local("2026-11-28 12:00"))
        let a = m.sla.first { $0.kind == .nextReply }!
        XCTAssertEqual(a.missed, [n])
        XCTAssertEqual(a.met, [], "one in time and one missed in the same week: the ticket did not meet it")
        // The week before the miss, only the reply in time was decided.
        let monday = StatsPeriod(start: local("2026-11-23 00:00"), end: local("2026-11-24 00:00"))
        let m2 = PeriodMetrics.compute(s, activity: ReplyActivity(events: events), period: monday, now: local("2026-11-28 12:00"))
        XCTAssertEqual(m2.sla.first { $0.kind == .nextReply }?.met, [n])
    }

    func testTheClockReadsAsPeopleSayItNeverZeroSeconds() {
        func state(_ remaining: TimeInterval, paused: Bool = false) -> SLAState {
            SLAState(kind: .firstReply, since: Date(timeIntervalSince1970: 0), target: 3600, remaining: remaining, paused: paused)
        }
        XCTAssertEqual(state(42 * 60).sentence, "first reply due in 42m")
        XCTAssertEqual(state(0).sentence, "first reply due now")
        XCTAssertEqual(state(-30).sentence, "first reply due now")
        XCTAssertEqual(state(-3 * 60).sentence, "first reply overdue 3m")
        XCTAssertEqual(state(-3 * 60, paused: true).sentence, "first reply overdue 3m (paused)")
        XCTAssertEqual(state(0).countdown, "now")
        XCTAssertEqual(state(-59).countdown, "now")
        XCTAssertEqual(state(-15 * 60).countdown, "-15m")
    }

    func testBusinessTimeBackwardsUndoesForwards() {
        let clock = BusinessClock(hours: BusinessHours(weekdays: [1, 2, 3, 4, 5], opens: "09:00", closes: "17:00"), timeZone: utc)
        for (start, amount) in [("2026-11-27 16:30", 3600.0), ("2026-11-23 10:00", 8 * 3600.0), ("2026-11-20 12:00", 30 * 3600.0)] {
            let due = clock.adding(amount, to: local(start))
            XCTAssertEqual(clock.subtracting(amount, from: due), local(start), "\(start) + \(amount)")
            XCTAssertEqual(clock.seconds(from: clock.subtracting(amount, from: due), to: due), amount)
        }
        // Monday 10:00 is one business hour after Friday's close, not after Monday's opening: a target that
        // ran out with the day's end is missed at 17:00, where `adding` puts the deadline.
        XCTAssertEqual(clock.subtracting(3600, from: local("2026-11-30 10:00")), local("2026-11-27 17:00"))
        XCTAssertEqual(clock.adding(8 * 3600, to: local("2026-11-27 09:00")), local("2026-11-27 17:00"))
    }

    func testATargetRunningOutAtTheDaysEndIsMissedThenNotNextMorning() throws {
        var s = try office()
        // Normal: 8 business hours to the first reply; created before opening Monday, due Monday 17:00.
        let n = try create(&s, "Overnight", at: local("2026-11-23 07:00"), assignee: "kim")
        try message(&s, n, .reply, by: "kim", at: local("2026-11-24 09:30"))
        XCTAssertEqual(s.tickets[n]!.slaMisses.map(\.at), [local("2026-11-23 17:00")])
    }
}
