import Foundation
import HelpdeskCore

/// The customer card of the selected ticket beside the queue: shown on its own from
/// `QueueScreen.cardPaneWidth` columns, toggled with `i` at any width; and the customer commands
/// (`u`, `P`, `f`, `F`, `C`) on the selected row.
extension QueueScreen {
    /// From this terminal width the card is shown without asking.
    static let cardPaneWidth = 140

    func showsCardPane(width: Int) -> Bool { cardPaneChoice ?? (width >= Self.cardPaneWidth) }

    func performCustomerCommand(_ command: CommandInvocation, console: Console) -> Bool {
        switch command.name {
        case "card":
            let shown = showsCardPane(width: console.terminal.size.width)
            cardPaneChoice = !shown
            console.show(shown ? "Customer card hidden (i shows it)" : "Customer card shown (i hides it)")
            return true
        case "customers":
            let requester = selectedTicketNumber.flatMap { console.state.tickets[$0]?.requester }
            console.push(CustomersScreen(console: console, selecting: requester, search: command.argumentText))
            return true
        default:
            guard let n = selectedTicketNumber, let t = console.state.tickets[n] else {
                console.show("no ticket selected", kind: .warning)
                return true
            }
            return CustomerActions.perform(command, ticket: t, console: console)
        }
    }

    /// Draws the card at the right of `area` when it is shown; returns what is left for the table.
    func renderCardPane(beside area: Rect, buffer: inout CellBuffer, console: Console) -> Rect {
        guard showsCardPane(width: console.terminal.size.width), area.width >= 60 else { return area }
        let width = min(48, max(30, area.width / 3))
        let columns = area.splitColumns([.fill(1), .fixed(1), .fixed(width)])
        buffer.verticalLine(x: columns[1].x, y: columns[1].y, height: columns[1].height,
                            style: console.style(.border), character: console.unicode ? "│" : "|")
        let pane = columns[2].inset(left: 1)
        buffer.put("Customer", at: pane.origin, style: console.style(.tableHeader), maxWidth: pane.width)
        let body = pane.inset(top: 1)
        if let n = selectedTicketNumber, let t = console.state.tickets[n] {
            let presenter = CustomerCardPresenter(state: console.state, theme: console.theme, now: console.now,
                                                  localTime: console.localTime)
            var scroll = TextViewState()
            TextView(lines: presenter.lines(for: t.requester, currentTicket: n)).render(in: body, buffer: &buffer, state: &scroll)
        } else {
            buffer.put("No ticket selected.", at: body.origin, style: console.style(.textDim), maxWidth: body.width)
        }
        return columns[0]
    }
}
