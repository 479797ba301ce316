import HelpdeskCore

/// Shows on a queue row that another agent has the ticket open: "◉dana" (viewing) or "✎dana"
/// (writing) before the subject, in the presence colour.
enum PresenceMarker {
    static let subjectColumn = TicketRowPresenter.columns.firstIndex { $0.title == "Subject" }

    static func decorate(_ row: inout TableRow, ticket number: Int, console: Console) {
        guard let marker = console.presence?.marker(ofTicket: number, unicode: console.unicode),
              let i = subjectColumn, row.cells.indices.contains(i) else { return }
        row.cells[i] = TableCell(marker + " " + row.cells[i].text, style: console.style(.presence))
    }
}
