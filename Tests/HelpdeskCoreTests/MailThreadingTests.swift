import Foundation
@testable import HelpdeskCore
import XCTest

/// The threading rules (`MailThreading`) and what filing a mail changes (`MailPlanner`), each rule
/// with a mail that takes it.
final class MailThreadingTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    private let channel = MailChannel.actor(account: "postfix")

    /// A store's state with customer Ana (ana@example.org) on #1001 and Bo on #1002.
    private func state() throws -> HelpdeskState {
        var s = HelpdeskState()
        var seq = 0
        func add(_ c: Change, actor: String = "dana") throws {
            seq += 1
            s.apply(Event(seq: seq, at: t0, actor: actor, change: try s.prepare(c, actor: actor, at: t0)))
        }
        try add(.agentSaved(Agent(login: "dana", displayName: "Dana", role: .supervisor)))
        var settings = Settings()
        settings.supportAddress = "support@helpdesk.test"
        try add(.settingsChanged(settings))
        try add(.customerCreated(Customer(id: "", name: "Ana", emails: ["Ana@Example.org"], customerSince: t0)))
        try add(.customerCreated(Customer(id: "", name: "Bo", emails: ["bo@example.org"], customerSince: t0)))
        try add(.ticketCreated(NewTicket(subject: "Order late", requester: "c00001")))
        try add(.ticketCreated(NewTicket(subject: "Refund", requester: "c00002")))
        try add(.mailReceived(entry(ticket: 1001, id: "first@ana.example", cc: ["carol@example.org"])), actor: channel)
        try add(.mailSent(MailSent(ticket: 1002, messageID: "reply-7@helpdesk.test")))
        return s
    }

    private func entry(ticket: Int, id: String, cc: [String] = []) -> MailEntry {
        MailEntry(ticket: ticket, key: MailKey.id(id), messageID: id, fromName: nil, fromAddress: "ana@example.org",
                  to: ["support@helpdesk.test"], cc: cc, subject: "s", rawDigest: String(repeating: "a", count: 64),
                  rawSize: 10, attachments: [], automatic: nil, problems: [], quarantined: false, rule: .new)
    }

    private func facts(id: String = "new@x", inReplyTo: [String] = [], references: [String] = [],
                       from: String? = "ana@example.org", to: [String] = ["support@helpdesk.test"],
                       subject: String = "Hello") -> MailThreading.Facts {
        MailThreading.Facts(key: MailKey.id(id), inReplyTo: inReplyTo, references: references, fromAddress: from,
                            recipients: to, subject: subject)
    }

    private func decide(_ f: MailThreading.Facts, _ s: HelpdeskState, valid: Bool = false) -> MailThreading.Decision {
        MailThreading.decide(f, state: s, tagIsValid: { _, tag in valid && tag == "good" })
    }

    func testTheSameMailTwiceIsADuplicate() throws {
        XCTAssertEqual(decide(facts(id: "<FIRST@ana.example>"), try state()), .duplicate(ticket: 1001),
                       "compared without brackets and case")
    }

    func testRule1InReplyToAReceivedOrSentMessage() throws {
        let s = try state()
        XCTAssertEqual(decide(facts(inReplyTo: ["first@ana.example"], from: "stranger@x.org"), s), .existing(ticket: 1001, rule: .reference))
        XCTAssertEqual(decide(facts(inReplyTo: ["reply-7@helpdesk.test"], from: "bo@example.org"), s), .existing(ticket: 1002, rule: .reference),
                       "our own reply's Message-ID")
        XCTAssertEqual(decide(facts(references: ["<ticket-1002@helpdesk.test>"]), s), .existing(ticket: 1002, rule: .reference),
                       "our thread id")
    }

    func testRule1AParentOnlyInReferencesStillThreads() throws {
        // freescout#4020: a CRM put its own id in In-Reply-To.
        let f = facts(inReplyTo: ["crm-123@crm.example"], references: ["unknown@a", "first@ana.example", "other@b"])
        XCTAssertEqual(decide(f, try state()), .existing(ticket: 1001, rule: .reference))
    }

    func testRule2AReplyAddressWithAValidTag() throws {
        let s = try state()
        let f = facts(from: "rewritten@ses.example", to: ["Support+t1002.GOOD@helpdesk.test".lowercased()])
        XCTAssertEqual(decide(f, s, valid: true), .existing(ticket: 1002, rule: .replyAddress))
        XCTAssertEqual(decide(facts(from: "x@y.z", to: ["support+t1002.bad@helpdesk.test"]), s, valid: true), .new(linkedTo: nil, rule: .new),
                       "a forged tag is not trusted")
        XCTAssertEqual(decide(facts(from: "x@y.z", to: ["support+t1002.good@other.test"]), s, valid: true), .new(linkedTo: nil, rule: .new),
                       "another domain")
    }

    func testRule3SubjectTokenOnlyFromTheCustomerOrCC() throws {
        let s = try state()
        XCTAssertEqual(decide(facts(from: "ANA@example.org", subject: "Re: Order late [#1001]"), s), .existing(ticket: 1001, rule: .subjectToken))
        XCTAssertEqual(decide(facts(from: "carol@example.org", subject: "[#1001] me too"), s), .existing(ticket: 1001, rule: .subjectToken),
                       "someone on the CC list")
        // zammad#5064: a stranger using another ticket's token starts a new ticket.
        XCTAssertEqual(decide(facts(from: "mallory@evil.example", subject: "Re: [#1001]"), s), .new(linkedTo: nil, rule: .new))
        var stranger = s
        let m = mail(id: "mal@x", from: MailAddress(name: "M", address: "mallory@evil.example"), subject: "Re: Refund [#1001]")
        let n = try file(m, &stranger)
        XCTAssertEqual(stranger.tickets[n]?.subject, "Refund", "the other ticket's token is not kept in the new subject")
        XCTAssertEqual(decide(facts(from: "bo@example.org", subject: "[#1001]"), s), .new(linkedTo: nil, rule: .new),
                       "another customer is a stranger to this ticket")
    }

    func testRule4OtherwiseANewTicket() throws {
        XCTAssertEqual(decide(facts(subject: "Something else"), try state()), .new(linkedTo: nil, rule: .new))
        XCTAssertNil(MailThreading.subjectToken("[#] [#12a] #1001"))
        XCTAssertEqual(MailThreading.subjectToken("x [#99999999999999999999] [#7]"), 7, "an overlong number is skipped, not trapped on")
    }

    func testAReplyToAClosedTicketStartsANewOneLinkedToIt() throws {
        var s = try state()
        let close = try s.prepare(.ticketUpdated(number: 1001, base: s.tickets[1001]!.version,
                                                 patch: TicketPatch.diff(s.tickets[1001]!, status: .closed)), actor: "dana", at: t0)
        s.apply(Event(seq: 99, at: t0, actor: "dana", change: close))
        XCTAssertEqual(decide(facts(inReplyTo: ["first@ana.example"]), s), .new(linkedTo: 1001, rule: .reference))

        let plan = MailPlanner.plan(mail(inReplyTo: ["first@ana.example"]), state: s, actor: channel, at: t0, tagIsValid: { _, _ in false })
        guard case .write(let changes, let n, true, _) = plan else { return XCTFail("\(plan)") }
        XCTAssertEqual(n, 1003)
        XCTAssertTrue(changes.contains { if case .ticketUpdated(1003, _, let p) = $0 { return p.links?.to == [1001] }; return false })
        XCTAssertTrue(changes.contains { if case .ticketUpdated(1001, _, let p) = $0 { return p.links?.to == [1003] }; return false })
        try fold(changes, into: &s)
        XCTAssertEqual(s.tickets[1003]?.links, [1001])
        XCTAssertEqual(s.tickets[1001]?.links, [1003])
    }

    // MARK: Planning

    private func mail(id: String = "m1@ana.example", inReplyTo: [String] = [], from: MailAddress? = MailAddress(name: "Ana", address: "ana@example.org"),
                      cc: [MailAddress] = [], subject: String = "Re: Order late", text: String = "Any news?",
                      automatic: MailAutomation? = nil) -> ReceivedMail {
        ReceivedMail(parsed: HelpdeskCore.ParsedMail(messageID: id, inReplyTo: inReplyTo, from: from,
                                        to: [MailAddress(name: nil, address: "support@helpdesk.test")], cc: cc,
                                        subject: subject, text: text, automatic: automatic, headerDigest: "hd"),
                     rawDigest: String(repeating: "b", count: 64), rawSize: 100)
    }

    private func fold(_ changes: [Change], into s: inout HelpdeskState) throws {
        for c in changes {
            XCTAssertNil(MailChannel.problem(c, actor: channel), "the channel may make \(c.typeName)")
            s.apply(Event(seq: s.lastSeq + 1, at: t0, actor: channel, change: try s.prepare(c, actor: channel, at: t0)))
        }
    }

    private func setStatus(_ status: TicketStatus, _ n: Int, _ s: inout HelpdeskState) throws {
        let c = try s.prepare(.ticketUpdated(number: n, base: s.tickets[n]!.version, patch: TicketPatch.diff(s.tickets[n]!, status: status)),
                              actor: "dana", at: t0)
        s.apply(Event(seq: s.lastSeq + 1, at: t0, actor: "dana", change: c))
    }

    private func file(_ m: ReceivedMail, _ s: inout HelpdeskState) throws -> Int {
        let plan = MailPlanner.plan(m, state: s, actor: channel, at: t0, tagIsValid: { _, _ in false })
        guard case .write(let changes, let n, _, _) = plan else { XCTFail("\(plan)"); return 0 }
        try fold(changes, into: &s)
        return n
    }

    func testAReplyToAPendingTicketOpensItAndToASolvedOneReopensIt() throws {
        var s = try state()
        try setStatus(.pending, 1001, &s)
        XCTAssertEqual(try file(mail(id: "a@x", inReplyTo: ["first@ana.example"]), &s), 1001)
        XCTAssertEqual(s.tickets[1001]?.status, .open)
        try setStatus(.solved, 1001, &s)
        XCTAssertEqual(try file(mail(id: "b@x", inReplyTo: ["first@ana.example"]), &s), 1001)
        XCTAssertEqual(s.tickets[1001]?.status, .open)
        XCTAssertEqual(s.mail.lastCustomerMessageID[1001], "b@x", "our next reply answers it")
    }

    func testAutomaticMailIsStoredButNeverReopensASolvedTicket() throws {
        var s = try state()
        try setStatus(.solved, 1001, &s)
        let before = s.tickets[1001]!.messageCount
        XCTAssertEqual(try file(mail(id: "ooo@x", inReplyTo: ["first@ana.example"], automatic: .autoSubmitted("auto-replied")), &s), 1001)
        XCTAssertEqual(s.tickets[1001]?.status, .solved)
        XCTAssertEqual(s.tickets[1001]?.messageCount, before + 1, "stored on the ticket")
        XCTAssertEqual(s.mail.lastCustomerMessageID[1001], "first@ana.example", "a machine's mail is not what we answer")
    }

    func testAnUnknownSenderBecomesACustomerWithTheDisplayNameAndCCIsKept() throws {
        var s = try state()
        let n = try file(mail(from: MailAddress(name: "Zoë Ökonom", address: "Zoe@New.example"),
                              cc: [MailAddress(name: nil, address: "Boss@New.example")], subject: "Fwd: RE[2]: Aw: Hello"), &s)
        XCTAssertEqual(n, 1003)
        let t = try XCTUnwrap(s.tickets[n])
        XCTAssertEqual(t.channel, .email)
        XCTAssertEqual(t.subject, "Hello", "reply and forward prefixes stripped")
        XCTAssertEqual(s.customers[t.requester]?.name, "Zoë Ökonom")
        XCTAssertEqual(s.customer(matching: "zoe@new.example")?.id, t.requester, "found case-insensitively")
        XCTAssertEqual(s.mail.cc[n], ["boss@new.example"])
        // The CC'd person's token is now trusted on this ticket.
        XCTAssertEqual(decide(facts(from: "boss@new.example", subject: "[#\(n)]"), s), .existing(ticket: n, rule: .subjectToken))
        // A known sender is the same customer, whatever the case.
        let again = try file(mail(id: "m2@x", from: MailAddress(name: "Z", address: "ZOE@new.EXAMPLE"), subject: "Another"), &s)
        XCTAssertEqual(s.tickets[again]?.requester, t.requester)
    }

    func testAMailWithoutAUsableSenderGoesToTheUnknownSender() throws {
        var s = try state()
        let n = try file(mail(from: MailAddress(name: nil, address: "not an address"), subject: ""), &s)
        XCTAssertEqual(s.tickets[n]?.requester, MailPlanner.unknownSenderID)
        XCTAssertEqual(s.tickets[n]?.subject, "(no subject)")
        let m = try file(mail(id: "m3@x", from: nil), &s)
        XCTAssertEqual(s.tickets[m]?.requester, MailPlanner.unknownSenderID, "one unknown-sender customer, reused")
    }

    func testAMailWithProblemsGetsANoteSayingWhatWasWrong() throws {
        let s = try state()
        var m = mail()
        m.parsed?.problems = ["unknown charset x-klingon"]
        guard case .write(let changes, _, _, _) = MailPlanner.plan(m, state: s, actor: channel, at: t0, tagIsValid: { _, _ in false }) else { return XCTFail() }
        let notes = changes.compactMap { c -> String? in if case .messageAdded(_, let msg) = c, msg.kind == .note { return msg.body }; return nil }
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("x-klingon") && notes[0].contains("--raw"), notes[0])
        let q = ReceivedMail(parsed: nil, rawDigest: String(repeating: "c", count: 64), rawSize: 30_000_000, quarantined: true, quarantineSender: "big@x.org")
        guard case .write(let qc, _, true, _) = MailPlanner.plan(q, state: s, actor: channel, at: t0, tagIsValid: { _, _ in false }) else { return XCTFail() }
        let qnote = qc.compactMap { c -> String? in if case .messageAdded(_, let msg) = c, msg.kind == .note { return msg.body }; return nil }
        XCTAssertTrue(qnote.first?.contains("28.6 MB from big@x.org") == true, "\(qnote)")
    }

    func testABounceOfOurReplyIsFiledOnItsTicketWithAFailedDeliveryNote() throws {
        var s = try state()
        try setStatus(.solved, 1002, &s)
        var m = mail(id: "dsn1@mx.example", from: MailAddress(name: "Mail Delivery System", address: "MAILER-DAEMON@mx.example"),
                     subject: "Undelivered Mail Returned to Sender", text: "This is the mail system.", automatic: .bounce)
        m.parsed?.deliveryReport = DeliveryReport(originalMessageID: "reply-7@helpdesk.test", recipients: ["bo@example.org"],
                                                  action: "failed", status: "5.1.1", diagnostic: "smtp; 550 no such user")
        let plan = MailPlanner.plan(m, state: s, actor: channel, at: t0, tagIsValid: { _, _ in false })
        guard case .write(let changes, 1002, false, .reference) = plan else { return XCTFail("\(plan)") }
        let notes = changes.compactMap { c -> String? in if case .messageAdded(_, let msg) = c, msg.kind == .note { return msg.body }; return nil }
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("Delivery failed") && notes[0].contains("bo@example.org") && notes[0].contains("5.1.1"), notes[0])
        try fold(changes, into: &s)
        XCTAssertTrue(s.mail.bouncedIDs.contains(MailKey.id("reply-7@helpdesk.test")))
        XCTAssertEqual(s.tickets[1002]?.status, .solved, "a bounce reopens nothing")
        // A report about mail that is not ours marks nothing.
        var other = m
        other.parsed?.messageID = "dsn2@mx.example"
        other.parsed?.deliveryReport?.originalMessageID = "first@ana.example"
        guard case .write(let c2, _, _, _) = MailPlanner.plan(other, state: s, actor: channel, at: t0, tagIsValid: { _, _ in false }) else { return XCTFail() }
        XCTAssertFalse(c2.contains { if case .mailReceived(let e) = $0 { return e.bounceOf != nil }; return false })
    }

    func testALoopOf50AutomaticMailsIsStoredButMarkedPastTheLimits() throws {
        var s = try state()
        var limited: [Int] = []
        for i in 0..<50 {
            let at = t0.addingTimeInterval(Double(i) * 5)   // 50 in about four minutes
            let m = mail(id: "auto\(i)@x", inReplyTo: ["first@ana.example"], automatic: .autoReply)
            guard case .write(let changes, 1001, false, _) = MailPlanner.plan(m, state: s, actor: channel, at: at, tagIsValid: { _, _ in false }) else {
                return XCTFail("mail \(i)")
            }
            for c in changes {
                if case .mailReceived(let e) = c, e.loopLimited == true { limited.append(i) }
                s.apply(Event(seq: s.lastSeq + 1, at: at, actor: channel, change: try s.prepare(c, actor: channel, at: at)))
            }
        }
        XCTAssertEqual(limited, Array(10..<50), "the 11th automatic mail on a ticket within 10 minutes is past the limit")
        XCTAssertEqual(s.mail.ticketByKey.values.filter { $0 == 1001 }.count, 51, "all stored")
        // Ten minutes after the last one the ticket's window is clear; the sender's day is not.
        let later = t0.addingTimeInterval(250 + 600)
        XCTAssertFalse(MailLoopGuard.isOverLimit(ticket: 1001, address: nil, at: later, index: s.mail))
        XCTAssertTrue(MailLoopGuard.isOverLimit(ticket: 1002, address: "ANA@example.org", at: later, index: s.mail),
                      "past 40 automatic mails from one address in a day")
        XCTAssertTrue(MailLoopGuard.mayAnswer(entry(ticket: 1001, id: "x@y")))
    }

    // MARK: The channel's rule

    func testTheMailChannelMayOnlyAddWhatMailBrings() throws {
        let s = try state()
        let t = s.tickets[1001]!
        let refused: [Change] = [
            .ticketUpdated(number: 1001, base: t.version, patch: TicketPatch.diff(t, assignee: .some("dana"))),
            .ticketUpdated(number: 1001, base: t.version, patch: TicketPatch.diff(t, status: .solved)),
            .ticketUpdated(number: 1001, base: t.version, patch: TicketPatch.diff(t, tags: ["vip"])),
            .settingsChanged(Settings()),
            .agentSaved(Agent(login: "mallory", displayName: "M", role: .supervisor)),
            .messageAdded(number: 1001, message: Message(kind: .reply, author: "dana", body: "hi", at: t0)),
            .messageAdded(number: 1001, message: Message(kind: .note, author: "dana", body: "hi", at: t0)),
            .ticketCreated(NewTicket(subject: "x", priority: .urgent, requester: "c00001")),
            .ticketCreated(NewTicket(subject: "x", assignee: "dana", requester: "c00001")),
            .customerCreated(Customer(id: "", name: "V", customerSince: t0, vip: true)),
            .customerMerged(from: "c00001", into: "c00002"),
            .templateRemoved(name: "x"),
        ]
        for c in refused { XCTAssertNotNil(MailChannel.problem(c, actor: channel), "\(c)") }
        XCTAssertNil(MailChannel.problem(.ticketUpdated(number: 1001, base: t.version, patch: TicketPatch.diff(t, status: .open)), actor: channel))
        XCTAssertEqual(MailChannel.actor(account: "no\u{1B}[31mbody"), "mail:no31mbody")
    }

    func testReplyAddresses() {
        XCTAssertEqual(ReplyAddress.make(supportAddress: "support@helpdesk.test", ticket: 1042, tag: "k7f3"), "support+t1042.k7f3@helpdesk.test")
        XCTAssertEqual(ReplyAddress.parse("Support+T1042.K7F3@HELPDESK.test", supportAddress: "support@helpdesk.test")?.ticket, 1042)
        XCTAssertNil(ReplyAddress.parse("support+t99999999999999999999.k@helpdesk.test", supportAddress: "support@helpdesk.test"))
        XCTAssertNil(ReplyAddress.parse("sales+t1042.k7f3@helpdesk.test", supportAddress: "support@helpdesk.test"))
        XCTAssertNil(ReplyAddress.parse("support@helpdesk.test", supportAddress: "support@helpdesk.test"))
    }
}
