import XCTest
@testable import HelpdeskCore

final class TextWidthTests: XCTestCase {
    func testASCIIIsOneColumnPerCharacter() {
        XCTAssertEqual(TextWidth.width(of: "Refund request"), 14)
        XCTAssertEqual(TextWidth.width(of: ""), 0)
    }

    func testCJKAndHangulAndFullwidthTakeTwoColumns() {
        XCTAssertEqual(TextWidth.width(of: "退款"), 4)
        XCTAssertEqual(TextWidth.width(of: "환불"), 4)
        XCTAssertEqual(TextWidth.width(of: "ｅｘ"), 4)
        XCTAssertEqual(TextWidth.width(of: "注文#12"), 7)
    }

    func testEmojiTakeTwoColumnsIncludingSequences() {
        XCTAssertEqual(TextWidth.width(of: "🙂"), 2)
        XCTAssertEqual(TextWidth.width(of: "👨‍👩‍👧"), 2, "ZWJ family")
        XCTAssertEqual(TextWidth.width(of: "🇯🇵"), 2, "flag")
        XCTAssertEqual(TextWidth.width(of: "❤️"), 2, "VS16")
        XCTAssertEqual(TextWidth.width(of: "👍🏽"), 2, "skin tone")
        XCTAssertEqual(TextWidth.width(of: "1️⃣"), 2, "keycap")
    }

    func testCombiningAndZeroWidthCharactersTakeNone() {
        XCTAssertEqual(TextWidth.width(of: "e\u{301}"), 1)
        XCTAssertEqual(TextWidth.width(of: "Zoë"), 3)
        XCTAssertEqual(TextWidth.width(of: "a\u{200B}b"), 2)
    }

    func testTruncateByDisplayWidthWithEllipsis() {
        XCTAssertEqual(TextWidth.truncate("Printer on fire", toWidth: 10), "Printer o…")
        XCTAssertEqual(TextWidth.truncate("short", toWidth: 10), "short")
        // A wide character that does not fit before the ellipsis is left out, never split.
        XCTAssertEqual(TextWidth.truncate("退款申请", toWidth: 6), "退款…")
        XCTAssertEqual(TextWidth.width(of: TextWidth.truncate("退款申请", toWidth: 6)), 5)
        XCTAssertEqual(TextWidth.truncate("abc", toWidth: 0), "")
    }

    func testPadAlignsWideText() {
        XCTAssertEqual(TextWidth.pad("退款", toWidth: 6), "退款  ")
        XCTAssertEqual(TextWidth.pad("42", toWidth: 5, alignment: .right), "   42")
        XCTAssertEqual(TextWidth.width(of: TextWidth.pad("退款申请", toWidth: 6)), 6)
    }

    func testWrapBreaksAtSpacesAndKeepsNewlines() {
        XCTAssertEqual(TextWidth.wrap("the quick brown fox", width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TextWidth.wrap("line one\n\nline three", width: 20), ["line one", "", "line three"])
        XCTAssertEqual(TextWidth.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextWidth.wrap("退款申请处理", width: 5), ["退款", "申请", "处理"])
        for line in TextWidth.wrap("see https://example.com/a/very/long/path/that/goes/on for details", width: 12) {
            XCTAssertLessThanOrEqual(TextWidth.width(of: line), 12)
        }
    }
}
