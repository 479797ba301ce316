/// A place frames are shown and input comes from: the real ncurses screen or an in-memory one for
/// tests, in the manner of ratatui's backends.
///
/// The event loop owns one terminal. It renders a `CellBuffer` of `size` and calls `draw`; the backend
/// sends only what changed since the previous frame. To wait for input together with other file
/// descriptors (the store's change feed), `poll()` on `inputFileDescriptor` and then drain events with
/// `readEvent(timeout: 0)` until it returns nil: a backend may hold buffered input that poll cannot see.
/// A signal (a window resize) also ends `poll()` with EINTR; draining then yields the `.resize` event.
public protocol Terminal: AnyObject {
    /// The current screen size; frames should be rendered at this size.
    var size: Size { get }
    /// Colour count and Unicode support, for degrading styles and choosing glyphs.
    var capabilities: TerminalCapabilities { get }
    /// The descriptor input arrives on, for `poll()`.
    var inputFileDescriptor: Int32 { get }
    /// Shows a frame. Render at `size`: a buffer of another size is drawn from the top left and clipped.
    func draw(_ buffer: CellBuffer)
    /// The next input event, waiting at most `milliseconds` (negative waits forever); nil on timeout.
    func readEvent(timeout milliseconds: Int) -> InputEvent?
    /// Hands the terminal to another program (an editor): the screen is restored to normal mode.
    func suspend()
    /// Takes the terminal back after `suspend`: the next `draw` repaints everything, and a size change
    /// that happened meanwhile is reported as a `.resize` event.
    func resume()
    /// Forgets what the screen is believed to show, so the next `draw` clears and repaints every cell
    /// (Ctrl-L: a `wall` message or a stray write over SSH garbled the screen behind our back).
    func invalidate()
    /// Asks for mouse clicks and wheel events (or stops asking); they arrive as `.mouse` events.
    func setMouse(enabled: Bool)
    /// Restores the terminal for good. Safe to call more than once and from any cleanup path.
    func shutdown()
}
