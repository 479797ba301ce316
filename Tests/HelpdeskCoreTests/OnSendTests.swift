import Foundation
import XCTest
@testable import HelpdeskCore

/// Issue 11 item 5: what sending does — the status (chosen, the templates', or pending) and the
/// templates' actions — is one value that the compose screen shows and the planner applies.
final class OnSendTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    func testStatusIsTheChosenOneThenTheTemplatesThenPending() {
        XCTAssertEqual(OnSend(kind: .reply, current: .open).summary, "status pending")
        XCTAssertEqual(OnSend(kind: .reply, current: .new, actions: TemplateActions(status: .solved, addTags: ["usual"])).summary,
                       "status solved · tags #usual")
        let chosen = OnSend(kind: .reply, current: .open, actions: TemplateActions(status: .solved, priority: .high), chosen: .onHold)
        XCTAssertEqual(chosen.status, .onHold)
        XCTAssertTrue(chosen.statusIsChosen)
        XCTAssertEqual(chosen.summary, "status on hold (chosen) · priority high")
        // A note leaves the status alone unless one is chosen; so does a reply to a solved ticket.
        XCTAssertEqual(OnSend(kind: .note, current: .open).summary, "status stays open")
        XCTAssertNil(OnSend(kind: .note, current: .open).statusChange)
        XCTAssertEqual(OnSend(kind: .note, current: .open, chosen: .solved).statusChange, .solved)
        XCTAssertEqual(OnSend(kind: .reply, current: .solved).summary, "status stays solved")
        XCTAssertEqual(OnSend.choices, [.pending, .solved, .open, .onHold])
    }

    func testActionsOfSeveralTemplatesAddUp() {
        let combined = TemplateActions.combining([TemplateActions(status: .solved, addTags: ["a", "b"]),
                                                  TemplateActions(priority: .low, addTags: ["b", "c"]),
                                                  TemplateActions(status: .onHold)])
        XCTAssertEqual(combined, TemplateActions(status: .onHold, priority: .low, addTags: ["a", "b", "c"]))
        XCTAssertTrue(TemplateActions.combining([]).isEmpty)
    }

    func testThePlanDoesWhatOnSendSays() throws {
        var state = HelpdeskState()
        for (i, c) in [Change.agentSaved(Agent(login: "sam", displayName: "Sam")),
                       .customerCreated(Customer(id: "", name: "Dana", emails: ["d@example.com"], customerSince: t0)),
                       .ticketCreated(NewTicket(subject: "Beans", status: .open, requester: "c00001"))].enumerated() {
            let prepared = try state.prepare(c, actor: "sam", at: t0)
            state.apply(Event(seq: i + 1, at: t0, actor: "sam", change: prepared))
        }
        let actions = TemplateActions(status: .solved, priority: .high, addTags: ["usual"])
        for kind in [MessageKind.reply, .note] {
            for chosen in [nil] + OnSend.choices.map(Optional.some) {
                for a in [TemplateActions(), actions] {
                    let plan = try ReplyPlanner.plan(ticket: 1001, kind: kind, body: "Thanks", author: "sam", at: t0,
                                                     actions: a, status: chosen, state: state)
                    var after = state
                    for (i, change) in plan.changes.enumerated() {
                        let prepared = try after.prepare(change, actor: "sam", at: t0)
                        after.apply(Event(seq: state.lastSeq + i + 1, at: t0, actor: "sam", change: prepared))
                    }
                    let said = OnSend(kind: kind, current: .open, actions: a, chosen: chosen)
                    XCTAssertEqual(after.tickets[1001]?.status, said.status, "\(kind) chosen \(String(describing: chosen)) \(a)")
                    XCTAssertEqual(after.tickets[1001]?.priority, said.priority ?? .normal)
                    XCTAssertEqual(after.tickets[1001]?.tags, said.addTags)
                }
            }
        }
    }

    func testTheChosenStatusAndTemplatesTravelWithTheDraftAndOldDraftsStillRead() throws {
        let draft = Draft(ticket: 1001, agent: "sam", kind: .reply, text: "Hi", templates: ["greeting", "usual-ready"],
                          sendStatus: .solved, base: ReplyBase(version: 1, messageCount: 1), sendID: "hd-1", startedAt: t0)
        let data = try JSONEncoder().encode(draft)
        XCTAssertEqual(try JSONDecoder().decode(Draft.self, from: data), draft)
        XCTAssertEqual(draft.template, "usual-ready", "the last template is the one named beside the editor")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["template"] as? String, "usual-ready", "an older helpdesk still finds the template")

        // A draft saved before the templates list and the chosen status.
        var old = json
        old.removeValue(forKey: "templates")
        old.removeValue(forKey: "sendStatus")
        let legacy = try JSONDecoder().decode(Draft.self, from: JSONSerialization.data(withJSONObject: old))
        XCTAssertEqual(legacy.templates, ["usual-ready"])
        XCTAssertNil(legacy.sendStatus)
        old.removeValue(forKey: "template")
        XCTAssertEqual(try JSONDecoder().decode(Draft.self, from: JSONSerialization.data(withJSONObject: old)).templates, [])
    }
}
