/// How many terminal columns text occupies, and the truncating, padding and wrapping built on that.
///
/// Computed in Swift from Unicode scalar properties plus a table of East Asian wide ranges, so results do
/// not depend on the process locale (`wcwidth` answers -1 for everything non-ASCII until `setlocale`
/// runs, which tests never do). Rules, per grapheme cluster (what the user perceives as one character):
/// CJK ideographs, kana, Hangul syllables and fullwidth forms take 2; emoji with emoji presentation, or
/// made emoji by VS16 (U+FE0F), skin tones or ZWJ sequences take 2, as do flag pairs; combining marks,
/// zero-width and format characters take 0; everything else takes 1.
public enum TextWidth {
    /// The display width of a whole string.
    public static func width(of text: String) -> Int {
        if let ascii = asciiWidth(text) { return ascii }
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// The display width of a substring (same rules as `width(of: String)`).
    public static func width(of text: Substring) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// The display width of one grapheme cluster.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value >= 0x20 && first.value < 0x7F {
            // A keycap ("1️⃣") starts with an ASCII digit and is an emoji.
            if scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x20E3 }) { return 2 }
            return 1
        }
        let base = width(of: first)
        if scalars.count == 1 { return base }
        if first.properties.isEmoji || (0x1F1E6...0x1F1FF).contains(first.value) {
            for scalar in scalars.dropFirst() {
                switch scalar.value {
                case 0xFE0F, 0x200D, 0x1F3FB...0x1F3FF, 0x1F1E6...0x1F1FF, 0xE0020...0xE007F: return 2
                default: continue
                }
            }
        }
        if base == 0 {
            // A cluster that starts with a zero-width scalar (a lone combining mark, say) still shows as
            // one cell in practice: the renderer puts a dotted base under it.
            return scalars.contains(where: { width(of: $0) > 0 }) ? scalars.map { width(of: $0) }.max()! : 0
        }
        return base
    }

    /// The display width of one scalar on its own.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }
        if value < 0x300 { return 1 }
        if value >= 0x1160 && value <= 0x11FF { return 0 }  // Hangul medial vowels and final consonants join the syllable.
        if value == 0x200B { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .surrogate: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        return isEastAsianWide(value) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth ranges (UAX #11) that are not covered by emoji presentation.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF,
        0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isEastAsianWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound { high = mid - 1 } else if value > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// Width of printable ASCII text without walking grapheme clusters (nil if not printable ASCII).
    static func asciiWidth(_ text: String) -> Int? {
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            count += 1
        }
        return count
    }

    // MARK: - Fitting text into columns

    /// Cuts `text` to at most `width` columns, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if let ascii = asciiWidth(text), ascii <= width { return text }
        if TextWidth.width(of: text) <= width { return text }
        let ellipsisWidth = TextWidth.width(of: ellipsis)
        guard ellipsisWidth <= width else { return prefix(text, fittingWidth: width) }
        return prefix(text, fittingWidth: width - ellipsisWidth) + ellipsis
    }

    /// The longest prefix of whole characters that fits in `width` columns.
    public static func prefix(_ text: String, fittingWidth width: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = TextWidth.width(of: text[index])
            if used + w > width { break }
            used += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// Where text sits when padded to a width.
    public enum Alignment: Hashable, Sendable {
        case left, right, center
    }

    /// Truncates or pads with spaces to exactly `width` columns (one column short when a wide character
    /// would not fit, padded with a space so columns still line up).
    public static func pad(_ text: String, toWidth width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let fitted = truncate(text, toWidth: width)
        let gap = width - TextWidth.width(of: fitted)
        guard gap > 0 else { return fitted }
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + fitted
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
        }
    }

    /// Soft-wraps text to `width` columns: breaks at spaces, breaks words longer than a line, keeps
    /// explicit newlines (an empty line stays an empty line) and drops the spaces a break lands on.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let characters = Array(paragraph)
            for range in wrapRanges(characters, width: width) {
                lines.append(String(characters[range]))
            }
        }
        return lines
    }

    /// The line ranges (indices into `characters`) a soft wrap at `width` produces for one paragraph
    /// without newlines. Always at least one (possibly empty) range. Shared by styled text wrapping.
    public static func wrapRanges(_ characters: [Character], width: Int) -> [Range<Int>] {
        guard !characters.isEmpty else { return [0..<0] }
        let width = max(1, width)
        var ranges: [Range<Int>] = []
        var lineStart = 0
        var lineWidth = 0
        var lastBreak: Int? = nil  // index just after the last space on the current line
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let w = TextWidth.width(of: character)
            if character == " " {
                lastBreak = index + 1
            }
            if lineWidth + w > width && index > lineStart {
                if character == " " {
                    // The break falls on a space: end the line here, skip the spaces.
                    ranges.append(lineStart..<trimTrailingSpaces(characters, lineStart, index))
                    index = skipSpaces(characters, index)
                } else if let breakAt = lastBreak, trimTrailingSpaces(characters, lineStart, breakAt) > lineStart {
                    ranges.append(lineStart..<trimTrailingSpaces(characters, lineStart, breakAt))
                    index = breakAt
                } else {
                    ranges.append(lineStart..<index)  // a word longer than the line: cut it
                }
                lineStart = index
                lineWidth = 0
                lastBreak = nil
                continue
            }
            lineWidth += w
            index += 1
        }
        ranges.append(lineStart..<characters.count)
        return ranges
    }

    private static func trimTrailingSpaces(_ characters: [Character], _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start && characters[end - 1] == " " { end -= 1 }
        return end
    }

    private static func skipSpaces(_ characters: [Character], _ index: Int) -> Int {
        var index = index
        while index < characters.count && characters[index] == " " { index += 1 }
        return index
    }
}
