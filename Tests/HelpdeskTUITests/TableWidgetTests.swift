import HelpdeskCore
import XCTest
@testable import HelpdeskTUI

final class TableWidgetTests: XCTestCase {
    let queueColumns = [
        TableColumn("ID", minWidth: 5, idealWidth: 6, priority: 90, alignment: .right),
        TableColumn("Status", minWidth: 7, idealWidth: 8, priority: 70),
        TableColumn("Pri", minWidth: 4, idealWidth: 6, priority: 60),
        TableColumn("Subject", minWidth: 20, idealWidth: 30, priority: 100, flexible: true),
        TableColumn("Customer", minWidth: 10, idealWidth: 16, priority: 50),
        TableColumn("Assignee", minWidth: 8, idealWidth: 12, priority: 40),
        TableColumn("Updated", minWidth: 5, idealWidth: 8, priority: 30),
    ]

    func row(_ id: Int, _ subject: String, marked: Bool = false) -> TableRow {
        TableRow(["\(id)", "open", "high", TableCell(subject), "Ada Lovelace", "sam", "2h"], isMarked: marked)
    }

    func render(width: Int, height: Int = 6, rows: [TableRow], state: inout ListState, focused: Bool = true) -> CellBuffer {
        var buffer = CellBuffer(size: Size(width: width, height: height))
        let table = TableWidget(columns: queueColumns, styles: TableStyles(theme: .builtinDefault))
        table.render(rows: rows, in: buffer.area, buffer: &buffer, state: &state, focused: focused)
        return buffer
    }

    func testWideTerminalShowsEveryColumnAndSubjectTakesTheRest() {
        let widths = TableWidget.layout(queueColumns, width: 120)
        XCTAssertTrue(widths.allSatisfy { $0 != nil })
        XCTAssertEqual(widths.compactMap { $0 }.reduce(0, +) + 6, 120)
        XCTAssertEqual(widths[3], 120 - 6 - (6 + 8 + 6 + 16 + 12 + 8))
        XCTAssertEqual(TableWidget.layout(queueColumns, width: 58).compactMap { $0 }.count, 5, "at 60 columns less the marker")
    }

    func testAtSixtyColumnsAssigneeIsDroppedButSubjectKept() {
        var state = ListState()
        let buffer = render(width: 60, rows: [row(1, "Printer on fire")], state: &state)
        let header = buffer.text(row: 0)
        XCTAssertTrue(header.contains("Subject"), header)
        XCTAssertFalse(header.contains("Assignee"), header)
        XCTAssertFalse(header.contains("Updated"), header)
        XCTAssertTrue(buffer.text(row: 1).contains("Printer on fire"))
    }

    func testNarrowTerminalKeepsTheMostImportantColumns() {
        let widths = TableWidget.layout(queueColumns, width: 30)
        XCTAssertNotNil(widths[0], "ID")
        XCTAssertNotNil(widths[3], "Subject")
        XCTAssertNil(widths[4])
        XCTAssertLessThanOrEqual(widths.compactMap { $0 }.reduce(0, +) + widths.compactMap { $0 }.count - 1, 30)
    }

    func testCJKSubjectsStayAligned() {
        var state = ListState()
        let rows = [row(1, "退款申请：订单没有到"), row(2, "Refund request: order missing"), row(3, "🙂 thanks")]
        let buffer = render(width: 100, rows: rows, state: &state)
        // The Customer column starts at the same display column on every row.
        let header = buffer.text(row: 0)
        let customerColumn = TextWidth.width(of: String(header[..<header.range(of: "Customer")!.lowerBound]))
        for y in 1...3 {
            let line = buffer.text(row: y)
            let prefix = String(line[..<line.range(of: "Ada Lovelace")!.lowerBound])
            XCTAssertEqual(TextWidth.width(of: prefix), customerColumn, "row \(y): \(line)")
        }
    }

    func testSelectionIsHighlightedAndScrolledIntoView() {
        var state = ListState(count: 20, selected: 12)
        let rows = (1...20).map { row($0, "Ticket \($0)") }
        let buffer = render(width: 80, height: 6, rows: rows, state: &state)
        XCTAssertEqual(state.offset, 8, "5 body rows: selection 12 is the last visible")
        XCTAssertTrue(buffer.text(row: 5).contains("Ticket 13"))
        XCTAssertEqual(buffer.style(x: 40, y: 5), Theme.builtinDefault[.selection])
        XCTAssertEqual(buffer.style(x: 79, y: 5), Theme.builtinDefault[.selection], "the bar spans the row")

        var unfocused = state
        let dimmed = render(width: 80, height: 6, rows: rows, state: &unfocused, focused: false)
        XCTAssertEqual(dimmed.style(x: 40, y: 5), Theme.builtinDefault[.selectionUnfocused])
    }

    func testMarkedRowsShowTheMarker() {
        var state = ListState()
        let buffer = render(width: 80, rows: [row(1, "a"), row(2, "b", marked: true)], state: &state)
        XCTAssertTrue(buffer.text(row: 2).hasPrefix("●"))
        XCTAssertFalse(buffer.text(row: 1).hasPrefix("●"))
    }

    func testHostileCellTextIsNeutralised() {
        var state = ListState()
        let buffer = render(width: 100, rows: [row(1, "\u{1B}]0;pwned\u{07}\u{202E}gnp.exe")], state: &state)
        XCTAssertTrue(buffer.text(row: 1).contains("␛]0;pwned␇⟨U+202E⟩"), buffer.text(row: 1))
    }

    func testEmptyTableShowsMessage() {
        var buffer = CellBuffer(size: Size(width: 40, height: 5))
        var state = ListState()
        var table = TableWidget(columns: queueColumns, styles: TableStyles(theme: .builtinDefault))
        table.emptyMessage = "No tickets in this view"
        table.render(rows: [], in: buffer.area, buffer: &buffer, state: &state)
        XCTAssertTrue(buffer.text.contains("No tickets in this view"))
    }
}
