import Foundation
import XCTest
@testable import HelpdeskCore

final class ImportPlanTests: XCTestCase {
    // MARK: CSV validation

    func testCSVWithBadRowsPlansNothingAndReportsEveryBadRowByItsLine() throws {
        let h = try MemoryHelpdesk.sample()
        let csv = """
        subject,customer_email,priority,status,assignee,satisfaction,created,body,number
        Fine row,new@example.com,high,open,dana,5,2026-01-02T10:00:00Z,Hello,
        Multi-line body,new@example.com,normal,,,,,"Line one
        ""quoted"", line two
        line three",
        Typo priority,a@example.com,hgih,,,,,,
        ,b@example.com,,,,,,,
        Bad email,dana@,,,,,,,
        Unknown agent,c@example.com,,,zed,,,,
        Too happy,d@example.com,,,,7,,,
        Vague date,e@example.com,,,,,yesterday,,
        Typo status,f@example.com,,opne,,,,,
        Taken number,g@example.com,,,,,,,1001
        First 2000,h@example.com,,,,,,,2000
        Second 2000,h@example.com,,,,,,,#2000

        Fine after a blank line,i@example.com,low,,,,2026-01-02,,
        """
        XCTAssertEqual(h.problems(csv), [
            "orders.csv:6: unknown priority 'hgih' (low, normal, high, urgent)",
            "orders.csv:7: missing subject",
            "orders.csv:8: invalid email 'dana@'",
            "orders.csv:9: unknown agent 'zed' (add them with `helpdesk agent add zed` first)",
            "orders.csv:10: satisfaction 7 out of range (1–5)",
            "orders.csv:11: created 'yesterday' is not an ISO 8601 date (like 2026-11-23T14:02:05Z or 2026-11-23)",
            "orders.csv:12: unknown status 'opne' (new, open, pending, on hold, solved, closed)",
            "orders.csv:13: ticket #1001 already exists in this store",
            "orders.csv:15: duplicate ticket number #2000 (also on line 14)",
        ])
    }

    func testCSVRowMayHaveSeveralProblemsEachReported() throws {
        let h = try MemoryHelpdesk.sample()
        let csv = "subject,customer_email,priority\n,not-an-email,hgih\n"
        XCTAssertThrowsError(try h.plan(csv)) { error in
            XCTAssertTrue("\(error)".hasSuffix("\n1 bad row; nothing was imported — fix the file and import it again"), "\(error)")
        }
        XCTAssertEqual(h.problems(csv), [
            "orders.csv:2: missing subject",
            "orders.csv:2: invalid email 'not-an-email'",
            "orders.csv:2: unknown priority 'hgih' (low, normal, high, urgent)",
        ])
    }

    func testCSVLineNumbersCountCRLFAndCRInsideQuotedFields() throws {
        let h = try MemoryHelpdesk.sample()
        let csv = "subject,customer_email,body\r\nOK,a@example.com,\"one\r\ntwo\rthree\"\r\nBad,b@,x\r\n"
        XCTAssertEqual(h.problems(csv), ["orders.csv:5: invalid email 'b@'"])
    }

    func testUnbalancedQuoteIsOneSentenceNamingFileAndLine() throws {
        let h = try MemoryHelpdesk.sample()
        let csv = "subject,customer_email,body\nOK,a@example.com,fine\nBroken,b@example.com,\"never closed\nmore\n"
        XCTAssertThrowsError(try h.plan(csv)) { error in
            XCTAssertEqual(error as? ImportError, .malformed(file: "orders.csv", line: 3,
                reason: "a quoted field that starts on this line has no closing quote"))
        }
    }

    func testCSVWithoutRequiredColumnsIsMalformed() throws {
        let h = try MemoryHelpdesk.sample()
        XCTAssertThrowsError(try h.plan("title,email\nHi,a@example.com\n")) { error in
            guard case .malformed(_, let line, _, let reason)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 1)
            XCTAssertTrue(reason.contains("'subject'"), reason)
        }
        XCTAssertThrowsError(try h.plan("")) { error in
            guard case .malformed? = error as? ImportError else { return XCTFail("\(error)") }
        }
    }

    // MARK: CSV planning

    func testCSVPlanCreatesTicketsWithMessagesRatingsAndKeepsTextAsIs() throws {
        let h = try MemoryHelpdesk.sample()
        let csv = """
        Subject,Customer Email,customer_name,preferred_name,usual_order,first_message,status,priority,tags,channel,assignee,group,created,satisfaction,satisfaction_comment,shoe_size
        Espresso bitter,lee@example.com,Lee Wong,Lee,"double ristretto, no sugar","Tastes \u{1b}[31mburnt\u{1b}[0m",solved,urgent,coffee;taste,chat,dana,Bar,2026-03-01T09:30:00Z,2,Meh
        """
        let plan = try h.plan(csv)
        XCTAssertEqual(plan.ticketNumbers, [1004])
        XCTAssertEqual(plan.newCustomerCount, 1)
        XCTAssertEqual(plan.matchedCustomerCount, 0)
        XCTAssertEqual(plan.warnings, ["orders.csv: column 'shoe_size' is not a ticket field; it was ignored"])
        XCTAssertEqual(plan.summary(verb: "imported"), "imported 1 ticket and 1 new customer (0 matched existing customers)")

        var after = h
        try after.append(plan.changes)
        let t = try after.ticket(1004)
        let c = try XCTUnwrap(after.state.customers[t.requester])
        XCTAssertEqual(c.name, "Lee Wong")
        XCTAssertEqual(c.preferredName, "Lee")
        XCTAssertEqual(c.usualOrder, "double ristretto, no sugar")
        XCTAssertEqual(t.subject, "Espresso bitter")
        XCTAssertEqual(t.status, .solved)
        XCTAssertEqual(t.priority, .urgent)
        XCTAssertEqual(t.tags, ["coffee", "taste"])
        XCTAssertEqual(t.channel, .chat)
        XCTAssertEqual(t.assignee, "dana")
        XCTAssertEqual(t.group, "Bar")
        XCTAssertEqual(t.messages.map(\.body), ["Tastes \u{1b}[31mburnt\u{1b}[0m"])  // sanitised on display, not here
        XCTAssertEqual(t.messages.first?.at, ISOTime.parse("2026-03-01T09:30:00Z"))
        XCTAssertEqual(t.satisfaction?.score, 2)
        XCTAssertEqual(t.satisfaction?.comment, "Meh")
        XCTAssertEqual(plan.steps.first { if case .ticketCreated = $0.change { true } else { false } }?.originalTime,
                       ISOTime.parse("2026-03-01T09:30:00Z"))
    }

    func testEmailsMatchExistingCustomersIgnoringCaseAndSpaceButNotDots() throws {
        let h = try MemoryHelpdesk.sample()   // c00001 has Dani.Okafor@Example.com
        let csv = """
        subject,customer_email
        One, DANI.OKAFOR@example.COM\u{20}
        Two,dani.okafor@example.com
        Three,daniokafor@example.com
        Four,DaniOkafor@Example.com
        """
        let plan = try h.plan(csv)
        XCTAssertEqual(plan.matchedCustomerCount, 1)
        XCTAssertEqual(plan.newCustomerCount, 1, "dots are part of an address; only case and spaces are folded")
        var after = h
        try after.append(plan.changes)
        let requesters = plan.ticketNumbers.map { after.state.tickets[$0]!.requester }
        XCTAssertEqual(requesters[0], "c00001")
        XCTAssertEqual(requesters[1], "c00001")
        XCTAssertEqual(requesters[2], requesters[3])
        XCTAssertEqual(after.state.customers[requesters[2]]?.emails, ["daniokafor@example.com"])
    }

    func testPhonesMatchWhateverTheFormatAndNewPhonesCreateOneCustomer() throws {
        let h = try MemoryHelpdesk.sample()   // c00001 has +44 20 7946 0958
        let csv = """
        subject,customer_phone,customer_name
        A,020-7946-0958,
        B,(020) 7946 0958,
        C,0044 20 7946 0958,
        D,+1 (555) 010-2233,Pat Lee
        E,555.010.2233,
        F,12,
        """
        XCTAssertEqual(h.problems(csv), ["orders.csv:7: invalid phone number '12'"])
        let plan = try h.plan(csv.split(separator: "\n").dropLast().joined(separator: "\n"))
        XCTAssertEqual(plan.matchedCustomerCount, 1)
        XCTAssertEqual(plan.newCustomerCount, 1)
        var after = h
        try after.append(plan.changes)
        let requesters = plan.ticketNumbers.map { after.state.tickets[$0]!.requester }
        XCTAssertEqual(Array(requesters[0...2]), ["c00001", "c00001", "c00001"])
        XCTAssertEqual(requesters[3], requesters[4])
        XCTAssertEqual(after.state.customers[requesters[3]]?.name, "Pat Lee")
    }

    func testNewEmailNamedByManyRowsCreatesTheCustomerOnce() throws {
        let h = try MemoryHelpdesk.sample()
        let plan = try h.plan("subject,customer_email\nA,kim@example.com\nB,Kim@Example.com\nC,kim@example.com\n")
        XCTAssertEqual(plan.newCustomerCount, 1)
        XCTAssertEqual(plan.ticketCount, 3)
        XCTAssertEqual(plan.summary(verb: "would import"), "would import 3 tickets and 1 new customer (0 matched existing customers)")
    }

    func testRowsWithoutNumbersAreNumberedAfterTheFilesOwnNumbers() throws {
        let h = try MemoryHelpdesk.sample()
        let plan = try h.plan("subject,customer_email,number\nA,a@example.com,\nB,a@example.com,1005\nC,a@example.com,\n")
        XCTAssertEqual(plan.ticketNumbers, [1006, 1005, 1007])
        var after = h
        XCTAssertNoThrow(try after.append(plan.changes))
    }

    func testImportIntoStoreThatChangedMeanwhileIsRefusedWhole() throws {
        let h = try MemoryHelpdesk.sample()
        let plan = try h.plan("subject,customer_email,number\nA,a@example.com,1010\n")
        var moved = h
        try moved.append([.ticketCreated(NewTicket(number: 1010, subject: "Someone else's", requester: "c00001"))])
        let before = moved.state.customers.count
        XCTAssertThrowsError(try moved.append(plan.changes))
        XCTAssertEqual(moved.state.customers.count, before)
    }

    // MARK: JSON

    func testNotJSONIsOneSentenceNamingTheFile() throws {
        let h = try MemoryHelpdesk.sample()
        XCTAssertThrowsError(try h.plan("number,subject\n1,hi\n", file: "export.json", format: .json)) { error in
            guard case .malformed(let file, _, _, let reason)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "export.json")
            XCTAssertTrue(reason.hasPrefix("not valid JSON"), reason)
        }
        XCTAssertThrowsError(try h.plan("{\"format\": 1,\n \"tickets\": [\n  {\"number\": 1 \"subject\": \"x\"}\n]}", file: "export.json", format: .json)) { error in
            guard case .malformed(_, let line, _, let reason)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 3, reason)
        }
        XCTAssertThrowsError(try h.plan("[1, 2]", file: "export.json", format: .json)) { error in
            guard case .malformed(_, _, _, let reason)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.hasPrefix("not a helpdesk export"), reason)
        }
        XCTAssertThrowsError(try h.plan(#"{"format": 3, "tickets": []}"#, file: "export.json", format: .json)) { error in
            guard case .malformed(_, _, _, let reason)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("upgrade helpdesk"), reason)
        }
    }

    func testJSONBadTicketsAreReportedOnTheirLines() throws {
        let h = try MemoryHelpdesk.sample()
        let json = """
        {
          "format": 1,
          "customers": [
            {"id": "x1", "name": "Ann", "emails": ["ann@example.com"]},
            {"id": "x2", "name": "Bo", "emails": ["bo@"]}
          ],
          "tickets": [
            {"number": 5001, "subject": "Fine", "customer": "x1"},
            {
              "number": 5002,
              "subject": "Typo",
              "status": "opne",
              "customer": "x1"
            },
            {"number": "5003", "subject": "Wrong type", "customer": "x1"},
            {"number": 1001, "subject": "Taken", "customer": "x1"},
            {"number": 5004, "subject": "Rated", "customer": "x1", "satisfaction": {"score": 9}},
            {"number": 5005, "subject": "Assigned", "customer": "x1", "assignee": "zed"},
            {"number": 5006, "subject": "Orphan", "customer": "x2"},
            {"number": 5007, "subject": "Linked", "customer": "x1", "links": [999]}
          ]
        }
        """
        XCTAssertEqual(h.problems(json, file: "export.json", format: .json), [
            "export.json:5: invalid email 'bo@'",
            "export.json:9: unknown status 'opne' (new, open, pending, on hold, solved, closed)",
            "export.json:15: number should be a whole number",
            "export.json:16: ticket #1001 already exists in this store",
            "export.json:17: satisfaction 9 out of range (1–5)",
            "export.json:18: unknown agent 'zed' (add them with `helpdesk agent add zed` first)",
            "export.json:19: its customer 'x2' (customers[1]) could not be imported",
            "export.json:20: refers to ticket #999, which is neither in this file nor in the store",
        ])
    }

    func testJSONCustomersMatchExistingOnesAndTicketsFollowThem() throws {
        let h = try MemoryHelpdesk.sample()
        let json = """
        {"format": 1,
         "customers": [{"id": "c00001", "name": "D. Okafor", "emails": ["dani.okafor@EXAMPLE.com"]},
                       {"id": "c00002", "name": "Someone New", "phones": ["+1 555 010 9999"]}],
         "tickets": [{"number": 7000, "subject": "Hi", "customer": "c00001",
                      "messages": [{"kind": "customer", "author": "c00001", "body": "hello"}]},
                     {"number": 7001, "subject": "Hey", "customer": "c00002",
                      "messages": [{"kind": "customer", "author": "c00002", "body": "hey"}]}]}
        """
        let plan = try h.plan(json, file: "x.json", format: .json)
        XCTAssertEqual(plan.matchedCustomerCount, 1)
        XCTAssertEqual(plan.newCustomerCount, 1)
        var after = h
        try after.append(plan.changes)
        XCTAssertEqual(after.state.tickets[7000]?.requester, "c00001")
        // c00002 is taken by Zoë, so the new customer gets a fresh id and the thread follows it.
        let newID = try XCTUnwrap(after.state.tickets[7001]?.requester)
        XCTAssertEqual(newID, "c00003")
        XCTAssertEqual(try after.ticket(7001).messages.first?.author, newID)
        XCTAssertEqual(after.state.customers["c00001"]?.name, "Danielle Okafor", "an existing customer is left as it is")
    }
}
