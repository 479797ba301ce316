import Foundation
import HelpdeskCore

/// The home screen: a sidebar of views with live counts, and the table of tickets in the chosen view.
///
/// The view's rows are computed when the store changes or the view/filter changes — never per key
/// press — and only the visible rows are turned into cells, so moving the selection stays cheap on a
/// 100,000-ticket store.
public final class QueueScreen: Screen {
    public let bindingTable = "queue"
    public private(set) var views: [QueueView] = QueueView.builtIn
    public private(set) var viewIndex = 0
    /// Count per view id, refreshed with the store.
    private var counts: [String: Int] = [:]
    /// Ticket numbers of the current view, in queue order, before the filter.
    private var viewRows: [Int] = []
    /// What is shown: `viewRows` narrowed by the filter.
    public private(set) var rows: [Int] = []
    public private(set) var list = ListState()
    private var sidebarFocused = false
    /// Whether the last frame had room for the views sidebar: Tab never moves the focus into a pane
    /// that cannot be seen.
    private var sidebarShown = true
    /// The narrowest body that still shows the views sidebar beside the table.
    static let sidebarWidth = 72
    /// Where the last frame drew the table and the sidebar, for mouse clicks.
    private var lastTableArea = Rect(x: 0, y: 0, width: 0, height: 0)
    private var lastSidebarArea: Rect?
    /// The filter being typed (nil when not typing) and the filter in force.
    private var filterInput: LineInput?
    public private(set) var filterText = ""
    /// `filterText` read as a query (see `Query`); the last query that parsed stays in force.
    private var filter = QueueFilter()
    /// Lower-cased text each ticket is filtered on, cached by ticket version.
    private var searchKeys: [Int: (version: Int, text: String)] = [:]
    /// Tickets whose messages contain each free word, for the filter in force: looked up once per
    /// filter and store version, never per key press while the filter is being typed.
    private var messageHitsCache: (words: [String], seq: Int, hits: [String: Set<Int>])?
    private var lastBodyHeight = 20
    /// The customer card beside the table: nil follows the width (see `QueueScreen+CardPane`), `i` toggles.
    var cardPaneChoice: Bool?
    /// Tickets marked for a bulk action (see `QueueMarks`, `BulkActions`).
    var marks = QueueMarks()

    init(console: Console) {
        recount(console: console, includingSlow: console.state.tickets.count < 20_000)
        // Start where an agent's day starts: their own open tickets, if they have any.
        viewIndex = (counts["mine"] ?? 0) > 0 ? 0 : views.firstIndex { $0.id == "open" } ?? 0
        rebuildRows(console: console)
    }

    public var title: String {
        views[viewIndex].title + (filterText.isEmpty ? "" : " /\(filterText)")
    }

    public var capturesText: Bool { filterInput != nil }

    public func count(ofViewID id: String) -> Int? { counts[id] }

    /// The ticket under the selection bar.
    public var selectedTicketNumber: Int? { list.selectedID(in: rows) }

    public func hint(console: Console) -> String? {
        "Enter open · r reply · c claim · s status · p priority · / filter · 1-9 views · : command · ? help · q quit"
    }

    // MARK: Model

    /// The built-in views, then this agent's saved views; keeps the selected view when it still exists.
    private func refreshViews(console: Console) {
        let selectedID = viewIndex < views.count ? views[viewIndex].id : nil
        views = QueueView.builtIn + QueueView.saved(console.state.savedViews[console.me] ?? [])
        if let selectedID, let i = views.firstIndex(where: { $0.id == selectedID }) {
            viewIndex = i
        } else if viewIndex >= views.count {
            viewIndex = 0
        }
    }

    /// Views whose counts need an SLA computation per open ticket (business-hours arithmetic):
    /// on a large store they are counted after the first frame, so the queue appears at once.
    static let slowViews: Set<String> = ["due-soon"]
    /// Set while the slow counts have not been taken yet (the sidebar shows "…").
    private var slowCountsPending = false
    private var framesDrawn = 0

    private func recount(console: Console, includingSlow: Bool = true) {
        refreshViews(console: console)
        let context = console.viewContext
        let counted = includingSlow ? views : views.filter { !Self.slowViews.contains($0.id) || $0.id == views[viewIndex].id }
        var result = [String: Int]()
        for v in counted { result[v.id] = 0 }
        for t in console.state.tickets.values {
            for v in counted where v.matches(t, context) { result[v.id]! += 1 }
        }
        counts = result
        slowCountsPending = counted.count < views.count
    }

    private func rebuildRows(console: Console) {
        let selected = selectedTicketNumber
        let view = views[viewIndex]
        let context = console.viewContext
        let tickets = console.state.tickets.values.filter { view.matches($0, context) }
        // A saved view's `sort:` orders it; otherwise the queue's usual order.
        if let text = view.query, text.contains("sort:"), let q = try? Query.parse(text), q.sort != nil {
            viewRows = q.sorted(tickets, in: context).map(\.number)
        } else {
            viewRows = tickets.sorted(by: QueueOrder.areInIncreasingOrder).map(\.number)
        }
        applyFilter(console: console, keeping: selected)
    }

    private func applyFilter(console: Console, keeping selected: Int?) {
        let state = console.state
        filter.update(filterText, agents: Set(state.agents.keys))
        if filter.query == nil {
            rows = viewRows
        } else {
            let bodyHits = messageHits(for: filter.query?.freeWords ?? [], console: console)
            rows = filter.apply(to: viewRows, state: state, context: console.viewContext,
                                text: { self.searchKey($0.number, state: state) }, bodyHits: bodyHits)
        }
        list.setCount(rows.count)
        list.reconcile(selectedID: selected, in: rows)
    }

    /// Message-body matches for free words. While `/` is being typed the filter matches subjects,
    /// customers, tags and agents only (in memory, a few milliseconds on 100k tickets); message bodies
    /// join in when the filter is kept with Enter (an index lookup costs far more than a key press may).
    private func messageHits(for words: [String], console: Console) -> [String: Set<Int>] {
        guard !words.isEmpty, filterInput == nil else { return [:] }
        let seq = console.state.lastSeq
        if let c = messageHitsCache, c.words == words, c.seq == seq { return c.hits }
        let hits = console.bodyHits(for: words)
        messageHitsCache = (words, seq, hits)
        return hits
    }

    private func searchKey(_ n: Int, state: HelpdeskState) -> String {
        guard let t = state.tickets[n] else { return "" }
        if let cached = searchKeys[n], cached.version == t.version { return cached.text }
        let text = Query.searchText(t, state: state)
        searchKeys[n] = (t.version, text)
        return text
    }

    public func storeChanged(_ events: [Event], console: Console) {
        recount(console: console)
        rebuildRows(console: console)
        marks.prune(console.state)
    }

    // MARK: Commands

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        let page = max(1, lastBodyHeight)
        switch command.name {
        case "down", "up", "first", "last", "half-page-down", "half-page-up", "page-down", "page-up":
            guard let motion = ListState.Motion(command: command.name) else { return false }
            if sidebarFocused {
                var sidebar = ListState(count: views.count, selected: viewIndex)
                sidebar.move(motion, viewportHeight: views.count)
                select(view: sidebar.selected, console: console)
            } else {
                list.move(motion, viewportHeight: page)
            }
        case "open":
            if let arg = command.arguments.first {
                let digits = arg.hasPrefix("#") ? String(arg.dropFirst()) : arg
                guard let n = Int(digits), console.state.tickets[n] != nil else {
                    console.show("no ticket \(arg)", kind: .error)
                    return true
                }
                open(n, console: console)
            } else if sidebarFocused {
                sidebarFocused = false
            } else if let n = selectedTicketNumber {
                open(n, console: console)
            } else {
                console.show("no ticket selected", kind: .warning)
            }
        case "reply", "note":
            // `r` on the index replies straight away, as in mutt; leaving the reply comes back here.
            guard let n = selectedTicketNumber, console.state.tickets[n] != nil else {
                console.show("no ticket selected", kind: .warning)
                return true
            }
            console.push(ComposeScreen(ticket: n, kind: command.name == "note" ? .note : .reply, console: console))
        case "next-pane":
            if sidebarFocused || sidebarShown {
                sidebarFocused.toggle()
            } else {
                console.show("The views pane is hidden at this width — 1-9 choose a view, :view NAME any", kind: .warning)
            }
        case "card", "customers", _ where CustomerActions.ticketCommands.contains(command.name):
            return performCustomerCommand(command, console: console)
        case "view":
            let arg = command.argumentText
            if let n = Int(arg), (1...views.count).contains(n) {
                select(view: n - 1, console: console)
            } else if let v = QueueView.named(arg, in: views), let i = views.firstIndex(where: { $0.id == v.id }) {
                select(view: i, console: console)
            } else if arg.isEmpty {
                console.show("views: " + views.enumerated().map { "\($0.offset + 1) \($0.element.id)" }.joined(separator: ", "))
            } else if arg.contains(":") || arg.contains(" ") || arg.hasPrefix("-") {
                // `:view status:open tag:vip`: the query over all tickets.
                do {
                    _ = try Query.parse(arg, agents: Set(console.state.agents.keys))
                    if let all = views.firstIndex(where: { $0.id == "all" }) { select(view: all, console: console) }
                    filterText = arg
                    applyFilter(console: console, keeping: selectedTicketNumber)
                    console.show("\(rows.count) tickets match — :save-view NAME keeps this query")
                } catch {
                    console.show("Query: \(error)", kind: .error)
                }
            } else {
                console.show("no view '\(arg)' — views: " + views.map(\.id).joined(separator: ", ")
                             + " (or a query: :view status:open tag:vip)", kind: .error)
            }
        case "filter":
            if command.arguments.isEmpty {
                filterInput = LineInput(text: filterText, placeholder: "words, or status:open tag:vip priority:>=high sort:due …")
            } else {
                filterText = command.argumentText
                applyFilter(console: console, keeping: selectedTicketNumber)
                if let error = filter.error {
                    filterText = ""
                    applyFilter(console: console, keeping: selectedTicketNumber)
                    console.show("Query: \(error)", kind: .error)
                }
            }
        case "save-view", "delete-view":
            performSavedView(command, console: console)
        case "search":
            console.push(SearchScreen(words: command.argumentText, console: console))
        case "next-match", "prev-match":
            guard !filterText.isEmpty else {
                console.show("no filter — press / to filter the list", kind: .warning)
                return true
            }
            guard !rows.isEmpty else { return true }
            let step = command.name == "next-match" ? 1 : rows.count - 1
            list.select((list.selected + step) % rows.count)
        case "mark", "mark-range", "mark-all", "unmark-all":
            performMarking(command.name, console: console)
        default:
            if !marks.isEmpty, BulkActions.names.contains(command.name) {
                marks.closeRange(rows: rows, selected: selectedTicketNumber, state: console.state)
                return BulkActions.perform(command, marks: marks.ordered(rows: rows), console: console) { [weak self] refused in
                    guard let self else { return }
                    self.marks.clear()
                    for n in refused { if let t = console.state.tickets[n] { self.marks.remark(t) } }
                }
            }
            guard TicketActions.names.contains(command.name) else { return false }
            guard let n = selectedTicketNumber, let t = console.state.tickets[n] else {
                console.show("no ticket selected", kind: .warning)
                return true
            }
            return TicketActions.perform(command, on: t, console: console)
        }
        return true
    }

    /// `:save-view NAME` keeps the current view's query plus the filter as a personal view;
    /// `:delete-view NAME` removes one.
    private func performSavedView(_ command: CommandInvocation, console: Console) {
        let name = command.argumentText.trimmingCharacters(in: .whitespaces)
        if command.name == "delete-view" {
            guard let v = console.state.savedView(owner: console.me, named: name) else {
                console.show(name.isEmpty ? "usage: :delete-view NAME" : "you have no saved view named '\(name)'", kind: .error)
                return
            }
            console.write([.viewRemoved(owner: console.me, name: v.name)], done: "Deleted view '\(v.name)'")
            return
        }
        if let problem = SavedView.problem(withName: name) {
            console.show(name.isEmpty ? "usage: :save-view NAME (saves this view and its / filter)" : problem, kind: .error)
            return
        }
        let view = views[viewIndex]
        var parts: [String] = []
        if let q = view.query, !q.isEmpty { parts.append(q) }
        if !filterText.isEmpty { parts.append(filterText) }
        guard view.query != nil || !filterText.isEmpty else {
            console.show("'\(view.title)' cannot be written as a query — filter with / first", kind: .error)
            return
        }
        let query = parts.joined(separator: " ")
        guard !query.isEmpty else {
            console.show("nothing to save: filter with / first (the view All is every ticket)", kind: .error)
            return
        }
        if console.write([.viewSaved(SavedView(owner: console.me, name: name, query: query))],
                         done: "Saved view '\(name)': \(query)") {
            filterText = ""
            if let i = views.firstIndex(where: { $0.id == "saved:" + name.lowercased() }) {
                select(view: i, console: console)
                applyFilter(console: console, keeping: selectedTicketNumber)
            }
        }
    }

    /// Moves the selection to a ticket of the view (the ticket screen's `]`/`[` keep the queue in step).
    func selectTicket(_ number: Int) {
        list.reconcile(selectedID: number, in: rows)
    }

    private func select(view index: Int, console: Console) {
        guard index != viewIndex else { return }
        viewIndex = index
        list = ListState()
        rebuildRows(console: console)
    }

    private func open(_ number: Int, console: Console) {
        console.push(TicketScreen(number: number, console: console))
    }

    /// A click selects a ticket (or a view in the sidebar); a click on the selected ticket or a double
    /// click opens it; the wheel moves the selection three rows, as in htop and lazygit.
    public func handleMouse(_ event: MouseEvent, console: Console) {
        let p = event.point
        if let sidebar = lastSidebarArea, sidebar.contains(p) {
            guard event.kind == .click || event.kind == .doubleClick else { return }
            let index = p.y - sidebar.y - 1
            if views.indices.contains(index) { select(view: index, console: console) }
            return
        }
        guard lastTableArea.contains(p) else { return }
        switch event.kind {
        case .wheelUp, .wheelDown:
            for _ in 0..<MouseEvent.wheelLines { list.move(event.kind == .wheelUp ? .up : .down, viewportHeight: max(1, lastBodyHeight)) }
        case .click, .doubleClick:
            sidebarFocused = false
            let index = list.offset + (p.y - lastTableArea.y - 1)
            guard p.y > lastTableArea.y, rows.indices.contains(index) else { return }
            if index == list.selected || event.kind == .doubleClick {
                list.select(index)
                open(rows[index], console: console)
            } else {
                list.select(index)
            }
        }
    }

    public func handleText(_ event: InputEvent, console: Console) {
        guard let input = filterInput else { return }
        let result = ListFilterField.handle(event, input: &filterInput, text: &filterText)
        applyFilter(console: console, keeping: selectedTicketNumber)
        // A new filter shows the list from the top (as far down only as keeps the selection visible),
        // not wherever the previous filter left it. Live updates keep the scroll position instead.
        list.offset = 0
        if let error = filter.error {
            // Keep the field open on Enter: the text in it is not what the list shows.
            if result == .submitted { filterInput = input }
            console.show("Query: \(error)", kind: result == .submitted ? .error : .warning)
        } else if result == .submitted && !filterText.isEmpty {
            console.show("\(rows.count) of \(viewRows.count) match '\(filterText)' — n/N step, / edits, Esc in / clears")
        }
    }

    // MARK: Drawing

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        defer { framesDrawn += 1 }
        if slowCountsPending && framesDrawn > 0 { recount(console: console) }
        let parts = area.splitRows([.fixed(1), .fill(1)])
        renderTitle(in: parts[0], buffer: &buffer, console: console)
        let body = parts[1]
        let showSidebar = body.width >= Self.sidebarWidth
        sidebarShown = showSidebar
        if !showSidebar { lastSidebarArea = nil }
        // Narrowed under a focused sidebar: the focus goes back to the table, which is what is seen.
        if !showSidebar { sidebarFocused = false }
        var tableArea = body
        if showSidebar {
            let width = min(24, max(18, body.width / 6))
            let columns = body.splitColumns([.fixed(width), .fixed(1), .fill(1)])
            renderSidebar(in: columns[0], buffer: &buffer, console: console)
            lastSidebarArea = columns[0]
            buffer.verticalLine(x: columns[1].x, y: columns[1].y, height: columns[1].height,
                                style: console.style(sidebarFocused ? .borderFocused : .border),
                                character: console.unicode ? "│" : "|")
            tableArea = columns[2]
        }
        tableArea = renderCardPane(beside: tableArea, buffer: &buffer, console: console)
        let presenter = TicketRowPresenter(state: console.state, theme: console.theme, now: console.now,
                                           localTime: console.localTime, sla: console.state.slaClock)
        let empty = filterText.isEmpty ? "No tickets in \(views[viewIndex].title)." : "No tickets match '\(filterText)'."
        var table = TableWidget(columns: TicketRowPresenter.columns(maxNumber: console.state.nextTicketNumber - 1),
                                styles: TableStyles(theme: console.theme, unicode: console.unicode),
                                showsMarkerColumn: !marks.isEmpty, emptyMessage: empty)
        lastBodyHeight = table.bodyHeight(for: tableArea)
        lastTableArea = tableArea
        let state = console.state
        let pending = Set(marks.pendingRange(rows: rows, selected: selectedTicketNumber))
        table.render(rowCount: rows.count, row: { i in
            guard let t = state.tickets[self.rows[i]] else { return TableRow([]) }
            var row = presenter.row(t, marked: self.marks.versions[t.number] != nil || pending.contains(t.number))
            PresenceMarker.decorate(&row, ticket: t.number, console: console)
            DraftMarker.decorate(&row, ticket: t.number, console: console)
            return row
        }, in: tableArea, buffer: &buffer, state: &list, focused: !sidebarFocused)
    }

    private func renderTitle(in area: Rect, buffer: inout CellBuffer, console: Console) {
        ListFilterField.renderTitle(views[viewIndex].title, shown: rows.count, total: viewRows.count, input: &filterInput,
                              kept: filterText, in: area, buffer: &buffer, console: console)
    }

    private func renderSidebar(in area: Rect, buffer: inout CellBuffer, console: Console) {
        // The focused pane's header is bright and marked; the other one is dimmed (as the table's is).
        let header = sidebarFocused ? (console.unicode ? "▸Views" : ">Views") : " Views"
        buffer.put(header, at: area.origin, style: console.style(sidebarFocused ? .tableHeader : .textDim), maxWidth: area.width)
        for (i, v) in views.enumerated() {
            let y = area.y + 1 + i
            guard y < area.maxY else { break }
            let selected = i == viewIndex
            let style = console.style(selected ? (sidebarFocused ? .selection : .sidebarSelected) : .sidebarItem)
            let row = Rect(x: area.x, y: y, width: area.width, height: 1)
            if selected { buffer.fill(row, style: style) }
            let number = i < 9 ? "\(i + 1) " : "  "
            let count = counts[v.id].map(String.init) ?? "…"
            let countWidth = count.count + 1
            // Whole words only ("Solved…", never "Solved toda"), so a name is never misread.
            let room = max(0, area.width - countWidth - 1 - 1 - TextWidth.width(of: number))
            buffer.put(" " + number + Truncation.words(v.title, toWidth: room), at: row.origin, style: style,
                       maxWidth: max(0, area.width - countWidth - 1))
            buffer.put(count, at: Point(x: area.maxX - countWidth, y: y),
                       style: selected ? style : console.style(.count), maxWidth: countWidth)
        }
    }
}
