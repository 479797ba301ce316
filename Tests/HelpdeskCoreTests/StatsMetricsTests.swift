import Foundation
import XCTest
@testable import HelpdeskCore

/// Each metric on hand-built histories: pauses, reopened and merged tickets, midnight and time zones.
final class StatsMetricsTests: HistoryTestCase {
    func testPercentilesUseNearestRank() {
        let d = Distribution([50, 10, 40, 30, 20])
        XCTAssertEqual(d.count, 5)
        XCTAssertEqual(d.median, 30)
        XCTAssertEqual(d.p90, 50)
        XCTAssertEqual(Distribution([7, 3]).median, 3)
        XCTAssertNil(Distribution([]).median)
        XCTAssertEqual(Distribution.percentile(90, of: (1...10).map(Double.init)), 9)
    }

    func testFirstReplyIsWallClockIgnoresNotesAndPauses() throws {
        var s = try base(hours: BusinessHours())   // business hours must not change the wall-clock numbers
        let a = try create(&s, "A", at: local("2026-11-23 08:00"))
        try message(&s, a, .note, by: "kim", at: local("2026-11-23 08:10"))
        try status(&s, a, .pending, at: local("2026-11-23 08:20"))
        try status(&s, a, .open, at: local("2026-11-23 09:20"))
        try message(&s, a, .reply, by: "sam", at: local("2026-11-23 10:00"))
        try message(&s, a, .reply, by: "kim", at: local("2026-11-23 10:30"))
        let b = try create(&s, "B", at: local("2026-11-23 09:00"))
        try message(&s, b, .reply, by: "kim", at: local("2026-11-23 09:30"))
        let st = stats(s, local("2026-11-23 12:00"))
        XCTAssertEqual(st.today.firstReply.count, 2)
        XCTAssertEqual(st.today.firstReply.median, 1800)
        XCTAssertEqual(st.today.firstReply.p90, 7200, "2 h wall clock, the pause and the note do not count")
        XCTAssertEqual(st.today.replies, 3)
        let sam = st.agents.first { $0.login == "sam" }!, kim = st.agents.first { $0.login == "kim" }!
        XCTAssertEqual(sam.replies, 1)
        XCTAssertEqual(sam.firstReply.median, 7200)
        XCTAssertEqual(kim.replies, 2)
        XCTAssertEqual(kim.firstReply.median, 1800, "kim answered B first; her later reply on A is not a first reply")
        XCTAssertNil(st.oldestUnanswered)
    }

    func testReopenedTicketCountsOnceAtItsLatestSolve() throws {
        var s = try base()
        let a = try create(&s, "A", at: local("2026-11-20 10:00"))
        try status(&s, a, .solved, at: local("2026-11-21 10:00"))
        try status(&s, a, .open, at: local("2026-11-22 10:00"))
        var st = stats(s, local("2026-11-22 12:00"))
        XCTAssertEqual(st.backlog, [a])
        XCTAssertEqual(st.last7Days.solved, [], "reopened: no longer solved")
        try status(&s, a, .solved, at: local("2026-11-23 10:00"))
        st = stats(s, local("2026-11-23 12:00"))
        XCTAssertEqual(st.today.solved, [a])
        XCTAssertEqual(st.last7Days.solved, [a])
        XCTAssertEqual(st.last7Days.resolution.median, 3 * 86_400)
        XCTAssertEqual(st.backlog, [])
    }

    func testMergedDuplicateIsLeftOutAndCopiedRepliesCountOnce() throws {
        var s = try base()
        let a = try create(&s, "A", at: local("2026-11-23 08:00"))
        let b = try create(&s, "B", at: local("2026-11-23 08:30"))
        try message(&s, b, .reply, by: "sam", at: local("2026-11-23 09:00"))
        var source = s.tickets[b]!
        source.messages = [Message(kind: .customer, author: "c00001", body: "B", at: local("2026-11-23 08:30")),
                           Message(kind: .reply, author: "sam", body: "x", at: local("2026-11-23 09:00"))]
        source.threadLoaded = true
        for c in try TicketMerge.changes(merging: source, into: s.tickets[a]!, actor: "sam", at: local("2026-11-23 09:10")) {
            try commit(&s, c, at: local("2026-11-23 09:10"))
        }
        let st = stats(s, local("2026-11-23 12:00"))
        XCTAssertEqual(st.today.created, [a])
        XCTAssertEqual(st.backlog, [a])
        XCTAssertEqual(st.today.replies, 1, "the copy of sam's reply is not a second reply")
        XCTAssertEqual(st.agents.first { $0.login == "sam" }!.replies, 1)
    }

    func testTodayStartsAtLocalMidnight() throws {
        var s = try base()
        // 23:30 UTC on the 22nd is 00:30 on the 23rd in Berlin.
        let late = try create(&s, "late", at: local("2026-11-22 23:30"))
        let now = local("2026-11-23 06:00")
        XCTAssertEqual(stats(s, now, TimeZone(identifier: "Europe/Berlin")!).today.created, [late])
        XCTAssertEqual(stats(s, now).today.created, [])
        // New York's day began at 05:00 UTC.
        XCTAssertEqual(stats(s, now, TimeZone(identifier: "America/New_York")!).today.created, [])
        XCTAssertEqual(stats(s, local("2026-11-23 04:59"), TimeZone(identifier: "America/New_York")!).today.created, [late])
    }

    func testPromisesSatisfactionBacklogAndOwnership() throws {
        var s = try base()
        let a = try create(&s, "A", at: local("2026-11-20 09:00"), priority: .urgent, assignee: "sam")
        let b = try create(&s, "B", at: local("2026-11-23 11:30"))
        let c = try create(&s, "C", at: local("2026-11-23 09:00"), priority: .high)
        let made = local("2026-11-18 09:00")
        for (due, owner) in [("2026-11-21 17:00", "sam"), ("2026-11-22 17:00", "sam"), ("2026-11-23 17:00", "kim"),
                             ("2026-11-10 17:00", "kim")] {
            try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "call", due: local(due), ticket: a, owner: owner,
                                                        createdAt: made)), at: made)
        }
        try commit(&s, .promiseResolved(id: 1, state: .kept), at: local("2026-11-21 16:00"))
        // Two customers answered the survey themselves (through a channel, not an agent's login) …
        try commit(&s, .ticketRated(number: c, satisfaction: Satisfaction(score: 5, at: local("2026-11-23 10:00"), source: .customer)),
                   by: "mail", at: local("2026-11-23 10:00"))
        try commit(&s, .ticketRated(number: b, satisfaction: Satisfaction(score: 2, at: local("2026-11-23 11:45"), source: .customer)),
                   by: "mail", at: local("2026-11-23 11:45"))
        // … and an agent typed in what a third said on the phone: kept apart, never averaged in.
        try commit(&s, .ticketRated(number: a, satisfaction: Satisfaction(score: 1, at: local("2026-11-23 11:50"))), by: "kim",
                   at: local("2026-11-23 11:50"))
        XCTAssertEqual(s.tickets[a]?.satisfaction?.reportedBy, "kim", "the store names who entered it")
        XCTAssertThrowsError(try commit(&s, .ticketRated(number: a, satisfaction: Satisfaction(score: 5, at: local("2026-11-23 11:55"),
                                                                                                 source: .customer)), by: "kim",
                                        at: local("2026-11-23 11:55")), "an agent cannot enter a rating as the customer's own")
        let st = stats(s, local("2026-11-23 12:00"))
        XCTAssertEqual(st.backlogByStatus["new"], 3)
        XCTAssertEqual(st.backlogByPriority["urgent"], 1)
        XCTAssertEqual(st.backlogByPriority["high"], 1)
        XCTAssertEqual(st.today.promisesDue, [3])
        XCTAssertEqual(st.last7Days.promisesKept, [1])
        XCTAssertEqual(st.last7Days.promisesMissed, [2], "overdue and still open counts as missed; #4 was due before the window")
        XCTAssertEqual(st.last7Days.satisfactionCount, 2)
        XCTAssertEqual(st.last7Days.satisfactionAverage, 3.5)
        XCTAssertEqual(st.last7Days.agentReportedCount, 1)
        XCTAssertEqual(st.last7Days.agentReportedAverage, 1)
        XCTAssertEqual(st.last7Days.agentReportedTickets, [a])
        XCTAssertEqual(st.unowned, [c], "B is under an hour old, A has an owner")
        XCTAssertEqual(st.oldestUnanswered?.number, a)
        XCTAssertEqual(st.oldestUnanswered?.customer, "Dana")
        XCTAssertEqual(st.oldestUnanswered?.ageSeconds, 3 * 86_400 + 3 * 3600)
        // Urgent A: 1 h first reply long gone. High C: 4 h from 09:00 → due 13:00, within the hour at 12:00.
        XCTAssertEqual(st.slaBreached, [a])
        XCTAssertEqual(st.slaAtRisk, [c])
        let sam = st.agents.first { $0.login == "sam" }!
        XCTAssertEqual(sam.openAssigned, 1)
        XCTAssertEqual(sam.promisesKept, 1)
        XCTAssertEqual(sam.promisesMissed, 1)
    }

    func testSparklineSeries() throws {
        var s = try base()
        let a = try create(&s, "A", at: local("2026-11-23 09:15"))
        _ = try create(&s, "B", at: local("2026-11-23 10:15"))
        _ = try create(&s, "C", at: local("2026-11-21 10:00"))
        try status(&s, a, .solved, at: local("2026-11-23 11:05"))
        let hourly = ActivitySeries.hourly(s, now: local("2026-11-23 11:30"))
        XCTAssertEqual(hourly.starts.count, 24)
        XCTAssertEqual(hourly.starts.last, local("2026-11-23 11:00"))
        XCTAssertEqual(Array(hourly.arrivals.suffix(3)), [1, 1, 0])
        XCTAssertEqual(Array(hourly.backlog.suffix(4)), [1, 2, 3, 2])
        let daily = ActivitySeries.daily(s, now: local("2026-11-23 11:30"), timeZone: utc)
        XCTAssertEqual(daily.starts.count, 30)
        XCTAssertEqual(Array(daily.arrivals.suffix(3)), [1, 0, 2])
        XCTAssertEqual(Array(daily.backlog.suffix(3)), [1, 1, 2])
    }

    func testReportNamesMissedPromisesBreachesBestRepliesAndTags() throws {
        var s = try base()
        let a = try create(&s, "A", at: local("2026-11-20 09:00"), priority: .urgent, assignee: "kim", tags: ["vip"])
        let b = try create(&s, "B", at: local("2026-11-21 09:00"), tags: ["billing"])
        try message(&s, a, .reply, by: "kim", at: local("2026-11-20 09:30"))
        try message(&s, b, .reply, by: "sam", at: local("2026-11-21 10:00"))
        try commit(&s, .ticketRated(number: b, satisfaction: Satisfaction(score: 5, comment: "Lovely", at: local("2026-11-21 12:00"),
                                                                         source: .customer)),
                   by: "mail", at: local("2026-11-21 12:00"))
        try commit(&s, .promiseMade(CustomerPromise(id: 0, text: "call back", due: local("2026-11-21 17:00"), ticket: a, owner: "kim",
                                                    createdAt: local("2026-11-20 10:00"))), at: local("2026-11-20 10:00"))
        // A is urgent (8 business hours to resolve, 09:00–17:00): it runs out at 17:00 on the 20th with kim
        // owning it; the reassignment the next morning does not move the blame.
        try commit(&s, .ticketUpdated(number: a, base: s.tickets[a]!.version, patch: TicketPatch.diff(s.tickets[a]!, assignee: .some("sam"))),
                   at: local("2026-11-21 10:00"))
        let now = local("2026-11-23 12:00")
        let period = StatsPeriod(start: local("2026-11-20 00:00"), end: local("2026-11-23 00:00"))
        let r = StatsReport.compute(s, activity: ReplyActivity(events: events), period: period, now: now, timeZone: utc)
        XCTAssertEqual(r.totals.created, [a, b])
        XCTAssertEqual(r.totals.replies, 2)
        XCTAssertEqual(r.missedPromises.map(\.ticket), [a])
        XCTAssertEqual(r.missedPromises.first?.state, "overdue")
        XCTAssertEqual(r.breaches.map(\.ticket), [a])
        XCTAssertEqual(r.breaches.first?.target, "resolution")
        XCTAssertEqual(r.breaches.first?.missedAt, local("2026-11-20 17:00"))
        XCTAssertEqual(r.breaches.first?.owner, "kim", "the owner when the target ran out, not the current one")
        XCTAssertEqual(r.totals.sla.first { $0.kind == .resolution }?.missed, [a])
        XCTAssertEqual(r.totals.sla.first { $0.kind == .firstReply }?.met, [a, b], "both answered within the target")
        XCTAssertEqual(r.bestRated.map(\.ticket), [b])
        XCTAssertEqual(r.bestRated.first?.agent, "sam")
        XCTAssertEqual(r.tags.map(\.tag), ["billing", "vip"])
        XCTAssertEqual(r.tags.first?.metrics.created, [b])
        XCTAssertEqual(r.agents.first { $0.login == "kim" }?.promisesMissed, 1)
        XCTAssertTrue(r.atRiskCustomers.contains { $0.name == "Dana" && $0.reasons.contains { $0.contains("missed promise") } })
        // The same numbers in every format.
        let md = ReportDocument.markdown(r, localTime: LocalTime(timeZone: utc), agentName: { s.agentName($0) })
        XCTAssertTrue(md.contains("| tickets created | 2 |"), md)
        XCTAssertTrue(md.contains("| #1002 B | 5/5 | Sam |  | Lovely |"), md)
        let csv = ReportDocument.csv(r)
        XCTAssertTrue(csv.contains("totals,,tickets created,2\r\n"), csv)
        XCTAssertTrue(csv.contains("agent,sam,public replies,1\r\n"), csv)
        let html = ReportDocument.html(r, localTime: LocalTime(timeZone: utc), agentName: { s.agentName($0) })
        let st = ReportDocument.htmlStyle
        XCTAssertTrue(html.contains(">tickets created</td><td style=\"\(st.td + st.number)\">2</td>"), "numbers right-aligned:\n\(html)")
        XCTAssertFalse(html.contains("<style"), "mail clients strip style blocks: every style is inline")
    }

    func testCSVQuotesAndDefusesFormulas() {
        var r = StatsReport(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 86_400), timeZone: "UTC",
                            totals: PeriodMetrics(), agents: [], tags: [], missedPromises: [], breaches: [],
                            atRiskCustomers: [], bestRated: [])
        r.missedPromises = [.init(id: 1, ticket: 5, owner: "sam", text: "=HYPERLINK(\"x\"), then call", due: Date(), state: "missed")]
        XCTAssertTrue(ReportDocument.csv(r).contains("missed promise,#5,sam,\"'=HYPERLINK(\"\"x\"\"), then call\"\r\n"),
                      ReportDocument.csv(r))
    }
}
