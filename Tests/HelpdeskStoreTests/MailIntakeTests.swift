import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Receiving mail into the store (`MailIntake`): kept whole, filed once, threaded, and written by a
/// channel that may add only what mail brings.
final class MailIntakeTests: XCTestCase {
    static func raw(id: String? = "m1@ana.example", from: String = "Ana Example <ana@example.org>",
                    to: String = "support@helpdesk.test", subject: String = "Where is my order?",
                    headers: [String] = [], body: String = "It has not arrived.") -> [UInt8] {
        var h: [String] = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Tue, 01 Dec 2026 10:00:00 +0000"]
        if let id { h.append("Message-ID: <\(id)>") }
        h += headers
        h += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8"]
        return Array((h.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n").utf8)
    }

    /// Reads the few header fields these tests write (one line each), so they test the store's part
    /// of intake and not the MIME parser (HelpdeskCore/Mail, tested on its own).
    @Sendable static func parse(_ raw: [UInt8]) -> ParsedMail {
        let text = String(decoding: raw, as: UTF8.self)
        let split = text.range(of: "\r\n\r\n")
        var p = ParsedMail()
        var identifying = ""
        func address(_ s: Substring) -> MailAddress {
            if let o = s.firstIndex(of: "<"), let e = s.lastIndex(of: ">"), o < e {
                let name = s[..<o].trimmingCharacters(in: .whitespaces)
                return MailAddress(name: name.isEmpty ? nil : name, address: String(s[s.index(after: o)..<e]))
            }
            return MailAddress(name: nil, address: s.trimmingCharacters(in: .whitespaces))
        }
        for line in text[..<(split?.lowerBound ?? text.endIndex)].components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let ids = value.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) }
            switch name {
            case "message-id": p.messageID = ids.first
            case "in-reply-to": p.inReplyTo = ids
            case "references": p.references = ids
            case "from": p.from = address(Substring(value))
            case "to": p.to = value.split(separator: ",").map(address)
            case "cc": p.cc = value.split(separator: ",").map(address)
            case "delivered-to": p.deliveredTo = [value]
            case "subject": p.subject = value
            default: break
            }
            if ["from", "subject", "date", "message-id"].contains(name) { identifying += line + "\n" }
        }
        p.text = split.map { String(text[$0.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        p.headerDigest = MailArchive.digest(Array(identifying.utf8))
        return p
    }

    private func makeStore(_ tmp: TemporaryDirectory) throws -> (agent: FileStore, channel: FileStore) {
        let agent = try Fixture.makeStore(at: tmp.store())
        var settings = agent.state.settings
        settings.supportAddress = "support@helpdesk.test"
        try agent.append([.settingsChanged(settings)])
        let channel = try FileStore.open(at: tmp.store(), actor: MailChannel.actor(account: "postfix"))
        return (agent, channel)
    }

    private func entries(_ store: FileStore, _ n: Int) throws -> [MailEntry] {
        try store.history(ofTicket: n).compactMap { if case .mailReceived(let e) = $0.change { return e }; return nil }
    }

    func testAMailIsKeptWholeAndFiledOnANewTicket() throws {
        let tmp = TemporaryDirectory()
        let (_, channel) = try makeStore(tmp)
        let bytes = Self.raw()
        let result = try MailIntake(store: channel, parser: Self.parse).receive(bytes, at: Fixture.t0)
        guard case .filed(let n, true, .new) = result.outcome else { return XCTFail("\(result)") }
        let path = channel.mailArchive.path(.raw, result.digest)
        XCTAssertTrue(path.hasPrefix(tmp.store().path + "/mail/raw/\(result.digest.prefix(2))/"))
        XCTAssertEqual(try Durable.readFile(path), bytes, "the raw bytes, whole")
        XCTAssertEqual(result.digest, MailArchive.digest(bytes))
        let t = try channel.ticket(n)
        XCTAssertEqual(t.subject, "Where is my order?")
        XCTAssertEqual(t.channel, .email)
        XCTAssertEqual(t.messages.map(\.body), ["It has not arrived."])
        XCTAssertEqual(channel.state.customers[t.requester]?.name, "Ana Example")
        let e = try XCTUnwrap(try entries(channel, n).first)
        XCTAssertEqual(e.fromAddress, "ana@example.org")
        XCTAssertEqual(e.rawDigest, result.digest)
        XCTAssertEqual(e.rawSize, bytes.count)
        let events = try channel.history(ofTicket: n)
        XCTAssertTrue(events.allSatisfy { $0.actor == "mail:postfix" }, "recorded as the channel with its account")
    }

    func testTheSameMailTwiceOrToTwoOfOurAddressesIsOneEntry() throws {
        let tmp = TemporaryDirectory()
        let (_, channel) = try makeStore(tmp)
        let intake = MailIntake(store: channel, parser: Self.parse)
        let first = try intake.receive(Self.raw(), at: Fixture.t0)
        let seq = channel.state.lastSeq
        XCTAssertEqual(try intake.receive(Self.raw(), at: Fixture.t0).outcome, .duplicate(ticket: first.outcome.ticket))
        // The same message delivered to our second address: other bytes, same Message-ID.
        let second = Self.raw(to: "support@helpdesk.test, sales@helpdesk.test", headers: ["Delivered-To: sales@helpdesk.test"])
        XCTAssertEqual(try intake.receive(second, at: Fixture.t0).outcome, .duplicate(ticket: first.outcome.ticket))
        XCTAssertEqual(channel.state.lastSeq, seq, "nothing written for a duplicate")
        // Without a Message-ID: the headers' digest.
        let bare = Self.raw(id: nil, subject: "No id here")
        let a = try intake.receive(bare, at: Fixture.t0)
        XCTAssertEqual(try intake.receive(bare, at: Fixture.t0).outcome, .duplicate(ticket: a.outcome.ticket))
        // And in a fresh process, after a compaction (the index is in the snapshot).
        try channel.compact()
        let reopened = try FileStore.open(at: tmp.store(), actor: "mail:postfix")
        XCTAssertEqual(reopened.state.mail, channel.state.mail)
        XCTAssertEqual(try MailIntake(store: reopened, parser: Self.parse).receive(Self.raw(), at: Fixture.t0).outcome, .duplicate(ticket: first.outcome.ticket))
        XCTAssertEqual(try MailIntake(store: reopened, parser: Self.parse).receive(bare, at: Fixture.t0).outcome, .duplicate(ticket: a.outcome.ticket))
    }

    func testTwoDeliveriesOfOneMailAtOnceMakeOneEntry() throws {
        let tmp = TemporaryDirectory()
        _ = try makeStore(tmp)
        final class Outcomes: @unchecked Sendable {
            let lock = NSLock()
            var list: [String] = []
            func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
            var count: Int { lock.lock(); defer { lock.unlock() }; return list.count }
        }
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            guard let store = try? FileStore.open(at: tmp.store(), actor: "mail:postfix"),
                  let r = try? MailIntake(store: store, parser: Self.parse).receive(Self.raw(headers: ["X-Copy: \(i)"]), at: Fixture.t0) else { return }
            outcomes.add("\(r.outcome)")
        }
        XCTAssertEqual(outcomes.count, 4)
        let store = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(store.state.tickets.count, 1, "\(outcomes.list)")
        XCTAssertEqual(store.state.mail.ticketByKey.values.filter { $0 == 1001 }.count, 1)
    }

    func testTheRawMessageIsDurableBeforeTheEventAndAFailureWritesNothing() throws {
        let tmp = TemporaryDirectory()
        let (_, channel) = try makeStore(tmp)
        // Something in the way of mail/raw/: the bytes cannot be kept (as with a full disk), whoever runs this.
        let raw = tmp.store().path + "/mail/raw"
        try FileManager.default.createDirectory(atPath: tmp.store().path + "/mail", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: raw, contents: Data("in the way".utf8))
        let seq = channel.state.lastSeq
        XCTAssertThrowsError(try MailIntake(store: channel, parser: Self.parse).receive(Self.raw(), at: Fixture.t0))
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").state.lastSeq, seq, "no event names bytes that are not kept")
    }

    func testOversizedMailIsQuarantinedWithATicketNotingSizeAndSender() throws {
        let tmp = TemporaryDirectory()
        let (agent, channel) = try makeStore(tmp)
        var settings = agent.state.settings
        settings.mail.maxMessageBytes = 1_024
        try agent.append([.settingsChanged(settings)])
        try channel.refresh()
        let big = Self.raw(from: "Big Sender <big@example.org>", body: String(repeating: "x", count: 5_000))
        let result = try MailIntake(store: channel, parser: Self.parse).receive(big, at: Fixture.t0)
        XCTAssertTrue(result.quarantined)
        XCTAssertEqual(try channel.mailArchive.read(.quarantine, result.digest), big)
        let t = try channel.ticket(result.outcome.ticket)
        XCTAssertTrue(t.messages.contains { $0.kind == .note && $0.body.contains("big@example.org") && $0.body.contains("KB") }, "\(t.messages)")
        XCTAssertEqual(try entries(channel, t.number).first?.quarantined, true)
    }

    func testTheMailChannelCannotChangeAnAssigneeOrSettings() throws {
        let tmp = TemporaryDirectory()
        let (agent, channel) = try makeStore(tmp)
        _ = try MailIntake(store: channel, parser: Self.parse).receive(Self.raw(), at: Fixture.t0)
        try agent.refresh()
        let t = try XCTUnwrap(channel.state.tickets[1001])
        let seq = channel.state.lastSeq
        let refused: [Change] = [
            .ticketUpdated(number: 1001, base: t.version, patch: TicketPatch.diff(t, assignee: .some("sam"))),
            .settingsChanged(Settings()),
            .agentSaved(Agent(login: "postfix", displayName: "P", role: .supervisor)),
            .messageAdded(number: 1001, message: Message(kind: .reply, author: "dana", body: "forged", at: Fixture.t0)),
        ]
        for c in refused {
            XCTAssertThrowsError(try channel.append([c]), c.typeName) { error in
                guard case .mailChannel? = error as? StoreIdentityError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").state.lastSeq, seq)
    }

    func testRepliesCarryTheReplyAddressAndAnswersThreadByEitherKey() throws {
        let tmp = TemporaryDirectory()
        let (agent, channel) = try makeStore(tmp)
        let intake = MailIntake(store: channel, parser: Self.parse)
        let n = try intake.receive(Self.raw(id: "q1@ana.example"), at: Fixture.t0).outcome.ticket
        try agent.refresh()
        let sent = try ReplySender(store: agent).send(ticket: n, kind: .reply, body: "On its way.", author: "dana",
                                                       at: Fixture.t0, sendID: "r-1", base: nil)
        guard case .sent = sent else { return XCTFail("\(sent)") }
        let eml = String(decoding: try Durable.readFile(agent.outbox.path(.new, "r-1")), as: UTF8.self)
        let tag = try agent.replyKeys().tag(ticket: n)
        XCTAssertTrue(eml.contains("Reply-To: \"Dana Okafor (Helpdesk)\" <support+t\(n).\(tag)@helpdesk.test>"), eml)
        XCTAssertTrue(eml.contains("In-Reply-To: <q1@ana.example>"), eml)
        XCTAssertTrue(eml.contains("References: <ticket-\(n)@helpdesk.test>\r\n <q1@ana.example>"), eml)

        try channel.refresh()
        // (1) An answer to our reply's Message-ID, from another address.
        let byID = Self.raw(id: "a1@x", from: "other@elsewhere.example", subject: "thanks",
                            headers: ["In-Reply-To: <r-1@helpdesk.test>"])
        XCTAssertEqual(try intake.receive(byID, at: Fixture.t0).outcome, .filed(ticket: n, newTicket: false, rule: .reference))
        // (2) A provider rewrote every id, but the reply address survived.
        let byAddress = Self.raw(id: "rewritten@ses.example", from: "ana@example.org", to: "support+t\(n).\(tag)@helpdesk.test",
                                 subject: "again", headers: ["In-Reply-To: <also-rewritten@ses.example>"])
        XCTAssertEqual(try intake.receive(byAddress, at: Fixture.t0).outcome, .filed(ticket: n, newTicket: false, rule: .replyAddress))
        // A forged tag does not thread.
        let forged = Self.raw(id: "f@x", from: "mallory@evil.example", to: "support+t\(n).0000000000@helpdesk.test", subject: "hi")
        XCTAssertEqual(try intake.receive(forged, at: Fixture.t0).outcome, .filed(ticket: n + 1, newTicket: true, rule: .new))
    }

    func testABouncedReplyIsMarkedInTheOutboxAndOnTheTicket() throws {
        let tmp = TemporaryDirectory()
        let (agent, channel) = try makeStore(tmp)
        let n = try MailIntake(store: channel, parser: Self.parse).receive(Self.raw(id: "q1@ana.example"), at: Fixture.t0).outcome.ticket
        try agent.refresh()
        _ = try ReplySender(store: agent).send(ticket: n, kind: .reply, body: "On its way.", author: "dana",
                                               at: Fixture.t0, sendID: "r-9", base: nil)
        XCTAssertEqual(agent.outbox.deliver(using: { _ in 0 }).sent, ["r-9"])
        // The test parser stands in for the MIME parser's reading of a delivery-status report.
        let dsnParser: @Sendable ([UInt8]) -> ParsedMail = { raw in
            var p = Self.parse(raw)
            if p.subject.hasPrefix("Undelivered") {
                p.automatic = .bounce
                p.deliveryReport = DeliveryReport(originalMessageID: "r-9@helpdesk.test", recipients: ["ana@example.org"],
                                                  action: "failed", status: "5.1.1", diagnostic: "550 no such user")
            }
            return p
        }
        try channel.refresh()
        let dsn = Self.raw(id: "dsn@mx.example", from: "MAILER-DAEMON@mx.example", subject: "Undelivered Mail Returned to Sender")
        XCTAssertEqual(try MailIntake(store: channel, parser: dsnParser).receive(dsn, at: Fixture.t0).outcome,
                       .filed(ticket: n, newTicket: false, rule: .reference))
        XCTAssertEqual(agent.outbox.list(.bounced), ["r-9"])
        XCTAssertEqual(agent.outbox.list(.sent), [])
        XCTAssertTrue(try channel.ticket(n).messages.contains { $0.kind == .note && $0.body.contains("Delivery failed") })
    }

    func testABackupKeepsTheReceivedMailAndItsIndex() throws {
        let tmp = TemporaryDirectory()
        let (_, channel) = try makeStore(tmp)
        let r = try MailIntake(store: channel, parser: Self.parse).receive(Self.raw(), at: Fixture.t0)
        let copy = tmp.store("backup")
        try channel.backup(to: copy)
        let restored = try FileStore.open(at: copy, actor: "dana")
        XCTAssertEqual(try restored.mailArchive.read(.raw, r.digest), Self.raw())
        XCTAssertEqual(restored.state.mail, channel.state.mail)
    }

    /// With the real MIME parser: an attachment is kept once however many mails carry it, and the
    /// customer's answer to our reply (built from the mail we sent) threads into the ticket.
    func testWithTheMIMEParserAttachmentsAreKeptOnceAndAnAnswerToOurReplyThreads() throws {
        let tmp = TemporaryDirectory()
        let (agent, channel) = try makeStore(tmp)
        let intake = MailIntake(store: channel)
        func withAttachment(_ id: String) -> [UInt8] {
            Array(("From: Ana <ana@example.org>\r\nTo: support@helpdesk.test\r\nSubject: Photo\r\nMessage-ID: <\(id)>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSee the photo.\r\n"
                + "--b1\r\nContent-Type: image/png; name=\"box.png\"\r\nContent-Disposition: attachment; filename=\"box.png\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAAANSUhEUg==\r\n--b1--\r\n").utf8)
        }
        let first = try intake.receive(withAttachment("p1@ana.example"), at: Fixture.t0)
        let n = first.outcome.ticket
        let entry = try XCTUnwrap(try entries(channel, n).first)
        let a = try XCTUnwrap(entry.attachments.first, "\(entry)")
        XCTAssertEqual(a.name, "box.png")
        XCTAssertEqual(a.contentType, "image/png")
        XCTAssertEqual(try channel.mailArchive.read(.parts, a.digest)?.count, a.size)
        _ = try intake.receive(withAttachment("p2@ana.example"), at: Fixture.t0)
        let parts = try FileManager.default.subpathsOfDirectory(atPath: tmp.store().path + "/mail/parts").filter { $0.contains("/") }
        XCTAssertEqual(parts.count, 1, "one file for the same attachment: \(parts)")

        try agent.refresh()
        _ = try ReplySender(store: agent).send(ticket: n, kind: .reply, body: "Thanks, looking.", author: "dana",
                                               at: Fixture.t0, sendID: "r-5", base: nil)
        let ours = ParsedMail.parse(try Durable.readFile(agent.outbox.path(.new, "r-5")))
        let answer = "From: Ana <ana@example.org>\r\nTo: \(ours.replyTo.first?.address ?? "")\r\nSubject: Re: \(ours.subject)\r\n"
            + "Message-ID: <ans@ana.example>\r\nIn-Reply-To: <\(ours.messageID ?? "")>\r\nReferences: \(ours.references.map { "<\($0)>" }.joined(separator: " ")) <\(ours.messageID ?? "")>\r\n\r\nGreat.\r\n"
        try channel.refresh()
        XCTAssertEqual(try intake.receive(Array(answer.utf8), at: Fixture.t0).outcome, .filed(ticket: n, newTicket: false, rule: .reference))
    }

    func testAnIngestBatchIsOneAppendAndDuplicatesInsideItAreFiledOnce() throws {
        let tmp = TemporaryDirectory()
        let (_, channel) = try makeStore(tmp)
        let batch = [Self.raw(id: "b1@x"), Self.raw(id: "b2@x", subject: "Other"), Self.raw(id: "b1@x"),
                     Self.raw(id: "b3@x", from: "Bad <has space@x.org>", subject: "bad sender")]
        let results = try MailIntake(store: channel, parser: Self.parse).receive(batch: batch, at: Fixture.t0)
        XCTAssertEqual(results.map(\.outcome.ticket), [1001, 1002, 1001, 1003])
        XCTAssertEqual(results[2].outcome, .duplicate(ticket: 1001))
        XCTAssertEqual(channel.state.tickets[1003]?.requester, MailPlanner.unknownSenderID, "an address a customer cannot hold")
    }
}
