/// Makes untrusted text (customer messages, subjects, names) safe to put on a terminal.
///
/// Customer text is hostile: an `ESC ] 52` sequence can write the agent's clipboard, `ESC ] 0` retitles
/// the window, `ESC [ 2 J` wipes the screen, a C1 `0x9B` is CSI on some terminals, a carriage return or
/// backspace can overwrite what was printed, and bidi overrides (U+202E) make text read differently
/// from what it is. Nothing is silently dropped: every such code point becomes a visible placeholder,
/// so an agent can see that something odd was sent.
///
/// - C0 controls become the Control Pictures (ESC → `␛`, BEL → `␇`, CR → `␍`, NUL → `␀`), DEL → `␡`.
///   Escape sequences therefore show as their text, e.g. `␛[31m` or `␛]0;title␇`, and never act.
/// - C1 controls (U+0080–U+009F), bidi controls and other invisible format characters become
///   `⟨U+202E⟩`-style placeholders.
/// - Newlines are kept only where the caller allows multi-line text (CR LF counts as one newline); tabs
///   become spaces up to the next tab stop, or `␉` in single-line text when asked.
/// - Zero-width joiners, variation selectors and emoji tag characters stay: emoji sequences need them.
///
/// It lives in the domain (with `TextWidth`, which it needs for tab stops) because the console is not
/// the only place such text reaches a terminal: error messages of the CLI and of the store quote
/// fields from import files, store records and arguments, and pass through the same rules.
public enum Sanitizer {
    /// What the caller can display besides plain characters.
    public struct Options: Hashable, Sendable {
        /// Keep `\n` (and treat `\r\n` as `\n`); otherwise newlines show as `␊`.
        public var allowsNewlines: Bool
        /// Expand tabs to spaces up to the next multiple of this many columns; nil shows `␉` instead.
        public var tabWidth: Int?

        public init(allowsNewlines: Bool, tabWidth: Int?) {
            self.allowsNewlines = allowsNewlines
            self.tabWidth = tabWidth
        }

        /// One line of text (table cells, titles): newline shows as `␊`, a tab becomes one space.
        public static let singleLine = Options(allowsNewlines: false, tabWidth: 1)
        /// Message bodies: newlines kept, tabs expanded to 4-column stops.
        public static let multiLine = Options(allowsNewlines: true, tabWidth: 4)
    }

    /// The safe, displayable form of `text`. Returns `text` itself when it needs no change.
    public static func sanitize(_ text: String, options: Options = .singleLine) -> String {
        if isSafe(text, options: options) { return text }
        var output = String.UnicodeScalarView()
        output.reserveCapacity(text.unicodeScalars.count + 16)
        var column = 0  // display column within the current line, for tab stops
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A:
                if options.allowsNewlines {
                    if previousWasCR { output.removeLast() }  // the CR of a CR LF pair: drop its ␍ again
                    output.append(scalar)
                    column = 0
                } else {
                    output.append(controlPicture(scalar))
                    column += 1
                }
            case 0x09:
                if let tabWidth = options.tabWidth, tabWidth > 0 {
                    let spaces = tabWidth - column % tabWidth
                    output.append(contentsOf: String(repeating: " ", count: spaces).unicodeScalars)
                    column += spaces
                } else {
                    output.append(controlPicture(scalar))
                    column += 1
                }
            case 0x00..<0x20, 0x7F:
                output.append(controlPicture(scalar))
                column += 1
            default:
                if needsPlaceholder(scalar) {
                    let placeholder = codePointPlaceholder(scalar)
                    output.append(contentsOf: placeholder.unicodeScalars)
                    column += placeholder.unicodeScalars.count
                } else {
                    output.append(scalar)
                    column += TextWidth.width(of: scalar)
                }
            }
        }
        return String(output)
    }

    /// Decodes bytes as UTF-8 (invalid sequences become U+FFFD) and sanitizes the result.
    public static func sanitize(bytes: [UInt8], options: Options = .singleLine) -> String {
        sanitize(String(decoding: bytes, as: UTF8.self), options: options)
    }

    /// True when `text` can go to the terminal unchanged.
    public static func isSafe(_ text: String, options: Options = .singleLine) -> Bool {
        for byte in text.utf8 {
            if byte >= 0x20 && byte != 0x7F && byte < 0x80 { continue }
            if byte == 0x0A && options.allowsNewlines { continue }
            if byte < 0x80 { return false }
            return scalarsAreSafe(text)  // non-ASCII: look at the scalars properly
        }
        return true
    }

    private static func scalarsAreSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            let value = scalar.value
            if value < 0x80 { return value == 0x7F || (value < 0x20 && value != 0x0A) }
            return needsPlaceholder(scalar)
        }
    }

    /// True for a non-ASCII scalar that must not reach the terminal as itself.
    public static func needsPlaceholder(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x80 && value <= 0x9F { return true }  // C1 controls
        switch value {
        case 0x200C, 0x200D: return false  // joiners: emoji and Indic scripts need them
        case 0xE0020...0xE007F: return false  // tag characters: subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿)
        case 0x2028, 0x2029: return true  // line and paragraph separators move the cursor on some terminals
        case 0xAD: return false  // a soft hyphen is harmless and common in pasted text
        default: break
        }
        // Bidi controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C) and the other invisible format
        // characters (zero-width space, word joiner, BOM, interlinear annotation) are all category Cf.
        return scalar.properties.generalCategory == .format
    }

    /// `␀`…`␟` for C0 controls, `␡` for DEL.
    static func controlPicture(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value == 0x7F { return "\u{2421}" }
        return Unicode.Scalar(0x2400 + scalar.value)!
    }

    /// `⟨U+202E⟩`: a visible stand-in for an invisible or control code point.
    static func codePointPlaceholder(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "⟨U+\(hex)⟩"
    }
}
