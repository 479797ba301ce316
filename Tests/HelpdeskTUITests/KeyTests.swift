import XCTest
@testable import HelpdeskTUI

final class KeyTests: XCTestCase {
    func testNamesRoundTrip() {
        let keys: [Key] = [.char("j"), .char("G"), .char(" "), .char("é"), .ctrl("d"), .ctrl(" "), .alt("x"), .enter,
                           .escape, .tab, .backTab, .backspace, .delete, .insert, .up, .down, .left, .right,
                           .home, .end, .pageUp, .pageDown, .function(5), .function(12)]
        for key in keys {
            XCTAssertEqual(Key(name: key.name), key, "\(key.name)")
        }
        XCTAssertEqual(Key.pageDown.name, "PgDn")
        XCTAssertEqual(Key.ctrl("d").name, "C-d")
        XCTAssertEqual(Key.char(" ").name, "Space")
        XCTAssertEqual(Key.backTab.name, "S-Tab")
    }

    func testLenientParsing() {
        XCTAssertEqual(Key(name: "enter"), .enter)
        XCTAssertEqual(Key(name: "Return"), .enter)
        XCTAssertEqual(Key(name: "PageDown"), .pageDown)
        XCTAssertEqual(Key(name: "C-D"), .ctrl("d"))
        XCTAssertEqual(Key(name: "Ctrl-x"), .ctrl("x"))
        XCTAssertEqual(Key(name: "^R"), .ctrl("r"))
        XCTAssertEqual(Key(name: "A-f"), .alt("f"))
        XCTAssertEqual(Key(name: "f5"), .function(5))
        XCTAssertNil(Key(name: "Hyper-q"))
        XCTAssertNil(Key(name: ""))
    }

    func testRawInputDecoding() {
        XCTAssertEqual(NcursesTerminal.key(forCharacter: 0x0D), .enter)
        XCTAssertEqual(NcursesTerminal.key(forCharacter: 0x09), .tab)
        XCTAssertEqual(NcursesTerminal.key(forCharacter: 0x03), .ctrl("c"))
        XCTAssertEqual(NcursesTerminal.key(forCharacter: 0x7F), .backspace)
        XCTAssertEqual(NcursesTerminal.key(forCharacter: 0x61), .char("a"))
        XCTAssertEqual(NcursesTerminal.key(forCharacter: 0x9B), nil)
    }
}
