/// One screen cell: a grapheme cluster and its style.
///
/// A wide character (CJK, most emoji) covers two cells: the left one holds the grapheme, the right one
/// is a continuation cell with an empty grapheme, so rows stay indexable by column.
public struct Cell: Hashable, Sendable {
    public var grapheme: String
    public var style: Style
    /// True for the right half of a wide character.
    public var isContinuation: Bool

    public init(_ grapheme: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An unstyled space: what a cleared screen holds.
    public static let blank = Cell()

    static func continuation(style: Style) -> Cell { Cell("", style: style, isContinuation: true) }
}
