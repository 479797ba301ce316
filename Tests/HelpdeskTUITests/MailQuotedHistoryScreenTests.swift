import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// A customer's mail reply shows what they wrote this time; the quoted history is folded and `z` opens it.
final class MailQuotedHistoryScreenTests: XCTestCase {
    func testQuotedHistoryIsFoldedAndZUnfoldsIt() throws {
        let f = try ConsoleFixture(size: Size(width: 110, height: 30)) { store in
            try ConsoleFixture.standard(store)
            let channel = try FileStore.open(at: URL(fileURLWithPath: store.location), actor: "mail:postfix")
            let raw = """
            From: Dani <dani@example.com>\r
            To: support@test\r
            Subject: Re: Grinder squeaks [#1001]\r
            Message-ID: <q1@example.com>\r
            \r
            Oiled it, still squeaks.\r
            \r
            On Mon, 23 Nov 2026 at 10:00, Sam <support@test> wrote:\r
            > Try a drop of oil on the burr shaft.\r
            > It usually helps.\r

            """
            _ = try MailIntake(store: channel).receive(Array(raw.utf8), at: ConsoleFixture.clockValue)
        }
        f.console.execute(CommandInvocation(parsing: "open 1001")!)
        f.draw()
        XCTAssertTrue(f.screen.contains("Oiled it, still squeaks."), f.screen)
        XCTAssertTrue(f.screen.contains("quoted history"), f.screen)
        XCTAssertFalse(f.screen.contains("drop of oil"), "folded until asked:\n\(f.screen)")
        f.press("z")
        XCTAssertTrue(f.screen.contains("drop of oil on the burr shaft"), f.screen)
        XCTAssertTrue(f.screen.contains("z folds it"), f.screen)
        f.press("z")
        XCTAssertFalse(f.screen.contains("drop of oil"), f.screen)
    }

    func testAnAttachmentIsSavedFromTheTicketNeverOverAFile() throws {
        let f = try ConsoleFixture(size: Size(width: 110, height: 30)) { store in
            try ConsoleFixture.standard(store)
            let channel = try FileStore.open(at: URL(fileURLWithPath: store.location), actor: "mail:postfix")
            let raw = "From: Dani <dani@example.com>\r\nTo: support@test\r\nSubject: Receipt [#1001]\r\nMessage-ID: <a1@example.com>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nAttached.\r\n"
                + "--b\r\nContent-Type: text/plain; name=r.txt\r\nContent-Disposition: attachment; filename=\"../r.txt\"\r\n\r\npaid 12.50\r\n--b--\r\n"
            _ = try MailIntake(store: channel).receive(Array(raw.utf8), at: ConsoleFixture.clockValue)
        }
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("hd-save-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: target) }
        f.console.execute(CommandInvocation(parsing: "open 1001")!)
        f.draw()
        XCTAssertTrue(f.screen.contains("r.txt"), f.screen)
        f.press("A")
        XCTAssertTrue(f.screen.contains("Save ../r.txt") || f.screen.contains("Save"), f.screen)
        XCTAssertTrue(f.screen.contains("r.txt"), "the safe name is offered:\n\(f.screen)")
        f.press("C-u")
        f.type(target.path)
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("Saved"), f.screen)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "paid 12.50")
        // Again under the same name: refused, the file untouched.
        f.press("A")
        f.press("C-u")
        f.type(target.path)
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("never overwritten"), f.screen)
        f.press("Escape")
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines), "paid 12.50")
    }
}
