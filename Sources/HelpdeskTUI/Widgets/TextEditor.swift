import HelpdeskCore

/// The multi-line editor widget: `EditorText` plus a viewport, key handling and drawing. Soft-wraps
/// to the width it is drawn at; the terminal cursor is placed where typing goes.
///
/// Keys: arrows, Home/End and Ctrl-A/Ctrl-E (line start/end), Alt-b/Alt-f and Ctrl-Left/Right-less
/// terminals' Alt-Left/Right (word moves), PgUp/PgDn, Ctrl-Home/End-less `M-<`/`M->` (start/end),
/// Backspace/Delete, Ctrl-Z undo, Ctrl-Y or Ctrl-R redo, Enter new line, and bracketed paste (one
/// event, inserted as one undo step).
public struct TextEditor: Sendable {
    public var text: EditorText
    /// The first visual row shown: a line and a row within it.
    private var topLine = 0
    private var topRow = 0
    /// The size last drawn at: vertical moves and paging use it.
    public private(set) var width = 80
    public private(set) var height = 10

    public init(text: String = "", cursor: TextPosition = .start) {
        self.text = EditorText(text: text, cursor: cursor)
    }

    /// Handles an editing key or a paste. Keys it does not use are `.ignored` (the screen's commands).
    public mutating func handle(_ event: InputEvent) -> KeyResult {
        switch event {
        case .mouse: return .ignored   // fields and popups take keys only
        case .paste(let s):
            text.insert(s)
            return .handled
        case .resize:
            return .ignored
        case .key(let key):
            return handle(key)
        }
    }

    public mutating func handle(_ key: Key) -> KeyResult {
        switch key {
        case .char(let c): text.insert(String(c))
        case .enter: text.insert("\n")
        case .backspace: text.backspace()
        case .delete, .ctrl("d"): text.deleteForward()
        case .left, .ctrl("b"): text.moveLeft()
        case .right, .ctrl("f"): text.moveRight()
        case .up, .ctrl("p"): text.moveVertically(by: -1, width: width)
        case .down, .ctrl("n"): text.moveVertically(by: 1, width: width)
        case .home, .ctrl("a"): text.moveToLineStart()
        case .end, .ctrl("e"): text.moveToLineEnd()
        case .alt("b"), .alt("B"): text.moveWordLeft()
        case .alt("f"), .alt("F"): text.moveWordRight()
        case .alt("<"): text.moveToStart()
        case .alt(">"): text.moveToEnd()
        case .pageUp: text.moveVertically(by: -max(1, height - 1), width: width)
        case .pageDown: text.moveVertically(by: max(1, height - 1), width: width)
        case .ctrl("z"): text.undo()
        case .ctrl("y"), .ctrl("r"): text.redo()
        default: return .ignored
        }
        return .handled
    }

    /// Draws the visible rows into `area` and puts the terminal cursor at the insertion point.
    public mutating func render(in area: Rect, buffer: inout CellBuffer, style: Style, focused: Bool) {
        guard area.width > 0, area.height > 0 else { return }
        width = area.width
        height = area.height
        buffer.fill(area, style: style)
        scrollToCursor()
        var line = topLine
        var row = topRow
        var y = area.y
        var cursorPoint: Point?
        let here = text.visualPosition(of: text.cursor, width: width)
        while y < area.maxY, line < text.lineCount {
            let rows = text.rows(ofLine: line, width: width)
            while row < rows.count, y < area.maxY {
                let slice = text.lines[line][rows[row]]
                buffer.put(String(slice), at: Point(x: area.x, y: y), style: style, maxWidth: area.width)
                if line == text.cursor.line, row == here.row { cursorPoint = Point(x: area.x + here.x, y: y) }
                row += 1
                y += 1
            }
            line += 1
            row = 0
        }
        if focused { buffer.cursor = cursorPoint }
    }

    /// Moves the viewport the least needed to show the cursor's row.
    private mutating func scrollToCursor() {
        let here = text.visualPosition(of: text.cursor, width: width)
        let cursorLine = text.cursor.line
        topLine = min(topLine, text.lineCount - 1)
        topRow = min(topRow, text.rows(ofLine: topLine, width: width).count - 1)
        if (cursorLine, here.row) < (topLine, topRow) {
            topLine = cursorLine
            topRow = here.row
            return
        }
        // Walk back height-1 rows from the cursor: the earliest top that still shows the cursor.
        var line = cursorLine
        var row = here.row
        var back = height - 1
        while back > 0 {
            if row > 0 { row -= 1 } else if line > 0 {
                line -= 1
                row = text.rows(ofLine: line, width: width).count - 1
            } else { break }
            back -= 1
            if (line, row) <= (topLine, topRow) { return }   // the cursor is within the viewport
        }
        if (line, row) > (topLine, topRow) {
            topLine = line
            topRow = row
        }
    }
}
