import Foundation
import XCTest
@testable import HelpdeskCore

/// The fields things are identified by refuse control characters wherever a change comes from;
/// subjects and bodies keep whatever the customer wrote (the console shows it neutralised).
final class TextRulesTests: XCTestCase {
    func refusal(_ h: inout MemoryHelpdesk, _ change: Change) -> String? {
        do { try h.append([change]); return nil } catch { return "\(error)" }
    }

    func testControlCharactersInEmailsNamesTagsAndGroupsAreRefused() throws {
        var h = try MemoryHelpdesk.sample()
        let t0 = MemoryHelpdesk.t0
        XCTAssertEqual(refusal(&h, .customerCreated(Customer(id: "", name: "x", emails: ["x\n@y.z"], customerSince: t0))),
                       "the email address 'x␊@y.z' contains a control character (U+000A)")
        XCTAssertEqual(refusal(&h, .customerCreated(Customer(id: "", name: "x", emails: ["x y@y.z"], customerSince: t0))),
                       "the email address 'x y@y.z' contains a space")
        XCTAssertEqual(refusal(&h, .customerCreated(Customer(id: "", name: "Evil\u{1B}]52;c;SGVsbG8=\u{07}", customerSince: t0))),
                       "the name 'Evil␛]52;c;SGVsbG8=␇' contains a control character (U+001B)")
        XCTAssertEqual(refusal(&h, .customerCreated(Customer(id: "", name: "C1\u{9B}31m", customerSince: t0))),
                       "the name 'C1⟨U+009B⟩31m' contains a control character (U+009B)")
        let c = h.state.customers["c00002"]!
        XCTAssertNotNil(refusal(&h, .customerUpdated(id: "c00002", base: c.version, patch: CustomerPatch(phones: FromTo([], ["0123\r456789"])))))
        XCTAssertNotNil(refusal(&h, .ticketCreated(NewTicket(subject: "s", tags: ["ok", "bad\ttag"], requester: "c00001"))))
        XCTAssertNotNil(refusal(&h, .ticketCreated(NewTicket(subject: "s", group: "Re\u{7F}pairs", requester: "c00001"))))
        XCTAssertNotNil(refusal(&h, .agentSaved(Agent(login: "eve", displayName: "Eve\u{1B}[2J"))))
        XCTAssertNotNil(refusal(&h, .templateSaved(Template(name: "thanks\n", body: "Thanks!"))))
        // A customer's own words stay as they came.
        XCTAssertNil(refusal(&h, .ticketCreated(NewTicket(subject: "Invoice \u{202E}fdp.exe \u{1B}]0;t\u{07}", requester: "c00001",
                                                          message: Message(kind: .customer, author: "c00001", body: "\u{1B}[2J hi", at: t0)))))
    }
}
