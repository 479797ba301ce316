import HelpdeskCore

/// One screen of the console (queue, ticket, help). Like tig's views, every screen offers the same
/// small set of operations; the console routes commands and text to the screen on top.
public protocol Screen: AnyObject {
    /// The binding table this screen uses ("queue", "ticket", "help").
    var bindingTable: String { get }
    /// Shown in the status line.
    var title: String { get }
    /// True while a text field of the screen has focus: keys then type instead of running commands.
    var capturesText: Bool { get }
    /// Draws the screen into `area`.
    func render(in area: Rect, buffer: inout CellBuffer, console: Console)
    /// Runs a command if it is one this screen handles; false passes it on to the console.
    func perform(_ command: CommandInvocation, console: Console) -> Bool
    /// Input while `capturesText` is true.
    func handleText(_ event: InputEvent, console: Console)
    /// A click or wheel turn at a screen cell (the screen knows where it drew what).
    func handleMouse(_ event: MouseEvent, console: Console)
    /// The store changed (another agent, or this console): refresh what is shown.
    func storeChanged(_ events: [Event], console: Console)
    /// Whether leaving would lose something the user typed (asked before quitting).
    var hasUnsavedWork: Bool { get }
    /// A reply or note is being written here: shown to other consoles as "replying" for as long as
    /// the screen is open, typed into or not.
    var isComposing: Bool { get }
    /// A one-line hint shown when there is no message (the most useful keys).
    func hint(console: Console) -> String?
}

public extension Screen {
    var capturesText: Bool { false }
    func handleText(_ event: InputEvent, console: Console) {}
    func handleMouse(_ event: MouseEvent, console: Console) {}
    func storeChanged(_ events: [Event], console: Console) {}
    var hasUnsavedWork: Bool { false }
    var isComposing: Bool { false }
    func hint(console: Console) -> String? { nil }
}
