import Foundation
import HelpdeskCore

/// One agent's open tickets, opened from their row on the stats screen: where a supervisor sees what is
/// on someone's plate and moves it (`a` assigns, `c` claims, as in the queue). A ticket reassigned away
/// leaves the list at once, since the list follows the store.
public final class AgentQueueScreen: Screen {
    public let bindingTable = "agent-queue"
    public let agent: String
    private var pane = TicketListPane()

    init(agent: String, console: Console) {
        self.agent = agent
        rebuild(console: console)
    }

    public var title: String { "Queue of \(agent)" }
    public var rows: [Int] { pane.rows }
    public var selectedTicketNumber: Int? { pane.selected }

    public func hint(console: Console) -> String? {
        "Enter open · a assign to someone else · c claim · s status · j/k move · q back"
    }

    /// Oldest first: what has waited longest is what to move first.
    private func rebuild(console: Console) {
        pane.setRows(console.state.tickets.values
            .filter { $0.assignee == agent && $0.status.isOpen && $0.mergedInto == nil }
            .sorted { ($0.createdAt, $0.number) < ($1.createdAt, $1.number) }
            .map(\.number))
    }

    public func storeChanged(_ events: [Event], console: Console) {
        rebuild(console: console)
    }

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        pane.perform(command, console: console) ?? false
    }

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        let style = console.style(.title)
        buffer.fill(parts[0], style: style)
        let name = console.state.agentName(agent).isEmpty ? agent : console.state.agentName(agent)
        buffer.put(" Queue of \(name): \(pane.rows.count) open tickets", at: parts[0].origin, style: style, maxWidth: parts[0].width)
        pane.render(in: parts[1], buffer: &buffer, console: console, emptyMessage: "No open tickets assigned to \(name).")
    }
}
