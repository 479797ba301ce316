/// Text attributes a terminal can show without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)

    /// Names as theme files spell them, in a stable order.
    public static let named: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]
}

/// How many colours a terminal can show; styles are degraded to it before they reach the screen.
public enum ColorSupport: Int, Hashable, Sendable, Comparable {
    case monochrome = 0
    case ansi8 = 8
    case ansi16 = 16
    case palette256 = 256

    /// The support level for a terminal that reports `count` colours.
    public init(colorCount count: Int) {
        switch count {
        case 256...: self = .palette256
        case 16..<256: self = .ansi16
        case 8..<16: self = .ansi8
        default: self = .monochrome
        }
    }

    public static func < (lhs: ColorSupport, rhs: ColorSupport) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The look of a cell: foreground, background and attributes.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public var fg: Color
    public var bg: Color
    public var attributes: TextAttributes

    public init(fg: Color = .default, bg: Color = .default, attributes: TextAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// The terminal's own colours, no attributes.
    public static let plain = Style()

    public func bold() -> Style { adding(.bold) }
    public func reversed() -> Style { adding(.reverse) }
    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    public var description: String {
        var parts = ["fg: \(fg)", "bg: \(bg)"]
        parts += TextAttributes.named.filter { attributes.contains($0.attribute) }.map(\.name)
        return "Style(" + parts.joined(separator: ", ") + ")"
    }

    /// This style as a terminal with `support` can show it.
    ///
    /// 256 → 16/8 picks the nearest ANSI colour. With 8 colours the bright half of the palette is shown
    /// as bold (the classic bold-is-bright convention) and bright black, usually meant as "grey", becomes
    /// dim white, because black-on-black would vanish. Without colour, anything painted with a
    /// background (selection bars, status lines) becomes reverse video so it stays visible.
    public func degraded(to support: ColorSupport) -> Style {
        switch support {
        case .palette256:
            var copy = self
            if case .rgb = fg, let index = fg.paletteIndex { copy.fg = .indexed(UInt8(index)) }
            if case .rgb = bg, let index = bg.paletteIndex { copy.bg = .indexed(UInt8(index)) }
            return copy
        case .ansi16:
            return Style(fg: fg.nearestANSI ?? .default, bg: bg.nearestANSI ?? .default, attributes: attributes)
        case .ansi8:
            var copy = Style(fg: .default, bg: .default, attributes: attributes)
            if let fgANSI = fg.nearestANSI, let index = fgANSI.ansiIndex {
                if index == 8 {
                    copy.fg = .white
                    copy.attributes.insert(.dim)
                } else {
                    copy.fg = Color.ansi[index % 8]
                    if index >= 8 { copy.attributes.insert(.bold) }
                }
            }
            if let bgANSI = bg.nearestANSI, let index = bgANSI.ansiIndex {
                copy.bg = Color.ansi[index % 8]
            }
            return copy
        case .monochrome:
            var copy = Style(fg: .default, bg: .default, attributes: attributes)
            // Reverse video is kept for bars (selection, status line, titles). An underlined style on a
            // background is an alarm cell (a breached SLA): it stays bold and underlined, so with
            // NO_COLOR an alarm never looks like the selected row.
            if bg != .default && !attributes.contains(.underline) { copy.attributes.insert(.reverse) }
            return copy
        }
    }
}
