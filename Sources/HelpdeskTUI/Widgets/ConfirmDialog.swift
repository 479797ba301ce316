import HelpdeskCore

/// A yes/no question in a popup ("Close 12 tickets?").
///
/// `y` confirms and `n`, `q` or Esc cancel at once; Left/Right/Tab move between the buttons and Enter
/// presses the focused one. The focus starts on the safe answer unless told otherwise.
public struct ConfirmDialog: Hashable, Sendable {
    public var title: String
    public var message: String
    public var confirmLabel: String
    public var cancelLabel: String
    /// True when the confirm button has focus.
    public var confirmFocused: Bool

    public init(title: String, message: String, confirmLabel: String = "Yes", cancelLabel: String = "No",
                confirmFocused: Bool = false) {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        self.confirmFocused = confirmFocused
    }

    /// `.submitted` for yes, `.cancelled` for no, `.handled` for focus moves.
    public mutating func handle(_ key: Key) -> KeyResult {
        switch key {
        case .char("y"), .char("Y"): return .submitted
        case .char("n"), .char("N"), .char("q"), .escape: return .cancelled
        case .left, .right, .tab, .backTab, .char("h"), .char("l"):
            confirmFocused.toggle()
            return .handled
        case .enter: return confirmFocused ? .submitted : .cancelled
        default: return .handled  // a modal dialog swallows everything else
        }
    }

    public func render(in screen: Rect, buffer: inout CellBuffer, styles: PopupStyles) {
        let width = min(screen.width, max(30, min(60, TextWidth.width(of: message) + 4), TextWidth.width(of: title) + 6))
        let lines = TextWidth.wrap(Sanitizer.sanitize(message, options: .multiLine), width: max(1, width - 4))
        let inner = Popup.frame(width: width, height: lines.count + 4, in: screen, title: title, styles: styles, buffer: &buffer)
        for (index, line) in lines.enumerated() where index < inner.height - 2 {
            buffer.put(line, at: Point(x: inner.x + 1, y: inner.y + index), style: styles.body, maxWidth: inner.width - 1)
        }
        let yes = "[ \(confirmLabel) ]", no = "[ \(cancelLabel) ]"
        let buttonsWidth = TextWidth.width(of: yes) + 2 + TextWidth.width(of: no)
        let x = inner.x + max(0, (inner.width - buttonsWidth) / 2)
        let y = inner.maxY - 1
        let used = buffer.put(yes, at: Point(x: x, y: y), style: confirmFocused ? styles.selected : styles.body, maxWidth: inner.maxX - x)
        buffer.put(no, at: Point(x: x + used + 2, y: y), style: confirmFocused ? styles.body : styles.selected,
                   maxWidth: max(0, inner.maxX - x - used - 2))
    }
}
