import Foundation
import Glibc
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

final class DraftBoxTests: XCTestCase {
    func testDraftRoundTripsExactlyPerAgentAndTicket() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        let draft = Draft(ticket: 1001, agent: "dana", kind: .reply, text: "Hi Ada 中文 ☕\n\nline three", cursor: TextPosition(line: 2, column: 4),
                          templates: ["greeting"], sendStatus: .onHold, base: ReplyBase(version: 2, messageCount: 1), sendID: "hd-1",
                          startedAt: Fixture.t0)
        try store.drafts.save(draft)
        var other = draft
        other.agent = "sam"
        other.text = "sam's"
        try store.drafts.save(other)
        // Another process (a new SSH login) opening the store sees the same draft.
        let reopened = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(try reopened.drafts.load(agent: "dana", ticket: 1001), draft)
        XCTAssertEqual(try reopened.drafts.load(agent: "sam", ticket: 1001)?.text, "sam's")
        XCTAssertEqual(reopened.drafts.tickets(of: "dana"), [1001])
        XCTAssertNil(try reopened.drafts.load(agent: "dana", ticket: 1002))
        try reopened.drafts.remove(agent: "dana", ticket: 1001)
        XCTAssertNil(try store.drafts.load(agent: "dana", ticket: 1001))
        XCTAssertEqual(store.drafts.tickets(of: "sam"), [1001])
    }

    func testDraftSurvivesAKilledWriter() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        let box = store.drafts
        // A child process saves a draft in a loop and is killed with SIGKILL part-way; whatever is on
        // disk afterwards is one complete draft.
        let pid = fork()
        if pid == 0 {
            var n = 0
            while true {
                n += 1
                let d = Draft(ticket: 1001, agent: "dana", kind: .note, text: String(repeating: "x", count: 10_000 + n),
                              cursor: TextPosition(line: 0, column: n), base: ReplyBase(version: 1, messageCount: 1),
                              sendID: "s", startedAt: Fixture.t0)
                try? box.save(d)
            }
        }
        usleep(150_000)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let d = try XCTUnwrap(try box.load(agent: "dana", ticket: 1001))
        XCTAssertEqual(d.text.count, 10_000 + d.cursor.column)
    }
}

final class OutboxTests: XCTestCase {
    func mail(_ id: String) throws -> OutgoingMail {
        let t = Ticket(number: 1001, subject: "Hello", requester: "c00001", createdAt: Fixture.t0)
        return try OutgoingMail(sendID: id, ticket: t, customer: Customer(id: "c00001", name: "Ada", emails: ["ada@example.com"], customerSince: Fixture.t0),
                                agent: nil, settings: Settings(), body: "Hi", date: Fixture.t0)
    }

    func testStageCommitDeliverAndRetryNeverTwice() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        let outbox = store.outbox
        let staged = try outbox.stage(try mail("a"))
        XCTAssertFalse(outbox.contains("a"))
        try outbox.commit(staged)
        XCTAssertTrue(outbox.contains("a"))
        XCTAssertEqual(outbox.list(.new), ["a"])
        var calls: [String] = []
        // The send command fails: the message stays for a retry.
        let failed = outbox.deliver { path in calls.append(path); return 75 }
        XCTAssertEqual(failed.failed.map(\.0), ["a"])
        XCTAssertEqual(outbox.list(.new), ["a"])
        // The retry succeeds once; later passes send nothing again.
        let ok = outbox.deliver { path in calls.append(path); return 0 }
        XCTAssertEqual(ok.sent, ["a"])
        XCTAssertEqual(outbox.deliver { _ in calls.append("again"); return 0 }.sent, [])
        XCTAssertEqual(calls.count, 2)
        XCTAssertEqual(outbox.list(.sent), ["a"])
        XCTAssertTrue(outbox.contains("a"))
    }

    func testUnwritableOutboxFailsBeforeAnythingIsRecorded() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("Broken")])
        let before = store.state.lastSeq
        let outboxPath = tmp.store().appendingPathComponent("outbox").path
        try FileManager.default.removeItem(atPath: outboxPath)
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: outboxPath))
        XCTAssertThrowsError(try ReplySender(store: store).send(ticket: 1001, kind: .reply, body: "Hello Ada", author: "dana",
                                                                at: Fixture.t0, sendID: "x", base: nil))
        XCTAssertEqual(store.state.lastSeq, before, "nothing may be recorded when the outbox cannot be written")
    }
}

final class ReplySenderTests: XCTestCase {
    func testRetriedSendIsNotRepeated() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("Broken")])
        let base = ReplyBase(store.state.tickets[1001]!)
        let draft = Draft(ticket: 1001, agent: "dana", kind: .reply, text: "Fixed!", base: base, sendID: "send-1", startedAt: Fixture.t0)
        try store.drafts.save(draft)
        let sender = ReplySender(store: store)
        let first = try sender.send(ticket: 1001, kind: .reply, body: "Fixed!", author: "dana", at: Fixture.t0, sendID: "send-1", base: base)
        guard case .sent(let events) = first else { return XCTFail() }
        XCTAssertEqual(events.count, 3)   // the message, the status change to pending, and the mail sent (its Message-ID)
        XCTAssertEqual(store.state.tickets[1001]?.status, .pending)
        XCTAssertNil(try store.drafts.load(agent: "dana", ticket: 1001))
        // The caller did not hear back (a time-out) and retries with the same send id: nothing twice.
        XCTAssertEqual(try sender.send(ticket: 1001, kind: .reply, body: "Fixed!", author: "dana", at: Fixture.t0, sendID: "send-1", base: base), .alreadySent)
        XCTAssertEqual(try store.ticket(1001).messages.filter { $0.body == "Fixed!" }.count, 1)
        XCTAssertEqual(store.outbox.list(.new), ["send-1"])
        let eml = try String(contentsOfFile: store.outbox.path(.new, "send-1"), encoding: .utf8)
        XCTAssertTrue(eml.contains("Subject: Re: Broken [#1001]\r\n"))
        XCTAssertTrue(eml.contains("To: \"Ada Lovelace\" <ada@example.com>\r\n"))
    }

    func testCrashAfterRecordingBeforeCommitFinishesWithoutRepeating() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("Broken")])
        let base = ReplyBase(store.state.tickets[1001]!)
        // As if a process staged the mail and recorded the reply, then died before the rename.
        let plan = try ReplyPlanner.plan(ticket: 1001, kind: .reply, body: "Done", author: "dana", at: Fixture.t0, state: store.state)
        let t = store.state.tickets[1001]!
        _ = try store.outbox.stage(try OutgoingMail(sendID: "s2", ticket: t, customer: store.state.customers["c00001"], agent: nil,
                                                    settings: store.state.settings, body: "Done", date: Fixture.t0))
        try store.append(plan.changes)
        XCTAssertEqual(try ReplySender(store: store).send(ticket: 1001, kind: .reply, body: "Done", author: "dana", at: Fixture.t0,
                                                          sendID: "s2", base: base), .alreadySent)
        XCTAssertEqual(try store.ticket(1001).messages.filter { $0.body == "Done" }.count, 1)
        XCTAssertEqual(store.outbox.list(.new), ["s2"])
    }
}
