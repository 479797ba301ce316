import Foundation
import XCTest
@testable import HelpdeskCore

/// The export carries everything a store holds, restoring its history gives the same records back,
/// and importing it into a store that has records keeps each ticket's own history.
final class ExchangeHistoryTests: XCTestCase {
    let later = MemoryHelpdesk.t0.addingTimeInterval(86_400)

    func decode(_ text: String) throws -> ExchangeDocument {
        try ExchangeJSON.decoder().decode(ExchangeDocument.self, from: Data(text.utf8))
    }

    func testExportCarriesEveryKindOfRecordAndTheWholeHistory() throws {
        let h = try MemoryHelpdesk.complete()
        let doc = try decode(try h.exportText())
        XCTAssertEqual(doc.format, 2)
        XCTAssertEqual(doc.settings, h.state.settings)
        XCTAssertEqual(doc.settings?.timeZone, "Europe/London")
        XCTAssertEqual(doc.agents?.first { $0.login == "lee" }?.signature, "Lee\nNorthwind support")
        XCTAssertEqual(doc.customers?.first { $0.id == "c00002" }?.preferredName, "Zoë", "a preferred name that is the first name")
        XCTAssertEqual(doc.customers?.first { $0.id == "c00003" }?.mergedInto, "c00001")
        XCTAssertEqual(doc.promises?.map(\.text), ["Call back with tracking", "Send a voucher"])
        XCTAssertEqual(doc.promises?.map(\.state), ["kept", "open"])
        XCTAssertEqual(doc.promises?.first?.resolvedAt, ISOTime.format(MemoryHelpdesk.t0.addingTimeInterval(30 * 60)))
        XCTAssertEqual(doc.templates?.map(\.name), ["late"])
        XCTAssertEqual(doc.templates?.first?.actions, ExchangeTemplateActions(status: "pending", priority: nil, addTags: ["late"]))
        XCTAssertEqual(doc.views?.map { "\($0.owner!)/\($0.name!)" }, ["dana/VIP", "lee/Mine late"])
        XCTAssertEqual(doc.tickets?.first { $0.number == 1004 }?.satisfaction?.score, 5)
        XCTAssertEqual(doc.history, h.events)
        XCTAssertEqual(doc.history?.map(\.seq), Array(1...h.events.count))
        XCTAssertEqual(doc.history?.first { $0.change.typeName == "ticket.updated" && $0.ticketNumber == 1004 }?.actor, "dana")

        // The streamed document and the value agree.
        let tickets = try h.state.tickets.keys.map(h.ticket)
        var value = ExportDocument.document(state: h.state, store: doc.store, tickets: tickets, history: h.events, now: later)
        value.exportedAt = doc.exportedAt
        XCTAssertEqual(doc, value)
    }

    func testRestoringTheHistoryGivesTheSameDocument() throws {
        let h = try MemoryHelpdesk.complete()
        let text = try h.exportText()
        let restore = try RestoreDocument.read(text: text, fileName: "e.json")
        let state = try restore.checkReplay(text: text)
        var rebuilt = MemoryHelpdesk()
        try rebuilt.append(restore.history)
        XCTAssertEqual(rebuilt.events, h.events)
        XCTAssertEqual(state.tickets, h.state.tickets)
        XCTAssertEqual(state.customers, h.state.customers)
        XCTAssertEqual(try rebuilt.exportText(now: later.addingTimeInterval(60)).replacingOccurrences(of: ISOTime.format(later.addingTimeInterval(60)), with: "T"),
                       text.replacingOccurrences(of: ISOTime.format(later), with: "T"))
        let again = ExportDocument.document(state: rebuilt.state, store: restore.document.store,
                                            tickets: try rebuilt.state.tickets.keys.map(rebuilt.ticket), history: rebuilt.events, now: later)
        XCTAssertEqual(restore.differences(from: again), [])
    }

    func testRestoreRefusesNewerFormatsMissingOrEditedHistory() throws {
        let h = try MemoryHelpdesk.complete()
        let text = try h.exportText()
        func refusal(_ text: String, replay: Bool = false) -> String {
            do {
                let r = try RestoreDocument.read(text: text, fileName: "e.json")
                if replay { try r.checkReplay(text: text) }
                XCTFail("accepted")
            } catch let e as ImportError {
                return e.description
            } catch {
                XCTFail("\(error)")
            }
            return ""
        }
        let newer = text.replacingOccurrences(of: "\"format\": 2", with: "\"format\": 3")
        XCTAssertEqual(refusal(newer), "e.json: export format 3; this helpdesk reads up to 2 — upgrade helpdesk")
        XCTAssertTrue(refusal(try h.exportText(history: false)).contains("it has no history"))

        var doc = try decode(text)
        doc.history!.remove(at: 5)
        let gap = String(decoding: try ExchangeJSON.encoder().encode(doc), as: UTF8.self)
        XCTAssertTrue(refusal(gap).contains("history[5] is event #7 where #6 was expected"), refusal(gap))

        // An event edited so that it no longer applies, and one edited into something the store would not write.
        doc = try decode(text)
        let i = doc.history!.firstIndex { $0.change.typeName == "promise.resolved" }!
        doc.history![i].change = .promiseResolved(id: 99, state: .kept)
        let bad = String(decoding: try ExchangeJSON.encoder().encode(doc), as: UTF8.self)
        XCTAssertTrue(refusal(bad, replay: true).contains("(event #\(i + 1), promise.resolved) cannot be replayed: promise 99 does not exist"),
                      refusal(bad, replay: true))
        doc = try decode(text)
        let j = doc.history!.firstIndex { $0.change.typeName == "ticket.created" }!
        guard case .ticketCreated(var t) = doc.history![j].change else { return XCTFail() }
        t.tags = ["Not Normalised"]
        doc.history![j].change = .ticketCreated(t)
        let edited = String(decoding: try ExchangeJSON.encoder().encode(doc), as: UTF8.self)
        XCTAssertTrue(refusal(edited, replay: true).contains("is not as the store records it"), refusal(edited, replay: true))

        // A record edited by hand: the history no longer gives it.
        doc = try decode(text)
        doc.tickets![0].subject = "Edited"
        let restore = try RestoreDocument.read(text: String(decoding: try ExchangeJSON.encoder().encode(doc), as: UTF8.self), fileName: "e.json")
        let rebuilt = ExportDocument.document(state: h.state, store: doc.store, tickets: try h.state.tickets.keys.map(h.ticket),
                                              history: h.events, now: later)
        XCTAssertEqual(restore.differences(from: rebuilt), ["tickets[0] (#1001)"])
    }

    /// A store that already has a customer (matched by email) and its own numbering: each imported
    /// ticket is rebuilt from its own events, by their own actors, at their own times.
    func testImportReplaysEachTicketsHistoryWithItsActorsAndTimes() throws {
        let source = try MemoryHelpdesk.complete()
        var target = try MemoryHelpdesk.empty()
        try target.append([.customerCreated(Customer(id: "", name: "Zoe F.", emails: ["ZOE@example.org"], customerSince: MemoryHelpdesk.t0)),
                           .customerCreated(Customer(id: "", name: "Someone", emails: ["x@example.com"], customerSince: MemoryHelpdesk.t0))])
        let plan = try target.plan(try source.exportText(), file: "e.json", format: .json)
        XCTAssertEqual(plan.matchedCustomerCount, 1)
        try target.apply(plan, now: later)

        // Zoë is c00001 here; the document's c00001 (Dani) got a fresh id.
        XCTAssertEqual(target.state.tickets[1002]?.requester, "c00001")
        let dani = try XCTUnwrap(target.state.customer(matching: "dani@work.example"))
        XCTAssertEqual(target.state.tickets[1001]?.requester, dani.id)
        XCTAssertEqual(target.state.customer(matching: "rob@example.net")?.id, dani.id, "the merged duplicate's email went to its survivor")

        // Ticket #1004's own events, in order, by whom and when they happened.
        let history = target.events.filter { $0.ticketNumber == 1004 || { if case .promiseResolved = $0.change { return true }; return false }($0) }
        let expected = source.events.filter { $0.ticketNumber == 1004 || { if case .promiseResolved = $0.change { return true }; return false }($0) }
        XCTAssertEqual(history.map(\.actor), expected.map(\.actor))
        XCTAssertEqual(history.map(\.at), expected.map(\.at))
        XCTAssertEqual(history.map(\.change.typeName), expected.map(\.change.typeName))

        for n in source.state.tickets.keys {
            let mine = try target.ticket(n), theirs = try source.ticket(n)
            XCTAssertEqual(mine.status, theirs.status)
            XCTAssertEqual(mine.assignee, theirs.assignee)
            XCTAssertEqual(mine.updatedAt, theirs.updatedAt)
            XCTAssertEqual(mine.solvedAt, theirs.solvedAt)
            XCTAssertEqual(mine.links, theirs.links)
            XCTAssertEqual(mine.mergedInto, theirs.mergedInto)
            XCTAssertEqual(mine.satisfaction, theirs.satisfaction)
            XCTAssertEqual(mine.slaMisses, theirs.slaMisses)
            XCTAssertEqual(mine.messages.map(\.body), theirs.messages.map(\.body))
        }
        XCTAssertEqual(target.state.promises.values.sorted { $0.id < $1.id }.map(\.state), [.kept, .open])
        XCTAssertEqual(target.state.templates["late"], source.state.templates["late"])
        XCTAssertNil(target.state.templates["old"])
        XCTAssertEqual(target.state.savedViews["lee"], source.state.savedViews["lee"])
        XCTAssertEqual(target.state.agents["lee"]?.signature, "Lee\nNorthwind support")
        XCTAssertNotEqual(target.state.settings, source.state.settings, "the store keeps its own settings")
        XCTAssertTrue(plan.warnings.contains { $0.contains("settings differ") }, "\(plan.warnings)")
    }

    func testImportWithoutHistoryStillCarriesPromisesTemplatesAndViews() throws {
        let source = try MemoryHelpdesk.complete()
        var target = try MemoryHelpdesk.empty()
        let plan = try target.plan(try source.exportText(history: false), file: "e.json", format: .json)
        try target.apply(plan, now: later)
        let promises = target.state.promises.values.sorted { $0.id < $1.id }
        XCTAssertEqual(promises.map(\.text), ["Call back with tracking", "Send a voucher"])
        XCTAssertEqual(promises.map(\.state), [.kept, .open])
        XCTAssertEqual(promises.first?.resolvedAt, source.state.promises[1]?.resolvedAt)
        XCTAssertEqual(target.state.templates.keys.sorted(), ["late"])
        XCTAssertEqual(target.state.savedViews["dana"]?.map(\.name), ["VIP"])
        XCTAssertEqual(target.state.tickets[1004]?.status, .solved)
        XCTAssertEqual(target.state.customer(matching: "zoe@example.org")?.preferredName, "Zoë")
    }

    func testImportRefusesAHistoryThatDoesNotRebuildItsRecord() throws {
        let source = try MemoryHelpdesk.complete()
        var doc = try decode(try source.exportText())
        let i = doc.tickets!.firstIndex { $0.number == 1004 }!
        doc.tickets![i].status = "pending"
        let text = String(decoding: try ExchangeJSON.encoder().encode(doc), as: UTF8.self)
        let problems = try MemoryHelpdesk.empty().problems(text, file: "e.json", format: .json)
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first?.contains("its history does not rebuild it as its record says (status differ)") == true, "\(problems)")
    }
}
