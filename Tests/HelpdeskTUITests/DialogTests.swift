import XCTest
@testable import HelpdeskTUI

final class DialogTests: XCTestCase {
    func testConfirmDialogKeys() {
        var dialog = ConfirmDialog(title: "Close tickets", message: "Close 12 tickets?")
        XCTAssertEqual(dialog.handle(.enter), .cancelled, "focus starts on the safe answer")
        XCTAssertEqual(dialog.handle(.tab), .handled)
        XCTAssertEqual(dialog.handle(.enter), .submitted)
        XCTAssertEqual(dialog.handle(.char("y")), .submitted)
        XCTAssertEqual(dialog.handle(.escape), .cancelled)
        XCTAssertEqual(dialog.handle(.char("j")), .handled, "a modal dialog swallows other keys")
    }

    func testConfirmDialogRenders() {
        let dialog = ConfirmDialog(title: "Close tickets", message: "Close 12 tickets?", confirmLabel: "Close")
        var buffer = CellBuffer(size: Size(width: 50, height: 10))
        dialog.render(in: buffer.area, buffer: &buffer, styles: PopupStyles(theme: .builtinDefault))
        XCTAssertTrue(buffer.text.contains("Close 12 tickets?"))
        XCTAssertTrue(buffer.text.contains("[ Close ]"))
        XCTAssertTrue(buffer.text.contains("[ No ]"))
    }

    func testMessageBoxWrapsAndDismisses() {
        let box = MessageBox(title: "Error", message: "The store is locked by another process.\nTry again.")
        var buffer = CellBuffer(size: Size(width: 40, height: 10))
        box.render(in: buffer.area, buffer: &buffer, styles: PopupStyles(theme: .builtinDefault, unicode: false))
        XCTAssertTrue(buffer.text.contains("Try again."))
        XCTAssertTrue(buffer.text.contains("+"), "ASCII border when unicode is off")
        XCTAssertEqual(box.handle(.enter), .submitted)
        XCTAssertEqual(box.handle(.char("x")), .handled)
    }

    func testSparkline() {
        XCTAssertEqual(Sparkline([0, 1, 2, 4, 8]).string(), " ▁▂▄█")
        XCTAssertEqual(Sparkline([0, 1, 2, 4, 8]).string(ascii: true), " .:=#")
        XCTAssertEqual(Sparkline([1, 2, 3]).string(width: 2), "▆█")
        XCTAssertEqual(Sparkline([1, 100]).string(), "▁█", "small but non-zero never draws blank")
        var buffer = CellBuffer(size: Size(width: 3, height: 2))
        Sparkline([1, 2, 4]).render(in: buffer.area, buffer: &buffer, style: .plain)
        XCTAssertEqual(buffer.lines, ["  █", "▄██"])
    }
}
