/// A rectangle of cells: where a widget or a screen region draws.
///
/// Splitting helpers let screens lay themselves out without arithmetic scattered through drawing code:
/// `area.splitRows([.fixed(1), .fill(1), .fixed(1)])` gives title bar, body and status line.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(origin: Point = .zero, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public var origin: Point { Point(x: x, y: y) }
    public var size: Size { Size(width: width, height: height) }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var description: String { "Rect(x: \(x), y: \(y), w: \(width), h: \(height))" }

    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }

    /// The overlap of two rectangles (empty, at `self`'s origin, when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = Swift.max(x, other.x), top = Swift.max(y, other.y)
        let right = Swift.min(maxX, other.maxX), bottom = Swift.min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Shrinks the rectangle on every side (never below zero size).
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let w = Swift.max(0, width - left - right), h = Swift.max(0, height - top - bottom)
        return Rect(x: x + Swift.min(left, width), y: y + Swift.min(top, height), width: w, height: h)
    }

    /// The single row `index` rows below the top (clipped to the rectangle).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y + Swift.max(0, index), width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// A rectangle of at most `width`×`height` centred in this one: the frame of a popup.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = Swift.min(w, width), ch = Swift.min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// How much space a part of a split asks for.
    public enum Constraint: Hashable, Sendable {
        /// Exactly this many cells (less if there is not enough room).
        case fixed(Int)
        /// This percentage of the whole length.
        case percent(Int)
        /// A share of whatever the fixed and percentage parts leave over, by weight.
        case fill(Int)
    }

    /// Splits top to bottom. The parts always add up to the full height; fixed parts are served first.
    public func splitRows(_ constraints: [Constraint]) -> [Rect] {
        Rect.lengths(constraints, total: height).reduce(into: (rects: [Rect](), offset: y)) { acc, length in
            acc.rects.append(Rect(x: x, y: acc.offset, width: width, height: length))
            acc.offset += length
        }.rects
    }

    /// Splits left to right, like `splitRows`.
    public func splitColumns(_ constraints: [Constraint]) -> [Rect] {
        Rect.lengths(constraints, total: width).reduce(into: (rects: [Rect](), offset: x)) { acc, length in
            acc.rects.append(Rect(x: acc.offset, y: y, width: length, height: height))
            acc.offset += length
        }.rects
    }

    static func lengths(_ constraints: [Constraint], total: Int) -> [Int] {
        var remaining = total
        var lengths = [Int](repeating: 0, count: constraints.count)
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .fixed(let n): wanted = n
            case .percent(let p): wanted = total * p / 100
            case .fill: continue
            }
            lengths[index] = Swift.max(0, Swift.min(wanted, remaining))
            remaining -= lengths[index]
        }
        let weights = constraints.map { if case .fill(let w) = $0 { return Swift.max(0, w) } else { return 0 } }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return lengths }
        var handedOut = 0
        var lastFill = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            lengths[index] = remaining * weight / totalWeight
            handedOut += lengths[index]
            lastFill = index
        }
        // Rounding leftovers go to the last flexible part so the split always covers the whole length.
        lengths[lastFill] += remaining - handedOut
        return lengths
    }
}
