import Foundation
import HelpdeskCore
import HelpdeskStore

/// Writing a public reply (`r`) or an internal note (`i`) on a ticket: the customer card line and their
/// last message above a multi-line editor, templates, the suggested opening line, a preview of exactly
/// what the customer receives, and a draft that is saved to the store continuously.
///
/// Every key types, except the compose table's bindings on non-character keys (Ctrl-X send, Ctrl-S
/// the status to send with, Ctrl-T template, Ctrl-O opening line, Ctrl-P preview, Ctrl-E `$EDITOR`,
/// Esc leave keeping the draft).
///
/// What sending does is always on screen ("On send: status pending · tags #usual"). A template's
/// actions belong to its text: the insertion carries a mark in the editor's undo history, so undoing
/// it takes the template (and its status default) off the draft again, and redoing puts it back.
public final class ComposeScreen: Screen, DraftKeeping {
    public let bindingTable = "compose"
    public let number: Int
    public private(set) var draft: Draft
    public private(set) var editor: TextEditor
    /// The ticket with its thread, as of the last load.
    private var ticket: Ticket?
    private var previewing = false
    private var preview = TextViewState()
    /// What changed on the ticket since the draft began (shown until sent, edited or discarded).
    private var changeNotice: [String] = []
    /// Last text and cursor written to disk, and when.
    private var savedText: String
    private var savedCursor: TextPosition
    private var lastEditAt: Date?
    private var lastSaveAt: Date?
    private var saveError: String?
    /// Set once the draft is sent or discarded: nothing more to save.
    private var finished = false
    /// The templates of a restored draft: their insertion is not in this editor's undo history.
    private let restoredTemplates: [String]
    /// The template each editor mark stands for (marks are this screen's insertions).
    private var markedTemplates: [Int: String] = [:]
    private var nextMark = 1
    /// Templates and chosen status as last written to disk (they make the draft dirty too).
    private var savedTemplates: [String]
    private var savedSendStatus: TicketStatus?

    /// Opens the agent's draft for the ticket if there is one (exactly as saved, cursor included),
    /// else a new one of `kind`.
    public init(ticket number: Int, kind: MessageKind, console: Console) {
        self.number = number
        let now = console.now
        var restored: Draft?
        var loadProblem: String?
        do { restored = try console.store.drafts.load(agent: console.me, ticket: number) } catch { loadProblem = "\(error)" }
        let t = try? console.store.ticket(number)
        ticket = t
        if let d = restored {
            draft = d
        } else {
            let summary = t ?? console.state.tickets[number]
            draft = Draft(ticket: number, agent: console.me, kind: kind, base: summary.map(ReplyBase.init) ?? ReplyBase(version: 0, messageCount: 0),
                          sendID: Draft.makeSendID(ticket: number, agent: console.me, at: now, random: UInt32.random(in: 0...UInt32.max)),
                          startedAt: now)
        }
        editor = TextEditor(text: draft.text, cursor: draft.cursor)
        restoredTemplates = draft.templates
        savedTemplates = draft.templates
        savedSendStatus = draft.sendStatus
        savedText = draft.text
        savedCursor = editor.text.cursor
        if let loadProblem {
            console.show("Your saved draft could not be read (\(loadProblem)); starting a new one — the file is left as it was", kind: .error)
        } else if let d = restored {
            let what = d.kind == .note ? "note" : "reply"
            let mismatch = d.kind != kind ? " (it is a \(what); send or discard it to write a \(kind == .note ? "note" : "reply"))" : ""
            console.show("Your draft \(what) from \(console.localTime.compact(d.savedAt, now: now)) is back, cursor where you left it\(mismatch)")
        }
    }

    public var kind: MessageKind { draft.kind }
    public var title: String { kind == .note ? "Note #\(number)" : "Reply #\(number)" }
    public var capturesText: Bool { true }
    public var hasUnsavedWork: Bool { !finished && isDirty }
    public var isComposing: Bool { !finished }
    private var isDirty: Bool {
        editor.text.text != savedText || editor.text.cursor != savedCursor
            || draft.templates != savedTemplates || draft.sendStatus != savedSendStatus
    }

    public func hint(console: Console) -> String? {
        previewing ? "Ctrl-X send · Ctrl-S submit as… · Ctrl-P back to editing · Esc leave (draft kept)"
            : "Ctrl-X send · Ctrl-S submit as… · Ctrl-T template · Ctrl-O opening line · Ctrl-P preview · Ctrl-E $EDITOR · Esc leave (draft kept)"
    }

    /// What sending now would do: the chosen status or the default, and the templates' actions.
    func onSend(console: Console) -> OnSend {
        OnSend(kind: kind, current: console.state.tickets[number]?.status ?? .open, actions: templateActions(console: console),
               chosen: draft.sendStatus)
    }

    /// The actions of the templates whose text is in the draft (a template since deleted adds none).
    private func templateActions(console: Console) -> TemplateActions {
        TemplateActions.combining(draft.templates.compactMap { console.state.templates[$0]?.actions })
    }

    /// The templates whose insertion is in effect: the restored draft's, then this screen's marks.
    private var activeTemplates: [String] { restoredTemplates + editor.text.marks.compactMap { markedTemplates[$0] } }

    /// The draft's templates follow the editor's marks: an undone insertion takes its template away.
    private func syncTemplates(console: Console) {
        let now = activeTemplates
        guard now != draft.templates else { return }
        let before = onSend(console: console)
        draft.templates = now
        lastEditAt = console.now
        let after = onSend(console: console)
        if after != before { console.show("On send: " + after.summary) }
    }

    private func context(_ console: Console) -> ReplyContext? {
        guard let t = console.state.tickets[number] else { return nil }
        return ReplyContext(state: console.state, ticket: t, agent: console.me, now: console.now)
    }

    // MARK: Input

    public func handleText(_ event: InputEvent, console: Console) {
        if case .key(let key) = event {
            let isCharacter: Bool = if case .char = key { true } else { false }
            if !isCharacter, let binding = console.keyMap.binding(for: key, on: bindingTable) {
                console.execute(binding.command)
                return
            }
        }
        guard !previewing else {
            if case .key(let key) = event { _ = TextView.handle(key, state: &preview) }
            return
        }
        if editor.handle(event) == .handled {
            lastEditAt = console.now
            syncTemplates(console: console)
        }
    }

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        switch command.name {
        case "back":
            saveDraftNow(console: console)
            finished = true
            console.popScreen()
            if !editor.text.isBlank { console.show("Draft kept — r on #\(number) continues it") }
        case "send":
            // `:send solved` sends with that status, as Zendesk's "Submit as solved".
            if !command.argumentText.isEmpty {
                guard choose(statusNamed: command.argumentText, console: console) else { return true }
            }
            send(console: console, force: false)
        case "send-status":
            if command.argumentText.isEmpty {
                pickSendStatus(console: console)
            } else {
                _ = choose(statusNamed: command.argumentText, console: console)
            }
        case "preview":
            previewing.toggle()
            preview = TextViewState()
        case "edit":
            editExternally(console: console)
        case "template":
            chooseTemplate(named: command.argumentText, console: console)
        case "personal-opening":
            insertOpeningLine(console: console)
        case "discard":
            console.confirm(title: "Discard draft", message: "Throw away this \(kind == .note ? "note" : "reply")?") { [weak self] in
                self?.discard(console: console)
            }
        case "reply", "note":
            console.show("You are already writing a \(kind == .note ? "note" : "reply") on #\(number)", kind: .warning)
        default:
            return false
        }
        return true
    }

    // MARK: Commands

    /// Submit as…: the picker of statuses to send with, the current one selected.
    private func pickSendStatus(console: Console) {
        let current = onSend(console: console)
        let fallback = OnSend(kind: kind, current: console.state.tickets[number]?.status ?? .open,
                              actions: templateActions(console: console))
        let choices = OnSend.choices
        var items = choices.map { s in
            PickerItem("Submit as \(s.label)", detail: s == fallback.status && fallback.setsStatus ? "the default" : nil)
        }
        let defaultLabel = fallback.setsStatus ? "status \(fallback.status.label)" : "status stays \(fallback.status.label)"
        if current.statusIsChosen { items.append(PickerItem("Back to the default", detail: defaultLabel)) }
        let selected = current.setsStatus ? choices.firstIndex(of: current.status) : nil
        console.pick(PickerWidget(title: "On send, set #\(number) to", items: items, selected: selected,
                                  placeholder: "type to filter")) { [weak self] index in
            guard let self else { return }
            self.setSendStatus(index < choices.count ? choices[index] : nil, console: console)
        }
    }

    /// Takes a status by name (`solved`, `on hold`); says so and returns false when it is not one to send with.
    private func choose(statusNamed name: String, console: Console) -> Bool {
        guard let s = TicketStatus(loose: name), OnSend.choices.contains(s) else {
            console.show("'\(name)' is not a status to send with — " + OnSend.choices.map(\.label).joined(separator: ", "), kind: .error)
            return false
        }
        setSendStatus(s, console: console)
        return true
    }

    private func setSendStatus(_ status: TicketStatus?, console: Console) {
        draft.sendStatus = status
        lastEditAt = console.now
        console.show("On send: " + onSend(console: console).summary)
    }

    private func insertOpeningLine(console: Console) {
        guard let line = context(console)?.openingLine else {
            console.show("No customer is known for #\(number), so there is no opening line to suggest", kind: .warning)
            return
        }
        insert(line + "\n\n", console: console)
    }

    /// Puts a block into the draft; a `mark` ties something to it (a template's actions) for undo.
    private func insert(_ text: String, mark: Int? = nil, console: Console) {
        previewing = false
        if editor.text.isBlank {
            editor.text.replaceAll(with: text, mark: mark)
        } else {
            editor.text.insertBlock(text, mark: mark)
        }
        lastEditAt = console.now
    }

    private func chooseTemplate(named name: String, console: Console) {
        let templates = console.state.templates.values.sorted { $0.name < $1.name }
        guard !templates.isEmpty else {
            console.show("No templates yet — add one with `helpdesk template add NAME --body TEXT`", kind: .warning)
            return
        }
        if !name.isEmpty {
            guard let t = console.state.templates[name] ?? templates.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                console.show("No template named '\(name)' — Ctrl-T lists them", kind: .error)
                return
            }
            apply(t, console: console)
            return
        }
        // The detail shows the first line that says something (not the greeting every template shares).
        let items = templates.map { t in
            PickerItem(t.name, detail: t.body.split(separator: "\n").map(String.init).first { !$0.hasPrefix("Hi ") && !$0.isEmpty })
        }
        console.pick(PickerWidget(title: "Template", items: items, placeholder: "type to search templates")) { [weak self] index in
            self?.apply(templates[index], console: console)
        }
    }

    private func apply(_ template: Template, console: Console) {
        guard let ctx = context(console) else { return }
        if ctx.needsPromiseTime(template.body) {
            askPromiseTime(for: template, console: console)
            return
        }
        fill(template, ctx: ctx, promiseDue: nil, console: console)
    }

    /// The template speaks of a promised time but this ticket has none: ask the agent rather than
    /// borrow another ticket's, then offer to keep the time as a promise on this ticket.
    private func askPromiseTime(for template: Template, console: Console) {
        let zone = console.localTime.timeZone
        let hours = BusinessClock(settings: console.state.settings)
        let dialog = InputDialog(title: "Template '\(template.name)' — promised time",
                                 prompt: "#\(number) has no open promise. By when will you get back to them?",
                                 placeholder: "fri 17:00 · tomorrow 9am · in 2h",
                                 footer: "Enter fills {{promise.due}} · Esc cancels") { text in
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            switch DueTimeParser.parse(text, now: console.now, timeZone: zone) {
            case .success(let due):
                let spoken = console.localTime.spoken(due.date)
                return hours.isOpen(at: due.date) ? ("→ " + spoken, false) : ("→ \(spoken) — outside business hours", false)
            case .failure(let e): return (e.reason, true)
            }
        }
        console.ask(dialog) { [weak self] text in
            guard let self else { return nil }
            let due: DueTime
            switch DueTimeParser.parse(text, now: console.now, timeZone: zone) {
            case .success(let d): due = d
            case .failure(let e): return e.reason
            }
            guard let ctx = self.context(console) else { return nil }
            self.fill(template, ctx: ctx, promiseDue: due.date, console: console)
            let spoken = console.localTime.spoken(due.date)
            let outside = hours.isOpen(at: due.date) ? "" : " (outside business hours)"
            let number = self.number
            console.pick(PickerWidget(title: "Record \(spoken)\(outside) as a promise on #\(number)?",
                                      items: [PickerItem("Record the promise", detail: "it shows on the ticket and reminds you"),
                                              PickerItem("Only put it in the text", detail: "nothing recorded")])) { choice in
                guard choice == 0 else { return }
                let promise = CustomerPromise(id: 0, text: "reply: \(template.name)", due: due.date, ticket: number,
                                              owner: console.me, createdAt: console.now)
                _ = CustomerActions.save([.promiseMade(promise)],
                                         done: "Promised on #\(number): due \(spoken)\(outside)", console: console)
            }
            return nil
        }
    }

    private func fill(_ template: Template, ctx: ReplyContext, promiseDue: Date?, console: Console) {
        let issues = Placeholders.check(template.body)
        let rendered = ctx.render(template.body, promiseDue: promiseDue)
        let mark = nextMark
        nextMark += 1
        markedTemplates[mark] = template.name
        insert(rendered.text, mark: mark, console: console)
        draft.templates = activeTemplates
        if let issue = issues.first {
            console.show("Template '\(template.name)' has a problem at \(issue) — check the text before sending", kind: .warning)
        } else if !rendered.unfilled.isEmpty {
            console.show("Fill in " + rendered.unfilled.map { "{{\($0)}}" }.joined(separator: ", ") + " — no value is known for this customer", kind: .warning)
        } else {
            console.show("Template '\(template.name)' inserted; on send: " + onSend(console: console).summary + " (Ctrl-Z takes it out again)")
        }
    }

    private func editExternally(console: Console) {
        saveDraftNow(console: console)
        switch ExternalEditor.edit(editor.text.text, console: console) {
        case .edited(let text):
            if text != editor.text.text {
                editor.text.replaceAll(with: text, cursor: editor.text.cursor)
                lastEditAt = console.now
                saveDraftNow(console: console)
            }
            console.show("Text taken back from the editor")
        case .failed(let why):
            console.show(why.prefix(1).uppercased() + why.dropFirst(), kind: .error)
        }
    }

    private func discard(console: Console) {
        do {
            try console.store.drafts.remove(agent: console.me, ticket: number)
        } catch {
            console.show("Cannot remove the draft: \(error)", kind: .error)
            return
        }
        finished = true
        console.drafting.refreshDrafts(console: console, force: true)
        console.popScreen()
        console.show("Draft discarded")
    }

    /// Sends through `ReplySender` (the same path as `helpdesk ticket reply`). Stops first when the
    /// ticket moved on since the draft began, unless `force`.
    func send(console: Console, force: Bool) {
        let storage = console.store
        let text = editor.text.text
        let actions = templateActions(console: console)
        do {
            // Problems with the text itself come first: they need no look at the ticket.
            _ = try ReplyPlanner.plan(ticket: number, kind: kind, body: text, author: console.me, at: console.now,
                                      actions: actions, status: draft.sendStatus, state: console.state)
        } catch let problem as ReplyProblem {
            console.show("Not sent: \(problem) — the draft is kept", kind: .error)
            return
        } catch {
            console.show("Not sent: \(error) — the draft is kept", kind: .error)
            return
        }
        console.refreshFromStore()
        if !force, let fresh = try? console.store.ticket(number) {
            ticket = fresh
            let changes = ReplyPlanner.changesSince(draft.base, ticket: fresh, me: console.me, state: console.state)
            if !changes.isEmpty {
                changeNotice = changes
                saveDraftNow(console: console)
                // Reviewing is the default (first, highlighted): Enter must not send over news.
                let items = [PickerItem("Review what changed — keep writing (the new messages are shown above)"),
                             PickerItem("Send anyway"), PickerItem("Discard this draft")]
                console.pick(PickerWidget(title: "#\(number) changed since you began", items: items)) { [weak self] choice in
                    guard let self else { return }
                    switch choice {
                    case 1: self.send(console: console, force: true)
                    case 0:
                        self.draft.base = ReplyBase(fresh)
                        self.lastEditAt = console.now
                        console.show("Ticket changes noted; Ctrl-X sends when you are ready")
                    default:
                        console.confirm(title: "Discard draft", message: "Throw away this draft?") { self.discard(console: console) }
                    }
                }
                console.show("#\(number) changed: " + changes.joined(separator: " · "), kind: .warning)
                return
            }
        }
        saveDraftNow(console: console)
        do {
            let outcome = try ReplySender(store: storage).send(ticket: number, kind: kind, body: text, author: console.me,
                                                               at: console.now, actions: actions, status: draft.sendStatus,
                                                               sendID: draft.sendID, base: draft.base)
            finished = true
            console.popScreen()
            switch outcome {
            case .sent(let events):
                console.didAppend(events)
                let status = console.state.tickets[number].map { " · #\(number) is \($0.status.label)" } ?? ""
                console.show((kind == .note ? "Note added to #\(number)" : "Reply sent on #\(number) (in the outbox as \(draft.sendID).eml)") + status)
            case .alreadySent:
                console.refreshFromStore()
                console.show("That \(kind == .note ? "note" : "reply") had already gone out; not sent twice")
            }
            console.drafting.refreshDrafts(console: console, force: true)
            if kind == .reply { console.drafting.deliver(console: console, now: true) }
        } catch let problem as ReplyProblem {
            console.show("Not sent: \(problem) — the draft is kept", kind: .error)
        } catch let error as ChangeError {
            console.refreshFromStore()
            console.show("Not sent: \(error) — the draft is kept", kind: .error)
        } catch let error as OutboxCommitError {
            finished = true
            console.popScreen()
            console.show("\(error)", kind: .error)
        } catch {
            console.show("Not sent: the outbox cannot be written (\(error)) — the draft is kept", kind: .error)
        }
    }

    /// For `EditorBenchmark`: a large text without the undo history a paste would leave.
    func replaceTextForBenchmark(_ text: String, cursor: TextPosition) {
        editor = TextEditor(text: text, cursor: cursor)
    }

    // MARK: Drafts

    public var nextDraftSave: Date? {
        guard !finished, isDirty, let edit = lastEditAt else { return nil }
        let debounced = edit.addingTimeInterval(0.5)
        guard let saved = lastSaveAt else { return debounced }
        return min(debounced, saved.addingTimeInterval(1))
    }

    public func saveDraftIfDue(console: Console) {
        guard let due = nextDraftSave, console.now >= due else { return }
        saveDraftNow(console: console)
    }

    @discardableResult
    public func saveDraftNow(console: Console) -> Bool {
        guard !finished, isDirty else { return true }
        let storage = console.store
        let text = editor.text.text
        let cursor = editor.text.cursor
        var copy = draft
        copy.text = text
        copy.cursor = cursor
        copy.savedAt = console.now
        do {
            if text.isEmpty {
                try storage.drafts.remove(agent: console.me, ticket: number)
            } else {
                try storage.drafts.save(copy)
            }
            draft = copy
            savedText = text
            savedCursor = cursor
            savedTemplates = copy.templates
            savedSendStatus = copy.sendStatus
            lastSaveAt = console.now
            if saveError != nil { console.show("Draft saved again") }
            saveError = nil
            console.drafting.refreshDrafts(console: console, force: true)
            return true
        } catch {
            lastSaveAt = console.now
            if saveError == nil { console.show("Draft NOT saved: \(error) — keep this console open", kind: .error) }
            saveError = "\(error)"
            return false
        }
    }

    public func storeChanged(_ events: [Event], console: Console) {
        guard events.contains(where: { $0.ticketNumber == number }) else { return }
        ticket = try? console.store.ticket(number)
        if let other = events.last(where: { $0.ticketNumber == number && $0.actor != console.me }) {
            if case .messageAdded(_, let m) = other.change {
                let who = m.kind == .customer ? (console.state.customers[m.author]?.greetingName ?? m.author) : console.state.agentName(m.author)
                console.show("\(who) just wrote on #\(number) — shown above; sending will ask", kind: .warning)
            }
        }
    }

    // MARK: Drawing

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let isNote = kind == .note
        let accent = console.style(isNote ? .internalNote : .agentReply)
        let title = console.style(.title)
        let t = console.state.tickets[number]
        let customer = t.flatMap { console.state.customers[$0.requester] }
        buffer.fill(area.row(0), style: isNote ? accent.reversed() : title)
        let heading = isNote
            ? " INTERNAL NOTE on #\(number) — only agents see this"
            : " Reply to \(customer?.greetingName ?? "the customer")\(customer?.emails.first.map { " <\($0)>" } ?? "") · #\(number) \(t?.subject ?? "")"
        // Another agent writing on this ticket too: said at the right of the heading, never cut.
        let also = console.presence?.alsoReplying(onTicket: number, state: console.state).map { " ✎ \($0) " }
        let alsoWidth = also.map { TextWidth.width(of: $0) } ?? 0
        buffer.put(heading, at: area.origin, style: isNote ? accent.reversed() : title, maxWidth: max(0, area.width - alsoWidth))
        if let also, alsoWidth < area.width {
            buffer.put(also, at: Point(x: area.maxX - alsoWidth, y: area.y), style: console.style(.warning))
        }
        var y = area.y + 1
        // The customer card line: who, their usual, open promises.
        if let c = customer {
            var x = area.x + 1
            func put(_ s: String, _ st: Style) { x += buffer.put(s, at: Point(x: x, y: y), style: st, maxWidth: max(0, area.maxX - x)) }
            put(c.greetingName, console.style(.customerName))
            if c.preferredName != nil, c.preferredName != c.name { put(" (\(c.name))", console.style(.textDim)) }
            if c.vip { put(" VIP", console.style(.vip)) }
            put(" · usual: ", console.style(.customerLabel))
            put(c.usualOrder ?? "—", console.style(.customerValue))
            let promises = console.state.openPromises(ofCustomer: c.id)
            put(" · promises: ", console.style(.customerLabel))
            if let next = promises.min(by: { $0.due < $1.due }) {
                put("\(promises.count) open, next \(console.localTime.compact(next.due, now: console.now)): \(next.text)",
                    console.style(next.isOverdue(now: console.now) ? .error : .promiseDue))
            } else {
                put("none open", console.style(.textDim))
            }
            y += 1
        }
        // The last customer message (or what changed, when sending was stopped).
        let noticeRows: [(String, Style)]
        if !changeNotice.isEmpty {
            noticeRows = [("Changed since you began:", console.style(.warning))] + changeNotice.map { ("  " + $0, console.style(.warning)) }
        } else if let last = ticket?.messages.last(where: { $0.kind == .customer }) {
            let lines = last.body.split(separator: "\n", omittingEmptySubsequences: true).prefix(3).map(String.init)
            noticeRows = [("Last from \(customer?.greetingName ?? "the customer") (\(console.localTime.compact(last.at, now: console.now))):", console.style(.messageHeader))]
                + lines.map { ("  " + $0, console.style(.customerMessage)) }
        } else {
            noticeRows = []
        }
        for (text, style) in noticeRows.prefix(max(0, area.height / 3)) where y < area.maxY {
            buffer.put(text, at: Point(x: area.x + 1, y: y), style: style, maxWidth: area.width - 1)
            y += 1
        }
        guard y < area.maxY else { return }
        // What sending does, always in view: the status (chosen or default) and the templates' actions.
        let effect = onSend(console: console)
        var x = area.x + 1
        // The key as bound now (a config may move it), else the command that always works.
        let key = console.keyMap.keys(for: "send-status", on: bindingTable).first.map { k -> String in
            if case .ctrl(let c) = k { return "Ctrl-" + c.uppercased() }
            return k.name
        } ?? ":send-status"
        for (text, role) in [("On send: ", StyleRole.customerLabel), (effect.summary, .customerValue), ("  (\(key) submit as…)", .textDim)] {
            x += buffer.put(text, at: Point(x: x, y: y), style: console.style(role), maxWidth: max(0, area.maxX - x))
        }
        y += 1
        guard y < area.maxY else { return }
        let ruleText = previewing ? " Preview: exactly what \(isNote ? "agents" : "the customer") will see " : (isNote ? " Note (internal) " : " Reply ")
        buffer.horizontalLine(x: area.x, y: y, width: area.width, style: accent, character: console.unicode ? "─" : "-")
        buffer.put(ruleText, at: Point(x: area.x + 2, y: y), style: accent, maxWidth: area.width - 2)
        if let template = draft.template {
            let label = " template: \(template) "
            buffer.put(label, at: Point(x: max(area.x, area.maxX - TextWidth.width(of: label) - 1), y: y), style: console.style(.textDim))
        }
        y += 1
        let body = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        guard body.height > 0 else { return }
        // A coloured bar down the left edge: a note never looks like a reply.
        buffer.verticalLine(x: body.x, y: body.y, height: body.height, style: accent, character: console.unicode ? (isNote ? "┃" : "│") : "|")
        let inner = body.inset(left: 2)
        if previewing {
            TextView(lines: previewLines(console: console)).render(in: inner, buffer: &buffer, state: &preview)
        } else {
            editor.render(in: inner, buffer: &buffer, style: isNote ? accent : console.style(.text), focused: !console.hasOverlay)
        }
    }

    private func previewLines(console: Console) -> [StyledLine] {
        let text = ReplyPlanner.normalised(editor.text.text)
        let dim = console.style(.textDim)
        var lines: [StyledLine] = []
        if kind == .reply, let t = console.state.tickets[number] {
            do {
                let mail = try OutgoingMail(sendID: draft.sendID, ticket: t, customer: console.state.customers[t.requester],
                                            agent: console.state.agents[console.me], settings: console.state.settings,
                                            body: text, date: console.now)
                lines.append(StyledLine("From: \(mail.fromName) <\(mail.fromAddress)>", style: dim))
                lines.append(StyledLine("To: \(mail.toName) <\(mail.toAddress)>", style: dim))
                lines.append(StyledLine("Subject: \(mail.subject)", style: dim))
            } catch {
                lines.append(StyledLine("\(error)", style: console.style(.error)))
            }
            lines.append(StyledLine("On send: " + onSend(console: console).summary, style: dim))
            lines.append(.empty)
        }
        let unfilled = Placeholders.unfilled(in: text)
        if !unfilled.isEmpty {
            lines.append(StyledLine("Not ready: fill in " + unfilled.map { "{{\($0)}}" }.joined(separator: ", "), style: console.style(.error)))
            lines.append(.empty)
        }
        if text.isEmpty { lines.append(StyledLine("(nothing written yet)", style: dim)) }
        lines += StyledLine.lines(from: text, style: kind == .note ? console.style(.internalNote) : console.style(.text))
        return lines
    }
}
