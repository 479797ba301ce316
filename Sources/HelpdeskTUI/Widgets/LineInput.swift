import HelpdeskCore

/// A single-line text field: search boxes, the `:` command line, a picker's filter, short replies.
///
/// Every printable key types, letters included, so command keys never fire while a field has focus.
/// Editing keys follow readline: Left/Right, Home/End and Ctrl-A/Ctrl-E, Backspace/Delete (Ctrl-H,
/// Ctrl-D), Ctrl-U deletes to the start of the line, Ctrl-K to the end, Ctrl-W the word before the
/// cursor, Alt-B/Alt-F move by words. Enter, Esc, Tab and Shift-Tab are reported to the caller.
/// Text longer than the field scrolls sideways to keep the cursor in view.
public struct LineInput: Hashable, Sendable {
    /// The characters, one grapheme cluster each, so the cursor never lands inside an emoji.
    private var characters: [Character]
    /// Cursor position in characters (0 = before the first).
    public private(set) var cursor: Int
    /// First visible character (horizontal scroll).
    public private(set) var scroll: Int = 0
    /// Shown dimmed while the field is empty.
    public var placeholder: String
    /// Maximum number of characters, if any.
    public var maxLength: Int?

    public init(text: String = "", placeholder: String = "", maxLength: Int? = nil) {
        self.characters = []
        self.cursor = 0
        self.placeholder = placeholder
        self.maxLength = maxLength
        insert(text)
    }

    /// The field's text.
    public var text: String {
        get { String(characters) }
        set {
            characters = []
            cursor = 0
            scroll = 0
            insert(newValue)
        }
    }

    public var isEmpty: Bool { characters.isEmpty }

    /// Inserts text at the cursor (typed or pasted). Control and invisible format characters are
    /// dropped and newlines and tabs become spaces, so the field only ever holds what it shows.
    public mutating func insert(_ string: String) {
        for character in string {
            var character = character
            if character == "\n" || character == "\r\n" || character == "\r" || character == "\t" { character = " " }
            let scalars = character.unicodeScalars
            if scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || Sanitizer.needsPlaceholder($0) }) { continue }
            if TextWidth.width(of: character) == 0, cursor > 0 {
                // A combining mark typed after its base joins it, as it does on screen.
                let joined = String(characters[cursor - 1]) + String(character)
                if joined.count == 1 {
                    characters[cursor - 1] = Character(joined)
                    continue
                }
            }
            if let maxLength, characters.count >= maxLength { break }
            characters.insert(character, at: cursor)
            cursor += 1
        }
    }

    /// Moves the cursor (clamped).
    public mutating func moveCursor(to position: Int) {
        cursor = min(max(0, position), characters.count)
    }

    /// Handles an event: keys as in `handle(_ key:)`, a paste is inserted.
    public mutating func handle(_ event: InputEvent) -> KeyResult {
        switch event {
        case .mouse: return .ignored   // fields and popups take keys only
        case .key(let key): return handle(key)
        case .paste(let text):
            insert(text)
            return .handled
        case .resize: return .ignored
        }
    }

    public mutating func handle(_ key: Key) -> KeyResult {
        switch key {
        case .char(let character):
            insert(String(character))
        case .enter: return .submitted
        case .escape: return .cancelled
        case .tab: return .focusNext
        case .backTab: return .focusPrevious
        case .left, .ctrl("b"): moveCursor(to: cursor - 1)
        case .right, .ctrl("f"): moveCursor(to: cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return .handled }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return .handled }
            characters.remove(at: cursor)
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .alt("b"): cursor = wordStart(before: cursor)
        case .alt("f"): cursor = wordEnd(after: cursor)
        case .alt("d"):
            characters.removeSubrange(cursor..<wordEnd(after: cursor))
        default:
            return .ignored
        }
        return .handled
    }

    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0 && characters[index - 1].isWhitespace { index -= 1 }
        while index > 0 && !characters[index - 1].isWhitespace { index -= 1 }
        return index
    }

    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count && characters[index].isWhitespace { index += 1 }
        while index < characters.count && !characters[index].isWhitespace { index += 1 }
        return index
    }

    /// Draws the field into one row of `area` and, when focused, places the terminal cursor.
    public mutating func render(in area: Rect, buffer: inout CellBuffer, style: Style, placeholderStyle: Style,
                                focused: Bool) {
        guard area.width > 0, area.height > 0 else { return }
        let row = area.row(0)
        let width = row.width
        buffer.fill(row, style: style)
        adjustScroll(width: width)
        if characters.isEmpty && !placeholder.isEmpty {
            buffer.put(placeholder, at: row.origin, style: placeholderStyle, maxWidth: width)
        } else {
            buffer.put(String(characters[scroll...]), at: row.origin, style: style, maxWidth: width)
        }
        if focused {
            let column = TextWidth.width(of: String(characters[scroll..<cursor]))
            buffer.cursor = Point(x: row.x + min(column, width - 1), y: row.y)
        }
    }

    /// Keeps the cursor inside a field `width` columns wide, using the space as fully as possible.
    private mutating func adjustScroll(width: Int) {
        let room = max(1, width - 1)  // one column for the cursor after the last character
        scroll = min(scroll, cursor)
        while scroll < cursor && TextWidth.width(of: String(characters[scroll..<cursor])) > room { scroll += 1 }
        // After deleting, pull text back into view rather than leave the field half empty.
        while scroll > 0 && TextWidth.width(of: String(characters[(scroll - 1)...])) <= room { scroll -= 1 }
    }
}
