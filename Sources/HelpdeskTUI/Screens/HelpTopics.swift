import HelpdeskCore

/// What the `?` screen teaches besides the binding tables: which section a command belongs to, the
/// legend of every symbol and colour the screens use, the query language (`:help query`), the reply
/// editor's own keys and the template placeholders. Kept beside the help screen so a new symbol or
/// section is added in one place.
enum HelpTopics {
    /// The sections of the key list, in the order they are shown.
    static let sections = ["Moving", "Working a ticket", "Writing", "Customers", "Views and finding", "Bulk (marked tickets)",
                           "Templates", "Screens and the console"]

    /// The section a command's keys are listed under.
    static func section(of command: String) -> String {
        switch command {
        case "down", "up", "first", "last", "half-page-down", "half-page-up", "page-down", "page-up", "next-pane",
             "open", "back", "next-ticket", "prev-ticket":
            return "Moving"
        case "claim", "assign", "status", "priority", "tags", "edit", "history", "merge", "link", "unlink",
             "apply-template", "new-ticket", "rate", "log":
            return "Working a ticket"
        case "reply", "note", "send", "preview", "template", "personal-opening", "discard":
            return "Writing"
        case "usual", "preferences", "promise", "promise-done", "customers", "card", "new-customer", "edit-customer",
             "merge-customer":
            return "Customers"
        case "view", "filter", "search", "next-match", "prev-match", "save-view", "delete-view":
            return "Views and finding"
        case "mark", "mark-range", "mark-all", "unmark-all":
            return "Bulk (marked tickets)"
        case "templates", "new-template", "edit-template", "rename-template", "template-actions", "delete-template":
            return "Templates"
        default:
            return "Screens and the console"
        }
    }

    /// Commands the console itself runs on any screen (they apply everywhere, so `:help` lists them
    /// with the screen's own).
    static let everywhere: Set<String> = ["quit", "back", "help", "prompt", "refresh", "redraw", "theme", "stats",
                                          "templates", "open", "view", "new-ticket"]

    /// One legend row: a sample drawn in its own style, and what it means.
    struct LegendEntry {
        var sample: String
        var role: StyleRole?
        var meaning: String
    }

    /// Every symbol and colour the queue and ticket screens use.
    static func legend(unicode: Bool) -> [LegendEntry] {
        [
            LegendEntry(sample: "#1042", role: nil, meaning: "ticket number (type :open 1042 to go to it)"),
            LegendEntry(sample: "URG!", role: .priorityUrgent, meaning: "urgent priority (high in yellow, low dimmed)"),
            LegendEntry(sample: "new", role: .statusNew, meaning: "status new: nobody has answered yet"),
            LegendEntry(sample: "42m", role: .slaOK, meaning: "Due: time left before the next SLA target"),
            LegendEntry(sample: "12m", role: .slaAtRisk, meaning: "Due: SLA target close (at risk)"),
            LegendEntry(sample: "-15m", role: .slaBreached, meaning: "Due: SLA target missed (breached)"),
            LegendEntry(sample: unicode ? "‖3h" : "|3h", role: nil, meaning: "Due: clock paused (pending or on hold)"),
            LegendEntry(sample: unicode ? "★ Dani" : "* Dani", role: .vip, meaning: "VIP customer, by preferred name"),
            LegendEntry(sample: unicode ? "◉dana" : "@dana", role: .presence, meaning: "another agent has the ticket open"),
            LegendEntry(sample: unicode ? "✎dana" : "!dana", role: .presence, meaning: "another agent is writing on it"),
            LegendEntry(sample: unicode ? "✍ draft" : "[draft]", role: .draft, meaning: "you have an unsent draft"),
            LegendEntry(sample: unicode ? "●" : "*", role: .marked, meaning: "marked for a bulk action"),
            LegendEntry(sample: unicode ? "⚑ promise" : "! promise", role: nil, meaning: "status line: one of your promises is due or overdue"),
            LegendEntry(sample: "…", role: nil, meaning: "text cut to fit (numbers are never cut)"),
        ]
    }

    /// `:help query`: the query language of `/`, `:view` and saved views, with examples.
    static let query: [(key: String, text: String)] = [
        ("words", "match subject, number, customer, emails and tags (message bodies after Enter)"),
        ("\"cold brew\"", "a phrase"),
        ("status:open,pending", "any of the statuses (new open pending on-hold solved closed)"),
        ("assignee:me", "mine; assignee:none unassigned; assignee:dana"),
        ("priority:>=high", "priority compared (low normal high urgent); priority:urgent"),
        ("tag:vip", "has the tag; -tag:spam has not (a - negates any term)"),
        ("customer:dana", "the customer's name, preferred name or email"),
        ("channel:phone", "how it came in (email phone walk-in chat web)"),
        ("group:front", "the ticket's group"),
        ("created:<7d", "younger than 7 days; updated:>2h not touched for 2 hours (m h d w)"),
        ("sort:due", "order: due priority created updated number; sort:-created reverses"),
        ("Examples", ""),
        ("/refund assignee:none", "unassigned tickets about a refund"),
        (":view status:open tag:vip", "every open VIP ticket, then :save-view VIP keeps it"),
        ("/priority:>=high sort:due", "high and urgent, least time left first"),
    ]

    /// The reply editor's own keys (the ones its compose bindings leave to it).
    static let editing: [(key: Key, text: String)] = [
        (.left, "Character left (Ctrl-B)"), (.right, "Character right (Ctrl-F)"),
        (.up, "Line up"), (.down, "Line down (Ctrl-N)"),
        (.home, "Start of line (Ctrl-A)"), (.end, "End of line"),
        (.alt("b"), "Word left"), (.alt("f"), "Word right"),
        (.alt("<"), "Start of the text"), (.alt(">"), "End of the text"),
        (.pageUp, "A page up"), (.pageDown, "A page down"),
        (.backspace, "Delete before the cursor"), (.delete, "Delete under the cursor (Ctrl-D)"),
        (.ctrl("z"), "Undo"), (.ctrl("y"), "Redo (Ctrl-R)"),
        (.enter, "New line"),
    ]

    /// The template placeholders, for the Templates screen's help.
    static var placeholders: [(key: String, text: String)] {
        Placeholders.knownNames.map { name in
            let meaning: String
            switch name {
            case "customer.preferredName": meaning = "what the customer likes to be called"
            case "customer.firstName": meaning = "first name"
            case "customer.greeting": meaning = "preferred name, else first name"
            case "customer.name": meaning = "full name"
            case "customer.usualOrder": meaning = "their usual order"
            case "customer.preference.KEY": meaning = "a preference, e.g. {{customer.preference.milk}}"
            case "ticket.number": meaning = "the ticket's number"
            case "ticket.subject": meaning = "the ticket's subject"
            case "agent.name": meaning = "your name"
            case "agent.signature": meaning = "your signature"
            case "promise.due": meaning = "when the open promise is due"
            case "today": meaning = "today's date"
            default: meaning = ""
            }
            return ("{{\(name)}}", meaning)
        } + [("{{name | \"there\"}}", "a fallback in double quotes, used when the value is missing")]
    }
}
