import XCTest
@testable import HelpdeskTUI

final class TextViewTests: XCTestCase {
    func testWrapsAndScrolls() {
        let body = (1...30).map { "Line \($0) of the customer's long message" }.joined(separator: "\n")
        let view = TextView(text: body)
        var state = TextViewState()
        var buffer = CellBuffer(size: Size(width: 20, height: 5))
        view.render(in: buffer.area, buffer: &buffer, state: &state)
        XCTAssertEqual(buffer.text(row: 0).trimmingCharacters(in: .whitespaces), "Line 1 of the")
        XCTAssertEqual(state.lineCount, 90)
        XCTAssertEqual(TextView.handle(.pageDown, state: &state), .handled)
        XCTAssertEqual(state.offset, 5)
        XCTAssertEqual(TextView.handle(.char("G"), state: &state), .handled)
        view.render(in: buffer.area, buffer: &buffer, state: &state)
        XCTAssertTrue(state.isAtEnd)
        XCTAssertEqual(buffer.text(row: 4).trimmingCharacters(in: .whitespaces), "message")
        XCTAssertEqual(TextView.handle(.char("g"), state: &state), .handled)
        XCTAssertEqual(state.offset, 0)
        XCTAssertEqual(TextView.handle(.char("x"), state: &state), .ignored)
    }

    func testStylesSurviveWrapping() {
        let note = Style(fg: .yellow)
        let line = StyledLine([Span("Internal: ", style: Style(attributes: .bold)), Span("customer is a reseller", style: note)])
        let wrapped = TextView.wrap(line, width: 16)
        XCTAssertEqual(wrapped.map(\.plainText), ["Internal:", "customer is a", "reseller"])
        XCTAssertEqual(wrapped[1].spans, [Span("customer is a", style: note)])
    }

    func testHostileMessageBodyIsShownNotExecuted() {
        let view = TextView(text: "hi\u{1B}[2J\u{1B}]52;c;Zm9v\u{07}\nbye")
        var state = TextViewState()
        var buffer = CellBuffer(size: Size(width: 30, height: 3))
        view.render(in: buffer.area, buffer: &buffer, state: &state)
        XCTAssertEqual(buffer.text(row: 0).trimmingCharacters(in: .whitespaces), "hi␛[2J␛]52;c;Zm9v␇")
        XCTAssertEqual(buffer.text(row: 1).trimmingCharacters(in: .whitespaces), "bye")
    }
}
