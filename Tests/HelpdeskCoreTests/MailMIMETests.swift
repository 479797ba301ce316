import XCTest
@testable import HelpdeskCore

final class MailMIMETests: XCTestCase {
    func testAlternativePrefersPlainTextInsideNestedMixed() {
        let mail = MailCorpus.parse("""
            From: a@x
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=outer

            This is the preamble; ignore it.
            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=utf-8

            Plain version.
            --inner
            Content-Type: multipart/related; boundary=rel

            --rel
            Content-Type: text/html

            <p>HTML version</p>
            --rel
            Content-Type: image/png
            Content-ID: <logo>
            Content-Transfer-Encoding: base64

            iVBORw0K
            --rel--
            --inner--
            --outer
            Content-Type: application/octet-stream; name=data.bin
            Content-Transfer-Encoding: base64

            AAEC
            --outer--
            This is the epilogue; ignore it too.
            """)
        XCTAssertEqual(mail.text, "Plain version.")
        XCTAssertEqual(mail.attachments.map(\.filename), ["data.bin"])
        XCTAssertEqual(mail.attachments.first?.data, [0, 1, 2])
        XCTAssertEqual(mail.problems, [])
    }

    func testCalendarInvitationSentAsAlternativeIsKeptAsAttachment() {
        let mail = MailCorpus.parse("""
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain

            Meeting on Friday
            --b
            Content-Type: text/html

            <p>Meeting on <b>Friday</b></p>
            --b
            Content-Type: text/calendar; method=REQUEST

            BEGIN:VCALENDAR
            --b--
            """)
        XCTAssertEqual(mail.text, "Meeting on Friday")
        XCTAssertEqual(mail.attachments.map(\.contentType), ["text/calendar"])
        XCTAssertEqual(mail.attachments.first?.filename, "attachment-1.ics")
    }

    func testEmptyPlainAlternativeFallsBackToHTML() {
        let mail = MailCorpus.parse("""
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain

            \("")
            --b
            Content-Type: text/html

            <div>Only the HTML says something</div>
            --b--
            """)
        XCTAssertEqual(mail.text, "Only the HTML says something")
    }

    func testHTMLOnlyBecomesReadableText() {
        let html = """
            <html><head><title>ignored</title><style>p { color: red }</style></head>
            <body><script>alert("x")</script><!-- a comment -->
            <h1>Order&nbsp;#42</h1><p>Dear Jane,<br>your order <b>shipped</b> &amp; is on its way.</p>
            <ul><li>One &lt;item&gt;</li><li>Two &#8364; &#x263A;</li></ul>
            <p>Track it <a href="https://track.example/42?a=1&amp;b=2">here</a> or
            <a href="https://track.example/">https://track.example/</a>.</p>
            <blockquote>earlier words</blockquote>
            </body></html>
            """
        let mail = ParsedMessage.parse(MailCorpus.message(headers: "Content-Type: text/html; charset=utf-8", body: Array(html.utf8)))
        XCTAssertEqual(mail.text, """
            Order #42

            Dear Jane,
            your order shipped & is on its way.

            - One <item>
            - Two € ☺

            Track it here <https://track.example/42?a=1&b=2> or https://track.example/.
            """)
        XCTAssertEqual(mail.quoted, "> earlier words")
        XCTAssertFalse(mail.text.contains("alert"))
        XCTAssertFalse(mail.text.contains("color"))
        XCTAssertFalse(mail.text.contains("ignored"))
    }

    func testMissingFinalBoundaryKeepsTheLastPartAndSaysSo() {
        let mail = MailCorpus.parse("""
            Content-Type: multipart/mixed; boundary="zz"

            --zz
            Content-Type: text/plain

            first
            --zz
            Content-Type: text/plain

            second, and the sender never closed it
            """)
        XCTAssertEqual(mail.text, "first\n\nsecond, and the sender never closed it")
        XCTAssertTrue(mail.problems.contains { $0.contains("closing boundary") })
    }

    func testMultipartWithoutBoundaryIsReadAsText() {
        let mail = MailCorpus.parse("Content-Type: multipart/mixed\n\njust text")
        XCTAssertEqual(mail.text, "just text")
        XCTAssertFalse(mail.problems.isEmpty)
    }

    func testForwardedMessageRFC822IsShownAndKept() {
        let mail = MailCorpus.parse("""
            From: agent@x
            Subject: Fwd: complaint
            Content-Type: multipart/mixed; boundary=f

            --f
            Content-Type: text/plain

            See below.
            --f
            Content-Type: message/rfc822

            From: Angry <angry@example.com>
            Subject: =?utf-8?q?Schlecht!?=
            Message-ID: <orig@example.com>
            Content-Type: multipart/mixed; boundary=g

            --g
            Content-Type: text/plain

            Inner words.
            --g
            Content-Type: image/gif
            Content-Disposition: attachment; filename=photo.gif

            GIF89a
            --g--
            --f--
            """)
        XCTAssertTrue(mail.text.hasPrefix("See below."), mail.text)
        XCTAssertTrue(mail.text.contains("Subject: Schlecht!"), mail.text)
        XCTAssertTrue(mail.text.hasSuffix("Inner words."), mail.text)
        XCTAssertEqual(mail.attachments.map(\.filename), ["Schlecht!.eml", "photo.gif"])
        XCTAssertEqual(mail.attachments.first?.contentType, "message/rfc822")
        XCTAssertTrue(String(decoding: mail.attachments[0].data, as: UTF8.self).contains("Message-ID: <orig@example.com>"))
    }

    func testAttachmentFilenamesAreSanitised() {
        func name(_ filename: String) -> String {
            let mail = MailCorpus.parse("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="\(filename)"

                x
                --b--
                """)
            return mail.attachments.first?.filename ?? "<none>"
        }
        XCTAssertEqual(name("../../etc/passwd"), "passwd")
        XCTAssertEqual(name("C:\\\\Windows\\\\evil.exe"), "evil.exe")
        XCTAssertEqual(name("invoice\u{202E}fdp.exe"), "invoice_fdp.exe")
        XCTAssertEqual(name(".hidden"), "hidden")
        XCTAssertEqual(name("..."), "attachment-1.bin")
        XCTAssertEqual(name("tab\there"), "tab_here")
        let long = name(String(repeating: "ä", count: 300) + ".pdf")
        XCTAssertLessThanOrEqual(long.utf8.count, 200)
        XCTAssertTrue(long.hasSuffix(".pdf"))
    }

    func testInlineImageIsMarkedInline() {
        let mail = MailCorpus.parse("""
            Content-Type: multipart/related; boundary=r

            --r
            Content-Type: text/plain

            logo below
            --r
            Content-Type: image/png; name=logo.png
            Content-ID: <logo@x>

            png
            --r--
            """)
        XCTAssertEqual(mail.attachments.map(\.inline), [true])
    }
}
