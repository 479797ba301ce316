import HelpdeskCore

/// The tickets marked in the queue for a bulk action, each with the version the agent saw when
/// marking it — so a ticket someone else changed meanwhile is refused, not silently overwritten.
/// `v` opens a range at the selected row; rows between it and the selection count as marked until
/// `v` again (or an action) closes it.
struct QueueMarks: Equatable {
    private(set) var versions: [Int: Int] = [:]
    /// The ticket number where an open range started.
    private(set) var rangeAnchor: Int?

    var isEmpty: Bool { versions.isEmpty && rangeAnchor == nil }

    mutating func toggle(_ t: Ticket) {
        if versions[t.number] != nil { versions[t.number] = nil } else { versions[t.number] = t.version }
    }

    mutating func mark(_ tickets: [Ticket]) {
        for t in tickets where versions[t.number] == nil { versions[t.number] = t.version }
    }

    mutating func startRange(at number: Int) { rangeAnchor = number }

    /// Marks the rows between the anchor and `selected` (in `rows` order) and closes the range.
    mutating func closeRange(rows: [Int], selected: Int?, state: HelpdeskState) {
        let pending = pendingRange(rows: rows, selected: selected)
        mark(pending.compactMap { state.tickets[$0] })
        rangeAnchor = nil
    }

    /// The rows an open range covers now.
    func pendingRange(rows: [Int], selected: Int?) -> [Int] {
        guard let anchor = rangeAnchor, let a = rows.firstIndex(of: anchor),
              let selected, let b = rows.firstIndex(of: selected) else { return [] }
        return Array(rows[min(a, b)...max(a, b)])
    }

    mutating func clear() {
        versions = [:]
        rangeAnchor = nil
    }

    mutating func unmark(_ number: Int) { versions[number] = nil }

    /// Keeps a refused ticket marked at its current version, so the agent can look and retry.
    mutating func remark(_ t: Ticket) { versions[t.number] = t.version }

    /// Drops marks of tickets that no longer exist.
    mutating func prune(_ state: HelpdeskState) {
        versions = versions.filter { state.tickets[$0.key] != nil }
    }

    /// The marked tickets in queue order first, then any marked outside the current rows.
    func ordered(rows: [Int]) -> [(number: Int, seen: Int)] {
        let inRows = rows.filter { versions[$0] != nil }
        let rest = versions.keys.filter { !inRows.contains($0) }.sorted()
        return (inRows + rest).map { ($0, versions[$0]!) }
    }
}

extension QueueScreen {
    /// `Space`, `v`, `*` and `Esc` in the queue.
    func performMarking(_ name: String, console: Console) {
        let state = console.state
        switch name {
        case "mark":
            guard let n = selectedTicketNumber, let t = state.tickets[n] else {
                return console.show("no ticket selected", kind: .warning)
            }
            marks.toggle(t)
            _ = perform(CommandInvocation("down"), console: console)
        case "mark-range":
            if marks.rangeAnchor != nil {
                marks.closeRange(rows: rows, selected: selectedTicketNumber, state: state)
                console.show("\(marks.versions.count) marked — c a s p t T act on all of them, Esc clears")
            } else if let n = selectedTicketNumber {
                marks.startRange(at: n)
                console.show("Range started at #\(n): move, then v again (or an action) to mark it")
            } else {
                console.show("no ticket selected", kind: .warning)
            }
        case "mark-all":
            guard !rows.isEmpty else { return console.show("Nothing to mark: this view is empty", kind: .warning) }
            marks.mark(rows.compactMap { state.tickets[$0] })
            console.show("\(marks.versions.count) marked — c a s p t T act on all of them, Esc clears")
        default:
            guard !marks.isEmpty else { return console.show("No tickets are marked") }
            marks.clear()
            console.show("Marks cleared")
        }
    }
}
