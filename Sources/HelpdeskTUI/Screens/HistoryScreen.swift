import Foundation
import HelpdeskCore

/// `H`: a ticket's history from the event log — who did what, when, each field from → to — newest
/// at the bottom, as the log has it.
public final class HistoryScreen: Screen {
    public let bindingTable = "history"
    public let number: Int
    private var lines: [StyledLine] = []
    private var view = TextViewState()
    private var loadError: String?

    init(number: Int, console: Console) {
        self.number = number
        load(console: console)
        view.scrollToEnd()
    }

    public var title: String { "History of #\(number)" }

    public func hint(console: Console) -> String? { "j/k scroll · q back · ? help" }

    private func load(console: Console) {
        do {
            let events = try console.store.history(ofTicket: number)
            let text = console.style(.text), dim = console.style(.textDim), key = console.style(.helpKey)
            lines = []
            for entry in TicketHistoryLines.entries(events, state: console.state, localTime: console.localTime) {
                for (i, what) in entry.what.enumerated() {
                    let when = i == 0 ? entry.when : ""
                    let who = i == 0 ? entry.who : ""
                    lines.append(StyledLine([
                        Span(TextWidth.pad(when, toWidth: 17), style: dim),
                        Span(" " + TextWidth.pad(TextWidth.truncate(who, toWidth: 18), toWidth: 18) + "  ", style: key),
                        Span(what, style: text),
                    ]))
                }
            }
            if lines.isEmpty { lines = [StyledLine("No history.", style: dim)] }
            loadError = nil
        } catch {
            loadError = "\(error)"
        }
    }

    public func storeChanged(_ events: [Event], console: Console) {
        guard events.contains(where: { $0.ticketNumber == number }) else { return }
        let atEnd = view.isAtEnd
        load(console: console)
        if atEnd { view.scrollToEnd() }
    }

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        guard let key = TextView.key(forMotion: command.name) else { return false }
        _ = TextView.handle(key, state: &view)
        return true
    }

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        buffer.fill(parts[0], style: console.style(.title))
        let subject = console.state.tickets[number]?.subject ?? ""
        buffer.put(" History of #\(number)  \(subject)", at: parts[0].origin, style: console.style(.title), maxWidth: parts[0].width)
        if let loadError {
            buffer.put(" " + loadError, at: parts[1].origin, style: console.style(.error), maxWidth: parts[1].width)
            return
        }
        TextView(lines: lines, wraps: false).render(in: parts[1].inset(left: 1), buffer: &buffer, state: &view)
    }
}
