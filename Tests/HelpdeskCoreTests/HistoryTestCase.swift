import Foundation
import XCTest
@testable import HelpdeskCore

/// Builds hand-made histories change by change, through `prepare` and `apply` as the store does, for the
/// metric and SLA tests. It has no tests of its own.
class HistoryTestCase: XCTestCase {
    let utc = TimeZone(identifier: "UTC")!
    var events: [Event] = []

    /// `2026-11-23 10:00` (a Monday) in the given zone.
    func local(_ text: String, _ zone: String = "UTC") -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: zone)!
        let parts = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
        return c.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    func commit(_ s: inout HelpdeskState, _ change: Change, by actor: String = "sam", at: Date) throws {
        let p = try s.prepare(change, actor: actor, at: at)
        let e = Event(seq: s.lastSeq + 1, at: at, actor: actor, change: p)
        s.apply(e)
        events.append(e)
    }

    func base(hours: BusinessHours = .always) throws -> HelpdeskState {
        var s = HelpdeskState()
        let t = local("2026-11-01 00:00")
        var settings = Settings()
        settings.businessHours = hours
        try commit(&s, .settingsChanged(settings), at: t)
        try commit(&s, .agentSaved(Agent(login: "sam", displayName: "Sam")), at: t)
        try commit(&s, .agentSaved(Agent(login: "kim", displayName: "Kim")), at: t)
        try commit(&s, .customerCreated(Customer(id: "", name: "Dana", emails: ["dana@x.com"], customerSince: t)), at: t)
        return s
    }

    func create(_ s: inout HelpdeskState, _ subject: String, at: Date, priority: Priority = .normal,
                assignee: String? = nil, tags: [String] = []) throws -> Int {
        try commit(&s, .ticketCreated(NewTicket(subject: subject, priority: priority, tags: tags, assignee: assignee,
                                                requester: "c00001",
                                                message: Message(kind: .customer, author: "c00001", body: subject, at: at))), at: at)
        return s.maxTicketNumber
    }

    func message(_ s: inout HelpdeskState, _ n: Int, _ kind: MessageKind, by who: String, at: Date) throws {
        try commit(&s, .messageAdded(number: n, message: Message(kind: kind, author: who, body: "x", at: at)), by: who, at: at)
    }

    func status(_ s: inout HelpdeskState, _ n: Int, _ st: TicketStatus, at: Date) throws {
        let t = s.tickets[n]!
        try commit(&s, .ticketUpdated(number: n, base: t.version, patch: TicketPatch.diff(t, status: st)), at: at)
    }

    func stats(_ s: HelpdeskState, _ now: Date, _ zone: TimeZone? = nil) -> LiveStats {
        LiveStats.compute(s, activity: ReplyActivity(events: events), now: now, timeZone: zone ?? utc)
    }
}
