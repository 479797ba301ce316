import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore

/// Export → restore (or init --from) → export gives the same document, and import keeps each
/// ticket's history, with the real binary.
final class ExportRestoreEndToEndTests: EndToEndTestCase {
    func testDemoStoreExportRestoreExportGivesTheSameDocument() throws {
        let first = try exportLines(cli, "first.json")
        XCTAssertTrue(first.contains { $0.hasPrefix("  \"history\": [") }, "the export has no history")
        for (name, command) in [("restored", ["restore", path("first.json")]), ("initialised", ["init", "--from", path("first.json")])] {
            let made = try cli(name).run(command)
            XCTAssertEqual(made.status, 0, made.summary)
            XCTAssertTrue(made.stdout.contains("events (through #"), made.stdout)
            let check = try cli(name).run(["check"])
            XCTAssertEqual(check.status, 0, check.summary)
            let again = try exportLines(cli(name), name + ".json")
            XCTAssertEqual(again.count, first.count)
            XCTAssertTrue(again == first, "the re-export differs at line \(zip(again, first).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
        }
        // Never over a store: the target is left alone.
        let over = try cli("restored").run(["restore", path("first.json")])
        XCTAssertEqual(over.status, 1, over.summary)
        XCTAssertTrue(over.stderr.contains("there is already a helpdesk store at"), over.stderr)
    }

    /// Every kind of record and event, written through the store API (views and SLA breaches only come
    /// from the console), then exported, restored and exported again by the binary.
    func testEveryKindOfRecordSurvivesExportRestoreAndImport() throws {
        let url = sandbox.root.appendingPathComponent("every")
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let store = try FileStore.create(at: url, info: StoreInfo(mode: .single, createdAt: t0, createdBy: "dana"),
                                         creator: Agent(login: "dana", displayName: "Dana Okafor"))
        func at(_ m: Double) -> Date { t0.addingTimeInterval(m * 60) }
        var history: [Event] = [
            Event(at: at(1), actor: "dana", change: .agentSaved(Agent(login: "lee", displayName: "Lee Park", signature: "Lee\n—\nSupport"))),
            Event(at: at(2), actor: "lee", change: .customerCreated(Customer(id: "", name: "Robert Finch", preferredName: "Robert",
                                                                             emails: ["rob@example.net"], customerSince: t0))),
            Event(at: at(3), actor: "lee", change: .customerCreated(Customer(id: "", name: "Bob Finch", emails: ["bob@example.net"], customerSince: t0))),
            Event(at: at(4), actor: "lee", change: .ticketCreated(NewTicket(subject: "Grinder", requester: "c00002",
                                                                            message: Message(kind: .customer, author: "c00002", body: "Squeaks", at: at(4))))),
            Event(at: at(5), actor: "dana", change: .ticketCreated(NewTicket(subject: "Beans", assignee: "lee", requester: "c00001"))),
            Event(at: at(6), actor: "dana", change: .customerMerged(from: "c00002", into: "c00001")),
            Event(at: at(7), actor: "lee", change: .messageAdded(number: 1001, message: Message(kind: .reply, author: "lee", body: "On it", at: at(7)))),
            Event(at: at(8), actor: "lee", change: .promiseMade(CustomerPromise(id: 0, text: "Call back", due: at(60), ticket: 1001, owner: "lee", createdAt: at(8)))),
            Event(at: at(9), actor: "lee", change: .promiseResolved(id: 1, state: .missed)),
            Event(at: at(10), actor: "system", change: .slaBreached(number: 1002, target: .firstReply, since: at(9))),
            Event(at: at(11), actor: "dana", change: .ticketRated(number: 1001, satisfaction: Satisfaction(score: 2, comment: "slow", at: at(11)))),
            Event(at: at(12), actor: "dana", change: .templateSaved(Template(name: "sorry", body: "Sorry {{customer.preferredName}}",
                                                                             actions: TemplateActions(status: .pending)))),
            Event(at: at(13), actor: "lee", change: .viewSaved(SavedView(owner: "lee", name: "Late", query: "tag:late"))),
        ]
        try store.appendHistory(history)
        let t1 = store.state.tickets[1001]!, t2 = store.state.tickets[1002]!
        history = [
            Event(at: at(14), actor: "lee", change: .ticketUpdated(number: 1001, base: t1.version, patch: TicketPatch.diff(t1, status: .solved, tags: ["late"]))),
            Event(at: at(15), actor: "dana", change: .ticketUpdated(number: 1002, base: t2.version, patch: TicketPatch.diff(t2, links: [1001]))),
        ]
        try store.appendHistory(history, compact: false)   // some in the snapshot, some in the log

        let every = cli("every")
        let first = try exportLines(every, "every.json")
        let restored = try cli("every-restored").run(["restore", path("every.json")])
        XCTAssertEqual(restored.status, 0, restored.summary)
        XCTAssertEqual(try cli("every-restored").run(["check"]).status, 0)
        XCTAssertTrue(try exportLines(cli("every-restored"), "every-again.json") == first, "the re-export differs")

        // Imported into a store that has its own records: each ticket's events keep who and when.
        let other = cli("other")
        XCTAssertEqual(try other.run(["init"], environment: ["HELPDESK_AGENT": "sam"]).status, 0)
        let imported = try other.run(["import", path("every.json")], as: "sam")
        XCTAssertEqual(imported.status, 0, imported.summary)
        let events = try XCTUnwrap(try other.json(["ticket", "history", "1001"], as: "sam") as? [[String: Any]])
        let solved = try XCTUnwrap(events.first { ($0["type"] as? String) == "ticket.updated" }, "\(events)")
        XCTAssertEqual(solved["actor"] as? String, "lee")
        XCTAssertEqual(solved["at"] as? String, ISOTime.format(at(14)))
        let mine = try XCTUnwrap(try other.json(["promise", "list", "--all"], as: "sam") as? [[String: Any]])
        XCTAssertEqual(mine.compactMap { $0["state"] as? String }, ["missed"])
        let templates = try other.run(["template", "list"], as: "sam")
        XCTAssertTrue(templates.stdout.contains("sorry"), templates.summary)
    }
}
