import HelpdeskCore

/// A column of a `TableWidget`.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    /// Narrowest useful width; below it the column is dropped instead.
    public var minWidth: Int
    /// Width when there is room.
    public var idealWidth: Int
    /// Higher survives longer: at narrow widths the lowest-priority columns are dropped first.
    public var priority: Int
    /// A flexible column (the subject) takes whatever width is left over, and gives width back first.
    public var isFlexible: Bool
    public var alignment: TextWidth.Alignment

    public init(_ title: String, minWidth: Int, idealWidth: Int? = nil, priority: Int = 50,
                flexible: Bool = false, alignment: TextWidth.Alignment = .left) {
        self.title = title
        self.minWidth = max(1, minWidth)
        self.idealWidth = max(self.minWidth, idealWidth ?? minWidth)
        self.priority = priority
        self.isFlexible = flexible
        self.alignment = alignment
    }
}

/// One cell: text (sanitized when drawn) and an optional style of its own.
public struct TableCell: Hashable, Sendable, ExpressibleByStringInterpolation {
    public var text: String
    public var style: Style?

    public init(_ text: String, style: Style? = nil) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }
}

/// One row: its cells in column order, and whether it is marked for a bulk action.
public struct TableRow: Hashable, Sendable {
    public var cells: [TableCell]
    public var isMarked: Bool

    public init(_ cells: [TableCell], isMarked: Bool = false) {
        self.cells = cells
        self.isMarked = isMarked
    }
}

/// The styles a table draws with.
public struct TableStyles: Hashable, Sendable {
    public var header: Style
    public var normal: Style
    public var selected: Style
    public var selectedUnfocused: Style
    public var marked: Style
    public var empty: Style
    /// Shown in the marker column of marked rows.
    public var markerGlyph: String
    /// The header of a table that does not have the focus: dimmer, so the focused pane stands out.
    public var headerUnfocused: Style

    public init(header: Style, normal: Style, selected: Style, selectedUnfocused: Style, marked: Style,
                empty: Style, markerGlyph: String = "●") {
        self.header = header
        self.normal = normal
        self.selected = selected
        self.selectedUnfocused = selectedUnfocused
        self.marked = marked
        self.empty = empty
        self.markerGlyph = markerGlyph
        self.headerUnfocused = empty
    }

    /// The theme's table styles.
    public init(theme: Theme, unicode: Bool = true) {
        self.init(header: theme[.tableHeader], normal: theme[.text], selected: theme[.selection],
                  selectedUnfocused: theme[.selectionUnfocused], marked: theme[.marked], empty: theme[.textDim],
                  markerGlyph: unicode ? "●" : "*")
        headerUnfocused = theme[.textDim]
    }
}

/// A table with a header, a selection bar and columns that adapt to the width.
///
/// The bar covers the whole selected row, as in mutt, tig and htop: the eye finds a full-width bar
/// at once, where a bar over two cells had to be looked for. The header is dimmed while another pane
/// has the focus.
///
/// Columns start at their ideal width and the flexible one takes the rest. When the width runs short
/// they shrink towards their minimum (the least important first), and when
/// even the minimums do not fit, the lowest-priority column is dropped, then the next: at 60 columns a
/// ticket queue loses Assignee and Updated but keeps Subject. Rows are fetched through a closure, so
/// only the visible ones are built.
public struct TableWidget: Sendable {
    public var columns: [TableColumn]
    public var styles: TableStyles
    /// A one-cell column on the left for the marked-row glyph.
    public var showsMarkerColumn: Bool
    public var showsHeader: Bool
    /// Shown when there are no rows.
    public var emptyMessage: String?
    /// Space between columns.
    public var columnGap: Int = 1

    public init(columns: [TableColumn], styles: TableStyles, showsMarkerColumn: Bool = true,
                showsHeader: Bool = true, emptyMessage: String? = nil) {
        self.columns = columns
        self.styles = styles
        self.showsMarkerColumn = showsMarkerColumn
        self.showsHeader = showsHeader
        self.emptyMessage = emptyMessage
    }

    /// Rows of the area available to the body (what page moves should use).
    public func bodyHeight(for area: Rect) -> Int { max(0, area.height - (showsHeader ? 1 : 0)) }

    /// The width of each column at a total width, nil for a dropped column.
    public static func layout(_ columns: [TableColumn], width: Int, gap: Int = 1) -> [Int?] {
        var active = Array(columns.indices)
        func available() -> Int { width - max(0, active.count - 1) * gap }
        while active.count > 1, active.reduce(0, { $0 + columns[$1].minWidth }) > available() {
            // Drop the least important; among equals, the rightmost.
            let victim = active.min { a, b in
                columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b
            }!
            active.removeAll { $0 == victim }
        }
        var widths = [Int?](repeating: nil, count: columns.count)
        for index in active { widths[index] = columns[index].idealWidth }
        let space = max(0, available())
        var total = active.reduce(0) { $0 + widths[$1]! }
        if total > space {
            // The least important columns give width back first, down to their minimum; the
            // flexible column (the subject) is usually the most important and gives last.
            let shrinkOrder = active.sorted { a, b in
                if columns[a].priority != columns[b].priority { return columns[a].priority < columns[b].priority }
                return columns[a].isFlexible && !columns[b].isFlexible
            }
            for index in shrinkOrder where total > space {
                let give = min(total - space, widths[index]! - columns[index].minWidth)
                widths[index]! -= give
                total -= give
            }
            if total > space, let only = active.first, active.count == 1 {
                widths[only] = space
                total = space
            }
        } else if total < space, let flexible = active.first(where: { columns[$0].isFlexible }) {
            widths[flexible]! += space - total
        }
        return widths
    }

    /// Draws the table, first adjusting `state`'s scroll offset so the selection is visible.
    public func render(rowCount: Int, row: (Int) -> TableRow, in area: Rect, buffer: inout CellBuffer,
                       state: inout ListState, focused: Bool = true) {
        guard !area.isEmpty else { return }
        if state.count != rowCount { state.setCount(rowCount) }
        let bodyHeight = self.bodyHeight(for: area)
        state.scrollToSelection(viewportHeight: bodyHeight)
        let markerWidth = showsMarkerColumn ? 2 : 0
        let widths = TableWidget.layout(columns, width: area.width - markerWidth, gap: columnGap)

        var y = area.y
        if showsHeader {
            let header = focused ? styles.header : styles.headerUnfocused
            buffer.fill(area.row(0), style: header)
            drawCells(columns.map { TableCell($0.title) }, widths: widths, x: area.x + markerWidth, y: y,
                      area: area, style: header, useCellStyles: false, buffer: &buffer)
            y += 1
        }
        guard rowCount > 0 else {
            if let emptyMessage, bodyHeight > 0 {
                let text = TextWidth.truncate(Sanitizer.sanitize(emptyMessage), toWidth: area.width)
                let x = area.x + max(0, (area.width - TextWidth.width(of: text)) / 2)
                buffer.put(text, at: Point(x: x, y: y + bodyHeight / 2), style: styles.empty, maxWidth: area.maxX - x)
            }
            return
        }
        for line in 0..<bodyHeight {
            let index = state.offset + line
            guard index < rowCount else { break }
            let item = row(index)
            let isSelected = index == state.selected
            let rowStyle = isSelected ? (focused ? styles.selected : styles.selectedUnfocused)
                : (item.isMarked ? styles.marked : styles.normal)
            let rowRect = Rect(x: area.x, y: y + line, width: area.width, height: 1)
            buffer.fill(rowRect, style: isSelected ? rowStyle : styles.normal)
            if showsMarkerColumn && item.isMarked {
                buffer.put(styles.markerGlyph, at: rowRect.origin, style: isSelected ? rowStyle : styles.marked, maxWidth: 1)
            }
            drawCells(item.cells, widths: widths, x: area.x + markerWidth, y: y + line, area: area,
                      style: rowStyle, useCellStyles: !isSelected, buffer: &buffer)
        }
    }

    /// Convenience for small tables held in an array.
    public func render(rows: [TableRow], in area: Rect, buffer: inout CellBuffer, state: inout ListState,
                       focused: Bool = true) {
        render(rowCount: rows.count, row: { rows[$0] }, in: area, buffer: &buffer, state: &state, focused: focused)
    }

    private func drawCells(_ cells: [TableCell], widths: [Int?], x startX: Int, y: Int, area: Rect, style: Style,
                           useCellStyles: Bool, buffer: inout CellBuffer) {
        var x = startX
        for (index, column) in columns.enumerated() {
            guard let width = widths[index], width > 0 else { continue }
            guard x < area.maxX else { break }
            let cell = index < cells.count ? cells[index] : TableCell("")
            // Sanitize before measuring: placeholders are wider than the characters they replace.
            let text = TextWidth.pad(Sanitizer.sanitize(cell.text), toWidth: width, alignment: column.alignment)
            let cellStyle = useCellStyles ? (cell.style ?? style) : style
            buffer.put(text, at: Point(x: x, y: y), style: cellStyle, maxWidth: min(width, area.maxX - x))
            x += width + columnGap
        }
    }
}
