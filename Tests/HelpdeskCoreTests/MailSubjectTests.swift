import XCTest
@testable import HelpdeskCore

final class MailSubjectTests: XCTestCase {
    func testPrefixesInSeveralLanguagesCountsAndNesting() {
        let cases: [(String, String)] = [
            ("Re: Printer", "Printer"),
            ("RE: RE: Printer", "Printer"),
            ("Re[2]: Printer", "Printer"),
            ("RE (3): Printer", "Printer"),
            ("Re^2: Printer", "Printer"),
            ("Fwd: Printer", "Printer"),
            ("FW: Printer", "Printer"),
            ("AW: WG: Printer", "Printer"),
            ("SV: Printer", "Printer"),
            ("Antw: Printer", "Printer"),
            ("Réf. : Printer", "Printer"),
            ("TR: Printer", "Printer"),
            ("Re: Fwd: AW: re: FWD: Printer", "Printer"),
            ("回复：Printer", "Printer"),
            ("  re:Printer", "Printer"),
            ("Re: [#1042] Printer", "[#1042] Printer"),
        ]
        for (subject, expected) in cases {
            XCTAssertEqual(MailSubject.stripPrefixes(subject), expected, subject)
        }
    }

    func testWordsThatAreNotPrefixesStay() {
        XCTAssertEqual(MailSubject.stripPrefixes("Regarding: invoice"), "Regarding: invoice")
        XCTAssertEqual(MailSubject.stripPrefixes("Re-install failed"), "Re-install failed")
        XCTAssertEqual(MailSubject.stripPrefixes("Fwd"), "Fwd")
        XCTAssertEqual(MailSubject.stripPrefixes(""), "")
        XCTAssertEqual(MailSubject.stripPrefixes("Re: "), "")
    }
}
