import HelpdeskCore

/// The text of the multi-line editor and everything done to it, without any drawing: lines of
/// characters (grapheme clusters, so wide characters and emoji are one unit), a cursor, soft-wrap
/// geometry by display width, word moves, and undo/redo.
///
/// Vertical moves work on *visual* rows (a long paragraph wrapped to the pane width is several rows),
/// so they take the wrap width. Only the lines around the cursor are ever wrapped: a keystroke costs
/// the same in a 5-line draft and a 5,000-line one.
public struct EditorText: Sendable, Equatable {
    public private(set) var lines: [[Character]]
    public private(set) var cursor: TextPosition
    /// The display column vertical moves aim for (kept across short lines), nil after other moves.
    private var goalX: Int?

    private struct Snapshot: Sendable, Equatable {
        var lines: [[Character]]
        var cursor: TextPosition
        var marks: [Int]
    }
    /// Labels of the blocks inserted with a mark whose insertion is in effect, oldest first: undoing
    /// an insertion takes its mark away and redoing it puts it back, so whatever belongs to the
    /// inserted text (a template's actions) can follow it.
    public private(set) var marks: [Int] = []
    private var undoStack: [Snapshot] = []
    private var redoStack: [Snapshot] = []
    /// What the last edit was, so a run of typed characters undoes as one step (up to a space).
    private var lastEdit: EditKind?
    private enum EditKind: Equatable { case typing, deleting, other }
    static let undoLimit = 500

    public init(text: String = "", cursor: TextPosition = .start) {
        lines = EditorText.split(EditorText.clean(text))
        self.cursor = .start
        moveTo(cursor)
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var lineCount: Int { lines.count }
    public var isBlank: Bool { lines.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// Puts the cursor at `position`, clamped into the text.
    public mutating func moveTo(_ position: TextPosition) {
        let line = min(max(0, position.line), lines.count - 1)
        cursor = TextPosition(line: line, column: min(max(0, position.column), lines[line].count))
        goalX = nil
        lastEdit = nil
    }

    // MARK: Editing

    /// Inserts text at the cursor (a typed character, a template, or a whole paste — one undo step).
    public mutating func insert(_ string: String) {
        let clean = EditorText.clean(string)
        guard !clean.isEmpty else { return }
        let isTyping = clean.count == 1 && clean != "\n"
        if clean == " " {
            // A space starts a new undo step that the following word joins: undo goes word by word.
            recordUndo(.other)
            lastEdit = .typing
        } else {
            recordUndo(isTyping ? .typing : .other)
        }
        let pieces = EditorText.split(clean)
        let line = lines[cursor.line]
        let head = Array(line[..<cursor.column])
        let tail = Array(line[cursor.column...])
        if pieces.count == 1 {
            lines[cursor.line] = head + pieces[0] + tail
            cursor.column += pieces[0].count
        } else {
            var replacement: [[Character]] = []
            replacement.reserveCapacity(pieces.count)
            replacement.append(head + pieces[0])
            replacement.append(contentsOf: pieces[1..<(pieces.count - 1)])
            replacement.append(pieces[pieces.count - 1] + tail)
            lines.replaceSubrange(cursor.line...cursor.line, with: replacement)
            cursor = TextPosition(line: cursor.line + pieces.count - 1, column: pieces[pieces.count - 1].count)
        }
        goalX = nil
    }

    /// Inserts a block (a template, an opening line) on lines of its own at the cursor's line, never
    /// in the middle of a line: an empty line is filled, at the start of a line the block goes above it,
    /// anywhere else below it. One undo step.
    /// With a `mark`, the insertion is its own undo step and the mark is added to `marks`.
    public mutating func insertBlock(_ string: String, mark: Int? = nil) {
        var block = EditorText.clean(string)
        while block.hasSuffix("\n") { block.removeLast() }
        guard !block.isEmpty else { return }
        // Never part of a run of typing: undo takes the block away on its own.
        lastEdit = nil
        defer {
            lastEdit = .other
            if let mark { marks.append(mark) }
        }
        let line = lines[cursor.line]
        if line.isEmpty {
            insert(block)
        } else if cursor.column == 0 {
            insert(block + "\n")
        } else {
            cursor.column = line.count
            insert("\n" + block)
        }
    }

    /// Replaces the whole text (the external editor's result, a template filling an empty draft),
    /// undoable; a `mark` is added to `marks` as with `insertBlock`.
    public mutating func replaceAll(with text: String, cursor position: TextPosition? = nil, mark: Int? = nil) {
        recordUndo(.other)
        if let mark { marks.append(mark) }
        lines = EditorText.split(EditorText.clean(text))
        let end = TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
        let target = position ?? end
        let line = min(max(0, target.line), lines.count - 1)
        cursor = TextPosition(line: line, column: min(max(0, target.column), lines[line].count))
        goalX = nil
        lastEdit = .other
    }

    public mutating func backspace() {
        if cursor.column > 0 {
            recordUndo(.deleting)
            lines[cursor.line].remove(at: cursor.column - 1)
            cursor.column -= 1
        } else if cursor.line > 0 {
            recordUndo(.other)
            let previous = lines[cursor.line - 1].count
            lines[cursor.line - 1] += lines[cursor.line]
            lines.remove(at: cursor.line)
            cursor = TextPosition(line: cursor.line - 1, column: previous)
        }
        goalX = nil
    }

    public mutating func deleteForward() {
        if cursor.column < lines[cursor.line].count {
            recordUndo(.deleting)
            lines[cursor.line].remove(at: cursor.column)
        } else if cursor.line + 1 < lines.count {
            recordUndo(.other)
            lines[cursor.line] += lines[cursor.line + 1]
            lines.remove(at: cursor.line + 1)
        }
        goalX = nil
    }

    public mutating func undo() {
        guard let snap = undoStack.popLast() else { return }
        redoStack.append(Snapshot(lines: lines, cursor: cursor, marks: marks))
        lines = snap.lines
        cursor = snap.cursor
        marks = snap.marks
        goalX = nil
        lastEdit = nil
    }

    public mutating func redo() {
        guard let snap = redoStack.popLast() else { return }
        undoStack.append(Snapshot(lines: lines, cursor: cursor, marks: marks))
        lines = snap.lines
        cursor = snap.cursor
        marks = snap.marks
        goalX = nil
        lastEdit = nil
    }

    private mutating func recordUndo(_ kind: EditKind) {
        defer { lastEdit = kind }
        if kind != .other, kind == lastEdit { return }   // continue the current run
        undoStack.append(Snapshot(lines: lines, cursor: cursor, marks: marks))
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
        redoStack.removeAll()
    }

    // MARK: Moving within the text

    public mutating func moveLeft() {
        if cursor.column > 0 { cursor.column -= 1 } else if cursor.line > 0 {
            cursor = TextPosition(line: cursor.line - 1, column: lines[cursor.line - 1].count)
        }
        endMove()
    }

    public mutating func moveRight() {
        if cursor.column < lines[cursor.line].count { cursor.column += 1 } else if cursor.line + 1 < lines.count {
            cursor = TextPosition(line: cursor.line + 1, column: 0)
        }
        endMove()
    }

    public mutating func moveToLineStart() { cursor.column = 0; endMove() }
    public mutating func moveToLineEnd() { cursor.column = lines[cursor.line].count; endMove() }
    public mutating func moveToStart() { cursor = .start; endMove() }
    public mutating func moveToEnd() {
        cursor = TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
        endMove()
    }

    /// To the start of the next word (across line ends).
    public mutating func moveWordRight() {
        var p = cursor
        let isWord = EditorText.isWordCharacter
        while true {
            let line = lines[p.line]
            while p.column < line.count, isWord(line[p.column]) { p.column += 1 }
            while p.column < line.count, !isWord(line[p.column]) { p.column += 1 }
            if p.column < line.count || p.line + 1 >= lines.count || p != cursor && p.column > 0 { break }
            p = TextPosition(line: p.line + 1, column: 0)
            if let first = lines[p.line].first, isWord(first) { break }
        }
        cursor = p
        endMove()
    }

    /// To the start of the previous word (across line ends).
    public mutating func moveWordLeft() {
        var p = cursor
        let isWord = EditorText.isWordCharacter
        if p.column == 0, p.line > 0 { p = TextPosition(line: p.line - 1, column: lines[p.line - 1].count) }
        let line = lines[p.line]
        while p.column > 0, !isWord(line[p.column - 1]) { p.column -= 1 }
        while p.column > 0, isWord(line[p.column - 1]) { p.column -= 1 }
        cursor = p
        endMove()
    }

    private mutating func endMove() {
        goalX = nil
        lastEdit = nil
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "'" }

    // MARK: Soft wrap geometry

    /// The visual rows of one line at `width`: index ranges into the line (see `TextWidth.wrapRanges`).
    public func rows(ofLine line: Int, width: Int) -> [Range<Int>] {
        TextWidth.wrapRanges(lines[line], width: width)
    }

    /// Which visual row of its line a column is on, and its display x there.
    public func visualPosition(of position: TextPosition, width: Int) -> (row: Int, x: Int) {
        let rows = self.rows(ofLine: position.line, width: width)
        // The last row starting at or before the column: a cursor exactly where a wrapped row ends is
        // shown at the start of the next one.
        var r = 0
        for (i, range) in rows.enumerated() where range.lowerBound <= position.column { r = i }
        let range = rows[r]
        let line = lines[position.line]
        let end = min(position.column, range.upperBound)
        var x = 0
        for i in range.lowerBound..<max(range.lowerBound, end) { x += TextWidth.width(of: line[i]) }
        x += max(0, position.column - range.upperBound)   // on spaces the wrap swallowed
        return (r, min(x, max(0, width - 1)))
    }

    /// The column on `row` of `line` whose display x is closest to (not past) `x`.
    func column(onLine line: Int, row: Int, x: Int, width: Int) -> Int {
        let rows = self.rows(ofLine: line, width: width)
        let range = rows[min(row, rows.count - 1)]
        var used = 0
        var column = range.lowerBound
        let chars = lines[line]
        while column < range.upperBound {
            let w = TextWidth.width(of: chars[column])
            if used + w > x { break }
            used += w
            column += 1
        }
        // Ending a wrapped row exactly at its end would put the cursor on the next row: stay before it.
        if column == range.upperBound, row < rows.count - 1, column > range.lowerBound, rows[row + 1].lowerBound == column {
            column -= 1
        }
        return column
    }

    /// Up or down by `count` visual rows, keeping the display column.
    public mutating func moveVertically(by count: Int, width: Int) {
        let here = visualPosition(of: cursor, width: width)
        let x = goalX ?? here.x
        var line = cursor.line
        var row = here.row
        var remaining = abs(count)
        while remaining > 0 {
            if count < 0 {
                if row > 0 { row -= 1 } else if line > 0 {
                    line -= 1
                    row = rows(ofLine: line, width: width).count - 1
                } else { break }
            } else {
                if row < rows(ofLine: line, width: width).count - 1 { row += 1 } else if line + 1 < lines.count {
                    line += 1
                    row = 0
                } else { break }
            }
            remaining -= 1
        }
        if remaining == abs(count) {
            // Already on the first/last row: go to the very start/end, as most editors do.
            cursor.column = count < 0 ? 0 : lines[line].count
            goalX = nil
        } else {
            cursor = TextPosition(line: line, column: column(onLine: line, row: row, x: x, width: width))
            goalX = x
        }
        lastEdit = nil
    }

    // MARK: Helpers

    /// Text as the editor keeps it: `\n` line ends, tabs as four spaces, other control characters dropped.
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || $0 == "\r" }) else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\r" { out.append("\n"); previousCR = true; continue }
            defer { previousCR = false }
            if s == "\n" { if !previousCR { out.append(s) }; continue }
            if s == "\t" { out.append(contentsOf: "    ".unicodeScalars); continue }
            if s.value < 0x20 || s.value == 0x7F { continue }
            out.append(s)
        }
        return String(out)
    }

    static func split(_ text: String) -> [[Character]] {
        var result: [[Character]] = []
        var current: [Character] = []
        for c in text {
            if c == "\n" {
                result.append(current)
                current = []
            } else {
                current.append(c)
            }
        }
        result.append(current)
        return result
    }
}
