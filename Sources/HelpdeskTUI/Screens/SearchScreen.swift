import Foundation
import HelpdeskCore

/// Full-text search results (`S` or `:search WORDS` in the queue): every ticket whose subject,
/// messages, notes, tags or customer (name, emails, notes) contain all the words, most recently
/// updated first. Enter opens a ticket; `/` searches again; `q` goes back.
public final class SearchScreen: Screen {
    public let bindingTable = "search"
    public private(set) var words: String
    public private(set) var results: [Int] = []
    public private(set) var list = ListState()
    private var input: LineInput?
    /// How long the last search took, shown in the title.
    private var elapsed: TimeInterval = 0
    private var lastBodyHeight = 20

    /// With no words, the screen opens with the search field focused.
    init(words: String, console: Console) {
        self.words = words
        if words.trimmingCharacters(in: .whitespaces).isEmpty {
            input = LineInput(text: "", placeholder: "words in subjects, messages, notes, customer names and emails")
        } else {
            run(console: console)
        }
    }

    public var title: String { "Search: \(words)" }
    public var capturesText: Bool { input != nil }
    public var selectedTicketNumber: Int? { list.selectedID(in: results) }

    public func hint(console: Console) -> String? {
        "Enter open · / search again · j/k move · c claim · s status · q back"
    }

    private func run(console: Console) {
        let selected = selectedTicketNumber
        let start = Date()
        results = console.store.search(words)
        elapsed = Date().timeIntervalSince(start)
        list.setCount(results.count)
        list.reconcile(selectedID: selected, in: results)
    }

    public func storeChanged(_ events: [Event], console: Console) {
        if !words.isEmpty { run(console: console) }
    }

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        if let motion = ListState.Motion(command: command.name) {
            list.move(motion, viewportHeight: max(1, lastBodyHeight))
            return true
        }
        switch command.name {
        case "open":
            if !command.arguments.isEmpty { return false }
            guard let n = selectedTicketNumber else {
                console.show("no ticket selected", kind: .warning)
                return true
            }
            console.push(TicketScreen(number: n, console: console))
        case "search", "filter":
            if command.arguments.isEmpty {
                input = LineInput(text: words, placeholder: "words in subjects, messages, notes, customer names and emails")
            } else {
                words = command.argumentText
                list = ListState()
                run(console: console)
            }
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

    public func handleText(_ event: InputEvent, console: Console) {
        guard var field = input else { return }
        switch field.handle(event) {
        case .cancelled:
            input = nil
            if words.isEmpty { console.popScreen() }
        case .submitted:
            input = nil
            let text = field.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                if words.isEmpty { console.popScreen() }
                return
            }
            words = text
            list = ListState()
            run(console: console)
        default:
            input = field
        }
    }

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        let style = console.style(.title)
        buffer.fill(parts[0], style: style)
        if var field = input {
            let label = " Search: "
            buffer.put(label, at: parts[0].origin, style: style, maxWidth: parts[0].width)
            let x = parts[0].x + TextWidth.width(of: label)
            field.render(in: Rect(x: x, y: parts[0].y, width: max(0, parts[0].maxX - x - 1), height: 1), buffer: &buffer,
                         style: console.style(.input), placeholderStyle: console.style(.inputPlaceholder), focused: true)
            input = field
        } else {
            let ms = Int((elapsed * 1000).rounded())
            buffer.put(" Search: \(words) (\(results.count) tickets, \(ms) ms)", at: parts[0].origin, style: style,
                       maxWidth: parts[0].width)
        }
        let presenter = TicketRowPresenter(state: console.state, theme: console.theme, now: console.now,
                                           localTime: console.localTime, sla: console.state.slaClock)
        let table = TableWidget(columns: TicketRowPresenter.columns(maxNumber: console.state.nextTicketNumber - 1),
                                styles: TableStyles(theme: console.theme, unicode: console.unicode),
                                showsMarkerColumn: false,
                                emptyMessage: words.isEmpty ? "Type words and press Enter." : "No ticket mentions '\(words)'.")
        lastBodyHeight = table.bodyHeight(for: parts[1])
        let state = console.state
        let rows = results
        table.render(rowCount: rows.count, row: { i in
            guard let t = state.tickets[rows[i]] else { return TableRow([]) }
            return presenter.row(t)
        }, in: parts[1], buffer: &buffer, state: &list, focused: true)
    }
}
