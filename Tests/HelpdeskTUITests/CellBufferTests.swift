import HelpdeskCore
import XCTest
@testable import HelpdeskTUI

final class CellBufferTests: XCTestCase {
    func testPutWritesTextAndReturnsColumnsUsed() {
        var buffer = CellBuffer(size: Size(width: 10, height: 2))
        let used = buffer.put("Hello", at: Point(x: 2, y: 1), style: Style(fg: .red))
        XCTAssertEqual(used, 5)
        XCTAssertEqual(buffer.lines, ["          ", "  Hello   "])
        XCTAssertEqual(buffer.style(x: 2, y: 1), Style(fg: .red))
        XCTAssertEqual(buffer.style(x: 7, y: 1), .plain)
    }

    func testPutClipsAtMaxWidthAndBufferEdge() {
        var buffer = CellBuffer(size: Size(width: 8, height: 1))
        XCTAssertEqual(buffer.put("abcdefgh", at: Point(x: 0, y: 0), maxWidth: 3), 3)
        XCTAssertEqual(buffer.text(row: 0), "abc     ")
        XCTAssertEqual(buffer.put("0123456789", at: Point(x: 5, y: 0)), 3)
        XCTAssertEqual(buffer.text(row: 0), "abc  012")
        XCTAssertEqual(buffer.put("zzz", at: Point(x: 0, y: 5)), 0, "rows outside are ignored")
    }

    func testWideCharactersTakeTwoCellsAndAreNeverSplit() {
        var buffer = CellBuffer(size: Size(width: 5, height: 1))
        let used = buffer.put("退款申", at: .zero)
        XCTAssertEqual(used, 4, "the third character would need columns 4-5; it is left out")
        XCTAssertEqual(buffer.text(row: 0), "退款 ")
        XCTAssertTrue(buffer.cell(at: Point(x: 1, y: 0))!.isContinuation)
        XCTAssertFalse(buffer.cell(at: Point(x: 4, y: 0))!.isContinuation)
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = CellBuffer(size: Size(width: 6, height: 1))
        buffer.put("退款", at: .zero)
        buffer.put("x", at: Point(x: 1, y: 0))
        XCTAssertEqual(buffer.text(row: 0), " x款  ")
        buffer.put("y", at: Point(x: 2, y: 0))
        XCTAssertEqual(buffer.text(row: 0), " xy   ")
        XCTAssertFalse(buffer.cell(at: Point(x: 3, y: 0))!.isContinuation)
    }

    func testFillAndClearRow() {
        var buffer = CellBuffer(size: Size(width: 4, height: 3))
        let bar = Style(fg: .black, bg: .blue)
        buffer.put("abcd", at: Point(x: 0, y: 1))
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 2), style: bar)
        XCTAssertEqual(buffer.lines, ["    ", "a  d", "    "])
        XCTAssertEqual(buffer.style(x: 1, y: 1), bar)
        buffer.clearRow(1)
        XCTAssertEqual(buffer.text(row: 1), "    ")
        XCTAssertEqual(buffer.style(x: 1, y: 1), .plain)
    }

    func testBoxWithTitle() {
        var buffer = CellBuffer(size: Size(width: 12, height: 3))
        buffer.drawBox(buffer.area, title: "Assign")
        XCTAssertEqual(buffer.lines, ["┌ Assign ──┐", "│          │", "└──────────┘"])
    }

    func testRectSplits() {
        let area = Rect(x: 0, y: 0, width: 80, height: 24)
        let rows = area.splitRows([.fixed(1), .fill(1), .fixed(1)])
        XCTAssertEqual(rows.map(\.height), [1, 22, 1])
        XCTAssertEqual(rows.map(\.y), [0, 1, 23])
        let columns = area.splitColumns([.fixed(20), .fill(2), .fill(1)])
        XCTAssertEqual(columns.map(\.width), [20, 40, 20])
        XCTAssertEqual(area.inset(by: 1), Rect(x: 1, y: 1, width: 78, height: 22))
        XCTAssertEqual(area.centered(width: 20, height: 4), Rect(x: 30, y: 10, width: 20, height: 4))
        XCTAssertEqual(Rect(x: 0, y: 0, width: 3, height: 3).splitRows([.fixed(5), .fill(1)]).map(\.height), [3, 0])
    }

    func testStyledLineSpans() {
        var buffer = CellBuffer(size: Size(width: 12, height: 1))
        let key = Style(fg: .cyan, attributes: .bold)
        buffer.put(StyledLine([Span("?", style: key), Span(" help")]), at: .zero)
        XCTAssertEqual(buffer.text(row: 0), "? help      ")
        XCTAssertEqual(buffer.style(x: 0, y: 0), key)
        XCTAssertEqual(buffer.style(x: 2, y: 0), .plain)
    }

    func testStrayCombiningMarkGetsABase() {
        var buffer = CellBuffer(size: Size(width: 4, height: 1))
        buffer.put("\u{301}a", at: .zero)
        XCTAssertEqual(buffer.text(row: 0), "\u{25CC}\u{301}a  ")
    }

    func testCellBufferSanitizesEverythingPutIntoIt() {
        var buffer = CellBuffer(size: Size(width: 40, height: 1))
        buffer.put("\u{1B}]52;c;x\u{07}hi\u{202E}", at: .zero)
        XCTAssertEqual(buffer.text(row: 0).trimmingCharacters(in: .whitespaces), "␛]52;c;x␇hi⟨U+202E⟩")
        for y in 0..<1 {
            for x in 0..<40 {
                let grapheme = buffer.cell(at: Point(x: x, y: y))!.grapheme
                XCTAssertTrue(Sanitizer.isSafe(grapheme), "cell \(x) holds \(grapheme.debugDescription)")
            }
        }
    }
}
