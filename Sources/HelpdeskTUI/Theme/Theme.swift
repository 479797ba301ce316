/// A named set of styles, one per `StyleRole`.
///
/// Roles a theme file leaves out come from the theme it inherits (the built-in default unless it says
/// otherwise), so a theme can be a handful of lines.
public struct Theme: Hashable, Sendable {
    public var name: String
    public private(set) var styles: [StyleRole: Style]

    /// A theme with the given styles; roles it lacks are taken from `base`.
    public init(name: String, styles: [StyleRole: Style], inheriting base: Theme = .builtinDefault) {
        // Fill the gaps now so lookups are total and two themes compare by what they show.
        self.init(complete: name, styles: styles.merging(base.styles) { own, _ in own })
    }

    private init(complete name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for a role.
    public subscript(role: StyleRole) -> Style {
        get { styles[role] ?? .plain }
        set { styles[role] = newValue }
    }

    /// The dark default, used when no theme file is found. `themes/default.toml` says the same thing
    /// (a test keeps them in step) so users can copy it as a starting point.
    public static let builtinDefault: Theme = {
        let bold = TextAttributes.bold
        func s(_ fg: Color = .default, _ bg: Color = .default, _ attributes: TextAttributes = []) -> Style {
            Style(fg: fg, bg: bg, attributes: attributes)
        }
        let selection = s(.brightWhite, .blue, bold)
        let styles: [StyleRole: Style] = [
            .text: s(),
            .textDim: s(.brightBlack),
            .selection: selection,
            .selectionUnfocused: s(.black, .white),
            .title: s(.black, .cyan, bold),
            .statusLine: s(.black, .white),
            .statusMessage: s(.black, .white, bold),
            .statusWarning: s(.black, .yellow, bold),
            .statusError: s(.brightWhite, .red, bold),
            .sidebarItem: s(),
            // Not bold: with the table focused, its bar (bold) and the chosen view must differ even without colour.
            .sidebarSelected: s(.black, .cyan),
            .count: s(),
            .tableHeader: s(.cyan, .default, [.bold, .underline]),
            // Borders and counts in the terminal's own colour: every colour change costs bytes on
            // every row of every repaint, which is felt over a slow SSH link.
            .border: s(),
            .borderFocused: s(.cyan, .default, bold),
            .priorityLow: s(.brightBlack),
            .priorityNormal: s(),
            .priorityHigh: s(.yellow),
            .priorityUrgent: s(.brightRed, .default, bold),
            .statusNew: s(.brightCyan, .default, bold),
            // Colour marks what needs attention (new, urgent, at risk); the ordinary states stay in the
            // terminal's colour, which also keeps repaints small.
            .statusOpen: s(),
            .statusPending: s(),
            .statusOnHold: s(),
            .statusSolved: s(.brightBlack),
            .statusClosed: s(.brightBlack, .default, .dim),
            .customerLabel: s(.brightBlack),
            .customerValue: s(),
            .customerName: s(.default, .default, bold),
            .vip: s(.brightYellow, .default, bold),
            .internalNote: s(.yellow),
            .customerMessage: s(),
            .agentReply: s(.cyan),
            .messageHeader: s(.default, .default, bold),
            .warning: s(.yellow, .default, bold),
            .error: s(.brightRed, .default, bold),
            .slaOK: s(),
            .slaAtRisk: s(.yellow, .default, bold),
            .slaBreached: s(.brightWhite, .red, [.bold, .underline]),
            .promiseDue: s(.magenta, .default, bold),
            .draft: s(.brightMagenta),
            .presence: s(.brightGreen),
            .marked: s(.brightYellow, .default, bold),
            .input: s(.default, .default, .underline),
            .inputPlaceholder: s(.brightBlack, .default, .italic),
            .picker: s(),
            .pickerSelected: selection,
            .popup: s(),
            .popupBorder: s(.cyan),
            .helpKey: s(.cyan, .default, bold),
            .helpDescription: s(),
            .searchMatch: s(.black, .yellow),
            .sparkline: s(.green),
        ]
        return Theme(complete: "default", styles: styles)
    }()
}
