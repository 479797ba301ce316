/// The commands the console understands and the keys they are bound to out of the box (vi keys
/// alongside arrows, as in mutt, tig and lazygit). Users remap keys in `config.toml`.
public enum DefaultBindings {
    /// Every `:` command, for completion and for help.
    public static let commands: [CommandSpec] = [
        CommandSpec("quit", "Quit Helpdesk", aliases: ["q!", "qa", "exit"]),
        CommandSpec("back", "Back to the previous screen (quit from the queue)", aliases: ["q"]),
        CommandSpec("help", "Show the keys of this screen (:help query: the query language)", usage: "help [query]", aliases: ["h"]),
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
        CommandSpec("search", "Search every ticket (in a ticket: find text in the thread)", usage: "search [WORDS]"),
        CommandSpec("next-match", "Next match"),
        CommandSpec("prev-match", "Previous match"),
        CommandSpec("next-pane", "Move focus to the next pane"),
        CommandSpec("next-ticket", "Open the next ticket of the view (]) without going back"),
        CommandSpec("prev-ticket", "Open the previous ticket of the view ([) without going back"),
        CommandSpec("view", "Show a view (by name or number), or every ticket matching a query", usage: "view NAME|N|QUERY"),
        CommandSpec("save-view", "Save this view and its / filter as a personal view", usage: "save-view NAME"),
        CommandSpec("delete-view", "Delete one of your saved views", usage: "delete-view NAME"),
        CommandSpec("claim", "Assign the ticket to me"),
        CommandSpec("assign", "Assign the ticket to an agent", usage: "assign [LOGIN|none]"),
        CommandSpec("status", "Set the ticket's status", usage: "status [STATUS]"),
        CommandSpec("priority", "Set the ticket's priority", usage: "priority [PRIORITY]"),
        CommandSpec("theme", "Switch the colour theme", usage: "theme NAME|PATH"),
        CommandSpec("reply", "Write a public reply to the customer (continues your draft)"),
        CommandSpec("note", "Write an internal note (only agents see it)"),
        CommandSpec("send", "Send the reply or note being written (with a status: send it as that, e.g. send solved)",
                    usage: "send [pending|solved|open|on hold]"),
        CommandSpec("send-status", "Choose the status the ticket gets when the reply is sent (Submit as…)",
                    usage: "send-status [pending|solved|open|on hold]"),
        CommandSpec("preview", "Preview exactly what will be sent"),
        CommandSpec("template", "Insert a template into the reply (placeholders filled)", usage: "template [NAME]"),
        CommandSpec("personal-opening", "Insert the opening line the customer card suggests"),
        CommandSpec("discard", "Throw away the draft being written"),
        CommandSpec("new-ticket", "Open a new ticket (customer, subject, message, channel, priority)", aliases: ["new"]),
        CommandSpec("tags", "Edit the ticket's tags (Tab completes; +tag adds, -tag removes)", usage: "tags [TAG…|+TAG|-TAG]"),
        CommandSpec("edit", "Edit the ticket's subject and group"),
        CommandSpec("history", "Show the ticket's history: who changed what, when"),
        CommandSpec("merge", "Merge the ticket into another (it is closed; its thread is copied)", usage: "merge [N]"),
        CommandSpec("link", "Link the ticket to a related one", usage: "link [N]"),
        CommandSpec("unlink", "Remove a link to another ticket", usage: "unlink [N]"),
        CommandSpec("apply-template", "Apply a template's actions (status, priority, tags)", usage: "apply-template [NAME]"),
        CommandSpec("mark", "Mark or unmark the selected ticket for a bulk action"),
        CommandSpec("mark-range", "Start (or finish) marking a range of tickets"),
        CommandSpec("mark-all", "Mark every ticket in the view"),
        CommandSpec("unmark-all", "Clear all marks"),
        CommandSpec("usual", "Edit the customer's usual order"),
        CommandSpec("preferences", "Add, change, confirm or remove the customer's preferences", aliases: ["prefs"]),
        CommandSpec("promise", "Record a promise to the customer (what, then when)", usage: "promise [TEXT]"),
        CommandSpec("promise-done", "Mark a promise kept or missed"),
        CommandSpec("rate", "Record the score the customer gave you (1–5 and a comment; agent-reported)"),
        CommandSpec("save-attachment", "Save an attachment of the ticket's mail to a file (never over an existing one)"),
        CommandSpec("toggle-quoted", "Show or fold the quoted history of the mail in the thread"),
        CommandSpec("log", "Write down what the customer said on the phone or in person, as their message", usage: "log [phone|walk-in|chat]"),
        CommandSpec("customers", "Open the customers screen", usage: "customers [SEARCH]"),
        CommandSpec("card", "Show or hide the customer card beside the queue"),
        CommandSpec("new-customer", "Add a customer"),
        CommandSpec("stats", "Open the live stats screen ($)"),
        CommandSpec("edit-customer", "Change a customer's details"),
        CommandSpec("merge-customer", "Merge this customer (a duplicate) into another"),
        CommandSpec("templates", "Open the reply templates screen (F2)", usage: "templates [FILTER]"),
        CommandSpec("new-template", "Add a reply template (name, then the body in $EDITOR)"),
        CommandSpec("edit-template", "Edit a template's body in $VISUAL / $EDITOR", usage: "edit-template [NAME]"),
        CommandSpec("rename-template", "Rename the selected template"),
        CommandSpec("template-actions", "Set what sending a template's reply does (status:, priority:, tag:)"),
        CommandSpec("delete-template", "Delete the selected template"),
    ]

    /// The commands that change the store (or start work only the store can keep, like a reply). A console
    /// whose login is not on the roster refuses them up front instead of letting each fail on its own.
    public static let writing: Set<String> = [
        "claim", "assign", "status", "priority", "reply", "note", "send", "new-ticket", "tags", "edit", "merge",
        "link", "unlink", "apply-template", "usual", "preferences", "promise", "promise-done", "rate", "log",
        "new-customer", "edit-customer", "merge-customer", "new-template", "edit-template", "rename-template",
        "template-actions", "delete-template", "save-view", "delete-view", "send-status",
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
        KeyBinding(.char("t"), "tags", "Edit tags"),
        KeyBinding(.char("e"), "edit", "Edit subject and group"),
        KeyBinding(.char("H"), "history", "History of the ticket"),
        KeyBinding(.char("M"), "merge", "Merge into another ticket"),
        KeyBinding(.char("L"), "link", "Link to a related ticket"),
        KeyBinding(.char("T"), "apply-template", "Apply a template's actions"),
        KeyBinding(.char("m"), "new-ticket", "New ticket"),
    ]

    /// Marking tickets in the queue for bulk actions (then c, a, s, p, t or T act on all marked).
    static let marking: [KeyBinding] = [
        KeyBinding(.char(" "), "mark", "Mark/unmark the ticket"),
        KeyBinding(.char("v"), "mark-range", "Start/finish marking a range"),
        KeyBinding(.char("*"), "mark-all", "Mark every ticket in the view"),
        KeyBinding(.escape, "unmark-all", "Clear the marks"),
    ]

    public static let history: [KeyBinding] = movement + [
        KeyBinding(.escape, "back", "Back to the ticket"),
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
        KeyBinding(.char("$"), "stats", "Live stats"),
    ]

    public static let queue: [KeyBinding] = movement + [
        KeyBinding(.enter, "open", "Open the selected ticket"),
        KeyBinding(.char("/"), "filter", "Filter this list (words or a query: status:open tag:vip sort:due)"),
        KeyBinding(.char("S"), "search", "Search every ticket's messages, notes and customer"),
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
        KeyBinding(.char("]"), "next-ticket", "Next ticket of the view"),
        KeyBinding(.char("["), "prev-ticket", "Previous ticket of the view"),
    ] + ticketActions

    /// Customer memory on a ticket (the ticket screen, and the selected row of the queue).
    static let customerMemory: [KeyBinding] = [
        KeyBinding(.char("u"), "usual", "Edit the usual order"),
        KeyBinding(.char("P"), "preferences", "Edit preferences"),
        KeyBinding(.char("f"), "promise", "Record a promise"),
        KeyBinding(.char("F"), "promise-done", "Mark a promise kept or missed"),
        KeyBinding(.char("l"), "log", "Log what the customer said (a call, a visit)"),
        KeyBinding(.char("C"), "customers", "Customers screen"),
    ]

    public static let customers: [KeyBinding] = movement + [
        KeyBinding(.enter, "open", "Open the selected ticket (history) / go to the history"),
        KeyBinding(.char("/"), "filter", "Search customers"),
        KeyBinding(.tab, "next-pane", "Switch between customers and their history"),
        KeyBinding(.escape, "back", "Back"),
        KeyBinding(.char("a"), "new-customer", "Add a customer"),
        KeyBinding(.char("e"), "edit-customer", "Edit the selected customer"),
        KeyBinding(.char("M"), "merge-customer", "Merge the selected customer into another"),
        KeyBinding(.char("u"), "usual", "Edit the usual order"),
        KeyBinding(.char("P"), "preferences", "Edit preferences"),
    ]

    /// Writing a reply or note: every character types, so commands sit on control keys.
    public static let compose: [KeyBinding] = [
        KeyBinding(.ctrl("x"), "send", "Send (with the status shown on the On send line)"),
        KeyBinding(.ctrl("s"), "send-status", "Submit as…: choose the status sending sets (pending, solved, open, on hold)"),
        KeyBinding(.ctrl("t"), "template", "Insert a template"),
        KeyBinding(.ctrl("o"), "personal-opening", "Insert the suggested opening line"),
        KeyBinding(.ctrl("p"), "preview", "Preview what will be sent (again: back to editing)"),
        KeyBinding(.ctrl("e"), "edit", "Edit in $VISUAL / $EDITOR"),
        KeyBinding(.ctrl("k"), "discard", "Discard the draft"),
        KeyBinding(.escape, "back", "Leave, keeping the draft"),
        KeyBinding(.alt("x"), "prompt", "Command line (:send, :template NAME, …)"),
        KeyBinding(.function(10), "prompt", "Command line"),
    ]

    /// Starting a reply or note from a ticket.
    static let drafting: [KeyBinding] = [
        KeyBinding(.char("r"), "reply", "Reply to the customer"),
        KeyBinding(.char("i"), "note", "Internal note"),
    ]

    /// Full-text search results.
    public static let search: [KeyBinding] = movement + [
        KeyBinding(.enter, "open", "Open the selected ticket"),
        KeyBinding(.char("/"), "search", "Search again"),
        KeyBinding(.char("S"), "search", "Search again"),
        KeyBinding(.escape, "back", "Back to the queue"),
    ] + ticketActions

    /// The live stats screen: choose a number, Enter lists the tickets behind it.
    public static let stats: [KeyBinding] = movement + [
        KeyBinding(.enter, "open", "List what is behind the number / open the agent's queue"),
        KeyBinding(.tab, "next-pane", "Switch between the numbers and the agents"),
        KeyBinding(.escape, "back", "Back"),
    ]

    /// One agent's open tickets (Enter on their row in the stats): open and reassign them.
    public static let agentQueue: [KeyBinding] = movement + [
        KeyBinding(.enter, "open", "Open the selected ticket"),
        KeyBinding(.escape, "back", "Back to the stats"),
    ] + ticketActions

    /// The reply templates screen.
    public static let templates: [KeyBinding] = movement + [
        KeyBinding(.enter, "edit-template", "Edit the body in $VISUAL / $EDITOR"),
        KeyBinding(.char("/"), "filter", "Filter templates by name"),
        KeyBinding(.char("a"), "new-template", "Add a template"),
        KeyBinding(.char("e"), "edit-template", "Edit the body in $VISUAL / $EDITOR"),
        KeyBinding(.char("r"), "rename-template", "Rename the template"),
        KeyBinding(.char("t"), "template-actions", "Set status, priority and tags on send"),
        KeyBinding(.char("d"), "delete-template", "Delete the template"),
        KeyBinding(.escape, "back", "Back"),
    ]

    public static let help: [KeyBinding] = movement + [
        KeyBinding(.char("/"), "filter", "Filter help"),
        KeyBinding(.escape, "back", "Close help"),
        KeyBinding(.enter, "back", "Close help"),
    ]

    /// The tables before the user's config is applied.
    public static var keyMap: KeyMap {
        KeyMap(tables: ["global": global, "queue": queue + marking + customerMemory + [KeyBinding(.char("r"), "reply", "Reply to the selected ticket's customer"),
                                                                                              KeyBinding(.char("i"), "card", "Show/hide the customer card"),
                                                                                              KeyBinding(.function(2), "templates", "Reply templates")],
                        "ticket": ticket + customerMemory + drafting + [KeyBinding(.char("*"), "rate", "Record satisfaction"),
                                                                       KeyBinding(.char("z"), "toggle-quoted", "Show/fold the mail's quoted history"),
                                                                       KeyBinding(.char("A"), "save-attachment", "Save an attachment to a file")],
                        "help": help, "stats": stats, "agent-queue": agentQueue, "search": search, "customers": customers, "templates": templates, "history": history, "compose": compose])
    }
}
