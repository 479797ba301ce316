import HelpdeskCore

/// A popup that tells the user something (an error that needs reading, "Draft saved").
/// Enter, Esc, Space or q dismiss it (`.submitted`); other keys are swallowed while it shows.
public struct MessageBox: Hashable, Sendable {
    public var title: String
    public var message: String
    /// Style of the message text (an error style for failures).
    public var messageStyle: Style?

    public init(title: String, message: String, messageStyle: Style? = nil) {
        self.title = title
        self.message = message
        self.messageStyle = messageStyle
    }

    public func handle(_ key: Key) -> KeyResult {
        switch key {
        case .enter, .escape, .char(" "), .char("q"): return .submitted
        default: return .handled
        }
    }

    public func render(in screen: Rect, buffer: inout CellBuffer, styles: PopupStyles) {
        let longest = message.split(separator: "\n").map { TextWidth.width(of: Sanitizer.sanitize(String($0))) }.max() ?? 0
        let width = min(screen.width, max(24, min(70, longest + 4), TextWidth.width(of: title) + 6))
        let lines = TextWidth.wrap(Sanitizer.sanitize(message, options: .multiLine), width: max(1, width - 4))
        let height = min(screen.height, lines.count + 2)
        let inner = Popup.frame(width: width, height: height, in: screen, title: title, styles: styles, buffer: &buffer)
        for (index, line) in lines.enumerated() where index < inner.height {
            buffer.put(line, at: Point(x: inner.x + 1, y: inner.y + index), style: messageStyle ?? styles.body,
                       maxWidth: inner.width - 1)
        }
    }
}
