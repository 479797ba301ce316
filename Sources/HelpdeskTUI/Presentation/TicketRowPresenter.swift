import Foundation
import HelpdeskCore

/// Turns a ticket into the cells of a queue row (presentation kept apart from the screen, as lazygit
/// does), and knows the queue's columns.
struct TicketRowPresenter {
    let state: HelpdeskState
    let theme: Theme
    let now: Date
    let localTime: LocalTime
    /// SLA clocks for the Due column (the column stays empty without them).
    var sla: SLAClock? = nil

    static let columns: [TableColumn] = columns(maxNumber: 9999)

    /// The columns for a store whose highest ticket number is `maxNumber`: the `#` column is as wide
    /// as the widest `#N`, so a ticket number is never cut (a cut number names another ticket).
    static func columns(maxNumber: Int) -> [TableColumn] {
        let width = max(5, 1 + String(max(0, maxNumber)).count)
        var list = baseColumns
        list[0] = TableColumn("#", minWidth: width, idealWidth: width, priority: 100)
        return list
    }

    private static let baseColumns: [TableColumn] = [
        TableColumn("#", minWidth: 5, idealWidth: 6, priority: 100),
        TableColumn("Pri", minWidth: 4, idealWidth: 4, priority: 60),
        TableColumn("Status", minWidth: 7, idealWidth: 7, priority: 70),
        TableColumn("Due", minWidth: 6, idealWidth: 6, priority: 75, alignment: .right),
        TableColumn("Customer", minWidth: 8, idealWidth: 16, priority: 80),
        TableColumn("Subject", minWidth: 14, idealWidth: 30, priority: 95, flexible: true),
        TableColumn("Age", minWidth: 6, idealWidth: 6, priority: 50, alignment: .right),
        TableColumn("Assignee", minWidth: 8, idealWidth: 10, priority: 40),
        TableColumn("Updated", minWidth: 7, idealWidth: 7, priority: 30, alignment: .right),
    ]

    static func priorityLabel(_ p: Priority) -> String {
        switch p {
        case .urgent: "URG!"
        case .high: "high"
        case .normal: "norm"
        case .low: "low"
        }
    }

    static func role(for p: Priority) -> StyleRole {
        switch p {
        case .urgent: .priorityUrgent
        case .high: .priorityHigh
        case .normal: .priorityNormal
        case .low: .priorityLow
        }
    }

    static func role(for s: TicketStatus) -> StyleRole {
        switch s {
        case .new: .statusNew
        case .open: .statusOpen
        case .pending: .statusPending
        case .onHold: .statusOnHold
        case .solved: .statusSolved
        case .closed: .statusClosed
        }
    }

    func row(_ t: Ticket, marked: Bool = false) -> TableRow {
        let customer = state.customers[t.requester]
        var who = customer?.greetingName ?? t.requester
        if customer?.vip == true { who = "★ " + who }
        let assignee = t.assignee.map { state.agents[$0]?.displayName.split(separator: " ").first.map(String.init) ?? $0 } ?? "—"
        return TableRow([
            TableCell("#\(t.number)"),
            TableCell(Self.priorityLabel(t.priority), style: theme[Self.role(for: t.priority)]),
            TableCell(t.status.label, style: theme[Self.role(for: t.status)]),
            dueCell(t),
            TableCell(who, style: customer?.vip == true ? theme[.vip] : nil),
            TableCell(t.subject),
            TableCell(Durations.short(now.timeIntervalSince(t.createdAt))),
            TableCell(assignee, style: t.assignee == nil ? theme[.textDim] : nil),
            TableCell(Durations.short(now.timeIntervalSince(t.updatedAt)), style: theme[.textDim]),
        ], isMarked: marked)
    }

    /// The colour of an SLA clock by how much time is left (nil: the plain text colour).
    static func role(for s: SLAState) -> StyleRole? {
        switch s.risk {
        case .breached: .slaBreached
        case .atRisk: .slaAtRisk
        case .ok: .slaOK
        case .watch: nil
        }
    }

    /// The next SLA target as a countdown (`42m`, `-15m`), coloured by how much time is left; `‖`
    /// marks a clock paused while pending or on hold.
    func dueCell(_ t: Ticket) -> TableCell {
        guard let s = sla?.next(for: t, now: now) else { return TableCell("") }
        let role = Self.role(for: s)
        return TableCell(Self.dueText(remaining: s.remaining, countdown: s.countdown, paused: s.paused),
                         style: role.map { theme[$0] })
    }

    /// The Due column's text: never wider than the column (6), so it is never cut.
    static func dueText(remaining: TimeInterval, countdown: String, paused: Bool) -> String {
        // Minutes stop mattering past ten hours: `13h` keeps the column narrow.
        var text = countdown
        let size = remaining.isFinite ? abs(remaining) : 0
        if size >= 10 * 3600 && size < 86_400 {
            text = (remaining < 0 ? "-" : "") + "\(Int(size) / 3600)h"
        } else if size >= 86_400 {
            // Whole days: "-10d4h" would not fit and a cut "-10d…" hides part of a number.
            let days = min(999, Int(min(size, 1e9) / 86_400))
            text = (remaining < 0 ? "-" : "") + "\(days)d"
        }
        return (paused ? "‖" : "") + text
    }
}
