import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// The roster rule lives in the append path: every live writer passes it, not only the CLI.
final class RosterRuleTests: XCTestCase {
    func testAnAppendByALoginNotOnTheRosterIsRefusedInEveryMode() throws {
        for mode in [StoreMode.single, .demo] {
            let tmp = TemporaryDirectory()
            let created = try FileStore.create(at: tmp.store(), info: Fixture.info(mode), creator: Fixture.dana)
            try created.append([Fixture.customer("Ada Lovelace", "ada@example.com")])
            let stranger = try FileStore.open(at: tmp.store(), actor: "mallory")
            let before = stranger.state.lastSeq
            XCTAssertThrowsError(try stranger.append([Fixture.newTicket("Late parcel")])) { error in
                XCTAssertEqual(error as? StoreIdentityError, .notOnRoster("mallory"), "\(mode)")
                XCTAssertTrue("\(error)".contains("helpdesk agent add mallory"))
            }
            let reread = try FileStore.open(at: tmp.store(), actor: "dana")
            XCTAssertEqual(reread.state.lastSeq, before, "nothing was written in a \(mode) store")
        }
    }

    func testAnInactiveAgentIsRefusedAndAnAddedOneWrites() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        var sam = try XCTUnwrap(store.state.agents["sam"])
        sam.active = false
        try store.append([.agentSaved(sam)])
        let asSam = try FileStore.open(at: tmp.store(), actor: "sam")
        XCTAssertThrowsError(try asSam.append([Fixture.newTicket("Hello")]))
        sam.active = true
        try store.append([.agentSaved(sam)])
        XCTAssertNoThrow(try asSam.append([Fixture.newTicket("Hello")]))
    }

    func testHistoryWithItsOwnActorsStillLoads() throws {
        let tmp = TemporaryDirectory()
        let store = try Fixture.makeStore(at: tmp.store())
        let ana = Agent(login: "ana", displayName: "Ana")
        let history = [Event(at: Fixture.t0, actor: "system", change: .agentSaved(ana)),
                       Event(at: Fixture.t0, actor: "import", change: Fixture.customer("Bo", "bo@example.com"))]
        XCTAssertEqual(try store.appendHistory(history, compact: false), 2)
    }
}
