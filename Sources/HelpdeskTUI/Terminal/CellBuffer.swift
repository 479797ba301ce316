import HelpdeskCore

/// The grid of cells a frame is drawn into: every screen and widget renders here, and a `Terminal`
/// backend puts it on the screen (sending only what changed since the previous frame).
///
/// All text goes through `Sanitizer` on the way in, so no screen can forget to neutralise customer
/// text. Wide characters take two cells and are never split: one that does not fit at the right edge
/// of the drawing area is left out and its column padded with a space.
public struct CellBuffer: Hashable, Sendable {
    public private(set) var size: Size
    private var cells: [Cell]
    /// Where the terminal should show its cursor (a focused text field); nil hides it.
    public var cursor: Point?

    public init(size: Size) {
        self.size = size
        self.cells = Array(repeating: .blank, count: size.width * size.height)
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(size: size) }

    /// The cell at a position, or nil outside the buffer.
    public func cell(at point: Point) -> Cell? {
        guard contains(point) else { return nil }
        return cells[point.y * size.width + point.x]
    }

    /// The style at a position, or nil outside the buffer.
    public func style(at point: Point) -> Style? { cell(at: point)?.style }

    public func style(x: Int, y: Int) -> Style? { style(at: Point(x: x, y: y)) }

    func contains(_ point: Point) -> Bool {
        point.x >= 0 && point.y >= 0 && point.x < size.width && point.y < size.height
    }

    // MARK: - Reading back (tests, snapshots)

    /// The characters of one row, continuation cells skipped (so a wide character appears once).
    public func text(row y: Int) -> String {
        guard y >= 0 && y < size.height else { return "" }
        var line = ""
        for x in 0..<size.width {
            let cell = cells[y * size.width + x]
            if !cell.isContinuation { line += cell.grapheme }
        }
        return line
    }

    /// Every row's text.
    public var lines: [String] { (0..<size.height).map { text(row: $0) } }

    /// The rows joined with newlines, trailing spaces kept.
    public var text: String { lines.joined(separator: "\n") }

    // MARK: - Drawing

    /// Writes text on one row starting at `point`, clipped to the buffer and to `maxWidth` columns.
    /// The text is sanitized as single-line text first. Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, at point: Point, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard point.y >= 0, point.y < size.height, point.x < size.width else { return 0 }
        let limit = min(size.width, maxWidth.map { point.x + max(0, $0) } ?? size.width)
        guard point.x < limit else { return 0 }
        let safe = Sanitizer.sanitize(text, options: .singleLine)
        var column = point.x
        var lastHead: Int? = nil
        for character in safe {
            var grapheme = String(character)
            var width = TextWidth.width(of: character)
            if width == 0 {
                // A cluster with nothing to show on its own (a stray combining mark): attach it to the
                // previous character, or give it a dotted-circle base, so it never owns a cell by itself.
                if let head = lastHead {
                    cells[head].grapheme += grapheme
                    continue
                }
                grapheme = "\u{25CC}" + grapheme
                width = 1
            }
            if column + width > limit {
                if column >= 0 && column < limit { setCell(x: column, y: point.y, grapheme: " ", width: 1, style: style) }
                break
            }
            if column < 0 {
                // Clipped at the left edge: a wide character half off-screen leaves a blank.
                if column + width > 0 { setCell(x: 0, y: point.y, grapheme: " ", width: 1, style: style) }
                column += width
                continue
            }
            setCell(x: column, y: point.y, grapheme: grapheme, width: width, style: style)
            lastHead = point.y * size.width + column
            column += width
        }
        return column - point.x
    }

    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        put(text, at: Point(x: x, y: y), style: style, maxWidth: maxWidth)
    }

    /// Writes styled spans one after another on one row. Returns the columns written.
    @discardableResult
    public mutating func put(_ line: StyledLine, at point: Point, maxWidth: Int? = nil) -> Int {
        var used = 0
        let limit = maxWidth ?? (size.width - point.x)
        for span in line.spans {
            guard used < limit else { break }
            used += put(span.text, at: Point(x: point.x + used, y: point.y), style: span.style, maxWidth: limit - used)
        }
        return used
    }

    /// Paints a rectangle with spaces in `style` (a background, a selection bar, a popup body).
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                setCell(x: x, y: y, grapheme: " ", width: 1, style: style)
            }
        }
    }

    /// Clears one whole row.
    public mutating func clearRow(_ y: Int, style: Style = .plain) {
        fill(Rect(x: 0, y: y, width: size.width, height: 1), style: style)
    }

    /// Clears the whole buffer and hides the cursor.
    public mutating func clear() {
        for index in cells.indices { cells[index] = .blank }
        cursor = nil
    }

    /// Changes the style of every cell in `rect` while keeping its text (highlighting a drawn row).
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                cells[y * size.width + x].style = transform(cells[y * size.width + x].style)
            }
        }
    }

    /// A horizontal line of `character` (a separator).
    public mutating func horizontalLine(x: Int, y: Int, width: Int, style: Style = .plain, character: Character = "─") {
        guard width > 0 else { return }
        put(String(repeating: String(character), count: width), at: Point(x: x, y: y), style: style, maxWidth: width)
    }

    /// A vertical line of `character` (a pane divider).
    public mutating func verticalLine(x: Int, y: Int, height: Int, style: Style = .plain, character: Character = "│") {
        guard height > 0 else { return }
        for row in y..<(y + height) { put(String(character), at: Point(x: x, y: row), style: style, maxWidth: 1) }
    }

    /// Draws a border around `rect` with an optional title in the top edge (`┌ Title ──┐`).
    public mutating func drawBox(_ rect: Rect, style: Style = .plain, box: BoxStyle = .single,
                                 title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        horizontalLine(x: rect.x + 1, y: rect.y, width: rect.width - 2, style: style, character: box.horizontal)
        horizontalLine(x: rect.x + 1, y: bottom, width: rect.width - 2, style: style, character: box.horizontal)
        verticalLine(x: rect.x, y: rect.y + 1, height: rect.height - 2, style: style, character: box.vertical)
        verticalLine(x: right, y: rect.y + 1, height: rect.height - 2, style: style, character: box.vertical)
        put(String(box.topLeft), at: Point(x: rect.x, y: rect.y), style: style, maxWidth: 1)
        put(String(box.topRight), at: Point(x: right, y: rect.y), style: style, maxWidth: 1)
        put(String(box.bottomLeft), at: Point(x: rect.x, y: bottom), style: style, maxWidth: 1)
        put(String(box.bottomRight), at: Point(x: right, y: bottom), style: style, maxWidth: 1)
        if let title, !title.isEmpty, rect.width > 4 {
            put(" " + title + " ", at: Point(x: rect.x + 1, y: rect.y), style: titleStyle ?? style,
                maxWidth: rect.width - 2)
        }
    }

    /// Stores one character of `width` 1 or 2 at (x, y), repairing any wide character it cuts in half.
    private mutating func setCell(x: Int, y: Int, grapheme: String, width: Int, style: Style) {
        let index = y * size.width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if width == 1, x + 1 < size.width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = Cell(grapheme, style: style)
        if width == 2 {
            if x + 2 < size.width, cells[index + 2].isContinuation {
                cells[index + 2] = Cell(" ", style: cells[index + 2].style)
            }
            cells[index + 1] = .continuation(style: style)
        }
    }
}
