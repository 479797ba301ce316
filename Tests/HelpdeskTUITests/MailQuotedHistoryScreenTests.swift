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
}
