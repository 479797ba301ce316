import Foundation

/// A terminal colour as themes and widgets ask for it; the backend maps it down to what the terminal has.
///
/// `.default` means the terminal's own foreground or background (so a user's transparent or light
/// background survives), the sixteen named cases are the ANSI colours whose exact shade the user's
/// terminal palette decides, `.indexed` is the xterm 256-colour palette and `.rgb` a true colour that is
/// mapped to the nearest palette entry (ncurses cannot address 24-bit colour portably).
public enum Color: Hashable, Sendable, CustomStringConvertible {
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The sixteen ANSI colours in palette order (index 0–15).
    public static let ansi: [Color] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
        .brightBlack, .brightRed, .brightGreen, .brightYellow, .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
        "bright-cyan", "bright-white",
    ]

    /// Parses a theme colour: `default`, an ANSI name (`red`, `bright-blue`, also `brightblue`,
    /// `bright_blue`, `gray`/`grey`), a palette number `0`–`255`, or `#rrggbb`. Returns nil when invalid.
    public init?(name raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "default" || text == "reset" || text == "none" {
            self = .default
            return
        }
        if text.hasPrefix("#") {
            let hex = text.dropFirst()
            guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
            self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
            return
        }
        if let number = Int(text) {
            guard (0...255).contains(number) else { return nil }
            self = .indexed(UInt8(number))
            return
        }
        let compact = text.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: " ", with: "")
        if compact == "gray" || compact == "grey" {
            self = .brightBlack
            return
        }
        if compact == "lightgray" || compact == "lightgrey" || compact == "silver" {
            self = .white
            return
        }
        let names = Color.ansiNames.map { $0.replacingOccurrences(of: "-", with: "") }
        guard let index = names.firstIndex(of: compact) else { return nil }
        self = Color.ansi[index]
    }

    /// The name a theme file would use for this colour.
    public var description: String {
        switch self {
        case .default: return "default"
        case .indexed(let n): return String(n)
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        default: return Color.ansiNames[ansiIndex!]
        }
    }

    /// 0–15 for the named colours, nil otherwise.
    public var ansiIndex: Int? { Color.ansi.firstIndex(of: self) }

    /// The xterm-256 palette index this colour is drawn with (nil for the terminal default).
    public var paletteIndex: Int? {
        switch self {
        case .default: return nil
        case .indexed(let n): return Int(n)
        case .rgb(let r, let g, let b): return Color.nearestPaletteIndex(r: Int(r), g: Int(g), b: Int(b), among: 16..<256)
        default: return ansiIndex
        }
    }

    /// The nearest of the sixteen ANSI colours (nil for the terminal default).
    public var nearestANSI: Color? {
        guard let index = paletteIndex else { return nil }
        if index < 16 { return Color.ansi[index] }
        let (r, g, b) = Color.rgbOfPaletteEntry(index)
        return Color.ansi[Color.nearestPaletteIndex(r: r, g: g, b: b, among: 0..<16)]
    }

    /// The approximate RGB value of a palette entry (xterm's defaults for 0–15).
    static func rgbOfPaletteEntry(_ index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            let table: [(Int, Int, Int)] = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            return table[index]
        case 16..<232:
            let steps = [0, 95, 135, 175, 215, 255]
            let n = index - 16
            return (steps[n / 36], steps[(n / 6) % 6], steps[n % 6])
        default:
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
    }

    static func nearestPaletteIndex(r: Int, g: Int, b: Int, among range: Range<Int>) -> Int {
        var best = range.lowerBound
        var bestDistance = Int.max
        for index in range {
            let (pr, pg, pb) = rgbOfPaletteEntry(index)
            // Weighted distance: the eye is most sensitive to green, least to blue.
            let distance = 3 * (pr - r) * (pr - r) + 4 * (pg - g) * (pg - g) + 2 * (pb - b) * (pb - b)
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return best
    }
}
