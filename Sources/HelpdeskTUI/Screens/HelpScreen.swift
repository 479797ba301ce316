import HelpdeskCore

/// `?`: the keys of the screen underneath in sections (moving, working a ticket, views, bulk, …),
/// generated from the binding table that dispatches them (remapped keys included), then the keys that
/// work everywhere, a legend of the symbols and colours, and the `:` commands that apply here.
/// `/` filters it. `:help query` shows the query language instead.
public final class HelpScreen: Screen {
    public let bindingTable = "help"
    public let title: String

    /// One row of help: a heading, or a key (or sample) and what it does.
    struct Line {
        var key: String
        var text: String
        var isHeading = false
        /// The style the key column is drawn in (a legend sample in its own colour).
        var keyRole: StyleRole = .helpKey
    }

    private let lines: [Line]
    private var view = TextViewState()
    private var filterInput: LineInput?
    private var filterText = ""

    init(for screen: Screen, console: Console, topic: String? = nil) {
        if topic == "query" {
            title = "Help: the query language (/ in the queue, :view, saved views)"
            lines = HelpTopics.query.map { q in
                q.text.isEmpty ? Line(key: "", text: q.key, isHeading: true) : Line(key: q.key, text: q.text)
            }
            return
        }
        title = "Help: \(screen.title)"
        lines = HelpScreen.lines(for: screen, console: console)
    }

    static func lines(for screen: Screen, console: Console) -> [Line] {
        var out: [Line] = []
        let table = screen.bindingTable
        let own = console.keyMap.tables[table] ?? []
        out += section(bindings: own, heading: { "\($0) — this screen" }, console: console)
        if table == "compose" {
            let shadowed = Set(own.map(\.key))
            out.append(Line(key: "", text: "Editing the text", isHeading: true))
            for entry in HelpTopics.editing where !shadowed.contains(entry.key) {
                out.append(Line(key: entry.key.name, text: entry.text))
            }
            out.append(Line(key: "", text: "Every other key types. F1 shows this help without typing.", keyRole: .textDim))
        }
        if table == "templates" {
            out.append(Line(key: "", text: "Placeholders a template may use", isHeading: true))
            out += HelpTopics.placeholders.map { Line(key: $0.key, text: $0.text) }
        }
        let ownKeys = Set(own.map(\.key))
        let global = (console.keyMap.tables["global"] ?? []).filter { !ownKeys.contains($0.key) }
        out += section(bindings: global, heading: { _ in "Everywhere" }, console: console, merged: true)
        if ["queue", "ticket", "search"].contains(table) {
            out.append(Line(key: "", text: "Symbols and colours", isHeading: true))
            for entry in HelpTopics.legend(unicode: console.unicode) {
                out.append(Line(key: entry.sample, text: entry.meaning, keyRole: entry.role ?? .text))
            }
        }
        // Only the commands that apply here: this screen's, and the console's own.
        let applicable = Set(own.map(\.command.name)).union(global.map(\.command.name)).union(HelpTopics.everywhere)
        out.append(Line(key: "", text: "Commands here (type : then Tab to complete)", isHeading: true))
        for spec in DefaultBindings.commands where applicable.contains(spec.name) {
            out.append(Line(key: ":" + spec.usage, text: spec.summary))
        }
        if table == "queue" {
            out.append(Line(key: ":help query", text: "the query language of / and :view, with examples"))
        }
        return out
    }

    /// The bindings grouped by `HelpTopics` section (or under one heading when `merged`), one line per
    /// command listing every key bound to it.
    private static func section(bindings: [KeyBinding], heading: (String) -> String, console: Console,
                                merged: Bool = false) -> [Line] {
        var order: [CommandInvocation] = []
        var keys: [CommandInvocation: [String]] = [:]
        var help: [CommandInvocation: String] = [:]
        for b in bindings {
            if keys[b.command] == nil { order.append(b.command); help[b.command] = b.help }
            keys[b.command, default: []].append(b.key.name)
        }
        let views = console.queue.views
        func line(_ command: CommandInvocation) -> Line {
            var text = help[command] ?? ""
            // "1 My open", not "1 View 1": the view's own name.
            if command.name == "view", let n = command.arguments.first.flatMap(Int.init), views.indices.contains(n - 1) {
                text = views[n - 1].title
            }
            return Line(key: (keys[command] ?? []).joined(separator: " "), text: text + "   :\(command)")
        }
        if merged {
            return order.isEmpty ? [] : [Line(key: "", text: heading(""), isHeading: true)] + order.map(line)
        }
        var out: [Line] = []
        for name in HelpTopics.sections {
            let inSection = order.filter { HelpTopics.section(of: $0.name) == name }
            guard !inSection.isEmpty else { continue }
            out.append(Line(key: "", text: heading(name), isHeading: true))
            out += inSection.map(line)
        }
        return out
    }

    /// The lines the filter leaves: matching rows, under their headings.
    private var shownLines: [Line] {
        let needle = filterText.lowercased()
        guard !needle.isEmpty else { return lines }
        var out: [Line] = []
        var heading: Line?
        for line in lines {
            if line.isHeading { heading = line; continue }
            guard (line.key + " " + line.text).lowercased().contains(needle) else { continue }
            if let h = heading { out.append(h); heading = nil }
            out.append(line)
        }
        return out
    }

    public var capturesText: Bool { filterInput != nil }

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        switch command.name {
        case "help":
            if command.argumentText == "query" {
                console.replaceTop(with: HelpScreen(for: self, console: console, topic: "query"))
            } else {
                console.popScreen()
            }
            return true
        case "filter":
            filterInput = LineInput(text: filterText, placeholder: "a key or a word (Esc clears)")
            return true
        default:
            guard let key = TextView.key(forMotion: command.name) else { return false }
            _ = TextView.handle(key, state: &view)
            return true
        }
    }

    public func handleMouse(_ event: MouseEvent, console: Console) {
        guard event.kind == .wheelUp || event.kind == .wheelDown else { return }
        for _ in 0..<MouseEvent.wheelLines { _ = TextView.handle(event.kind == .wheelUp ? .up : .down, state: &view) }
    }

    public func handleText(_ event: InputEvent, console: Console) {
        ListFilterField.handle(event, input: &filterInput, text: &filterText)
        view.offset = 0
    }

    public func hint(console: Console) -> String? { "j/k scroll · / filter · q or Esc closes help" }

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        let shown = shownLines
        ListFilterField.renderTitle(title, shown: shown.filter { !$0.isHeading }.count, total: lines.filter { !$0.isHeading }.count,
                                    input: &filterInput, kept: filterText, in: parts[0], buffer: &buffer, console: console)
        let keyWidth = min(28, max(12, (lines.map { TextWidth.width(of: $0.key) }.max() ?? 10) + 2))
        let styled: [StyledLine] = shown.map { line in
            if line.isHeading { return StyledLine(" " + line.text, style: console.style(.tableHeader)) }
            return StyledLine([Span(" " + TextWidth.pad(line.key, toWidth: keyWidth), style: console.style(line.keyRole)),
                               Span(line.text, style: console.style(.helpDescription))])
        }
        TextView(lines: styled, wraps: false).render(in: parts[1], buffer: &buffer, state: &view)
    }
}
