/// A tiny bar chart of a series (tickets per day, reply times) in block characters `▁▂▃▄▅▆▇█`, or
/// ` .:-=+*#` where the terminal cannot show them.
public struct Sparkline: Hashable, Sendable {
    public var values: [Double]
    /// The value drawn as a full bar; nil scales to the largest value.
    public var maximum: Double?

    public init(values: [Double], maximum: Double? = nil) {
        self.values = values
        self.maximum = maximum
    }

    public init(_ values: [Int], maximum: Int? = nil) {
        self.init(values: values.map(Double.init), maximum: maximum.map(Double.init))
    }

    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "#"]

    /// One line of the last `width` values (the most recent at the right). Positive values never
    /// draw as blank, so "some" is always distinguishable from "none".
    public func string(width: Int? = nil, ascii: Bool = false) -> String {
        let shown = width.map { Array(values.suffix(max(0, $0))) } ?? values
        let top = maximum ?? shown.max() ?? 0
        let glyphs = ascii ? Sparkline.asciiLevels : Sparkline.blocks
        return String(shown.map { value -> Character in
            guard top > 0, value > 0, value.isFinite else { return glyphs[0] }
            let level = Int((min(value, top) / top * 8).rounded(.up))
            return glyphs[min(8, max(1, level))]
        })
    }

    /// Draws in `area`, using every row (each row is eight levels of the same column).
    public func render(in area: Rect, buffer: inout CellBuffer, style: Style, ascii: Bool = false) {
        guard !area.isEmpty else { return }
        let shown = Array(values.suffix(area.width))
        let top = maximum ?? shown.max() ?? 0
        let glyphs = ascii ? Sparkline.asciiLevels : Sparkline.blocks
        let levels = area.height * 8
        for (column, value) in shown.enumerated() {
            var eighths = top > 0 && value > 0 && value.isFinite ? Int((min(value, top) / top * Double(levels)).rounded(.up)) : 0
            eighths = min(levels, max(value > 0 ? 1 : 0, eighths))
            for row in 0..<area.height {
                let fromBottom = row * 8
                let inRow = min(8, max(0, eighths - fromBottom))
                guard inRow > 0 else { break }
                buffer.put(String(glyphs[inRow]), at: Point(x: area.x + column, y: area.maxY - 1 - row), style: style, maxWidth: 1)
            }
        }
    }
}
