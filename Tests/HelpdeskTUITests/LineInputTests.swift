import XCTest
@testable import HelpdeskTUI

final class LineInputTests: XCTestCase {
    func type(_ text: String, into input: inout LineInput) {
        for character in text { _ = input.handle(.char(character)) }
    }

    func testLettersTypeAndNeverFireCommands() {
        var input = LineInput()
        for key: Key in [.char("j"), .char("q"), .char("G"), .char("?"), .char(" "), .char("退")] {
            XCTAssertEqual(input.handle(key), .handled)
        }
        XCTAssertEqual(input.text, "jqG? 退")
    }

    func testEditingKeys() {
        var input = LineInput()
        type("hello world", into: &input)
        XCTAssertEqual(input.handle(.ctrl("w")), .handled)
        XCTAssertEqual(input.text, "hello ")
        _ = input.handle(.ctrl("a"))
        _ = input.handle(.delete)
        XCTAssertEqual(input.text, "ello ")
        _ = input.handle(.ctrl("e"))
        _ = input.handle(.backspace)
        XCTAssertEqual(input.text, "ello")
        _ = input.handle(.left)
        _ = input.handle(.left)
        type("X", into: &input)
        XCTAssertEqual(input.text, "elXlo")
        _ = input.handle(.ctrl("u"))
        XCTAssertEqual(input.text, "lo")
        XCTAssertEqual(input.cursor, 0)
        _ = input.handle(.end)
        XCTAssertEqual(input.cursor, 2)
    }

    func testReportsEnterEscapeAndTab() {
        var input = LineInput(text: "x")
        XCTAssertEqual(input.handle(.enter), .submitted)
        XCTAssertEqual(input.handle(.escape), .cancelled)
        XCTAssertEqual(input.handle(.tab), .focusNext)
        XCTAssertEqual(input.handle(.backTab), .focusPrevious)
        XCTAssertEqual(input.handle(.up), .ignored)
    }

    func testWideCharactersAndEmojiAreOneCursorStep() {
        var input = LineInput()
        type("a👨‍👩‍👧退", into: &input)
        _ = input.handle(.left)
        _ = input.handle(.backspace)
        XCTAssertEqual(input.text, "a退")
    }

    func testPasteIsSanitizedToOneLine() {
        var input = LineInput()
        XCTAssertEqual(input.handle(.paste("line1\nline2\u{1B}[31m\t!")), .handled)
        XCTAssertEqual(input.text, "line1 line2[31m !")
    }

    func testScrollsHorizontallyToKeepTheCursorVisible() {
        var input = LineInput()
        type("abcdefghijklmnopqrstuvwxyz", into: &input)
        var buffer = CellBuffer(size: Size(width: 10, height: 1))
        let style = Style(attributes: .underline)
        input.render(in: buffer.area, buffer: &buffer, style: style, placeholderStyle: .plain, focused: true)
        XCTAssertEqual(buffer.text(row: 0), "rstuvwxyz ")
        XCTAssertEqual(buffer.cursor, Point(x: 9, y: 0))
        _ = input.handle(.home)
        input.render(in: buffer.area, buffer: &buffer, style: style, placeholderStyle: .plain, focused: true)
        XCTAssertEqual(buffer.text(row: 0), "abcdefghij")
        XCTAssertEqual(buffer.cursor, Point(x: 0, y: 0))
    }

    func testPlaceholderWhenEmpty() {
        var input = LineInput(placeholder: "Search tickets")
        var buffer = CellBuffer(size: Size(width: 20, height: 1))
        input.render(in: buffer.area, buffer: &buffer, style: .plain, placeholderStyle: Style(attributes: .dim), focused: false)
        XCTAssertTrue(buffer.text(row: 0).hasPrefix("Search tickets"))
        XCTAssertNil(buffer.cursor, "an unfocused field does not show the cursor")
    }
}
