import HelpdeskCore

/// Where a word occurs in wrapped lines (ignoring case), and those lines with every occurrence
/// painted: the thread search (`/` on a ticket) shows all matches at once, the current one apart, as
/// less and vim do.
struct SearchHighlight: Hashable, Sendable {
    /// One occurrence: the line, and the character offsets within it.
    struct Match: Hashable, Sendable {
        var line: Int
        var range: Range<Int>
    }

    let needle: String
    private(set) var matches: [Match] = []

    /// Finds every occurrence of `needle` in `lines`. Lines are searched one by one (a word split by a
    /// wrap is not found, as in less), characters compared lower-cased.
    init(needle: String, lines: [StyledLine]) {
        self.needle = needle
        let wanted = needle.map { $0.lowercased() }
        guard !wanted.isEmpty else { return }
        for (index, line) in lines.enumerated() {
            let hay = line.plainText.map { $0.lowercased() }
            guard hay.count >= wanted.count else { continue }
            var start = 0
            while start + wanted.count <= hay.count {
                if hay[start] == wanted[0], Array(hay[start..<start + wanted.count]) == wanted {
                    matches.append(Match(line: index, range: start..<start + wanted.count))
                    start += wanted.count
                } else {
                    start += 1
                }
            }
        }
    }

    /// The first match at or after line `line` (or before it, going backwards), wrapping around.
    func index(from line: Int, forward: Bool) -> Int? {
        guard !matches.isEmpty else { return nil }
        if forward { return matches.firstIndex { $0.line >= line } ?? 0 }
        return matches.lastIndex { $0.line <= line } ?? matches.count - 1
    }

    /// `line` with its matches in `style`, the `current` match in `currentStyle`.
    func paint(_ line: StyledLine, at index: Int, style: Style, currentStyle: Style, current: Int?) -> StyledLine {
        let here = matches.enumerated().filter { $0.element.line == index }
        guard !here.isEmpty else { return line }
        var characters: [(Character, Style)] = []
        for span in line.spans { for c in span.text { characters.append((c, span.style)) } }
        for (number, match) in here {
            let paintStyle = number == current ? currentStyle : style
            for i in match.range where i < characters.count { characters[i].1 = paintStyle }
        }
        var spans: [Span] = []
        for (c, s) in characters {
            if let last = spans.last, last.style == s {
                spans[spans.count - 1].text.append(c)
            } else {
                spans.append(Span(String(c), style: s))
            }
        }
        return StyledLine(spans)
    }
}
