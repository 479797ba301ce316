import XCTest
@testable import HelpdeskCore

final class MailAutomationTests: XCTestCase {
    private func automation(_ headers: String) -> MailAutomation? {
        MailCorpus.parse(headers + "\nSubject: s\n\nbody").automatic
    }

    func testEachSignal() {
        XCTAssertNil(automation("From: jane@example.com\nAuto-Submitted: no"))
        XCTAssertEqual(automation("From: jane@example.com\nAuto-Submitted: Auto-Replied (vacation)"), .autoSubmitted("auto-replied"))
        XCTAssertEqual(automation("From: jane@example.com\nX-Autoreply: yes"), .autoReply)
        XCTAssertEqual(automation("From: jane@example.com\nX-Autorespond: x"), .autoReply)
        XCTAssertEqual(automation("From: jane@example.com\nPrecedence: bulk"), .bulk("bulk"))
        XCTAssertEqual(automation("From: jane@example.com\nPrecedence: JUNK"), .bulk("junk"))
        XCTAssertEqual(automation("From: jane@example.com\nPrecedence: list"), .bulk("list"))
        XCTAssertEqual(automation("From: jane@example.com\nList-Id: <users.lists.example>"), .list)
        XCTAssertEqual(automation("From: jane@example.com\nList-Unsubscribe: <mailto:u@x>"), .list)
        XCTAssertEqual(automation("From: jane@example.com\nX-Loop: helpdesk"), .loop)
        XCTAssertEqual(automation("From: MAILER-DAEMON@mx.example.com"), .bounce)
        XCTAssertEqual(automation("From: postmaster@example.com"), .bounce)
        XCTAssertEqual(automation("Return-Path: <>\nFrom: jane@example.com"), .bounce)
        XCTAssertEqual(automation("From: No-Reply <no-reply@shop.example>"), .noReplySender)
        XCTAssertEqual(automation("From: noreply@shop.example"), .noReplySender)
        XCTAssertEqual(automation("From: do_not_reply@shop.example"), .noReplySender)
        XCTAssertNil(automation("From: norbert@example.com\nPrecedence: first-class"))
    }

    func testVacationAutoReply() {
        let mail = MailCorpus.parse("""
            From: Jane <jane@example.com>
            To: support@helpdesk.test
            Subject: Automatic reply: [#1042] Printer on fire
            Auto-Submitted: auto-replied
            X-Autoreply: yes
            In-Reply-To: <reply-1042-1@helpdesk.test>

            I am out of the office until Monday.
            """)
        XCTAssertEqual(mail.automatic, .autoSubmitted("auto-replied"))
        XCTAssertEqual(mail.inReplyTo, ["reply-1042-1@helpdesk.test"])
        XCTAssertNil(mail.deliveryReport)
    }

    func testDeliveryStatusNotification() {
        let mail = MailCorpus.parse("""
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx.helpdesk.test>
            To: support@helpdesk.test
            Subject: Undelivered Mail Returned to Sender
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
             boundary="DSN.1"

            --DSN.1
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            --DSN.1
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.helpdesk.test
            Arrival-Date: Tue,  3 Mar 2026 10:00:00 +0000 (UTC)

            Final-Recipient: rfc822; nobody@example.com
            Original-Recipient: rfc822;nobody@example.com
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.com
            Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.com>: Recipient
             address rejected: User unknown

            --DSN.1
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            From: Support <support@helpdesk.test>
            To: nobody@example.com
            Subject: Re: [#1042] Printer on fire
            Message-ID: <reply-1042-2@helpdesk.test>

            --DSN.1--
            """)
        XCTAssertEqual(mail.automatic, .bounce)
        let report = try! XCTUnwrap(mail.deliveryReport)
        XCTAssertEqual(report.originalMessageID, "reply-1042-2@helpdesk.test")
        XCTAssertEqual(report.recipients, ["nobody@example.com"])
        XCTAssertEqual(report.action, "failed")
        XCTAssertEqual(report.status, "5.1.1")
        XCTAssertEqual(report.diagnostic, "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown")
        XCTAssertTrue(report.isPermanentFailure)
        XCTAssertTrue(mail.text.hasPrefix("I'm sorry to have to inform you"), mail.text)
    }

    func testDSNWithReturnedFullMessage() {
        let mail = MailCorpus.parse("""
            From: postmaster@example.com
            Content-Type: multipart/report; report-type="delivery-status"; boundary=r

            --r
            Content-Type: text/plain

            Delayed.
            --r
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.com

            Final-Recipient: rfc822; a@example.com
            Action: delayed
            Status: 4.4.1

            Final-Recipient: rfc822; b@example.com
            Action: failed
            Status: 5.2.2
            --r
            Content-Type: message/rfc822

            Message-ID: <Out-7@helpdesk.test>
            Subject: hi

            body
            --r--
            """)
        let report = try! XCTUnwrap(mail.deliveryReport)
        XCTAssertEqual(report.originalMessageID, "Out-7@helpdesk.test")
        XCTAssertEqual(report.recipients, ["a@example.com", "b@example.com"])
        XCTAssertEqual(report.action, "failed")
        XCTAssertEqual(report.status, "5.2.2")
        XCTAssertNil(report.diagnostic)
    }

    func testOtherReportsAreNotDeliveryReports() {
        let mail = MailCorpus.parse("""
            From: jane@example.com
            Content-Type: multipart/report; report-type=disposition-notification; boundary=r

            --r
            Content-Type: text/plain

            Your message was displayed.
            --r--
            """)
        XCTAssertNil(mail.deliveryReport)
        XCTAssertNil(mail.automatic)
    }

    func testParsedMailRoundTripsThroughJSONForTheStore() throws {
        let mail = MailCorpus.parse("From: postmaster@x\nAuto-Submitted: auto-replied\nSubject: s\n\nbody")
        let copy = try JSONDecoder().decode(ParsedMessage.self, from: JSONEncoder().encode(mail))
        XCTAssertEqual(copy, mail)
        XCTAssertEqual(mail.automatic?.summary, "bounce")
        XCTAssertEqual(MailAutomation.autoSubmitted("auto-replied").summary, "automatic (Auto-Submitted: auto-replied)")
    }
}
