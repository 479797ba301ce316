import Foundation
import HelpdeskCore

/// One ticket: its header, the customer card, and the thread (bodies loaded on demand from the store).
public final class TicketScreen: Screen {
    public let bindingTable = "ticket"
    public let number: Int
    /// The ticket as last loaded, thread included.
    public private(set) var ticket: Ticket?
    private var loadError: String?
    private var thread = TextViewState()
    private var card = TextViewState()
    private var cardFocused = false
    private var searchInput: LineInput?
    private var searchText = ""
    /// The wrapped thread as last drawn, for search.
    private var threadLines: [StyledLine] = []
    /// What `threadLines` was built for: width, theme and minute ("2m ago" moves on).
    private var threadKey = ""
    /// Quoted history in mail is folded until `z` unfolds it.
    private var showsQuoted = false
    /// Every match of `searchText` in `threadLines`, and which one n/N are on.
    private var highlight: SearchHighlight?
    private var currentMatch: Int?

    init(number: Int, console: Console) {
        self.number = number
        load(console: console)
        thread.scrollToEnd()   // the newest message is what the agent needs first
    }

    public var title: String { "#\(number)" }
    public var capturesText: Bool { searchInput != nil }

    public func hint(console: Console) -> String? {
        (console.drafting.myDrafts.contains(number) ? "r continue your draft · " : "r reply · i note · ")
            + "q back · c claim · s status · u usual · P prefs · f promise · F kept/missed · C customers · ? help"
    }

    private func load(console: Console) {
        do {
            ticket = try console.store.ticket(number)
            loadError = nil
        } catch {
            loadError = "\(error)"
        }
        threadKey = ""
    }

    public func storeChanged(_ events: [Event], console: Console) {
        let mine = events.filter { $0.ticketNumber == number }
        guard !mine.isEmpty else { return }
        let atEnd = thread.isAtEnd
        load(console: console)
        if atEnd { thread.scrollToEnd() }
        if let other = mine.last(where: { $0.actor != console.me }) {
            let who = console.state.agents[other.actor]?.displayName ?? other.actor
            console.show("#\(number) changed by \(who) while you were reading", kind: .warning)
        }
    }

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        switch command.name {
        case "down", "up", "first", "last", "half-page-down", "half-page-up", "page-down", "page-up":
            guard let key = TextView.key(forMotion: command.name) else { return false }
            if cardFocused {
                _ = TextView.handle(key, state: &card)
            } else {
                _ = TextView.handle(key, state: &thread)
            }
        case "next-pane":
            cardFocused.toggle()
        case "reply", "note":
            console.push(ComposeScreen(ticket: number, kind: command.name == "note" ? .note : .reply, console: console))
        case "search":
            if command.arguments.isEmpty {
                // A new search starts empty (as in less and mutt); n/N still repeat the last one.
                searchInput = LineInput(placeholder: "find in thread (Enter finds, n/N next/previous)")
            } else {
                searchText = command.argumentText
                find(forward: true, from: thread.offset, console: console)
            }
        case "next-match", "prev-match":
            guard !searchText.isEmpty else {
                console.show("nothing to find — press / first", kind: .warning)
                return true
            }
            step(forward: command.name == "next-match", console: console)
        case "save-attachment":
            guard let t = ticket else { return true }
            AttachmentSaving.start(ticket: t, console: console)
        case "toggle-quoted":
            showsQuoted.toggle()
            threadKey = ""
        case "next-ticket", "prev-ticket":
            openNeighbour(forward: command.name == "next-ticket", console: console)
        case "refresh":
            load(console: console)
            return false   // the console also refreshes the store
        case "customers":
            console.push(CustomersScreen(console: console, selecting: ticket?.requester, search: command.argumentText))
        case _ where CustomerActions.ticketCommands.contains(command.name):
            guard let t = ticket else { return true }
            return CustomerActions.perform(command, ticket: t, console: console)
        default:
            guard TicketActions.names.contains(command.name) else { return false }
            guard let t = ticket else { return true }
            return TicketActions.perform(command, on: t, console: console)
        }
        return true
    }

    /// The wheel scrolls the thread (or the card, when the pointer is over it).
    public func handleMouse(_ event: MouseEvent, console: Console) {
        guard event.kind == .wheelUp || event.kind == .wheelDown else { return }
        let key: Key = event.kind == .wheelUp ? .up : .down
        for _ in 0..<MouseEvent.wheelLines { _ = TextView.handle(key, state: &thread) }
    }

    public func handleText(_ event: InputEvent, console: Console) {
        guard var input = searchInput else { return }
        switch input.handle(event) {
        case .cancelled:
            searchInput = nil
        case .submitted:
            searchInput = nil
            searchText = input.text
            if searchText.isEmpty {
                highlight = nil
                currentMatch = nil
            } else {
                find(forward: true, from: thread.offset, console: console)
            }
        default:
            searchInput = input
        }
    }

    /// Finds every match and goes to the first one from line `start` on.
    private func find(forward: Bool, from start: Int, console: Console) {
        highlight = SearchHighlight(needle: searchText, lines: threadLines)
        currentMatch = highlight?.index(from: max(0, start), forward: forward)
        showMatch(console: console)
    }

    /// n/N: the next or previous match, wrapping around the thread.
    private func step(forward: Bool, console: Console) {
        if highlight?.needle != searchText { highlight = SearchHighlight(needle: searchText, lines: threadLines) }
        guard let h = highlight, !h.matches.isEmpty else {
            showMatch(console: console)
            return
        }
        if let c = currentMatch {
            currentMatch = (c + (forward ? 1 : h.matches.count - 1)) % h.matches.count
        } else {
            currentMatch = h.index(from: thread.offset, forward: forward)
        }
        showMatch(console: console)
    }

    private func showMatch(console: Console) {
        guard let h = highlight, let c = currentMatch, c < h.matches.count else {
            console.show("'\(searchText)' is not in this thread", kind: .warning)
            return
        }
        // Keep a little context above the match, as less does.
        let line = h.matches[c].line
        if line < thread.offset || line >= thread.offset + max(1, thread.viewportHeight) {
            thread.scroll(toLine: max(0, line - 2))
        }
        console.show("'\(searchText)' \(c + 1) of \(h.matches.count) — n next, N previous")
    }

    /// `]` / `[`: the next or previous ticket of the queue's view, without going back to it.
    private func openNeighbour(forward: Bool, console: Console) {
        let rows = console.queue.rows
        guard let here = rows.firstIndex(of: number) else {
            console.show("#\(number) is not in the queue's view — q goes back to it", kind: .warning)
            return
        }
        let next = here + (forward ? 1 : -1)
        guard rows.indices.contains(next) else {
            console.show(forward ? "last ticket of the view" : "first ticket of the view", kind: .warning)
            return
        }
        console.queue.selectTicket(rows[next])
        console.replaceTop(with: TicketScreen(number: rows[next], console: console))
    }

    // MARK: Drawing

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        guard let t = ticket else {
            buffer.put(" #\(number): \(loadError ?? "loading…")", at: area.origin, style: console.style(.error),
                       maxWidth: area.width)
            return
        }
        let parts = area.splitRows([.fixed(2), .fill(1)])
        renderHeader(t, in: parts[0], buffer: &buffer, console: console)
        let body = parts[1]
        let cardPresenter = CustomerCardPresenter(state: console.state, theme: console.theme, now: console.now,
                                                  localTime: console.localTime)
        let cardLines = cardPresenter.lines(for: t.requester, currentTicket: t.number)
        let threadPresenter = ThreadPresenter(state: console.state, theme: console.theme, now: console.now,
                                              localTime: console.localTime, unicode: console.unicode, showsQuoted: showsQuoted)
        let lineChar: Character = console.unicode ? "─" : "-"
        var threadArea: Rect
        if body.width >= 100 {
            let columns = body.splitColumns([.fill(1), .fixed(1), .fixed(min(44, body.width / 3))])
            threadArea = columns[0]
            buffer.verticalLine(x: columns[1].x, y: columns[1].y, height: columns[1].height,
                                style: console.style(cardFocused ? .borderFocused : .border),
                                character: console.unicode ? "│" : "|")
            let cardArea = columns[2].inset(left: 1)
            TextView(lines: cardLines).render(in: cardArea, buffer: &buffer, state: &card)
        } else {
            let cardHeight = min(cardLines.count, max(3, body.height / 3))
            let rows = body.splitRows([.fixed(cardHeight), .fixed(1), .fill(1)])
            TextView(lines: cardLines).render(in: rows[0].inset(left: 1), buffer: &buffer, state: &card)
            buffer.horizontalLine(x: rows[1].x, y: rows[1].y, width: rows[1].width,
                                  style: console.style(cardFocused ? .borderFocused : .border), character: lineChar)
            if card.lineCount > rows[0].height {
                buffer.put(" Tab: more ", at: Point(x: rows[1].maxX - 12, y: rows[1].y), style: console.style(.textDim), maxWidth: 11)
            }
            threadArea = rows[2]
        }
        threadArea = threadArea.inset(left: 1)
        // Wrapping a long thread is the costly part of a frame: redo it only when the width or the
        // ticket changed, not on every scroll.
        let key = "\(threadArea.width) \(console.theme.name) \(Int(console.now.timeIntervalSince1970) / 60)"
        if threadKey != key {
            threadLines = threadPresenter.lines(for: t, width: threadArea.width)
            threadKey = key
            if highlight != nil { highlight = SearchHighlight(needle: searchText, lines: threadLines) }
        }
        // The last row says where in the thread this is (and which match), like less's prompt.
        let footer = Rect(x: threadArea.x, y: threadArea.maxY - 1, width: threadArea.width, height: 1)
        threadArea = threadArea.inset(bottom: 1)
        var shown = threadLines
        if let h = highlight, !h.matches.isEmpty {
            let lines = Set(h.matches.map(\.line))
            let matchStyle = console.style(.searchMatch)
            let currentStyle = console.style(.selection)
            for i in lines where i < shown.count {
                shown[i] = h.paint(shown[i], at: i, style: matchStyle, currentStyle: currentStyle, current: currentMatch)
            }
        }
        TextView(lines: shown, wraps: false).render(in: threadArea, buffer: &buffer, state: &thread)
        renderPosition(in: footer, buffer: &buffer, console: console)
        if var input = searchInput {
            let row = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
            buffer.fill(row, style: console.style(.input))
            buffer.put("/", at: row.origin, style: console.style(.input), maxWidth: 1)
            input.render(in: Rect(x: row.x + 1, y: row.y, width: row.width - 1, height: 1), buffer: &buffer,
                         style: console.style(.input), placeholderStyle: console.style(.inputPlaceholder), focused: true)
            searchInput = input
        }
    }

    /// "lines 12–40 of 120 · 35%" (Top/All/End as less says), and "match 2 of 5" while a search is on.
    private func renderPosition(in area: Rect, buffer: inout CellBuffer, console: Console) {
        guard !area.isEmpty else { return }
        let total = thread.lineCount
        let first = min(total, thread.offset + 1)
        let last = min(total, thread.offset + thread.viewportHeight)
        let whereText: String
        if total <= thread.viewportHeight { whereText = "All" }
        else if thread.offset == 0 { whereText = "Top" }
        else if thread.isAtEnd { whereText = "End" }
        else { whereText = "\(min(99, last * 100 / max(1, total)))%" }
        var text = "lines \(first)–\(last) of \(total) · \(whereText)"
        if let h = highlight, !searchText.isEmpty {
            text = (h.matches.isEmpty ? "no match for '\(searchText)'"
                    : "'\(searchText)' \(currentMatch.map { $0 + 1 } ?? 0) of \(h.matches.count)") + " · " + text
        }
        text = Truncation.words(text, toWidth: area.width - 1)
        let width = TextWidth.width(of: text)
        buffer.put(text, at: Point(x: area.maxX - width - 1, y: area.y), style: console.style(.textDim), maxWidth: width)
    }

    private func renderHeader(_ t: Ticket, in area: Rect, buffer: inout CellBuffer, console: Console) {
        let title = console.style(.title)
        buffer.fill(area.row(0), style: title)
        // Who else is on this ticket ("Dana is replying") sits at the right, where it is seen first.
        let others = console.presence?.summary(ofTicket: t.number, state: console.state).map { " \($0) " } ?? ""
        let othersWidth = TextWidth.width(of: others)
        buffer.put(" #\(t.number)  \(t.subject)", at: area.origin, style: title, maxWidth: max(0, area.width - othersWidth))
        if !others.isEmpty, othersWidth < area.width {
            buffer.put(others, at: Point(x: area.maxX - othersWidth, y: area.y), style: console.style(.presence).bold(), maxWidth: othersWidth)
        }
        let y = area.y + 1
        var x = area.x + 1
        func put(_ text: String, _ style: Style) {
            guard x < area.maxX else { return }
            x += buffer.put(text, at: Point(x: x, y: y), style: style, maxWidth: area.maxX - x)
        }
        let dim = console.style(.textDim)
        put(t.status.label, console.style(TicketRowPresenter.role(for: t.status)))
        put(" · ", dim)
        put(t.priority.rawValue, console.style(TicketRowPresenter.role(for: t.priority)))
        put(" · ", dim)
        put(t.assignee.map { console.state.agentName($0) } ?? "unassigned", t.assignee == nil ? console.style(.warning) : console.style(.text))
        // The SLA clock: the target with the least time left, then the targets already missed.
        let sla = console.state.slaClock
        let next = sla.next(for: t, now: console.now)
        if let next {
            put(" · ", dim)
            put(next.sentence, TicketRowPresenter.role(for: next).map { console.style($0) } ?? console.style(.text))
        }
        let missed = console.state.slaMisses(of: t, now: console.now)
            .filter { !($0.kind == next?.kind && $0.since == next?.since) }
        if !missed.isEmpty {
            let what = missed.map { m in m.isLegacy ? m.kind.label : "\(m.kind.label) \(console.localTime.compact(m.at, now: console.now))" }
            put(" · missed " + what.joined(separator: ", "), console.style(.slaBreached))
        }
        put(" · \(t.channel.rawValue) · \(Durations.short(console.now.timeIntervalSince(t.createdAt))) old", dim)
        if let g = t.group { put(" · \(g)", dim) }
        if !t.tags.isEmpty { put(" · " + t.tags.map { "#" + $0 }.joined(separator: " "), dim) }
        if let m = t.mergedInto { put(" · merged into #\(m)", console.style(.warning)) }
        if !t.links.isEmpty { put(" · linked " + t.links.map { "#\($0)" }.joined(separator: " "), dim) }
    }
}
