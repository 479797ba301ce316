/// Styles shared by popups (pickers, dialogs, message boxes).
public struct PopupStyles: Hashable, Sendable {
    public var body: Style
    public var border: Style
    public var title: Style
    public var selected: Style
    public var dim: Style
    public var input: Style
    public var placeholder: Style
    public var box: BoxStyle

    public init(body: Style, border: Style, title: Style, selected: Style, dim: Style, input: Style,
                placeholder: Style, box: BoxStyle = .rounded) {
        self.body = body
        self.border = border
        self.title = title
        self.selected = selected
        self.dim = dim
        self.input = input
        self.placeholder = placeholder
        self.box = box
    }

    /// The theme's popup styles; ASCII borders when the terminal cannot draw lines.
    public init(theme: Theme, unicode: Bool = true) {
        self.init(body: theme[.popup], border: theme[.popupBorder], title: theme[.popupBorder].bold(),
                  selected: theme[.pickerSelected], dim: theme[.textDim], input: theme[.input],
                  placeholder: theme[.inputPlaceholder], box: unicode ? .rounded : .ascii)
    }
}

/// Frames for popups drawn over a screen.
public enum Popup {
    /// Clears a centred `width`×`height` box inside `screen`, draws its border and title, and returns
    /// the inside area.
    @discardableResult
    public static func frame(width: Int, height: Int, in screen: Rect, title: String?, styles: PopupStyles,
                             buffer: inout CellBuffer) -> Rect {
        let outer = screen.centered(width: width, height: height)
        buffer.fill(outer, style: styles.body)
        buffer.drawBox(outer, style: styles.border, box: styles.box, title: title, titleStyle: styles.title)
        return outer.inset(by: 1)
    }
}
