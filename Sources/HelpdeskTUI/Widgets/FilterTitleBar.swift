/// The title row of a filterable list screen (queue, customers, templates): `Customers (12 of 96)`
/// followed by the filter being typed (`/ text` with the cursor) or the filter kept (`filter: text`).
enum FilterTitleBar {
    static func render(_ title: String, shown: Int, total: Int, input: inout LineInput?, kept: String,
                       keptLabel: String = "filter", in area: Rect, buffer: inout CellBuffer, console: Console) {
        let style = console.style(.title)
        buffer.fill(area, style: style)
        var text = " \(title) (\(shown)"
        if !kept.isEmpty || input != nil { text += " of \(total)" }
        text += ")"
        let used = buffer.put(text, at: area.origin, style: style, maxWidth: area.width)
        if var field = input {
            let label = "  / "
            buffer.put(label, at: Point(x: area.x + used, y: area.y), style: style, maxWidth: area.width - used)
            let x = area.x + used + TextWidth.width(of: label)
            field.render(in: Rect(x: x, y: area.y, width: max(0, area.maxX - x - 1), height: 1), buffer: &buffer,
                         style: console.style(.input), placeholderStyle: console.style(.inputPlaceholder), focused: true)
            input = field
        } else if !kept.isEmpty {
            buffer.put("  \(keptLabel): \(kept)", at: Point(x: area.x + used, y: area.y), style: style,
                       maxWidth: area.width - used)
        }
    }
}
