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
    /// The filter being typed (nil when not typing) and the filter in force.
    private var filterInput: LineInput?
    public private(set) var filterText = ""
    /// Lower-cased text each ticket is filtered on, cached by ticket version.
    private var searchKeys: [Int: (version: Int, text: String)] = [:]
    private var lastBodyHeight = 20

    init(console: Console) {
        recount(console: console)
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
        "Enter open · c claim · s status · p priority · / filter · 1-9 views · : command · ? help · q quit"
    }

    // MARK: Model

    private func recount(console: Console) {
        let context = console.viewContext
        var result = [String: Int]()
        for v in views { result[v.id] = 0 }
        for t in console.state.tickets.values {
            for v in views where v.matches(t, context) { result[v.id]! += 1 }
        }
        counts = result
    }

    private func rebuildRows(console: Console) {
        let selected = selectedTicketNumber
        let view = views[viewIndex]
        let context = console.viewContext
        viewRows = console.state.tickets.values.filter { view.matches($0, context) }
            .sorted(by: QueueOrder.areInIncreasingOrder).map(\.number)
        applyFilter(console: console, keeping: selected)
    }

    private func applyFilter(console: Console, keeping selected: Int?) {
        let words = filterText.lowercased().split(separator: " ").map(String.init)
        if words.isEmpty {
            rows = viewRows
        } else {
            let state = console.state
            rows = viewRows.filter { n in
                let key = searchKey(n, state: state)
                return words.allSatisfy { key.contains($0) }
            }
        }
        list.setCount(rows.count)
        list.reconcile(selectedID: selected, in: rows)
    }

    private func searchKey(_ n: Int, state: HelpdeskState) -> String {
        guard let t = state.tickets[n] else { return "" }
        if let cached = searchKeys[n], cached.version == t.version { return cached.text }
        let c = state.customers[t.requester]
        let text = ["#\(n)", t.subject, c?.name ?? "", c?.preferredName ?? "", t.assignee ?? "",
                    t.tags.joined(separator: " "), c?.emails.first ?? "", c?.organisation ?? ""]
            .joined(separator: " ").lowercased()
        searchKeys[n] = (t.version, text)
        return text
    }

    public func storeChanged(_ events: [Event], console: Console) {
        recount(console: console)
        rebuildRows(console: console)
    }

    // MARK: Commands

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        let page = max(1, lastBodyHeight)
        switch command.name {
        case "down", "up", "first", "last", "half-page-down", "half-page-up", "page-down", "page-up":
            let motion: ListState.Motion = switch command.name {
            case "down": .down
            case "up": .up
            case "first": .first
            case "last": .last
            case "half-page-down": .halfPageDown
            case "half-page-up": .halfPageUp
            case "page-down": .pageDown
            default: .pageUp
            }
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
        case "next-pane":
            sidebarFocused.toggle()
        case "view":
            let arg = command.argumentText
            if let n = Int(arg), (1...views.count).contains(n) {
                select(view: n - 1, console: console)
            } else if let v = QueueView.named(arg, in: views), let i = views.firstIndex(where: { $0.id == v.id }) {
                select(view: i, console: console)
            } else if arg.isEmpty {
                console.show("views: " + views.enumerated().map { "\($0.offset + 1) \($0.element.id)" }.joined(separator: ", "))
            } else {
                console.show("no view '\(arg)' — views: " + views.map(\.id).joined(separator: ", "), kind: .error)
            }
        case "filter":
            if command.arguments.isEmpty {
                filterInput = LineInput(text: filterText, placeholder: "words in subject, customer, tag, agent")
            } else {
                filterText = command.argumentText
                applyFilter(console: console, keeping: selectedTicketNumber)
            }
        case "next-match", "prev-match":
            guard !filterText.isEmpty else {
                console.show("no filter — press / to filter the list", kind: .warning)
                return true
            }
            guard !rows.isEmpty else { return true }
            let step = command.name == "next-match" ? 1 : rows.count - 1
            list.select((list.selected + step) % rows.count)
        default:
            guard TicketActions.names.contains(command.name) else { return false }
            guard let n = selectedTicketNumber, let t = console.state.tickets[n] else {
                console.show("no ticket selected", kind: .warning)
                return true
            }
            return TicketActions.perform(command, on: t, console: console)
        }
        return true
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

    public func handleText(_ event: InputEvent, console: Console) {
        guard var input = filterInput else { return }
        let result = input.handle(event)
        switch result {
        case .cancelled:
            filterInput = nil
            filterText = ""
        case .submitted:
            filterInput = nil
            filterText = input.text.trimmingCharacters(in: .whitespaces)
        default:
            filterInput = input
            filterText = input.text
        }
        applyFilter(console: console, keeping: selectedTicketNumber)
        if result == .submitted && !filterText.isEmpty {
            console.show("\(rows.count) of \(viewRows.count) match '\(filterText)' — n/N step, / edits, Esc in / clears")
        }
    }

    // MARK: Drawing

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        renderTitle(in: parts[0], buffer: &buffer, console: console)
        let body = parts[1]
        let showSidebar = body.width >= 72
        var tableArea = body
        if showSidebar {
            let width = min(24, max(18, body.width / 6))
            let columns = body.splitColumns([.fixed(width), .fixed(1), .fill(1)])
            renderSidebar(in: columns[0], buffer: &buffer, console: console)
            buffer.verticalLine(x: columns[1].x, y: columns[1].y, height: columns[1].height,
                                style: console.style(sidebarFocused ? .borderFocused : .border),
                                character: console.unicode ? "│" : "|")
            tableArea = columns[2]
        }
        let presenter = TicketRowPresenter(state: console.state, theme: console.theme, now: console.now,
                                           localTime: console.localTime)
        let empty = filterText.isEmpty ? "No tickets in \(views[viewIndex].title)." : "No tickets match '\(filterText)'."
        let table = TableWidget(columns: TicketRowPresenter.columns,
                                styles: TableStyles(theme: console.theme, unicode: console.unicode),
                                showsMarkerColumn: false, emptyMessage: empty)
        lastBodyHeight = table.bodyHeight(for: tableArea)
        let state = console.state
        table.render(rowCount: rows.count, row: { i in
            guard let t = state.tickets[self.rows[i]] else { return TableRow([]) }
            return presenter.row(t)
        }, in: tableArea, buffer: &buffer, state: &list, focused: !sidebarFocused)
    }

    private func renderTitle(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let style = console.style(.title)
        buffer.fill(area, style: style)
        let v = views[viewIndex]
        var text = " \(v.title) (\(rows.count)"
        if !filterText.isEmpty || filterInput != nil { text += " of \(viewRows.count)" }
        text += ")"
        let used = buffer.put(text, at: area.origin, style: style, maxWidth: area.width)
        if var input = filterInput {
            let label = "  / "
            buffer.put(label, at: Point(x: area.x + used, y: area.y), style: style, maxWidth: area.width - used)
            let x = area.x + used + TextWidth.width(of: label)
            let field = Rect(x: x, y: area.y, width: max(0, area.maxX - x - 1), height: 1)
            input.render(in: field, buffer: &buffer, style: console.style(.input),
                         placeholderStyle: console.style(.inputPlaceholder), focused: true)
            filterInput = input
        } else if !filterText.isEmpty {
            buffer.put("  filter: \(filterText)", at: Point(x: area.x + used, y: area.y), style: style,
                       maxWidth: area.width - used)
        }
    }

    private func renderSidebar(in area: Rect, buffer: inout CellBuffer, console: Console) {
        buffer.put(" Views", at: area.origin, style: console.style(.tableHeader), maxWidth: area.width)
        for (i, v) in views.enumerated() {
            let y = area.y + 1 + i
            guard y < area.maxY else { break }
            let selected = i == viewIndex
            let style = console.style(selected ? (sidebarFocused ? .selection : .sidebarSelected) : .sidebarItem)
            let row = Rect(x: area.x, y: y, width: area.width, height: 1)
            if selected { buffer.fill(row, style: style) }
            let number = i < 9 ? "\(i + 1) " : "  "
            let count = String(counts[v.id] ?? 0)
            let countWidth = count.count + 1
            buffer.put(" " + number + v.title, at: row.origin, style: style, maxWidth: max(0, area.width - countWidth - 1))
            buffer.put(count, at: Point(x: area.maxX - countWidth, y: y),
                       style: selected ? style : console.style(.count), maxWidth: countWidth)
        }
    }
}
