import HelpdeskCore

/// Shows on a queue row that I have an unsent draft on the ticket: "✍ draft" (ASCII "[draft]") before
/// the subject, in the draft colour.
enum DraftMarker {
    static func decorate(_ row: inout TableRow, ticket number: Int, console: Console) {
        guard console.drafting.myDrafts.contains(number), row.cells.count > 4 else { return }
        let mark = console.unicode ? "✍ draft" : "[draft]"
        row.cells[4] = TableCell(mark + " " + row.cells[4].text, style: console.style(.draft))
    }
}
