import Foundation
import HelpdeskCore

/// One agent's open tickets, opened from their row on the stats screen: where a supervisor sees what is
/// on someone's plate and moves it (`a` assigns, `c` claims, as in the queue). A ticket reassigned away
/// leaves the list at once, since the list follows the store.
public final class AgentQueueScreen: Screen {
    public let bindingTable = "agent-queue"
    public let agent: String
    public private(set) var rows: [Int] = []
    public private(set) var list = ListState()
    private var lastBodyHeight = 20

    init(agent: String, console: Console) {
        self.agent = agent
        rebuild(console: console)
    }

    public var title: String { "Queue of \(agent)" }
    public var selectedTicketNumber: Int? { list.selectedID(in: rows) }

    public func hint(console: Console) -> String? {
        "Enter open · a assign to someone else · c claim · s status · j/k move · q back"
    }

    /// Oldest first: what has waited longest is what to move first.
    private func rebuild(console: Console) {
        let selected = selectedTicketNumber
        rows = console.state.tickets.values
            .filter { $0.assignee == agent && $0.status.isOpen && $0.mergedInto == nil }
            .sorted { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }
            .map(\.number)
        list.setCount(rows.count)
        list.reconcile(selectedID: selected, in: rows)
    }

    public func storeChanged(_ events: [Event], console: Console) {
        rebuild(console: console)
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

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        let style = console.style(.title)
        buffer.fill(parts[0], style: style)
        let name = console.state.agentName(agent)
        buffer.put(" Queue of \(name.isEmpty ? agent : name): \(rows.count) open tickets", at: parts[0].origin, style: style,
                   maxWidth: parts[0].width)
        let presenter = TicketRowPresenter(state: console.state, theme: console.theme, now: console.now,
                                           localTime: console.localTime, sla: console.state.slaClock)
        let table = TableWidget(columns: TicketRowPresenter.columns,
                                styles: TableStyles(theme: console.theme, unicode: console.unicode),
                                showsMarkerColumn: false,
                                emptyMessage: "No open tickets assigned to \(name.isEmpty ? agent : name).")
        lastBodyHeight = table.bodyHeight(for: parts[1])
        let state = console.state
        let rows = rows
        table.render(rowCount: rows.count, row: { i in
            guard let t = state.tickets[rows[i]] else { return TableRow([]) }
            return presenter.row(t)
        }, in: parts[1], buffer: &buffer, state: &list, focused: true)
    }
}
