import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskTUI

/// What the thread says about a mail beyond its text, and the notice for new mail — customer text neutralised.
final class MailThreadLinesTests: XCTestCase {
    func entry(automatic: String? = nil, bounceOf: String? = nil, problems: [String] = []) -> MailEntry {
        MailEntry(ticket: 1001, key: "k", messageID: "m@x", fromName: "Mallory \u{1B}[31mRed\u{202E}", fromAddress: "m@x.test",
                  to: ["support@helpdesk.test"], cc: ["boss@x.test"], subject: "Hi", rawDigest: "ab", rawSize: 2048,
                  attachments: [MailAttachmentRef(name: "invoice\u{202E}fdp.exe", contentType: "application/pdf", size: 12_345,
                                                  digest: "cd", inline: false),
                                MailAttachmentRef(name: "logo.png", contentType: "image/png", size: 10, digest: "ef", inline: true)],
                  automatic: automatic, problems: problems, quarantined: false, rule: .reference, bounceOf: bounceOf)
    }

    func testSenderRecipientsAndAttachmentsAreShownNeutralised() {
        let lines = ThreadPresenter.mailLines(entry(), unicode: true).map(\.text)
        XCTAssertTrue(lines[0].hasPrefix("mail from Mallory"), "\(lines)")
        XCTAssertTrue(lines[0].contains("<m@x.test> → support@helpdesk.test"), "\(lines)")
        XCTAssertEqual(lines[1], "cc boss@x.test")
        XCTAssertTrue(lines[2].contains("application/pdf, 12 KB"), "\(lines)")
        XCTAssertFalse(lines.contains { $0.contains("logo.png") }, "inline images are part of the text, not attachments")
        for line in lines {
            XCTAssertFalse(line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "raw control in \(line)")
        }
    }

    func testMachinesBouncesAndProblemsAreMarked() {
        let auto = ThreadPresenter.mailLines(entry(automatic: "Auto-Submitted: auto-replied"), unicode: false)
        XCTAssertTrue(auto.contains { $0.text.hasPrefix("automatic mail") && !$0.alarm })
        let bounced = ThreadPresenter.mailLines(entry(bounceOf: "r1@helpdesk.test", problems: ["bad charset"]), unicode: false)
        XCTAssertTrue(bounced.contains { $0.text.contains("delivery failed") && $0.alarm })
        XCTAssertTrue(bounced.contains { $0.text == "note: bad charset" && $0.alarm })
        XCTAssertTrue(bounced.contains { $0.text.hasPrefix("[att] ") }, "ASCII terminals get a plain marker")
    }
}
