import Foundation
import XCTest
@testable import HelpdeskCore

final class PlaceholderTests: XCTestCase {
    let values = ["customer.preferredName": "Dani", "customer.usualOrder": "oat flat white", "ticket.number": "1042",
                  "customer.preference.milk": "oat"]

    func testFillsValuesAndFallbacks() {
        let r = Placeholders.render("Hi {{customer.preferredName | \"there\"}}, your {{ customer.usualOrder }} (#{{ticket.number}}), {{customer.preference.milk}} milk",
                                    values: values)
        XCTAssertEqual(r.text, "Hi Dani, your oat flat white (#1042), oat milk")
        XCTAssertEqual(r.unfilled, [])
        let none = Placeholders.render("Hi {{customer.preferredName | \"there\"}}!", values: [:])
        XCTAssertEqual(none.text, "Hi there!")
    }

    func testMissingValueWithoutFallbackStaysAndIsReported() {
        let r = Placeholders.render("Your {{customer.usualOrder}} is ready, {{agent.signature}}", values: ["customer.usualOrder": ""])
        XCTAssertEqual(r.text, "Your {{customer.usualOrder}} is ready, {{agent.signature}}")
        XCTAssertEqual(r.unfilled, ["customer.usualOrder", "agent.signature"])
        XCTAssertEqual(Placeholders.unfilled(in: r.text), ["customer.usualOrder", "agent.signature"])
    }

    func testCheckReportsUnknownAndUnclosedWithPositions() {
        let issues = Placeholders.check("Hello {{customer.nmae}}\nline two {{ticket.number\nand {{today}} ok {{x | there}}")
        XCTAssertEqual(issues.count, 3)
        XCTAssertEqual(issues[0], PlaceholderIssue(kind: .unknown("customer.nmae"), line: 1, column: 7))
        XCTAssertEqual(issues[1], PlaceholderIssue(kind: .unclosed, line: 2, column: 10))
        XCTAssertEqual(issues[2].kind, .badFallback("there"))
        XCTAssertTrue(issues[1].description.contains("line 2, column 10"))
        XCTAssertEqual(Placeholders.check("Hi {{customer.preferredName | \"there\"}} {{customer.preference.milk}}"), [])
    }

    func testContextValuesFromState() throws {
        var state = HelpdeskState()
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        let events: [Change] = [
            .agentSaved(Agent(login: "sam", displayName: "Sam Carter", signature: "— Sam")),
            .customerCreated(Customer(id: "", name: "Danielle Okafor", preferredName: "Dani", emails: ["dani@example.com"],
                                      usualOrder: "oat flat white", customerSince: t0)),
            .ticketCreated(NewTicket(subject: "Grinder", requester: "c00001")),
        ]
        for (i, c) in events.enumerated() {
            let prepared = try state.prepare(c, actor: "sam", at: t0)
            try state.apply(Event(seq: i + 1, at: t0, actor: "sam", change: prepared))
        }
        let t = try XCTUnwrap(state.tickets.values.first)
        let ctx = ReplyContext(state: state, ticket: t, agent: "sam", now: t0)
        let r = ctx.render("Hi {{customer.preferredName}} — {{customer.usualOrder}} #{{ticket.number}} {{ticket.subject}}\n{{agent.signature}}")
        XCTAssertEqual(r.text, "Hi Dani — oat flat white #\(t.number) Grinder\n— Sam")
        XCTAssertEqual(ctx.render("{{promise.due}}").unfilled, ["promise.due"])
        XCTAssertNotNil(ctx.openingLine)
    }

    /// Issue 11 items 1 and 2: the card's greeting name, and only this ticket's promises.
    func testGreetingIsTheCardsNameAndPromiseTimeComesOnlyFromThisTicket() throws {
        var state = HelpdeskState()
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        let due = Date(timeIntervalSince1970: 1_796_205_600)  // Wednesday 2 December 2026, 10:00 UTC
        let events: [Change] = [
            .customerCreated(Customer(id: "", name: "Freya Lindqvist", emails: ["freya@example.com"], customerSince: t0)),
            .ticketCreated(NewTicket(subject: "Late parcel", requester: "c00001")),
            .ticketCreated(NewTicket(subject: "Wrong beans", requester: "c00001")),
        ]
        for (i, c) in events.enumerated() {
            try state.apply(Event(seq: i + 1, at: t0, actor: "sam", change: try state.prepare(c, actor: "sam", at: t0)))
        }
        let numbers = state.tickets.keys.sorted()
        let first = try XCTUnwrap(state.tickets[numbers[0]]), second = try XCTUnwrap(state.tickets[numbers[1]])
        let made = try state.prepare(.promiseMade(CustomerPromise(id: 0, text: "call back", due: due, ticket: first.number,
                                                                   owner: "sam", createdAt: t0)), actor: "sam", at: t0)
        try state.apply(Event(seq: 10, at: t0, actor: "sam", change: made))
        let customer = try XCTUnwrap(state.customers["c00001"])
        XCTAssertEqual(customer.greetingName, "Freya")

        let other = ReplyContext(state: state, ticket: second, agent: "sam", now: t0)
        XCTAssertEqual(other.render("Hi {{customer.preferredName | \"there\"}}, {{customer.firstName}}/{{customer.greeting}}").text,
                       "Hi Freya, Freya/Freya")
        XCTAssertTrue(Placeholders.check("{{customer.firstName}} {{customer.greeting}}").isEmpty)
        // The other ticket's 10:00 is not this ticket's promise.
        XCTAssertEqual(other.render("{{promise.due}}").unfilled, ["promise.due"])
        XCTAssertTrue(other.needsPromiseTime("by {{promise.due | \"soon\"}}"))
        XCTAssertEqual(other.render("by {{promise.due}}", promiseDue: due).text, "by Wednesday 2 December, 10:00")

        let own = ReplyContext(state: state, ticket: first, agent: "sam", now: t0)
        XCTAssertFalse(own.needsPromiseTime("by {{promise.due}}"))
        XCTAssertEqual(own.render("by {{promise.due}}").text, "by Wednesday 2 December, 10:00")
    }
}

final class ReplyPlannerTests: XCTestCase {
    func state(status: TicketStatus = .open) throws -> HelpdeskState {
        var state = HelpdeskState()
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        let changes: [Change] = [
            .customerCreated(Customer(id: "", name: "Dana", emails: ["d@x.com"], customerSince: t0)),
            .ticketCreated(NewTicket(subject: "S", status: status, tags: ["a"], requester: "c00001",
                                     message: Message(kind: .customer, author: "c00001", body: "hi", at: t0))),
        ]
        for (i, c) in changes.enumerated() {
            try state.apply(Event(seq: i + 1, at: t0, actor: "sam", change: try state.prepare(c, actor: "sam", at: t0)))
        }
        return state
    }

    func testReplySetsPendingAndAppliesTemplateActions() throws {
        let s = try state()
        let n = s.tickets.keys.first!
        let plan = try ReplyPlanner.plan(ticket: n, kind: .reply, body: "Hello  \n\n", author: "sam", at: Date(), state: s)
        XCTAssertEqual(plan.message.body, "Hello")
        guard case .ticketUpdated(_, _, let patch) = plan.changes[1] else { return XCTFail() }
        XCTAssertEqual(patch.status?.to, .pending)
        let withActions = try ReplyPlanner.plan(ticket: n, kind: .reply, body: "x", author: "sam", at: Date(),
                                                actions: TemplateActions(status: .solved, priority: .high, addTags: ["Refund"]), state: s)
        guard case .ticketUpdated(_, _, let p2) = withActions.changes[1] else { return XCTFail() }
        XCTAssertEqual(p2.status?.to, .solved)
        XCTAssertEqual(p2.priority?.to, .high)
        XCTAssertEqual(p2.tags?.to, ["a", "refund"])
    }

    func testNoteLeavesStatusAndBadTextIsRefused() throws {
        let s = try state()
        let n = s.tickets.keys.first!
        XCTAssertEqual(try ReplyPlanner.plan(ticket: n, kind: .note, body: "internal", author: "sam", at: Date(), state: s).changes.count, 1)
        XCTAssertThrowsError(try ReplyPlanner.plan(ticket: n, kind: .reply, body: " \n\t ", author: "sam", at: Date(), state: s)) {
            XCTAssertEqual($0 as? ReplyProblem, .empty)
        }
        XCTAssertThrowsError(try ReplyPlanner.plan(ticket: n, kind: .reply, body: "your {{customer.usualOrder}}", author: "sam", at: Date(), state: s)) {
            XCTAssertEqual($0 as? ReplyProblem, .unfilled(["customer.usualOrder"]))
        }
    }
}

/// A strict little RFC 5322 reader: CRLF everywhere, header fields `Name: value` with folded
/// continuation lines, an empty line, then a body of lines at most 78 characters, ASCII only.
struct ParsedMail {
    var headers: [(String, String)] = []
    var body = ""

    init(_ text: String) throws {
        struct Bad: Error { let why: String }
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { throw Bad(why: "non-ASCII byte") }
        for (i, b) in bytes.enumerated() {
            if b == 0x0A, i == 0 || bytes[i - 1] != 0x0D { throw Bad(why: "bare LF at \(i)") }
            if b == 0x0D, i + 1 >= bytes.count || bytes[i + 1] != 0x0A { throw Bad(why: "bare CR at \(i)") }
        }
        guard let split = text.range(of: "\r\n\r\n") else { throw Bad(why: "no empty line after the headers") }
        for line in text[..<split.lowerBound].components(separatedBy: "\r\n") {
            guard line.utf8.count <= 998 else { throw Bad(why: "header line too long") }
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { throw Bad(why: "continuation first") }
                headers[headers.count - 1].1 += line
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  line[..<colon].allSatisfy({ $0.isASCII && $0 != " " && ($0.asciiValue ?? 0) > 32 }) else {
                throw Bad(why: "not a header field: \(line)")
            }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        body = String(text[split.upperBound...])
        for line in body.components(separatedBy: "\r\n") where line.utf8.count > 78 { throw Bad(why: "body line too long") }
    }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    /// The body decoded from quoted-printable.
    var decodedBody: String {
        var out: [UInt8] = []
        let joined = body.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n")
        let b = Array(joined.utf8)
        var i = 0
        while i < b.count {
            if b[i] == 61, i + 2 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(v); i += 3
            } else { out.append(b[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

final class OutgoingMailTests: XCTestCase {
    func testMessageIsStrictRFC5322() throws {
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        let ticket = Ticket(number: 1042, subject: "Grinder squeaks — 咖啡", requester: "c1", channel: .email, createdAt: t0)
        let customer = Customer(id: "c1", name: "Danielle \"Dani\" Okafor", emails: ["dani@example.com"], customerSince: t0)
        let body = "Hi Dani — your oat flat white ☕ is on its way.\n\n" + String(repeating: "long line of text ", count: 20) + "\nend = ok "
        let mail = try OutgoingMail(sendID: "hd-1042-sam-1", ticket: ticket, customer: customer,
                                    agent: Agent(login: "sam", displayName: "Sam Carter"),
                                    settings: Settings(name: "Northwind", supportAddress: "help@northwind.example"), body: body, date: t0)
        let parsed = try ParsedMail(mail.rendered)
        XCTAssertEqual(parsed.header("From"), "\"Sam Carter (Northwind)\" <help@northwind.example>")
        XCTAssertEqual(parsed.header("To"), "\"Danielle \\\"Dani\\\" Okafor\" <dani@example.com>")
        XCTAssertTrue(parsed.header("Subject")!.hasPrefix("=?UTF-8?B?"))
        let words = parsed.header("Subject")!.components(separatedBy: " ").map { $0.dropFirst(10).dropLast(2) }
        let subject = words.map { String(decoding: Data(base64Encoded: String($0))!, as: UTF8.self) }.joined()
        XCTAssertEqual(subject, "Re: Grinder squeaks — 咖啡 [#1042]")
        XCTAssertEqual(parsed.header("Message-ID"), "<hd-1042-sam-1@northwind.example>")
        XCTAssertEqual(parsed.header("In-Reply-To"), "<ticket-1042@northwind.example>")
        XCTAssertEqual(parsed.header("Date"), "Wed, 18 Nov 2026 11:06:40 +0000")
        XCTAssertEqual(parsed.header("Content-Type"), "text/plain; charset=UTF-8")
        XCTAssertEqual(parsed.header("Content-Transfer-Encoding"), "quoted-printable")
        XCTAssertEqual(parsed.header("MIME-Version"), "1.0")
        XCTAssertEqual(parsed.decodedBody, body + "\n")
    }

    func testNoInReplyToForPhoneTickets() throws {
        let t0 = Date(timeIntervalSince1970: 0)
        let ticket = Ticket(number: 7, subject: "Call", requester: "c1", channel: .phone, createdAt: t0)
        let mail = try OutgoingMail(sendID: "x", ticket: ticket, customer: Customer(id: "c1", name: "A", emails: ["a@b.c"], customerSince: t0),
                                    agent: nil, settings: Settings(), body: "ok", date: t0)
        XCTAssertNil(try ParsedMail(mail.rendered).header("In-Reply-To"))
        XCTAssertThrowsError(try OutgoingMail(sendID: "x", ticket: ticket, customer: Customer(id: "c1", name: "A", customerSince: t0),
                                              agent: nil, settings: Settings(), body: "ok", date: t0))
    }
}
