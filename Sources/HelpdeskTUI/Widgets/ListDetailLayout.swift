/// A list beside its detail pane on wide terminals, above it on narrow ones, with a divider
/// between (the customers and templates screens).
enum ListDetailLayout {
    /// Splits `body` and draws the divider. `wideFrom` is the width from which the panes sit side by
    /// side; `listWidth` gives the list's width there.
    static func split(_ body: Rect, wideFrom: Int, listWidth: (Int) -> Int, buffer: inout CellBuffer,
                      console: Console) -> (list: Rect, detail: Rect) {
        if body.width >= wideFrom {
            let columns = body.splitColumns([.fixed(listWidth(body.width)), .fixed(1), .fill(1)])
            buffer.verticalLine(x: columns[1].x, y: columns[1].y, height: columns[1].height,
                                style: console.style(.border), character: console.unicode ? "│" : "|")
            return (columns[0], columns[2].inset(left: 1))
        }
        let rows = body.splitRows([.fixed(max(3, body.height / 3)), .fixed(1), .fill(1)])
        buffer.horizontalLine(x: rows[1].x, y: rows[1].y, width: rows[1].width, style: console.style(.border),
                              character: console.unicode ? "─" : "-")
        return (rows[0], rows[2].inset(left: 1))
    }
}
