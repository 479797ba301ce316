import Foundation
@testable import HelpdeskCore
import XCTest

/// Who may make which change in a team store (`HelpdeskState.authorityProblem`).
final class AuthorityTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    private func state() -> HelpdeskState {
        var s = HelpdeskState()
        s.apply(Event(seq: 1, at: t0, actor: "dana", change: .agentSaved(Agent(login: "dana", displayName: "Dana", role: .supervisor, publicKey: "K1"))))
        s.apply(Event(seq: 2, at: t0, actor: "dana", change: .agentSaved(Agent(login: "eve", displayName: "Eve", publicKey: "K2"))))
        s.apply(Event(seq: 3, at: t0, actor: "dana", change: .agentSaved(Agent(login: "old", displayName: "Old", active: false))))
        return s
    }

    func testOnlyTheCreatorStartsTheRoster() {
        let empty = HelpdeskState()
        let dana = Agent(login: "dana", displayName: "Dana", role: .supervisor)
        XCTAssertNil(empty.authorityProblem(.agentSaved(dana), actor: "dana", creator: "dana"))
        XCTAssertNotNil(empty.authorityProblem(.agentSaved(dana), actor: "dana", creator: "carol"))
        XCTAssertNotNil(empty.authorityProblem(.agentSaved(Agent(login: "dana", displayName: "Dana")), actor: "dana", creator: "dana"),
                        "the first entry is a supervisor")
        XCTAssertNotNil(empty.authorityProblem(.settingsChanged(Settings()), actor: "dana", creator: "dana"))
    }

    func testTheRosterAndSettingsAreForSupervisors() {
        let s = state()
        XCTAssertNil(s.authorityProblem(.agentSaved(Agent(login: "eve", displayName: "Eve", role: .supervisor)), actor: "dana", creator: "dana"))
        XCTAssertNil(s.authorityProblem(.settingsChanged(Settings()), actor: "dana", creator: "dana"))
        XCTAssertNotNil(s.authorityProblem(.settingsChanged(Settings()), actor: "eve", creator: "dana"))
        XCTAssertNotNil(s.authorityProblem(.agentSaved(Agent(login: "eve", displayName: "Eve", role: .supervisor, publicKey: "K2")), actor: "eve", creator: "dana"))
        XCTAssertNotNil(s.authorityProblem(.agentSaved(Agent(login: "eve", displayName: "Eve", publicKey: "K3")), actor: "eve", creator: "dana"), "a new key")
        XCTAssertNotNil(s.authorityProblem(.agentSaved(Agent(login: "dana", displayName: "D", role: .supervisor, publicKey: "K1")), actor: "eve", creator: "dana"))
        // Their own name and signature are theirs.
        XCTAssertNil(s.authorityProblem(.agentSaved(Agent(login: "eve", displayName: "Eve E.", signature: "— Eve", publicKey: "K2")), actor: "eve", creator: "dana"))
    }

    func testOnlyActiveAgentsWriteAndNotesAreTheirAuthors() {
        let s = state()
        let note = { (author: String) in Change.messageAdded(number: 1001, message: Message(kind: .note, author: author, body: "x", at: self.t0)) }
        XCTAssertNil(s.authorityProblem(note("eve"), actor: "eve", creator: "dana"))
        XCTAssertNotNil(s.authorityProblem(note("dana"), actor: "eve", creator: "dana"))
        XCTAssertNil(s.authorityProblem(note("eve"), actor: "dana", creator: "dana"), "a supervisor may record others' (an import)")
        XCTAssertNotNil(s.authorityProblem(note("old"), actor: "old", creator: "dana"), "off the roster")
        XCTAssertNotNil(s.authorityProblem(note("zed"), actor: "zed", creator: "dana"), "never on it")
        XCTAssertNil(s.authorityProblem(.messageAdded(number: 1001, message: Message(kind: .customer, author: "c00001", body: "x", at: t0)),
                                        actor: "eve", creator: "dana"))
        XCTAssertNotNil(s.authorityProblem(.viewSaved(SavedView(owner: "dana", name: "v", query: "x")), actor: "eve", creator: "dana"))
    }
}
