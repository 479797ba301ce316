/// A mouse action the console understands: a click or double click on a cell, or the wheel, as
/// htop, lazygit and k9s take them. Off with `mouse = false` in config.toml, for people who select
/// text with the mouse instead.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case click, doubleClick, wheelUp, wheelDown
    }

    public var kind: Kind
    /// The cell, from the top left of the screen.
    public var point: Point

    public init(_ kind: Kind, at point: Point) {
        self.kind = kind
        self.point = point
    }

    /// Lines one wheel notch scrolls.
    public static let wheelLines = 3
}
