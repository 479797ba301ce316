import XCTest
@testable import HelpdeskCore

/// Any bytes must parse without trapping, in bounded time, and nothing that reaches the output may
/// carry a control, C1 or bidi code point.
final class MailHostileTests: XCTestCase {
    /// Every string the parser hands out.
    private func outputs(_ mail: ParsedMessage) -> [(String, Bool)] {
        var strings: [(String, Bool)] = [(mail.subject, false), (mail.text, true), (mail.quoted ?? "", true)]
        for address in [mail.from, mail.sender].compactMap({ $0 }) + mail.to + mail.cc + mail.replyTo {
            strings.append((address.address, false))
            strings.append((address.name ?? "", false))
        }
        strings += (mail.deliveredTo + mail.references + mail.inReplyTo + [mail.messageID ?? ""]).map { ($0, false) }
        strings += mail.attachments.flatMap { [($0.filename, false), ($0.contentType, false)] }
        strings += mail.problems.map { ($0, false) }
        if let report = mail.deliveryReport {
            strings += ([report.originalMessageID ?? "", report.action, report.status, report.diagnostic ?? ""]
                        + report.recipients).map { ($0, false) }
        }
        return strings
    }

    private func assertSafe(_ mail: ParsedMessage, file: StaticString = #filePath, line: UInt = #line) {
        for (text, multiLine) in outputs(mail) {
            XCTAssertTrue(Sanitizer.isSafe(text, options: multiLine ? .multiLine : .singleLine),
                          "unsafe output \(text.debugDescription.prefix(200))", file: file, line: line)
        }
    }

    /// A small deterministic generator (SplitMix64), so a failure replays.
    private struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    static let corpus: [String] = [
        MailCorpus.simpleReply,
        "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html\n\n<p>x</p>\n--b\nContent-Type: application/pdf; name*0*=utf-8''a%20b; name*1=c.pdf\nContent-Transfer-Encoding: base64\n\nJVBERg==\n--b--\n",
        "Subject: =?utf-8?B?w7w=?= =?iso-2022-jp?B?GyRCRnxLXBsoQg==?=\nContent-Type: text/plain; charset=shift_jis; format=flowed; delsp=yes\nContent-Transfer-Encoding: quoted-printable\n\n=93=FA =\n=96=7B\n> q \n> r\n",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b\nAction: failed\n\n--r\nContent-Type: message/rfc822\n\nMessage-ID: <x@y>\n\nb\n--r--\n",
    ]

    func testRandomBytesNeverTrap() {
        var random = SplitMix(state: 12)
        let start = Date()
        for _ in 0..<300 {
            let count = random.below(2_000)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            assertSafe(ParsedMessage.parse(bytes))
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }

    func testMutatedCorpusNeverTrapsAndStaysSafe() {
        var random = SplitMix(state: 7)
        let interesting: [[UInt8]] = [[0x0A], [0x0D, 0x0A], Array("--b".utf8), Array("=?".utf8), Array("?=".utf8),
                                      [0x1B], [0x00], [0xFF], [0xE2, 0x80, 0xAE], Array("<".utf8), Array("&#".utf8),
                                      Array(";".utf8), Array("*0*=".utf8), Array("=".utf8), [0x22], Array("\n\n".utf8)]
        let start = Date()
        for round in 0..<600 {
            var bytes = MailCorpus.crlf(Self.corpus[round % Self.corpus.count])
            for _ in 0..<(1 + random.below(8)) {
                guard !bytes.isEmpty else { break }
                let at = random.below(bytes.count)
                switch random.below(4) {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(contentsOf: interesting[random.below(interesting.count)], at: at)
                default: bytes.removeSubrange(at..<min(bytes.count, at + random.below(40)))
                }
            }
            assertSafe(ParsedMessage.parse(bytes))
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
    }

    func testHugeHeaderLineIsLinear() {
        let line = "Subject: " + String(repeating: "=?a?b?AAAA", count: 1_000_000) + "\n"
        let refs = "References: " + String(repeating: "<", count: 2_000_000) + "\n"
        let bytes = Array((line + refs + "From: " + String(repeating: "\"(", count: 500_000) + "\n\nbody").utf8)
        let start = Date()
        let mail = ParsedMessage.parse(bytes)
        XCTAssertLessThan(Date().timeIntervalSince(start), 15)
        XCTAssertLessThanOrEqual(mail.subject.count, 2_000)
        XCTAssertEqual(mail.text, "body")
    }

    func testManyPartsAreCappedWithAProblem() {
        var body = "Content-Type: multipart/mixed; boundary=b\n\n"
        for index in 0..<100_000 { body += "--b\nContent-Type: application/x-part\n\n\(index)\n" }
        body += "--b--\n"
        let start = Date()
        let mail = ParsedMessage.parse(Array(body.utf8))
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertLessThan(mail.attachments.count, 1_001)
        XCTAssertGreaterThan(mail.attachments.count, 900)
        XCTAssertTrue(mail.problems.contains { $0.contains("MIME parts") }, "\(mail.problems)")
    }

    func testDeepNestingIsCappedWithAProblem() {
        var text = ""
        for depth in 0..<5_000 { text += "Content-Type: multipart/mixed; boundary=d\(depth)\n\n--d\(depth)\n" }
        text += "Content-Type: text/plain\n\ndeep"
        let start = Date()
        let mail = ParsedMessage.parse(Array(text.utf8))
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertTrue(mail.problems.contains { $0.contains("nested deeper") }, "\(mail.problems)")
        XCTAssertFalse(mail.text.contains("deep"))
    }

    func testHostileHTMLIsLinear() {
        let html = String(repeating: "<a href='", count: 100_000) + String(repeating: "<b", count: 100_000)
            + String(repeating: "&#", count: 100_000)
        let start = Date()
        let mail = ParsedMessage.parse(MailCorpus.message(headers: "Content-Type: text/html", body: Array(html.utf8)))
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        assertSafe(mail)
    }

    func testLongFlowedParagraphIsLinear() {
        let body = Array(String(repeating: "word \n", count: 100_000).utf8) + Array("end\n".utf8)
        let start = Date()
        let mail = ParsedMessage.parse(MailCorpus.message(headers: "Content-Type: text/plain; format=flowed", body: body))
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertTrue(mail.text.hasSuffix("word word end"))
        XCTAssertFalse(mail.text.contains("\n"))
    }

    func testEmptyAndHeaderOnlyInputs() {
        XCTAssertEqual(ParsedMessage.parse([]).text, "")
        XCTAssertFalse(ParsedMessage.parse([]).problems.isEmpty)
        XCTAssertEqual(ParsedMessage.parse(Array("Subject: only".utf8)).subject, "only")
        XCTAssertEqual(ParsedMessage.parse(Array("just words, no headers".utf8)).text, "just words, no headers")
        XCTAssertEqual(ParsedMessage.parse([0x0D, 0x0A, 0x0D, 0x0A]).text, "")
    }
}
