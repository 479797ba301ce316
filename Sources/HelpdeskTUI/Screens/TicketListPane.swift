import Foundation
import HelpdeskCore

/// A table of tickets with a selection, as the search results and an agent's queue show them: the
/// queue's columns, j/k motion, Enter to open, and the ticket actions (claim, assign, status, …) on the
/// selected ticket. The screen owns what the rows are; this owns how they are shown and worked.
struct TicketListPane {
    private(set) var rows: [Int] = []
    private(set) var list = ListState()
    private var bodyHeight = 20

    var selected: Int? { list.selectedID(in: rows) }

    /// New rows, keeping the selected ticket selected when it is still there.
    mutating func setRows(_ rows: [Int]) {
        let keep = selected
        self.rows = rows
        list.setCount(rows.count)
        list.reconcile(selectedID: keep, in: rows)
    }

    /// Back to the top (a new search).
    mutating func reset() { list = ListState() }

    /// Motions, Enter and the ticket actions; nil when `command` is none of those (the screen's own).
    mutating func perform(_ command: CommandInvocation, console: Console) -> Bool? {
        if let motion = ListState.Motion(command: command.name) {
            list.move(motion, viewportHeight: max(1, bodyHeight))
            return true
        }
        if command.name == "open" {
            if !command.arguments.isEmpty { return false }
            guard let n = selected else {
                console.show("no ticket selected", kind: .warning)
                return true
            }
            console.push(TicketScreen(number: n, console: console))
            return true
        }
        guard TicketActions.names.contains(command.name) else { return nil }
        guard let n = selected, let t = console.state.tickets[n] else {
            console.show("no ticket selected", kind: .warning)
            return true
        }
        return TicketActions.perform(command, on: t, console: console)
    }

    mutating func render(in area: Rect, buffer: inout CellBuffer, console: Console, emptyMessage: String) {
        let presenter = TicketRowPresenter(state: console.state, theme: console.theme, now: console.now,
                                           localTime: console.localTime, sla: console.state.slaClock)
        let table = TableWidget(columns: TicketRowPresenter.columns(maxNumber: console.state.nextTicketNumber - 1),
                                styles: TableStyles(theme: console.theme, unicode: console.unicode),
                                showsMarkerColumn: false, emptyMessage: emptyMessage)
        bodyHeight = table.bodyHeight(for: area)
        let state = console.state
        let rows = rows
        table.render(rowCount: rows.count, row: { i in
            guard let t = state.tickets[rows[i]] else { return TableRow([]) }
            return presenter.row(t)
        }, in: area, buffer: &buffer, state: &list, focused: true)
    }
}
