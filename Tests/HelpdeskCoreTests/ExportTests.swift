import CSV
import Foundation
import XCTest
@testable import HelpdeskCore

final class ExportTests: XCTestCase {
    let now = MemoryHelpdesk.t0.addingTimeInterval(3600)

    func exportJSON(_ h: MemoryHelpdesk) throws -> String {
        var text = ""
        try ExportDocument.write(state: h.state, now: now, thread: h.ticket) { text += $0 }
        return text
    }

    func testJSONExportDecodesToTheDocumentWithFullCustomersAndThreads() throws {
        let h = try MemoryHelpdesk.sample()
        let text = try exportJSON(h)
        let decoded = try JSONDecoder().decode(ExchangeDocument.self, from: Data(text.utf8))
        let tickets = try h.state.tickets.keys.map(h.ticket)
        XCTAssertEqual(decoded, ExportDocument.document(state: h.state, tickets: tickets, now: now))

        XCTAssertEqual(decoded.format, ExchangeDocument.currentFormat)
        XCTAssertEqual(decoded.exportedAt, ISOTime.format(now))
        let dani = try XCTUnwrap(decoded.customers?.first)
        XCTAssertEqual(dani.emails, ["Dani.Okafor@Example.com", "dani@work.example"])
        XCTAssertEqual(dani.preferences, [ExchangePreference(key: "milk", value: "oat", confirmedAt: ISOTime.format(MemoryHelpdesk.t0))])
        XCTAssertEqual(dani.vip, true)
        XCTAssertEqual(dani.birthday, "04-12")
        let first = try XCTUnwrap(decoded.tickets?.first)
        XCTAssertEqual(first.messages?.map(\.kind), ["customer", "reply", "note"])
        XCTAssertEqual(first.satisfaction?.score, 4)
        XCTAssertEqual(decoded.tickets?.map(\.number), [1001, 1002, 1003])
        XCTAssertEqual(decoded.tickets?[2].mergedInto, 1001)
    }

    /// A team store's agents carry their signing keys; an export that dropped them would restore a
    /// roster nobody could sign for.
    func testAnAgentsPublicKeyIsExported() throws {
        var h = try MemoryHelpdesk.sample()
        var sam = try XCTUnwrap(h.state.agents["sam"])
        sam.publicKey = "c2FtJ3Mga2V5"
        try h.append([.agentSaved(sam)])
        let decoded = try JSONDecoder().decode(ExchangeDocument.self, from: Data(try exportJSON(h).utf8))
        XCTAssertEqual(decoded.agents?.first { $0.login == "sam" }?.publicKey, "c2FtJ3Mga2V5")
    }

    func testRoundTripIntoAnEmptyStoreKeepsCustomersTicketsThreadsAndRatings() throws {
        let source = try MemoryHelpdesk.sample()
        let text = try exportJSON(source)
        var target = try MemoryHelpdesk.empty()
        let plan = try target.plan(text, file: "export.json", format: .json)
        XCTAssertEqual(plan.summary(verb: "imported"),
                       "imported 3 tickets and 2 new customers (0 matched existing customers); 1 agent added to the roster")
        try target.append(plan.changes)

        // Events are stamped when they are appended, so ticket times may differ; everything else must not.
        func withoutEventTimes(_ h: MemoryHelpdesk) throws -> ExchangeDocument {
            var doc = ExportDocument.document(state: h.state, tickets: try h.state.tickets.keys.map(h.ticket), now: now)
            for i in doc.tickets!.indices {
                doc.tickets![i].createdAt = nil
                doc.tickets![i].updatedAt = nil
                doc.tickets![i].solvedAt = nil
            }
            return doc
        }
        XCTAssertEqual(try withoutEventTimes(target), try withoutEventTimes(source))

        // Importing the same file again: every ticket number is now taken, and nothing is planned.
        let again = target.problems(text, file: "export.json", format: .json)
        XCTAssertEqual(again.count, 3)
        XCTAssertTrue(again[0].hasSuffix("ticket #1001 already exists in this store"), again[0])
    }

    func testCSVExportQuotesCommasQuotesLineBreaksAndKeepsNonASCII() throws {
        let h = try MemoryHelpdesk.sample()
        let text = try CSVExport.tickets(state: h.state, thread: h.ticket)
        XCTAssertTrue(text.hasPrefix("number,subject,status,priority,tags,assignee,group,channel,created,updated,customer_id,"))
        XCTAssertTrue(text.hasSuffix("\r\n"))
        XCTAssertTrue(text.contains("\"Grinder broken, \"\"again\"\"\""))

        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var rows: [[String: String]] = []
        while let row = reader.next() {
            rows.append(Dictionary(uniqueKeysWithValues: zip(reader.headerRow!, row)))
        }
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0]["subject"], "Grinder broken, \"again\"")
        XCTAssertEqual(rows[0]["first_message"], "It squeaks,\nthen stops. ☕")
        XCTAssertEqual(rows[0]["tags"], "hardware;repeat")
        XCTAssertEqual(rows[0]["customer_email"], "Dani.Okafor@Example.com")
        XCTAssertEqual(rows[0]["usual_order"], "oat flat white, extra hot")
        XCTAssertEqual(rows[0]["satisfaction"], "4")
        XCTAssertEqual(rows[0]["messages"], "3")
        XCTAssertEqual(rows[1]["subject"], "Café loyalty card")
        XCTAssertEqual(rows[1]["customer_name"], "Zoë Fairbanks")
        XCTAssertEqual(rows[1]["status"], "on hold")
        XCTAssertEqual(rows[1]["channel"], "walk-in")
        XCTAssertEqual(rows[2]["first_message"], "")
    }

    func testCSVExportImportsBackIntoAnEmptyStore() throws {
        let source = try MemoryHelpdesk.sample()
        let text = try CSVExport.tickets(state: source.state, thread: source.ticket)
        var target = try MemoryHelpdesk.empty()
        try target.append([.agentSaved(Agent(login: "dana", displayName: "Dana Kim"))])
        let plan = try target.plan(text)
        XCTAssertEqual(plan.ticketNumbers, [1001, 1002, 1003])
        XCTAssertEqual(plan.newCustomerCount, 2)
        try target.append(plan.changes)
        let t = try target.ticket(1001)
        XCTAssertEqual(t.subject, "Grinder broken, \"again\"")
        XCTAssertEqual(t.messages.map(\.body), ["It squeaks,\nthen stops. ☕"])
        XCTAssertEqual(t.satisfaction?.score, 4)
        XCTAssertEqual(target.state.tickets[1002]?.status, .onHold)
        XCTAssertEqual(target.state.customers[t.requester]?.usualOrder, "oat flat white, extra hot")
    }

    func testCustomersCSVParsesBack() throws {
        let h = try MemoryHelpdesk.sample()
        let text = try CSVExport.customers(state: h.state)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        XCTAssertEqual(reader.headerRow, CustomerCSVColumn.allCases.map(\.rawValue))
        let dani = try XCTUnwrap(reader.next())
        XCTAssertEqual(dani[0], "c00001")
        XCTAssertEqual(dani[1], "Danielle Okafor")
        XCTAssertEqual(dani[3], "Dani.Okafor@Example.com;dani@work.example")
        XCTAssertEqual(dani[8], "Prefers \"quick\" answers,\nby phone")
        XCTAssertEqual(dani[10], "yes")
        XCTAssertEqual(reader.next()?[1], "Zoë Fairbanks")
        XCTAssertNil(reader.next())
    }

    func testEmptyStoreExportsAnEmptyDocument() throws {
        let h = MemoryHelpdesk()
        let doc = try JSONDecoder().decode(ExchangeDocument.self, from: Data(try exportJSON(h).utf8))
        XCTAssertEqual(doc.customers, [])
        XCTAssertEqual(doc.tickets, [])
    }
}
