import HelpdeskCore
import XCTest
@testable import HelpdeskTUI

final class PickerWidgetTests: XCTestCase {
    let agents = ["Sam Okafor", "Ana Núñez", "Bob Stone", "Samira Haddad", "Unassigned"]

    func testTypingFiltersPrefixMatchesFirst() {
        var picker = PickerWidget(title: "Assign to", items: agents.map { PickerItem($0) })
        XCTAssertEqual(picker.handle(.char("s")), .handled)
        XCTAssertEqual(picker.matches.map { agents[$0] }, ["Sam Okafor", "Samira Haddad", "Bob Stone", "Unassigned"],
                       "prefix, then word start, then anywhere")
        XCTAssertEqual(picker.handle(.char("a")), .handled)
        XCTAssertEqual(picker.matches.map { agents[$0] }, ["Sam Okafor", "Samira Haddad"])
        XCTAssertEqual(picker.handle(.down), .handled)
        XCTAssertEqual(picker.handle(.enter), .submitted)
        XCTAssertEqual(picker.selectedItemIndex.map { agents[$0] }, "Samira Haddad")
    }

    func testFilterIgnoresAccentsAndCase() {
        XCTAssertEqual(PickerWidget.rank(agents, query: "NUNEZ"), [1])
    }

    func testEscapeCancelsAndNoMatchCannotSubmit() {
        var picker = PickerWidget(title: "Priority", items: ["low", "normal", "high", "urgent"].map { PickerItem($0) })
        for character in "zzz" { _ = picker.handle(.char(character)) }
        XCTAssertNil(picker.selectedItemIndex)
        XCTAssertEqual(picker.handle(.enter), .handled)
        XCTAssertEqual(picker.handle(.escape), .cancelled)
    }

    func testRendersAPopupWithTitleAndSelection() {
        var picker = PickerWidget(title: "Status", items: ["open", "pending", "solved"].map { PickerItem($0) }, selected: 1)
        var buffer = CellBuffer(size: Size(width: 40, height: 12))
        let styles = PopupStyles(theme: .builtinDefault)
        picker.render(in: buffer.area, buffer: &buffer, styles: styles)
        let text = buffer.text
        XCTAssertTrue(text.contains("Status"))
        XCTAssertTrue(text.contains("open"))
        let row = buffer.lines.firstIndex { $0.contains("pending") }!
        let column = TextWidth.width(of: String(buffer.lines[row].prefix(while: { $0 != "p" })))
        XCTAssertEqual(buffer.style(x: column, y: row), styles.selected)
    }
}
