import Foundation
import XCTest
@testable import HelpdeskCore

/// The report's opening: the period against the one before; what an agent sees; the report as a mail.
final class ReportHeadlineTests: XCTestCase {
    let utc = TimeZone(identifier: "UTC")!

    func report() -> StatsReport {
        var now = PeriodMetrics(), before = PeriodMetrics()
        now.created = [1, 2, 3]
        before.created = [4]
        now.firstReply = Distribution([600, 1200, 3600])
        before.firstReply = Distribution([7200])
        now.promisesKept = [1, 2]
        before.promisesMissed = [3]
        now.sla = [SLAAchievement(kind: .firstReply, met: [1, 2, 3], missed: [4])]
        before.sla = [SLAAchievement(kind: .firstReply, met: [5], missed: [6])]
        now.satisfactionAverage = 4.5
        now.satisfactionCount = 2
        let agents = [AgentMetrics(login: "dana", name: "Dana", openAssigned: 1, replies: 2, firstReply: Distribution([]),
                                   promisesKept: 0, promisesMissed: 0),
                      AgentMetrics(login: "sam", name: "Sam", openAssigned: 3, replies: 4, firstReply: Distribution([]),
                                   promisesKept: 0, promisesMissed: 0)]
        var r = StatsReport(from: Date(timeIntervalSince1970: 86_400 * 7), to: Date(timeIntervalSince1970: 86_400 * 14),
                            timeZone: "UTC", totals: now, agents: agents, tags: [], missedPromises: [], breaches: [],
                            atRiskCustomers: [], bestRated: [])
        r.previous = before
        r.backlogAtStart = 10
        r.backlogAtEnd = 7
        return r
    }

    func testHeadlineComparesEachNumberWithThePeriodBefore() {
        let rows = Dictionary(uniqueKeysWithValues: ReportHeadline.rows(report()).map { ($0.metric, $0) })
        XCTAssertEqual(rows["Backlog at the end"].map { [$0.now, $0.before, $0.change] }, ["7", "10", "−3"])
        XCTAssertEqual(rows["Tickets created"]?.change, "+2")
        XCTAssertEqual(rows["First reply median"].map { [$0.now, $0.before] }, ["20m", "2h"])
        XCTAssertEqual(rows["First reply median"]?.change, "−1h40m")
        XCTAssertEqual(rows["SLA met: first reply"].map { [$0.now, $0.before, $0.change] }, ["75%", "50%", "+25 pts"])
        XCTAssertEqual(rows["Promises kept"]?.change, "+2")
        XCTAssertEqual(rows["Promises missed"]?.change, "−1")
        XCTAssertEqual(rows["Satisfaction (ratings)"].map { [$0.now, $0.before, $0.change] }, ["4.5 (2)", "–", "–"])
        XCTAssertNotNil(rows["First reply p90"])
    }

    func testTheReportOpensWithTheHeadlineThenTheListsAndRightAlignsNumbers() {
        let md = ReportDocument.markdown(report(), localTime: LocalTime(timeZone: utc), agentName: { $0 ?? "" })
        let order = ["## Headline", "## Missed promises", "## SLA breaches", "## Customers at risk", "## Best-rated replies",
                     "## Totals", "## Per agent"].map { md.range(of: $0)?.lowerBound }
        XCTAssertFalse(order.contains(nil), md)
        XCTAssertEqual(order.compactMap { $0 }, order.compactMap { $0 }.sorted(), "headline first, then the lists:\n\(md)")
        XCTAssertTrue(md.contains("| Backlog at the end | 7 | 10 | −3 |"), md)
        XCTAssertTrue(md.contains("|---|---:|---:|---:|"), "numbers right-aligned:\n\(md)")
    }

    func testAnAgentSeesTheirOwnRowAndTheTeamTotals() {
        let r = report()
        let mine = r.visible(to: "dana", isSupervisor: false)
        XCTAssertEqual(mine.agents.map(\.login), ["dana"])
        XCTAssertEqual(mine.totals, r.totals, "the team's totals stay")
        XCTAssertEqual(r.visible(to: "sam", isSupervisor: true).agents.count, 2)
    }

    func testBestRatedRepliesQuoteTheReplyBeforeTheRating() {
        var r = report()
        let at = Date(timeIntervalSince1970: 86_400 * 10)
        r.bestRated = [.init(ticket: 7, score: 5, comment: "Lovely", ratedAt: at, agent: "sam", subject: "Beans")]
        var t = Ticket(number: 7, subject: "Beans", requester: "c1", createdAt: at.addingTimeInterval(-3600))
        t.messages = [Message(kind: .reply, author: "sam", body: "Sent today,\nwith a note", at: at.addingTimeInterval(-60)),
                      Message(kind: .reply, author: "sam", body: "After the rating", at: at.addingTimeInterval(60))]
        let filled = r.withReplyTexts { $0 == 7 ? t : nil }
        XCTAssertEqual(filled.bestRated.first?.replyText, "Sent today,\nwith a note")
        let md = ReportDocument.markdown(filled, localTime: LocalTime(timeZone: utc), agentName: { $0 ?? "" })
        XCTAssertTrue(md.contains("| #7 Beans | 5/5 | sam | Sent today, with a note | Lovely |"), "one line per row:\n\(md)")
    }

    func testReportMailIsMultipartAlternativeWithTextAndHTML() throws {
        let settings = Settings(name: "Test Café", supportAddress: "hi@test.example", timeZone: "UTC")
        let mail = try ReportMail(sendID: "report-1-ab", settings: settings, to: ["team@example.com", "boss@example.com"],
                                  subject: "Test Café: report", date: Date(timeIntervalSince1970: 0),
                                  text: "# Report\n--=_helpdesk-report-report-1-ab--", html: "<p>Report</p>")
        let m = mail.rendered
        XCTAssertTrue(m.contains("To: <team@example.com>, <boss@example.com>\r\n"), m)
        XCTAssertTrue(m.contains("Content-Type: multipart/alternative; boundary=\"=_helpdesk-report-report-1-ab\"\r\n"), m)
        XCTAssertTrue(m.contains("--=_helpdesk-report-report-1-ab\r\nContent-Type: text/plain; charset=UTF-8\r\n"), m)
        XCTAssertTrue(m.contains("--=_helpdesk-report-report-1-ab\r\nContent-Type: text/html; charset=UTF-8\r\n"), m)
        XCTAssertTrue(m.hasSuffix("--=_helpdesk-report-report-1-ab--\r\n"), m)
        XCTAssertEqual(m.components(separatedBy: "\r\n--=_helpdesk-report-report-1-ab").count, 4,
                       "a boundary line in the text is encoded (=3D), never a part boundary:\n\(m)")
        XCTAssertTrue(m.contains("Subject: =?UTF-8?B?"), "non-ASCII subject as an encoded word")
        for bad in ["a@b.c\r\nBcc: x@y.z", "Team <t@x.y>", "a@b.c, d@e.f", "nobody", "@x.y"] {
            XCTAssertThrowsError(try ReportMail(sendID: "r", settings: settings, to: [bad], subject: "s", date: Date(),
                                                text: "", html: ""), bad)
        }
    }
}
