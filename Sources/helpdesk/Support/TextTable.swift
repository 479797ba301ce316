import HelpdeskCore

/// Aligned plain-text columns for command output, measured by display width so CJK names line up.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ row: [String]) { rows.append(row.map { Sanitizer.sanitize($0) }) }

    func render() -> String {
        var widths = headers.map { TextWidth.width(of: $0) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], min(60, TextWidth.width(of: cell)))
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let w = widths[i]
                let text = TextWidth.truncate(cell, toWidth: w)
                return i == cells.count - 1 ? text : TextWidth.pad(text, toWidth: w)
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}
