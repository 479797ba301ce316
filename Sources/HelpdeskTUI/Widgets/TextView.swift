import HelpdeskCore

/// Scroll position of a `TextView`, owned by the screen. `render` records the content and viewport
/// heights so key handling can clamp without re-wrapping.
public struct TextViewState: Hashable, Sendable {
    /// First visible wrapped line.
    public var offset: Int
    /// Wrapped line count at the last render.
    public private(set) var lineCount: Int = 0
    /// Rows available at the last render.
    public private(set) var viewportHeight: Int = 0

    public init(offset: Int = 0) { self.offset = offset }

    /// The largest useful offset: the last line at the bottom of the viewport.
    public var maxOffset: Int { max(0, lineCount - max(1, viewportHeight)) }
    /// True when the last line is visible.
    public var isAtEnd: Bool { offset >= maxOffset }

    mutating func record(lineCount: Int, viewportHeight: Int) {
        self.lineCount = lineCount
        self.viewportHeight = viewportHeight
        offset = min(max(0, offset), maxOffset)
    }

    /// Scrolls so wrapped line `line` is at the top (clamped at the next render).
    public mutating func scroll(toLine line: Int) { offset = max(0, line) }

    /// Scrolls to the end (clamped at the next render).
    public mutating func scrollToEnd() { offset = Int.max / 2 }
}

/// Scrollable, soft-wrapped, styled multi-line text: the ticket thread, the help screen.
///
/// Keys: j/k/arrows one line, Space/PgDn/Ctrl-f and PgUp/Ctrl-b a page, Ctrl-d/Ctrl-u half a page,
/// g/Home top, G/End bottom.
public struct TextView: Sendable {
    public var lines: [StyledLine]
    /// Wrap long lines at the width (otherwise they are cut).
    public var wraps: Bool
    /// Background for the area.
    public var style: Style

    public init(lines: [StyledLine], wraps: Bool = true, style: Style = .plain) {
        self.lines = lines
        self.wraps = wraps
        self.style = style
    }

    /// Multi-line text in one style (sanitized, newlines kept).
    public init(text: String, style: Style = .plain) {
        self.init(lines: StyledLine.lines(from: text, style: style), style: style)
    }

    /// The lines as they appear at `width`.
    public func wrappedLines(width: Int) -> [StyledLine] {
        guard wraps else { return lines }
        var result: [StyledLine] = []
        result.reserveCapacity(lines.count)
        for line in lines { result.append(contentsOf: TextView.wrap(line, width: width)) }
        return result
    }

    /// Wraps one styled line by display width, keeping each character's style.
    public static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
        var characters: [Character] = []
        var styles: [Style] = []
        let options = Sanitizer.Options(allowsNewlines: false, tabWidth: 4)
        for span in line.spans {
            for character in Sanitizer.sanitize(span.text, options: options) {
                characters.append(character)
                styles.append(span.style)
            }
        }
        if characters.isEmpty { return [StyledLine.empty] }
        return TextWidth.wrapRanges(characters, width: width).map { range in
            var spans: [Span] = []
            for index in range {
                if let last = spans.last, last.style == styles[index] {
                    spans[spans.count - 1].text.append(characters[index])
                } else {
                    spans.append(Span(String(characters[index]), style: styles[index]))
                }
            }
            return StyledLine(spans)
        }
    }

    /// Draws the visible part, clamping and recording the scroll state.
    public func render(in area: Rect, buffer: inout CellBuffer, state: inout TextViewState) {
        guard !area.isEmpty else { return }
        let wrapped = wrappedLines(width: area.width)
        state.record(lineCount: wrapped.count, viewportHeight: area.height)
        buffer.fill(area, style: style)
        for row in 0..<area.height {
            let index = state.offset + row
            guard index < wrapped.count else { break }
            buffer.put(wrapped[index], at: Point(x: area.x, y: area.y + row), maxWidth: area.width)
        }
    }

    /// Scroll keys. Uses the sizes recorded by the last `render`.
    public static func handle(_ key: Key, state: inout TextViewState) -> KeyResult {
        let page = max(1, state.viewportHeight)
        switch key {
        case .down, .char("j"), .ctrl("n"), .ctrl("e"): state.offset += 1
        case .up, .char("k"), .ctrl("p"), .ctrl("y"): state.offset -= 1
        case .pageDown, .char(" "), .ctrl("f"): state.offset += page
        case .pageUp, .ctrl("b"): state.offset -= page
        case .ctrl("d"): state.offset += max(1, page / 2)
        case .ctrl("u"): state.offset -= max(1, page / 2)
        case .home, .char("g"): state.offset = 0
        case .end, .char("G"): state.offset = state.maxOffset
        default: return .ignored
        }
        state.offset = min(max(0, state.offset), state.maxOffset)
        return .handled
    }
}
