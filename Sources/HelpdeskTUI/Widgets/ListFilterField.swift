import Foundation
import HelpdeskCore

/// The `/` filter of a list screen (queue, customers, templates): the title row that shows it —
/// `Customers (12 of 96)` followed by the filter being typed (`/ text` with the cursor) or the filter
/// kept (`filter: text`) — and what keys do while it is typed.
enum ListFilterField {
    /// Esc clears the filter, Enter keeps it (trimmed), anything else edits it; `text` always holds
    /// the filter the list should show. Returns what the field did with the event.
    @discardableResult
    static func handle(_ event: InputEvent, input: inout LineInput?, text: inout String) -> KeyResult {
        guard var field = input else { return .ignored }
        let result = field.handle(event)
        switch result {
        case .cancelled:
            input = nil
            text = ""
        case .submitted:
            input = nil
            text = field.text.trimmingCharacters(in: .whitespaces)
        default:
            input = field
            text = field.text
        }
        return result
    }

    static func renderTitle(_ title: String, shown: Int, total: Int, input: inout LineInput?, kept: String,
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
