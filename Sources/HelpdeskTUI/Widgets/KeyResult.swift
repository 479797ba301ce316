/// What a widget did with a key, in the manner of htop's handler flags: the widget changes only its
/// own state and tells the caller what follows, instead of acting on the application.
public enum KeyResult: Hashable, Sendable {
    /// Not a key this widget uses: the caller may give it to someone else.
    case ignored
    /// Consumed; the widget's state may have changed, so redraw.
    case handled
    /// The user confirmed (Enter in a field, a choice in a picker, Yes in a dialog).
    case submitted
    /// The user backed out (Esc, No).
    case cancelled
    /// Tab: move focus to the next field.
    case focusNext
    /// Shift-Tab: move focus to the previous field.
    case focusPrevious
}
