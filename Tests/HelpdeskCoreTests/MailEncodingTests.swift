import XCTest
@testable import HelpdeskCore

final class MailEncodingTests: XCTestCase {
    private func body(_ bytes: [UInt8], charset: String?, extra: String = "") -> ParsedMessage {
        let type = charset.map { "Content-Type: text/plain; charset=\($0)" } ?? "Content-Type: text/plain"
        return ParsedMessage.parse(MailCorpus.message(headers: "From: a@x\nSubject: s\n\(type)\n\(extra)", body: bytes))
    }

    func testEachCharset() {
        let cases: [(String, [UInt8], String)] = [
            ("utf-8", Array("Grüße 🙂".utf8), "Grüße 🙂"),
            ("us-ascii", Array("plain".utf8), "plain"),
            ("iso-8859-1", [0x63, 0x61, 0x66, 0xE9], "café"),
            ("ISO-8859-2", [0xA3, 0xF3, 0x64, 0xBC], "Łódź"),
            ("iso-8859-15", [0xA4, 0x35], "€5"),
            ("windows-1250", [0x8C, 0x77, 0x69, 0x61, 0x74], "Świat"),
            ("windows-1252", [0x93, 0x68, 0x69, 0x94, 0x80], "“hi”€"),
            ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
            ("Shift_JIS", [0x93, 0xFA, 0x96, 0x7B], "日本"),
            ("\"iso-2022-jp\"", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42], "日本"),
            ("gb2312", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
            ("GBK", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
            ("big5", [0xA4, 0xA4, 0xA4, 0xE5], "中文"),
            ("euc-kr", [0xC7, 0xD1, 0xB1, 0xB9], "한국"),
            ("utf-16", [0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00], "hi"),
            ("utf-7", Array("Hi Mom -+Jjo--!".utf8), "Hi Mom -☺-!"),
        ]
        for (charset, bytes, expected) in cases {
            let mail = body(bytes, charset: charset)
            XCTAssertEqual(mail.text, expected, charset)
            XCTAssertEqual(mail.problems, [], charset)
        }
    }

    func testWrongOrMissingCharsetFallsBackWithoutLosingBytes() {
        // Labelled us-ascii but UTF-8 inside: read as UTF-8, with a problem noted.
        let mislabelled = body(Array("naïve".utf8), charset: "us-ascii")
        XCTAssertEqual(mislabelled.text, "naïve")
        XCTAssertFalse(mislabelled.problems.isEmpty)
        // Labelled UTF-8 but Latin-1 inside: every byte still shows, as windows-1252.
        let latin = body([0x63, 0x61, 0x66, 0xE9, 0x81], charset: "utf-8")
        XCTAssertEqual(latin.text, "café⟨U+0081⟩")
        XCTAssertTrue(latin.problems.contains { $0.contains("windows-1252") })
        // An unknown charset: best effort, not lost.
        let unknown = body([0x63, 0x61, 0x66, 0xE9], charset: "x-klingon")
        XCTAssertEqual(unknown.text, "café")
        XCTAssertTrue(unknown.problems.contains { $0.contains("x-klingon") })
        // Invalid bytes for a real charset become U+FFFD, the rest stays.
        let broken = body([0x93, 0xFA, 0xFF, 0x96, 0x7B], charset: "shift_jis")
        XCTAssertTrue(broken.text.hasPrefix("日"), broken.text)
        XCTAssertTrue(broken.text.hasSuffix("本"), broken.text)
        XCTAssertTrue(broken.text.contains("\u{FFFD}"), broken.text)
        XCTAssertFalse(broken.problems.isEmpty)
    }

    func testQuotedPrintableSoftBreaksAndStrayEquals() {
        let qp = "Gr=C3=BC=C3=9Fe, this line is very long and was wrapped by the sender's client =\nright here.\nA lone = sign and =ZZ stay.\n"
        let mail = body(Array(qp.utf8), charset: "utf-8", extra: "Content-Transfer-Encoding: quoted-printable")
        XCTAssertEqual(mail.text, "Grüße, this line is very long and was wrapped by the sender's client right here.\nA lone = sign and =ZZ stay.")
    }

    func testBase64ToleratesWhitespaceAndBadPadding() {
        let encoded = "SGVsbG8s\r\n IFfDtnJs\r\nZCE"  // "Hello, Wörld!" split oddly, padding missing
        let mail = body(Array(encoded.utf8), charset: "utf-8", extra: "Content-Transfer-Encoding: BASE64")
        XCTAssertEqual(mail.text, "Hello, Wörld!")
        XCTAssertEqual(mail.problems, [])
        let garbage = body(Array("SGk*!".utf8), charset: "utf-8", extra: "Content-Transfer-Encoding: base64")
        XCTAssertEqual(garbage.text, "Hi")
        XCTAssertTrue(garbage.problems.contains { $0.contains("base64") }, "\(garbage.problems)")
        let unknown = body(Array("begin 644 x".utf8), charset: "utf-8", extra: "Content-Transfer-Encoding: x-uuencode")
        XCTAssertEqual(unknown.text, "begin 644 x")
        XCTAssertTrue(unknown.problems.contains { $0.contains("x-uuencode") }, "\(unknown.problems)")
    }

    func testEncodedWordEdgeCases() {
        func subject(_ value: String) -> String { MailCorpus.parse("Subject: \(value)\n\nx").subject }
        // Adjacent encoded words join without the whitespace between them, across folded lines.
        XCTAssertEqual(subject("=?utf-8?B?SGVs?=\n =?utf-8?B?bG8=?="), "Hello")
        // A multi-byte character split across two words.
        XCTAssertEqual(subject("=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?="), "café")
        // Q encoding: underscore is a space; words and plain text keep the space between them.
        XCTAssertEqual(subject("Re: =?iso-8859-1?q?Gr=FC=DFe_aus?= Berlin"), "Re: Grüße aus Berlin")
        // Different charsets side by side.
        XCTAssertEqual(subject("=?iso-8859-2?Q?=A3=F3d=BC?= =?koi8-r?B?8NLJ18XU?="), "ŁódźПривет")
        // RFC 2231 language suffix in an encoded word.
        XCTAssertEqual(subject("=?utf-8*en?Q?hello?="), "hello")
        // Not encoded words: kept as written.
        XCTAssertEqual(subject("=?utf-8?X?abc?= and =? nothing"), "=?utf-8?X?abc?= and =? nothing")
        // Unknown charset: bytes kept best-effort, a problem recorded.
        let unknown = MailCorpus.parse("Subject: =?x-unknown-cs?Q?caf=E9?=\n\nx")
        XCTAssertEqual(unknown.subject, "café")
        XCTAssertFalse(unknown.problems.isEmpty)
    }

    func testRFC2231FilenamesWithContinuationsAndCharset() {
        let mail = MailCorpus.parse("""
            From: a@x
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain

            see attached
            --b1
            Content-Type: application/pdf
            Content-Disposition: attachment;
             filename*0*=utf-8'de'Rechnung%20M%C3%A4rz;
             filename*1*=%20%E2%82%AC.pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQ=
            --b1
            Content-Type: text/plain; name="=?utf-8?B?w7xiZXIudHh0?="
            Content-Disposition: attachment

            u
            --b1
            Content-Type: image/png; name*="iso-8859-1''%E9t%E9.png"
            Content-Disposition: attachment

            x
            --b1--
            """)
        XCTAssertEqual(mail.text, "see attached")
        XCTAssertEqual(mail.attachments.map(\.filename), ["Rechnung März €.pdf", "über.txt", "été.png"])
        XCTAssertEqual(mail.attachments.first?.data, Array("%PDF-1.4".utf8))
        XCTAssertEqual(mail.attachments.map(\.contentType), ["application/pdf", "text/plain", "image/png"])
    }

    func testFormatFlowedJoinsSoftBreaksAndKeepsQuotesApart() {
        let text = "This paragraph was \nwrapped by the \nclient.\n>quoted and \n>wrapped\n \nStuffed line\n-- \nsig"
        let mail = body(Array(text.utf8), charset: "utf-8; format=flowed")
        XCTAssertEqual(mail.text, "This paragraph was wrapped by the client.\n> quoted and wrapped\n\nStuffed line\n-- \nsig")
        XCTAssertNil(mail.quoted)  // an interleaved quote stays in the text
        let delsp = body(Array("日本 \n語".utf8), charset: "utf-8; format=flowed; delsp=yes")
        XCTAssertEqual(delsp.text, "日本語")
    }
}
