import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskTUI

final class EditorTextTests: XCTestCase {
    /// Issue 11 item 3: a template goes on lines of its own, never into the middle of a line.
    func testBlockGoesOnItsOwnLinesAtTheCursorsLine() {
        var t = EditorText(text: "Hi Omar,", cursor: TextPosition(line: 0, column: 8))
        t.insertBlock("Hi there,\n\nThanks.\n")
        XCTAssertEqual(t.text, "Hi Omar,\nHi there,\n\nThanks.")
        t.undo()
        XCTAssertEqual(t.text, "Hi Omar,")

        var start = EditorText(text: "Hi Omar,\nsee you", cursor: TextPosition(line: 1, column: 0))
        start.insertBlock("Block")
        XCTAssertEqual(start.text, "Hi Omar,\nBlock\nsee you")

        var blank = EditorText(text: "Hi Omar,\n\nBye", cursor: TextPosition(line: 1, column: 0))
        blank.insertBlock("Block")
        XCTAssertEqual(blank.text, "Hi Omar,\nBlock\nBye")

        var middle = EditorText(text: "Hi Omar, thanks", cursor: TextPosition(line: 0, column: 3))
        middle.insertBlock("Block")
        XCTAssertEqual(middle.text, "Hi Omar, thanks\nBlock")
    }

    /// Issue 11 item 5: a marked block's mark lives and dies with its insertion in the undo history.
    func testMarksFollowUndoAndRedoOfTheirInsertion() {
        var t = EditorText()
        t.replaceAll(with: "Hi Dana,", mark: 1)
        XCTAssertEqual(t.marks, [1])
        t.insert(" ")
        t.insert("x")
        t.insertBlock("Your order is ready.", mark: 2)
        XCTAssertEqual(t.marks, [1, 2])
        t.insert("!")
        t.undo()
        XCTAssertEqual(t.marks, [1, 2], "undoing typing after the block leaves the block's mark")
        t.undo()
        XCTAssertEqual(t.text, "Hi Dana, x")
        XCTAssertEqual(t.marks, [1])
        t.redo()
        XCTAssertEqual(t.marks, [1, 2])
        t.undo(); t.undo(); t.undo()
        XCTAssertEqual(t.text, "")
        XCTAssertEqual(t.marks, [])
        // A one-character block is still its own step: undo does not take the typing before it.
        var short = EditorText()
        short.insert("a")
        short.insertBlock("b", mark: 7)
        short.undo()
        XCTAssertEqual(short.text, "a")
        XCTAssertEqual(short.marks, [])
    }

    func testTypingNewlinesBackspaceDelete() {
        var t = EditorText()
        t.insert("Hi"); t.insert("\n"); t.insert("there")
        XCTAssertEqual(t.text, "Hi\nthere")
        XCTAssertEqual(t.cursor, TextPosition(line: 1, column: 5))
        t.moveToLineStart(); t.backspace()
        XCTAssertEqual(t.text, "Hithere")
        XCTAssertEqual(t.cursor, TextPosition(line: 0, column: 2))
        t.deleteForward()
        XCTAssertEqual(t.text, "Hihere")
    }

    func testWideCharactersWrapByDisplayWidth() {
        // Ten wide characters are 20 columns: at width 8 they wrap into rows of four.
        var t = EditorText(text: "中文中文中文中文中文")
        XCTAssertEqual(t.rows(ofLine: 0, width: 8), [0..<4, 4..<8, 8..<10])
        t.moveTo(TextPosition(line: 0, column: 5))
        XCTAssertEqual(t.visualPosition(of: t.cursor, width: 8).row, 1)
        XCTAssertEqual(t.visualPosition(of: t.cursor, width: 8).x, 2)
        t.moveVertically(by: 1, width: 8)
        XCTAssertEqual(t.cursor.column, 9)
        t.moveVertically(by: -2, width: 8)
        XCTAssertEqual(t.cursor.column, 1)
    }

    func testSoftWrapAtWordsAndVerticalMovesByRow() {
        var t = EditorText(text: "the quick brown fox jumps\nend")
        XCTAssertEqual(t.rows(ofLine: 0, width: 10).count, 3)  // "the quick" "brown fox" "jumps"
        t.moveToStart()
        t.moveVertically(by: 1, width: 10)
        XCTAssertEqual(t.cursor, TextPosition(line: 0, column: 10))  // start of "brown"
        t.moveVertically(by: 2, width: 10)
        XCTAssertEqual(t.cursor.line, 1)
    }

    func testWordMovesAndUndoRedo() {
        var t = EditorText(text: "one two three")
        t.moveToStart()
        t.moveWordRight(); XCTAssertEqual(t.cursor.column, 4)
        t.moveToLineEnd(); t.moveWordLeft(); XCTAssertEqual(t.cursor.column, 8)
        t.moveToLineEnd()
        for c in " four" { t.insert(String(c)) }
        for c in " five" { t.insert(String(c)) }
        XCTAssertEqual(t.text, "one two three four five")
        t.undo(); XCTAssertEqual(t.text, "one two three four")
        t.undo(); XCTAssertEqual(t.text, "one two three")
        t.redo(); XCTAssertEqual(t.text, "one two three four")
        t.insert("\n"); t.insert("x")
        XCTAssertFalse(t.canRedo)
    }

    func testPasteIsOneStepAndCleaned() {
        var t = EditorText(text: "ab")
        t.moveTo(TextPosition(line: 0, column: 1))
        t.insert("1\r\n2\t3\u{1B}\n4")
        XCTAssertEqual(t.text, "a1\n2    3\n4b")
        XCTAssertEqual(t.cursor, TextPosition(line: 2, column: 1))
        t.undo()
        XCTAssertEqual(t.text, "ab")
    }

    func testLargePasteIsFast() {
        var editor = TextEditor()
        let paste = (1...5000).map { "Line \($0) of a long pasted log, with some words to wrap on narrow panes." }.joined(separator: "\n")
        let start = Date()
        XCTAssertEqual(editor.handle(.paste(paste)), .handled)
        var buffer = CellBuffer(size: Size(width: 80, height: 24))
        editor.render(in: Rect(size: Size(width: 80, height: 24)), buffer: &buffer, style: .plain, focused: true)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(editor.text.lineCount, 5000)
        XCTAssertEqual(editor.text.text, paste)
        XCTAssertLessThan(elapsed, 2.0, "debug build; the release budget (200 ms) is checked by helpdesk bench")
        XCTAssertEqual(buffer.cursor, Point(x: TextWidth.width(of: "Line 5000 of a long pasted log, with some words to wrap on narrow panes."), y: 23))
    }
}
