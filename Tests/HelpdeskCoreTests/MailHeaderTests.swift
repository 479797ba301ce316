import XCTest
@testable import HelpdeskCore

final class MailHeaderTests: XCTestCase {
    func testReplyHeadersAreReadWithFoldingAndBrackets() {
        let mail = MailCorpus.parse(MailCorpus.simpleReply)
        XCTAssertEqual(mail.messageID, "CAB123.456@mail.example.com")
        XCTAssertEqual(mail.inReplyTo, ["reply-1042-1@helpdesk.test"])
        XCTAssertEqual(mail.references, ["ticket-1042@helpdesk.test", "reply-1042-1@helpdesk.test"])
        XCTAssertEqual(mail.from, MailAddress(name: "Doe, Jane", address: "jane@example.com"))
        XCTAssertEqual(mail.to, [MailAddress(name: "Support", address: "support@helpdesk.test")])
        XCTAssertEqual(mail.cc, [MailAddress(name: nil, address: "bob@example.com"),
                                 MailAddress(name: "Zoë", address: "zoe@example.com")])
        XCTAssertEqual(mail.deliveredTo, ["support@helpdesk.test"])
        XCTAssertEqual(mail.subject, "Re: [#1042] Printer on fire")
        XCTAssertEqual(mail.date, Date(timeIntervalSince1970: 1_772_532_000))  // 2026-03-03 10:00 UTC
        XCTAssertEqual(mail.text, "Still burning.")
        XCTAssertEqual(mail.quoted, "On Mon, 2 Mar 2026 at 09:00, Support <support@helpdesk.test> wrote:\n> Have you tried turning it off?")
        XCTAssertNil(mail.automatic)
        XCTAssertEqual(mail.problems, [])
    }

    func testBareLFParsesLikeCRLF() {
        let viaCRLF = ParsedMessage.parse(MailCorpus.crlf(MailCorpus.simpleReply))
        let viaLF = ParsedMessage.parse(MailCorpus.lf(MailCorpus.simpleReply))
        XCTAssertEqual(viaCRLF, viaLF)
    }

    func testMissingMessageIDStillGetsAStableDigestThatIgnoresTransportHeaders() {
        let base = """
            From: jane@example.com
            To: support@helpdesk.test
            Subject: no id
            Date: Tue, 3 Mar 2026 11:00:00 +0100

            hello
            """
        let first = MailCorpus.parse(base)
        let again = MailCorpus.parse("Received: from elsewhere\nDelivered-To: sales@helpdesk.test\n" + base)
        let refolded = MailCorpus.parse(base.replacingOccurrences(of: "Subject: no id", with: "Subject: no\n   id"))
        let other = MailCorpus.parse(base.replacingOccurrences(of: "no id", with: "other"))
        XCTAssertNil(first.messageID)
        XCTAssertEqual(first.headerDigest.count, 64)
        XCTAssertTrue(first.headerDigest.allSatisfy { "0123456789abcdef".contains($0) })
        XCTAssertEqual(first.headerDigest, again.headerDigest)
        XCTAssertEqual(first.headerDigest, refolded.headerDigest)
        XCTAssertNotEqual(first.headerDigest, other.headerDigest)
    }

    func testReferencesOnlyReplyKeepsEveryIDInOrder() {
        let mail = MailCorpus.parse("""
            From: jane@example.com
            References: <a@x> <b@y>
             (comment) <c@z>
            In-Reply-To: CRM-4711 <crm-own-id@crm.example>
            Subject: Re: x

            text
            """)
        XCTAssertEqual(mail.references, ["a@x", "b@y", "c@z"])
        XCTAssertEqual(mail.inReplyTo, ["crm-own-id@crm.example"])
        XCTAssertEqual(mail.threadIDs, ["crm-own-id@crm.example", "c@z", "b@y", "a@x"])
        XCTAssertEqual(MailCorpus.parse(MailCorpus.simpleReply).threadIDs,
                       ["reply-1042-1@helpdesk.test", "ticket-1042@helpdesk.test"])
    }

    func testDuplicateHeadersFirstSubjectWinsAndAddressesCombine() {
        let mail = MailCorpus.parse("""
            From: a@x
            To: one@helpdesk.test
            To: two@helpdesk.test
            Subject: first
            Subject: second

            body
            """)
        XCTAssertEqual(mail.subject, "first")
        XCTAssertEqual(mail.to.map(\.address), ["one@helpdesk.test", "two@helpdesk.test"])
    }

    func testBrokenHeaderLinesAreSkippedAndReported() {
        let raw = MailCorpus.message(headers: """
            From: jane@example.com
            this line is not a header
            Subject: caf\u{E9}
            """, body: Array("body".utf8))
        // An 8-bit Latin-1 byte in the subject (not UTF-8): kept, read as windows-1252.
        var bytes = raw
        if let index = bytes.firstIndex(of: 0xC3) { bytes.replaceSubrange(index...(index + 1), with: [0xE9]) }
        let mail = ParsedMessage.parse(bytes)
        XCTAssertEqual(mail.subject, "café")
        XCTAssertEqual(mail.from?.address, "jane@example.com")
        XCTAssertEqual(mail.text, "body")
        XCTAssertTrue(mail.problems.contains { $0.contains("not \"name: value\"") }, "\(mail.problems)")
        XCTAssertTrue(mail.problems.contains { $0.contains("windows-1252") }, "\(mail.problems)")
    }

    func testRawUTF8HeadersAreReadWithoutComplaint() {
        let mail = MailCorpus.parse("From: Zoë Ünïcödé <zoe@example.com>\nSubject: Grüße =?utf-8?q?aus?= 東京\n\nx")
        XCTAssertEqual(mail.from, MailAddress(name: "Zoë Ünïcödé", address: "zoe@example.com"))
        XCTAssertEqual(mail.subject, "Grüße aus 東京")
        XCTAssertEqual(mail.problems, [])
    }

    func testAddressFormsGroupsCommentsAndEncodedNames() {
        let mail = MailCorpus.parse("""
            From: jane@example.com (Jane Doe)
            To: undisclosed-recipients:;
            Cc: Team: a@x, "B, the second" <b@x>;, =?ISO-8859-1?Q?Andr=E9?= <andre@x>
            Reply-To: <support+t1042.k7f3@helpdesk.test>
            Sender: =?utf-8?B?8J+Zgg==?= <bot@x>

            x
            """)
        XCTAssertEqual(mail.from, MailAddress(name: "Jane Doe", address: "jane@example.com"))
        XCTAssertEqual(mail.to, [])
        XCTAssertEqual(mail.cc, [MailAddress(name: nil, address: "a@x"), MailAddress(name: "B, the second", address: "b@x"),
                                 MailAddress(name: "André", address: "andre@x")])
        XCTAssertEqual(mail.replyTo, [MailAddress(name: nil, address: "support+t1042.k7f3@helpdesk.test")])
        XCTAssertEqual(mail.sender, MailAddress(name: "🙂", address: "bot@x"))
    }

    func testDateForms() {
        func date(_ value: String) -> Date? { MailCorpus.parse("Date: \(value)\n\nx").date }
        XCTAssertEqual(date("Tue, 3 Mar 2026 11:00:00 +0100"), Date(timeIntervalSince1970: 1_772_532_000))
        XCTAssertEqual(date("3 Mar 2026 10:00 GMT"), Date(timeIntervalSince1970: 1_772_532_000))
        XCTAssertEqual(date("Tue, 03 Mar 26 05:00:00 EST (Eastern)"), Date(timeIntervalSince1970: 1_772_532_000))
        XCTAssertNil(date("yesterday"))
        XCTAssertNil(date("Tue, 99 Mar 2026 99:00:00 +0100"))
        XCTAssertTrue(MailCorpus.parse("Date: soon\n\nx").problems.contains { $0.contains("Date") })
    }

    func testHostileHeaderTextIsSanitised() {
        let mail = MailCorpus.parse("""
            From: =?utf-8?b?G10wO3B3bmVkBw==?= <evil@x>
            Subject: =?utf-8?q?safe=E2=80=AEtxt.exe_=1B[2J?=

            x
            """)
        XCTAssertEqual(mail.from?.name, "␛]0;pwned␇")
        XCTAssertEqual(mail.subject, "safe⟨U+202E⟩txt.exe ␛[2J")
    }
}
