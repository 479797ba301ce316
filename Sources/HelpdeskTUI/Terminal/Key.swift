import Foundation

/// A key press, as the console's key bindings see it.
///
/// Control combinations that terminals cannot tell apart from other keys arrive as those keys: Ctrl-I is
/// `.tab`, Ctrl-M and Ctrl-J are `.enter`, Ctrl-H is `.backspace`, Ctrl-[ is `.escape`.
/// Every key has a stable `name` for config files and the help screen (`"j"`, `"G"`, `"C-d"`, `"M-x"`,
/// `"Enter"`, `"Esc"`, `"PgDn"`, `"F5"`, `"S-Tab"`, `"Space"`), and `Key(name:)` parses it back.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, including space and non-ASCII text.
    case char(Character)
    /// Ctrl plus a letter (lowercase `a`–`z`), or `" "` for Ctrl-Space and `\`, `]`, `^`, `_`.
    case ctrl(Character)
    /// Alt (meta) plus a character: Esc followed at once by the character.
    case alt(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1–F24.
    case function(Int)

    private static let namedKeys: [(Key, String)] = [
        (.enter, "Enter"), (.escape, "Esc"), (.tab, "Tab"), (.backTab, "S-Tab"), (.backspace, "Backspace"),
        (.delete, "Del"), (.insert, "Ins"), (.up, "Up"), (.down, "Down"), (.left, "Left"), (.right, "Right"),
        (.home, "Home"), (.end, "End"), (.pageUp, "PgUp"), (.pageDown, "PgDn"),
    ]

    /// Alternative spellings accepted when parsing (lowercased).
    private static let aliases: [String: Key] = [
        "return": .enter, "ret": .enter, "cr": .enter, "escape": .escape, "backtab": .backTab,
        "shift-tab": .backTab, "bs": .backspace, "delete": .delete, "insert": .insert,
        "pageup": .pageUp, "pagedown": .pageDown, "pgup": .pageUp, "pgdn": .pageDown, "pgdown": .pageDown,
    ]

    /// The stable textual name.
    public var name: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(" "): return "C-Space"
        case .ctrl(let c): return "C-" + String(c)
        case .alt(" "): return "M-Space"
        case .alt(let c): return "M-" + String(c)
        case .function(let n): return "F\(n)"
        default: return Key.namedKeys.first { $0.0 == self }!.1
        }
    }

    public var description: String { name }

    /// Parses a key name: the `name` spellings, plus `A-x`/`Alt-x` for Alt, `Ctrl-x`/`^X` for Ctrl,
    /// and case-insensitive special keys (`enter`, `pagedown`, `f5`). Single characters are
    /// case-sensitive (`g` and `G` are different keys); `C-D` means `C-d`.
    public init?(name raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if raw == " " {
            self = .char(" ")
            return
        }
        guard !text.isEmpty else { return nil }
        if text.count == 1 {
            self = .char(text.first!)
            return
        }
        let lower = text.lowercased()
        if lower == "space" || lower == "spc" { self = .char(" "); return }
        if let named = Key.namedKeys.first(where: { $0.1.lowercased() == lower }) { self = named.0; return }
        if let alias = Key.aliases[lower] { self = alias; return }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { self = .function(n); return }
        if text.hasPrefix("^"), text.count == 2, let c = text.last, c.isLetter {
            self = .ctrl(Character(c.lowercased()))
            return
        }
        for (prefixes, isControl) in [(["c-", "ctrl-", "ctrl+", "c+"], true), (["m-", "a-", "alt-", "meta-", "alt+"], false)] {
            guard let prefix = prefixes.first(where: { lower.hasPrefix($0) }) else { continue }
            let rest = String(text.dropFirst(prefix.count))
            let character: Character
            if rest.lowercased() == "space" {
                character = " "
            } else if rest.count == 1, let c = rest.first {
                // Terminals send the same byte for Ctrl-d and Ctrl-D, so control keys are lowercase.
                character = isControl ? Character(c.lowercased()) : c
            } else {
                return nil
            }
            self = isControl ? .ctrl(character) : .alt(character)
            return
        }
        return nil
    }
}

/// Something the console reacts to: a key, a resize, or a bracketed paste (one event for the whole
/// pasted text, however long, so a paste never triggers key bindings).
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(Size)
    case paste(String)
    case mouse(MouseEvent)
}

/// What a terminal can show.
public struct TerminalCapabilities: Hashable, Sendable {
    /// How many colours styles are degraded to.
    public var colors: ColorSupport
    /// True when the locale is UTF-8, so box-drawing characters and block sparklines can be used.
    public var unicode: Bool

    public init(colors: ColorSupport, unicode: Bool) {
        self.colors = colors
        self.unicode = unicode
    }

    /// A colour UTF-8 terminal (the test default).
    public static let full = TerminalCapabilities(colors: .palette256, unicode: true)
}
