/// The commands the console understands and the keys they are bound to out of the box (vi keys
/// alongside arrows, as in mutt, tig and lazygit). Users remap keys in `config.toml`.
public enum DefaultBindings {
    /// Every `:` command, for completion and for help.
    public static let commands: [CommandSpec] = [
        CommandSpec("quit", "Quit Helpdesk", aliases: ["q!", "qa", "exit"]),
        CommandSpec("back", "Back to the previous screen (quit from the queue)", aliases: ["q"]),
        CommandSpec("help", "Show the keys of this screen", aliases: ["h"]),
        CommandSpec("prompt", "Type a command (:)"),
        CommandSpec("refresh", "Re-read the store now"),
        CommandSpec("redraw", "Repaint the whole screen"),
        CommandSpec("down", "Move down"),
        CommandSpec("up", "Move up"),
        CommandSpec("first", "Go to the first line"),
        CommandSpec("last", "Go to the last line"),
        CommandSpec("half-page-down", "Half a page down"),
        CommandSpec("half-page-up", "Half a page up"),
        CommandSpec("page-down", "A page down"),
        CommandSpec("page-up", "A page up"),
        CommandSpec("open", "Open the selected ticket, or ticket N", usage: "open [N]"),
        CommandSpec("filter", "Filter the list as you type (Esc clears, Enter keeps)", usage: "filter [TEXT]"),
        CommandSpec("search", "Find text in the thread", usage: "search [TEXT]"),
        CommandSpec("next-match", "Next match"),
        CommandSpec("prev-match", "Previous match"),
        CommandSpec("next-pane", "Move focus to the next pane"),
        CommandSpec("view", "Show a view (by name or number)", usage: "view NAME|N"),
        CommandSpec("claim", "Assign the ticket to me"),
        CommandSpec("assign", "Assign the ticket to an agent", usage: "assign [LOGIN|none]"),
        CommandSpec("status", "Set the ticket's status", usage: "status [STATUS]"),
        CommandSpec("priority", "Set the ticket's priority", usage: "priority [PRIORITY]"),
        CommandSpec("theme", "Switch the colour theme", usage: "theme NAME|PATH"),
    ]

    public static func spec(named name: String) -> CommandSpec? {
        commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    static let movement: [KeyBinding] = [
        KeyBinding(.char("j"), "down", "Move down"),
        KeyBinding(.down, "down", "Move down"),
        KeyBinding(.char("k"), "up", "Move up"),
        KeyBinding(.up, "up", "Move up"),
        KeyBinding(.char("g"), "first", "First line"),
        KeyBinding(.home, "first", "First line"),
        KeyBinding(.char("G"), "last", "Last line"),
        KeyBinding(.end, "last", "Last line"),
        KeyBinding(.ctrl("d"), "half-page-down", "Half a page down"),
        KeyBinding(.ctrl("u"), "half-page-up", "Half a page up"),
        KeyBinding(.pageDown, "page-down", "A page down"),
        KeyBinding(.ctrl("f"), "page-down", "A page down"),
        KeyBinding(.pageUp, "page-up", "A page up"),
        KeyBinding(.ctrl("b"), "page-up", "A page up"),
    ]

    static let ticketActions: [KeyBinding] = [
        KeyBinding(.char("c"), "claim", "Claim: assign to me"),
        KeyBinding(.char("a"), "assign", "Assign to an agent"),
        KeyBinding(.char("s"), "status", "Set status"),
        KeyBinding(.char("p"), "priority", "Set priority"),
    ]

    public static let global: [KeyBinding] = [
        KeyBinding(.char("?"), "help", "Help: the keys of this screen"),
        KeyBinding(.function(1), "help", "Help"),
        KeyBinding(.char(":"), "prompt", "Command line"),
        KeyBinding(.char("q"), "back", "Back (quit from the queue)"),
        KeyBinding(.char("Q"), "quit", "Quit from anywhere"),
        KeyBinding(.ctrl("c"), "quit", "Quit"),
        KeyBinding(.char("R"), "refresh", "Refresh from the store"),
        KeyBinding(.function(5), "refresh", "Refresh from the store"),
        KeyBinding(.ctrl("l"), "redraw", "Repaint the screen"),
    ]

    public static let queue: [KeyBinding] = movement + [
        KeyBinding(.enter, "open", "Open the selected ticket"),
        KeyBinding(.char("/"), "filter", "Filter this list"),
        KeyBinding(.char("n"), "next-match", "Next ticket matching the filter"),
        KeyBinding(.char("N"), "prev-match", "Previous ticket matching the filter"),
        KeyBinding(.tab, "next-pane", "Switch between views and tickets"),
    ] + (1...9).map { KeyBinding(.char(Character("\($0)")), CommandInvocation("view", ["\($0)"]), "View \($0)") }
      + ticketActions

    public static let ticket: [KeyBinding] = movement + [
        KeyBinding(.char(" "), "page-down", "A page down"),
        KeyBinding(.char("/"), "search", "Find text in the thread"),
        KeyBinding(.char("n"), "next-match", "Next match"),
        KeyBinding(.char("N"), "prev-match", "Previous match"),
        KeyBinding(.escape, "back", "Back to the queue"),
        KeyBinding(.tab, "next-pane", "Switch between the thread and the customer card"),
    ] + ticketActions

    public static let help: [KeyBinding] = movement + [
        KeyBinding(.escape, "back", "Close help"),
        KeyBinding(.enter, "back", "Close help"),
    ]

    /// The tables before the user's config is applied.
    public static var keyMap: KeyMap {
        KeyMap(tables: ["global": global, "queue": queue, "ticket": ticket, "help": help])
    }
}
