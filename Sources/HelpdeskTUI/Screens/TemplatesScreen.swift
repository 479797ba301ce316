import Foundation
import HelpdeskCore

/// `:templates` (F2 from the queue): the reply templates kept in the store — a list (name, what
/// sending does) beside the selected template's body. `a` adds (name, then the body in $EDITOR),
/// `e`/Enter edits the body, `r` renames, `t` sets the actions, `d` deletes after a question.
/// A body with an unclosed `{{` or an unknown placeholder is refused with its line and column, as
/// `helpdesk template add` does; the refused text is kept so `e` (or `a`) reopens it.
public final class TemplatesScreen: Screen {
    public let bindingTable = "templates"
    /// Template names in order, narrowed by the filter.
    public private(set) var rows: [String] = []
    public private(set) var list = ListState()
    private var filterInput: LineInput?
    public private(set) var filterText = ""
    private var preview = TextViewState()
    private var lastListHeight = 20
    /// A body the validation refused, kept so the next edit starts from it instead of losing it.
    public private(set) var rejected: (name: String, body: String, isNew: Bool)?
    /// Why it was refused, shown in full above the preview (the status line is one row).
    private var rejectedReason = ""
    /// Runs the editor on a body; tests replace it.
    var editBody: (String, Console) -> ExternalEditOutcome = { text, console in ExternalEditor.edit(text, console: console) }

    static let starterBody = "Hi {{customer.preferredName | \"there\"}},\n\n\n\n{{agent.signature}}"

    init(console: Console) {
        rebuild(console: console, keeping: nil)
    }

    public var title: String { "Templates" + (filterText.isEmpty ? "" : " /\(filterText)") }
    public var capturesText: Bool { filterInput != nil }
    public var hasUnsavedWork: Bool { rejected != nil }

    public var selectedName: String? { list.selectedID(in: rows) }

    public func hint(console: Console) -> String? {
        "/ filter · a add · e edit body · r rename · t actions · d delete · q back"
    }

    // MARK: Model

    private func rebuild(console: Console, keeping selected: String?) {
        let words = filterText.lowercased().split(separator: " ").map(String.init)
        rows = console.state.templates.keys.sorted { $0.lowercased() < $1.lowercased() }
            .filter { name in words.allSatisfy { name.lowercased().contains($0) } }
        list.setCount(rows.count)
        list.reconcile(selectedID: selected, in: rows)
    }

    public func storeChanged(_ events: [Event], console: Console) {
        let touches = events.contains {
            switch $0.change {
            case .templateSaved, .templateRemoved: true
            default: false
            }
        }
        if touches { rebuild(console: console, keeping: selectedName) }
    }

    // MARK: Commands

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        if let motion = ListState.Motion(command: command.name) {
            let before = selectedName
            list.move(motion, viewportHeight: max(1, lastListHeight))
            if selectedName != before { preview = TextViewState() }
            return true
        }
        switch command.name {
        case "filter", "templates":
            if command.arguments.isEmpty {
                if command.name == "filter" { filterInput = LineInput(text: filterText, placeholder: "template name") }
            } else {
                filterText = command.argumentText
                rebuild(console: console, keeping: selectedName)
            }
        case "new-template":
            if let r = rejected, r.isNew {
                editAndSave(name: r.name, from: r.body, isNew: true, console: console)
            } else {
                askNewName(console: console)
            }
        case "open", "edit-template":
            guard command.arguments.isEmpty || command.name == "edit-template" else { return false }
            let name = command.arguments.isEmpty ? selectedName : command.argumentText
            guard let name, let t = console.state.templates[name] else {
                console.show(command.arguments.isEmpty ? "no template selected — a adds one" : "no template named '\(command.argumentText)'", kind: .warning)
                return true
            }
            let start = rejected.flatMap { !$0.isNew && $0.name == name ? $0.body : nil } ?? t.body
            editAndSave(name: name, from: start, isNew: false, console: console)
        case "rename-template":
            guard let name = selectedName else { console.show("no template selected", kind: .warning); return true }
            rename(name, console: console)
        case "template-actions":
            guard let name = selectedName else { console.show("no template selected", kind: .warning); return true }
            editActions(name, console: console)
        case "delete-template":
            guard let name = selectedName else { console.show("no template selected", kind: .warning); return true }
            console.confirm(title: "Delete template", message: "Delete the template '\(name)'? Drafts that used it keep their text but no longer apply its actions on send.") { [weak self] in
                guard console.write([.templateRemoved(name: name)], done: "template '\(name)' deleted") else { return }
                if self?.rejected?.name == name { self?.rejected = nil }
            }
        default:
            return false
        }
        return true
    }

    public func handleText(_ event: InputEvent, console: Console) {
        guard filterInput != nil else { return }
        let before = selectedName
        ListFilterField.handle(event, input: &filterInput, text: &filterText)
        rebuild(console: console, keeping: before)
        if selectedName != before { preview = TextViewState() }
    }

    private func askNewName(console: Console) {
        let dialog = InputDialog(title: "Add a template", prompt: "Name (what the template picker searches); the body opens in your editor next",
                                 placeholder: "refund-issued") { text in
            let name = text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return nil }
            return console.state.templates[name] != nil ? ("a template named '\(name)' exists — e edits it", true) : nil
        }
        console.ask(dialog) { [weak self] text in
            let name = text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return "a template needs a name" }
            guard console.state.templates[name] == nil else { return "a template named '\(name)' exists — e edits it" }
            self?.editAndSave(name: name, from: TemplatesScreen.starterBody, isNew: true, console: console)
            return nil
        }
    }

    /// Opens the body in the editor and saves it if it passes the template checks.
    private func editAndSave(name: String, from start: String, isNew: Bool, console: Console) {
        let body: String
        switch editBody(start, console) {
        case .failed(let reason):
            console.show(reason, kind: .error)
            return
        case .edited(let text):
            body = text
        }
        save(name: name, body: body, isNew: isNew, console: console)
    }

    /// Saves a body (refusing it, with the place of the problem, when the checks fail).
    func save(name: String, body: String, isNew: Bool, console: Console) {
        let existing = console.state.templates[name]
        if !isNew, existing?.body == body {
            rejected = nil
            console.show("template '\(name)' unchanged")
            return
        }
        if let problem = TemplateValidation.problem(name: name, body: body) {
            rejected = (name, body, isNew)
            rejectedReason = problem
            console.show(problem + (isNew ? " — a reopens your text" : " — e reopens your text"), kind: .error)
            return
        }
        if isNew, existing != nil {
            rejected = (name, body, isNew)
            rejectedReason = "template '\(name)' not saved: a template of that name was added meanwhile"
            console.show("a template named '\(name)' was added meanwhile; not saved — a reopens your text", kind: .error)
            return
        }
        var t = existing ?? Template(name: name, body: body)
        t.body = body
        if console.write([.templateSaved(t)], done: "template '\(name)' saved") {
            rejected = nil
            filterText = ""
            rebuild(console: console, keeping: name)
            preview = TextViewState()
        }
    }

    private func rename(_ old: String, console: Console) {
        let dialog = InputDialog(title: "Rename template", prompt: "New name for '\(old)' (unsent drafts that used it will no longer apply its actions)", text: old)
        console.ask(dialog) { [weak self] text in
            let name = text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return "a template needs a name" }
            guard name != old else { return nil }
            guard console.state.templates[name] == nil else { return "a template named '\(name)' exists already" }
            guard var t = console.state.templates[old] else { return "the template '\(old)' was deleted meanwhile" }
            t.name = name
            guard console.write([.templateSaved(t), .templateRemoved(name: old)], done: "template '\(old)' renamed to '\(name)'") else {
                return console.message?.text ?? "not saved"
            }
            self?.rebuild(console: console, keeping: name)
            return nil
        }
    }

    private func editActions(_ name: String, console: Console) {
        guard let t = console.state.templates[name] else { return }
        let dialog = InputDialog(title: "On send: \(name)", prompt: "What sending a reply made from '\(name)' does (empty: nothing)",
                                 text: TemplateValidation.actionsLine(t.actions), placeholder: "status:pending priority:high tag:refund") { text in
            switch TemplateValidation.parseActions(text) {
            case .success(let a): return (a.isEmpty ? "no actions" : "sets " + TemplateActionsPicker.summary(a), false)
            case .failure(let e): return (e.reason, true)
            }
        }
        console.ask(dialog) { text in
            let actions: TemplateActions
            switch TemplateValidation.parseActions(text) {
            case .success(let a): actions = a
            case .failure(let e): return e.reason
            }
            guard var current = console.state.templates[name] else { return "the template '\(name)' was deleted meanwhile" }
            guard current.actions != actions else { console.show("template '\(name)' unchanged"); return nil }
            current.actions = actions
            guard console.write([.templateSaved(current)], done: "template '\(name)' saved") else {
                return console.message?.text ?? "not saved"
            }
            return nil
        }
    }

    // MARK: Drawing

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        renderTitle(in: parts[0], buffer: &buffer, console: console)
        let body = parts[1]
        let (listArea, previewArea) = ListDetailLayout.split(body, wideFrom: 80, listWidth: { min(46, max(30, $0 * 2 / 5)) },
                                                             buffer: &buffer, console: console)
        renderList(in: listArea, buffer: &buffer, console: console)
        renderPreview(in: previewArea, buffer: &buffer, console: console)
    }

    private func renderTitle(in area: Rect, buffer: inout CellBuffer, console: Console) {
        ListFilterField.renderTitle("Templates", shown: rows.count, total: console.state.templates.count, input: &filterInput,
                              kept: filterText, in: area, buffer: &buffer, console: console)
    }

    private func renderList(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let templates = console.state.templates
        let columns = [TableColumn("Template", minWidth: 10, idealWidth: 22, priority: 100, flexible: true),
                       TableColumn("On send", minWidth: 6, idealWidth: 18, priority: 60, flexible: true)]
        let table = TableWidget(columns: columns, styles: TableStyles(theme: console.theme, unicode: console.unicode),
                                showsMarkerColumn: false,
                                emptyMessage: filterText.isEmpty ? "No templates yet — a adds one." : "No template matches '\(filterText)'.")
        lastListHeight = table.bodyHeight(for: area)
        table.render(rowCount: rows.count, row: { i in
            guard let t = templates[self.rows[i]] else { return TableRow([]) }
            return TableRow([TableCell(t.name), TableCell(TemplateActionsPicker.summary(t.actions))])
        }, in: area, buffer: &buffer, state: &list, focused: true)
    }

    private func renderPreview(in area: Rect, buffer: inout CellBuffer, console: Console) {
        var area = area
        if let r = rejected, r.isNew || r.name == selectedName {
            let reason = StyledLine([Span(rejectedReason + (r.isNew ? " — a reopens your text." : " — e reopens your text."),
                                          style: console.style(.error))])
            let wrapped = TextView(lines: [reason]).wrappedLines(width: max(1, area.width))
            let height = min(wrapped.count, max(1, area.height / 2))
            var scroll = TextViewState()
            TextView(lines: wrapped, wraps: false).render(in: Rect(x: area.x, y: area.y, width: area.width, height: height),
                                                          buffer: &buffer, state: &scroll)
            area = area.inset(top: height + 1)
        }
        guard let name = selectedName, let t = console.state.templates[name] else {
            buffer.put("Select a template.", at: area.origin, style: console.style(.textDim), maxWidth: area.width)
            return
        }
        let dim = console.style(.textDim), text = console.style(.text), head = console.style(.tableHeader)
        var lines = [StyledLine([Span(t.name, style: head)])]
        lines.append(StyledLine([Span("On send: ", style: dim),
                                 Span(t.actions.isEmpty ? "nothing (t sets status, priority, tags)" : TemplateActionsPicker.summary(t.actions), style: text)]))
        lines.append(StyledLine(""))
        lines += t.body.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine([Span(String($0), style: text)]) }
        if let number = console.queue.selectedTicketNumber, let ticket = console.state.tickets[number] {
            let example = ReplyContext(state: console.state, ticket: ticket, agent: console.me, now: console.now).render(t.body)
            lines.append(StyledLine(""))
            lines.append(StyledLine([Span("As a reply to #\(number) \(ticket.subject):", style: head)]))
            lines += example.text.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine([Span(String($0), style: dim)]) }
            if !example.unfilled.isEmpty {
                lines.append(StyledLine([Span("No value here for: " + example.unfilled.map { "{{\($0)}}" }.joined(separator: " "), style: console.style(.warning))]))
            }
        }
        // What a body may say, below the preview (the help screen explains each one).
        lines.append(StyledLine(""))
        lines.append(StyledLine([Span("Placeholders (? explains them):", style: head)]))
        lines.append(StyledLine([Span(Placeholders.knownNames.map { "{{\($0)}}" }.joined(separator: " "), style: dim)]))
        TextView(lines: lines).render(in: area, buffer: &buffer, state: &preview)
    }
}
