import Foundation
import XCTest
@testable import HelpdeskCore

final class TicketMergeTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func commit(_ s: inout HelpdeskState, _ changes: [Change], by actor: String = "sam") throws {
        // All-or-nothing, like the store: work on a copy.
        var work = s
        for c in changes {
            let p = try work.prepare(c, actor: actor, at: t0)
            work.apply(Event(seq: work.lastSeq + 1, at: t0, actor: actor, change: p))
        }
        s = work
    }

    func makeState() throws -> HelpdeskState {
        var s = HelpdeskState()
        try commit(&s, [.agentSaved(Agent(login: "sam", displayName: "Sam")),
                        .agentSaved(Agent(login: "gone", displayName: "Gone", active: false)),
                        .customerCreated(Customer(id: "", name: "C", emails: ["c@x.com"], customerSince: t0))])
        for subject in ["Grinder squeaks", "Grinder again", "Other"] {
            try commit(&s, [.ticketCreated(NewTicket(subject: subject, requester: "c00001",
                                                     message: Message(kind: .customer, author: "c00001", body: "About: \(subject)", at: t0)))])
        }
        return s
    }

    func loaded(_ s: HelpdeskState, _ n: Int) -> Ticket {
        var t = s.tickets[n]!
        t.messages = [Message(kind: .customer, author: "c00001", body: "About: \(t.subject)", at: t0)]
        t.threadLoaded = true
        return t
    }

    func testMergeCopiesThreadClosesSourceWithPointerAndLinksBoth() throws {
        var s = try makeState()
        let changes = try TicketMerge.changes(merging: loaded(s, 1002), into: s.tickets[1001]!, actor: "sam", at: t0)
        try commit(&s, changes)
        XCTAssertEqual(s.tickets[1002]?.mergedInto, 1001)
        XCTAssertEqual(s.tickets[1002]?.status, .closed)
        XCTAssertEqual(s.tickets[1002]?.links, [1001])
        XCTAssertEqual(s.tickets[1001]?.links, [1002])
        XCTAssertEqual(s.tickets[1001]?.messageCount, 3, "original + merge note + copied message")
        let copied = changes.compactMap { c -> Message? in
            if case .messageAdded(1001, let m) = c { return m }
            return nil
        }
        XCTAssertTrue(copied[0].body.contains("Merged #1002"), copied[0].body)
        XCTAssertEqual(copied[1].body, "About: Grinder again")
    }

    func testMergeRefusals() throws {
        var s = try makeState()
        func refusal(_ body: () throws -> Void) -> String {
            do { try body(); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertTrue(refusal { _ = try TicketMerge.changes(merging: loaded(s, 1001), into: s.tickets[1001]!, actor: "sam", at: t0) }
            .contains("cannot be merged into itself"))
        // Through a plain patch (what `ticket set` could send) the store's rules say the same.
        let selfPatch = Change.ticketUpdated(number: 1001, base: 1, patch: TicketPatch(mergedInto: FromTo(nil, 1001)))
        XCTAssertTrue(refusal { try commit(&s, [selfPatch]) }.contains("itself"))
        try commit(&s, [.ticketUpdated(number: 1003, base: 1, patch: TicketPatch(status: FromTo(.new, .closed)))])
        XCTAssertTrue(refusal { _ = try TicketMerge.changes(merging: loaded(s, 1001), into: s.tickets[1003]!, actor: "sam", at: t0) }
            .contains("#1003 is closed"))
        XCTAssertTrue(refusal { try commit(&s, [.ticketUpdated(number: 1001, base: 1, patch: TicketPatch(mergedInto: FromTo(nil, 1003)))]) }
            .contains("closed"))
        XCTAssertTrue(refusal { try commit(&s, [.ticketUpdated(number: 1001, base: 1, patch: TicketPatch(mergedInto: FromTo(nil, 4242)))]) }
            .contains("#4242 does not exist"))
        try commit(&s, TicketMerge.changes(merging: loaded(s, 1002), into: s.tickets[1001]!, actor: "sam", at: t0))
        XCTAssertTrue(refusal { _ = try TicketMerge.changes(merging: loaded(s, 1002), into: s.tickets[1001]!, actor: "sam", at: t0) }
            .contains("merged"))
        // Merging into a ticket that was itself merged points at where it went.
        try commit(&s, [.ticketUpdated(number: 1003, base: s.tickets[1003]!.version, patch: TicketPatch(status: FromTo(.closed, .open)))])
        XCTAssertTrue(refusal { _ = try TicketMerge.changes(merging: loaded(s, 1003), into: s.tickets[1002]!, actor: "sam", at: t0) }
            .contains("merge into #1001 instead"))
    }

    func testLinksGoBothWaysAndRefuseNonsense() throws {
        var s = try makeState()
        try commit(&s, TicketLinks.link(s.tickets[1001]!, s.tickets[1003]!))
        XCTAssertEqual(s.tickets[1001]?.links, [1003])
        XCTAssertEqual(s.tickets[1003]?.links, [1001])
        XCTAssertThrowsError(try TicketLinks.link(s.tickets[1001]!, s.tickets[1003]!)) { XCTAssertTrue("\($0)".contains("already linked")) }
        XCTAssertThrowsError(try TicketLinks.link(s.tickets[1001]!, s.tickets[1001]!)) { XCTAssertTrue("\($0)".contains("itself")) }
        XCTAssertThrowsError(try commit(&s, [.ticketUpdated(number: 1002, base: 1, patch: TicketPatch(links: FromTo([], [9999])))]))
        try commit(&s, TicketLinks.unlink(s.tickets[1003]!, s.tickets[1001]!))
        XCTAssertEqual(s.tickets[1001]?.links, [])
        XCTAssertEqual(s.tickets[1003]?.links, [])
    }

    func testInactiveAgentCannotBeAssigned() throws {
        var s = try makeState()
        XCTAssertThrowsError(try commit(&s, [.ticketUpdated(number: 1001, base: 1, patch: TicketPatch(assignee: FromTo(nil, "gone")))])) {
            XCTAssertTrue("\($0)".contains("no longer on the active roster"), "\($0)")
        }
        XCTAssertThrowsError(try commit(&s, [.ticketUpdated(number: 1001, base: 1, patch: TicketPatch(assignee: FromTo(nil, "nobody")))])) {
            XCTAssertTrue("\($0)".contains("not on the roster"), "\($0)")
        }
    }
}
