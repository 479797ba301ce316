import HelpdeskCore

/// A run of text in one style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One logical line made of styled spans (a message header, a help row with a highlighted key). It
/// holds no newlines; `TextView` wraps it to the width it gets.
public struct StyledLine: Hashable, Sendable, ExpressibleByStringInterpolation {
    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, style: Style = .plain) { self.spans = [Span(text, style: style)] }
    public init(stringLiteral value: String) { self.init(value) }

    /// An empty line.
    public static let empty = StyledLine([])

    /// The text without styles.
    public var plainText: String { spans.map(\.text).joined() }

    /// Display width of the whole line.
    public var width: Int { spans.reduce(0) { $0 + TextWidth.width(of: $1.text) } }

    /// Splits multi-line text into styled lines (sanitizing it for multi-line display first).
    public static func lines(from text: String, style: Style = .plain) -> [StyledLine] {
        Sanitizer.sanitize(text, options: .multiLine)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { StyledLine(String($0), style: style) }
    }
}
