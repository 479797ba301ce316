import Foundation
import XCTest
@testable import HelpdeskCore

final class QueryTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func state() -> HelpdeskState {
        var s = HelpdeskState()
        let t0 = now.addingTimeInterval(-30 * 86_400)
        var seq = 0
        func add(_ c: Change, at: Date) {
            seq += 1
            s.apply(Event(seq: seq, at: at, actor: "sam", change: try! s.prepare(c, actor: "sam", at: at)))
        }
        add(.agentSaved(Agent(login: "sam", displayName: "Sam")), at: t0)
        add(.agentSaved(Agent(login: "dana", displayName: "Dana")), at: t0)
        add(.customerCreated(Customer(id: "", name: "Danielle Okafor", preferredName: "Dani", emails: ["dani@example.com"], customerSince: t0)), at: t0)
        add(.customerCreated(Customer(id: "", name: "Wang Fang", emails: ["wang@example.cn"], customerSince: t0)), at: t0)
        add(.ticketCreated(NewTicket(subject: "Grinder squeaks", status: .open, priority: .high, tags: ["vip", "hardware"],
                                     assignee: "sam", requester: "c00001", channel: .phone)), at: now.addingTimeInterval(-2 * 86_400))
        add(.ticketCreated(NewTicket(subject: "Refund for cold brew", status: .pending, priority: .normal, tags: ["billing"],
                                     requester: "c00002", channel: .email)), at: now.addingTimeInterval(-10 * 86_400))
        add(.ticketCreated(NewTicket(subject: "Spam offer", status: .new, priority: .low, tags: ["spam"],
                                     assignee: "dana", requester: "c00002", channel: .web)), at: now.addingTimeInterval(-3600))
        add(.ticketCreated(NewTicket(subject: "Espresso machine down", status: .open, priority: .urgent,
                                     requester: "c00001", channel: .phone)), at: now.addingTimeInterval(-600))
        return s
    }

    func numbers(_ q: String) throws -> [Int] {
        let s = state()
        var c = ViewContext(me: "sam", now: now, startOfToday: now)
        c.state = s
        c.sla = s.slaClock
        let query = try Query.parse(q, agents: Set(s.agents.keys))
        return query.sorted(s.tickets.values.filter { query.matches($0, in: c) }, in: c).map(\.number)
    }

    func testFieldsFilter() throws {
        XCTAssertEqual(try numbers("status:open,pending sort:number"), [1001, 1002, 1004])
        XCTAssertEqual(try numbers("assignee:me"), [1001])
        XCTAssertEqual(try numbers("assignee:none sort:number"), [1002, 1004])
        XCTAssertEqual(try numbers("assignee:dana,me sort:number"), [1001, 1003])
        XCTAssertEqual(try numbers("tag:vip"), [1001])
        XCTAssertEqual(try numbers("priority:>=high sort:number"), [1001, 1004])
        XCTAssertEqual(try numbers("priority:<normal"), [1003])
        XCTAssertEqual(try numbers("priority:low,urgent sort:number"), [1003, 1004])
        XCTAssertEqual(try numbers("customer:dani sort:number"), [1001, 1004])
        XCTAssertEqual(try numbers("customer:wang@ sort:number"), [1002, 1003])
        XCTAssertEqual(try numbers("channel:phone sort:number"), [1001, 1004])
        XCTAssertEqual(try numbers("created:<7d sort:number"), [1001, 1003, 1004])
        XCTAssertEqual(try numbers("created:>7d"), [1002])
        XCTAssertEqual(try numbers("updated:<2h sort:number"), [1003, 1004])
    }

    func testNegationAndFreeWords() throws {
        XCTAssertEqual(try numbers("-tag:spam sort:number"), [1001, 1002, 1004])
        XCTAssertEqual(try numbers("-status:pending -assignee:none"), [1001, 1003])
        XCTAssertEqual(try numbers("grinder"), [1001])
        XCTAssertEqual(try numbers("GRINDER squeaks"), [1001])
        XCTAssertEqual(try numbers("\"cold brew\""), [1002])
        XCTAssertEqual(try numbers("dani machine"), [1004], "customer name and subject together")
        XCTAssertEqual(try numbers("billing"), [1002], "tags are free text too")
        XCTAssertEqual(try numbers("-spam status:new"), [])
        XCTAssertEqual(try numbers("#1003"), [1003])
    }

    func testSorts() throws {
        XCTAssertEqual(try numbers("sort:created"), [1004, 1003, 1001, 1002])
        XCTAssertEqual(try numbers("sort:-created"), [1002, 1001, 1003, 1004])
        XCTAssertEqual(try numbers("sort:priority"), [1004, 1001, 1002, 1003])
        XCTAssertEqual(try numbers("sort:number"), [1001, 1002, 1003, 1004])
        // Due: the urgent ticket has an hour of first-reply time at most; solved/closed ones would be last.
        XCTAssertEqual(try numbers("sort:due").first, 1001, "created two days ago, high: its 4h first reply is long gone")
    }

    func testBodyHitsWidenFreeWords() throws {
        let s = state()
        var c = ViewContext(me: "sam", now: now, startOfToday: now)
        c.state = s
        let q = try Query.parse("descaling")
        XCTAssertFalse(q.matches(s.tickets[1004]!, in: c))
        XCTAssertTrue(q.matches(s.tickets[1004]!, in: c, bodyHits: ["descaling": [1004]]))
        XCTAssertEqual(q.freeWords, ["descaling"])
    }

    func testErrorsPointAtTheBadWord() {
        func error(_ q: String) -> QueryError? {
            do { _ = try Query.parse(q, agents: ["sam", "dana"]); return nil } catch { return error as? QueryError }
        }
        XCTAssertEqual(error("tag:vip stauts:open")?.position, 8)
        XCTAssertEqual(error("tag:vip stauts:open")?.word, "stauts:open")
        XCTAssertTrue(error("stauts:open")!.reason.contains("unknown field"))
        XCTAssertEqual(error("status:open,bogus")?.position, 0)
        XCTAssertTrue(error("status:open,bogus")!.reason.contains("bogus"))
        XCTAssertEqual(error("grinder  priority:>=hgh")?.position, 9)
        XCTAssertTrue(error("assignee:zed")!.reason.contains("roster"))
        XCTAssertTrue(error("created:7d")!.reason.contains("<"))
        XCTAssertTrue(error("created:<7x")!.reason.contains("duration"))
        XCTAssertTrue(error("tag:a/b")!.reason.contains("not a tag"))
        XCTAssertEqual(error("sort:due sort:number")?.position, 9)
        XCTAssertTrue(error("sort:colour")!.reason.contains("sort by"))
        XCTAssertTrue(error("status:")!.reason.contains("needs a value"))
        XCTAssertEqual(error("refund \"cold brew")?.position, 7)
        XCTAssertEqual(error("status:open,,pending")?.reason, "an empty value in the list")
        XCTAssertEqual("\(error("x -sort:due")!)".hasPrefix("'-sort:due' at column 3"), true)
        XCTAssertNil(error(""))
        XCTAssertNil(error("  status:open   tag:vip  "))
    }
}
