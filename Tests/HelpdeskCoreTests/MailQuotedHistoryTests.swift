import XCTest
@testable import HelpdeskCore

final class MailQuotedHistoryTests: XCTestCase {
    private func split(_ body: String) -> ParsedMessage {
        MailCorpus.parse("From: a@x\nContent-Type: text/plain; charset=utf-8\n\n" + body)
    }

    func testAttributionsInSeveralLanguages() {
        let attributions = [
            "On Mon, 2 Mar 2026 at 09:00, Support <support@helpdesk.test> wrote:",
            "Am 02.03.2026 um 09:00 schrieb Support <support@helpdesk.test>:",
            "Le lun. 2 mars 2026 à 09:00, Support <support@helpdesk.test> a écrit :",
            "El lun, 2 mar 2026 a las 09:00, Support (<support@helpdesk.test>) escribió:",
            "Op ma 2 mrt. 2026 om 09:00 schreef Support <support@helpdesk.test>:",
        ]
        for attribution in attributions {
            let mail = split("Thanks, it works now.\n\n\(attribution)\n> old text\n> more")
            XCTAssertEqual(mail.text, "Thanks, it works now.", attribution)
            XCTAssertEqual(mail.quoted, "\(attribution)\n> old text\n> more", attribution)
        }
    }

    func testGmailAttributionWrappedOntoTwoLines() {
        let mail = split("New words.\n\nOn Mon, 2 Mar 2026 at 09:00, Support Team <support@helpdesk.test>\nwrote:\n\n> old")
        XCTAssertEqual(mail.text, "New words.")
        XCTAssertEqual(mail.quoted, "On Mon, 2 Mar 2026 at 09:00, Support Team <support@helpdesk.test>\nwrote:\n\n> old")
    }

    func testOutlookBlocks() {
        let original = split("Top posted answer.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nold")
        XCTAssertEqual(original.text, "Top posted answer.")
        XCTAssertEqual(original.quoted, "-----Original Message-----\nFrom: Support\nSent: Monday\nold")

        let block = split("Answer.\n\n________________________________\nFrom: Support <s@x>\nSent: Monday, March 2, 2026 9:00 AM\nTo: Jane\nSubject: RE: x\n\nold")
        XCTAssertEqual(block.text, "Answer.")
        XCTAssertTrue(block.quoted?.hasPrefix("________________________________\nFrom: Support <s@x>") == true)

        let german = split("Antwort.\n\nVon: Support <s@x>\nGesendet: Montag, 2. März 2026 09:00\nAn: Jane\nBetreff: AW: x\n\nalt")
        XCTAssertEqual(german.text, "Antwort.")
    }

    func testTrailingQuoteRunIsSplitButInterleavedAnswersStay() {
        let trailing = split("My answer.\n\n> quoted line\n>\n> more quoted\n")
        XCTAssertEqual(trailing.text, "My answer.")
        XCTAssertEqual(trailing.quoted, "> quoted line\n>\n> more quoted")

        let attributed = split("Answer.\n\nJane wrote on 2 March:\n> old")
        XCTAssertEqual(attributed.text, "Answer.")
        XCTAssertEqual(attributed.quoted, "Jane wrote on 2 March:\n> old")
        let lead = split("Here are my answers:\n\n> the question")
        XCTAssertEqual(lead.text, "Here are my answers:")
        XCTAssertEqual(lead.quoted, "> the question")

        let interleaved = split("> question one\nanswer one\n> question two\nanswer two")
        XCTAssertEqual(interleaved.text, "> question one\nanswer one\n> question two\nanswer two")
        XCTAssertNil(interleaved.quoted)
    }

    func testOnlyQuoteIsNotSplitAway() {
        let mail = split("> just a quote\n> nothing new")
        XCTAssertEqual(mail.text, "> just a quote\n> nothing new")
        XCTAssertNil(mail.quoted)
    }

    func testPlainMessageHasNoQuote() {
        let mail = split("On Monday I will come by.\nThanks")
        XCTAssertEqual(mail.text, "On Monday I will come by.\nThanks")
        XCTAssertNil(mail.quoted)
    }

    func testGmailHTMLReplySplitsAtItsQuote() {
        let html = """
            <div dir="ltr">Thanks, that fixed it!<div><br></div><div>Jane</div></div><br><div class="gmail_quote">\
            <div dir="ltr" class="gmail_attr">On Mon, Mar 2, 2026 at 9:00 AM Support &lt;<a href="mailto:support@helpdesk.test">\
            support@helpdesk.test</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">\
            <div>Please restart it.<br>Line two</div></blockquote></div>
            """
        let mail = ParsedMessage.parse(MailCorpus.message(headers: "From: jane@gmail.com\nContent-Type: text/html; charset=utf-8",
                                                       body: Array(html.utf8)))
        XCTAssertEqual(mail.text, "Thanks, that fixed it!\n\nJane")
        XCTAssertEqual(mail.quoted, "On Mon, Mar 2, 2026 at 9:00 AM Support <support@helpdesk.test> wrote:\n\n> Please restart it.\n> Line two")
    }

    func testOutlookHTMLReplyInWindows1252SplitsAtItsHeaderBlock() {
        let body = "<html><head><style><!--\np.MsoNormal {margin:0cm;}\n--></style></head><body><div class=3DWordSection1>"
            + "<P class=3DMsoNormal>Hallo,<o:p></o:p></p><p class=3DMsoNormal>das ist =93gut=94 &amp; sch=F6n.<o:p>&nbsp;</o:p></p>"
            + "<div style=3D'border-top:solid #E1E1E1 1.0pt'><p class=3DMsoNormal><b>From:</b> Support &lt;s@x&gt; <br>"
            + "<b>Sent:</b> Monday, March 2, 2026 9:00 AM<br><b>To:</b> Bob<br><b>Subject:</b> thing<o:p></o:p></p></div>"
            + "<p>old text</p></div></body></html>"
        let mail = ParsedMessage.parse(MailCorpus.message(
            headers: "From: bob@corp.example\nContent-Type: text/html; charset=\"windows-1252\"\nContent-Transfer-Encoding: quoted-printable",
            body: Array(body.utf8)))
        XCTAssertEqual(mail.text, "Hallo,\n\ndas ist “gut” & schön.")
        XCTAssertEqual(mail.quoted, "From: Support <s@x>\nSent: Monday, March 2, 2026 9:00 AM\nTo: Bob\nSubject: thing\n\nold text")
        XCTAssertEqual(mail.problems, [])
    }
}
