import Foundation
import TOMLKit

/// Reads a theme file (TOML) into a `Theme`.
///
/// ```toml
/// name = "ocean"
/// inherits = "default"          # optional: roles not listed come from here
/// [palette]                     # optional: names for colours used below
/// accent = "#5fafff"
/// [styles]
/// selection = { fg = "black", bg = "accent", bold = true }
/// "priority.urgent" = { fg = "red", bold = true }
/// "text.dim" = "bright-black"   # a bare colour sets the foreground
/// ```
/// Dotted keys and sub-tables (`[styles.priority]` then `urgent = …`) work too. Every mistake is
/// reported with the file and line, e.g. `themes/x.toml:7: unknown colour 'blu' …`.
public enum ThemeParser {
    static let attributeKeys = ["fg", "bg", "modifiers"] + TextAttributes.named.map(\.name)

    /// Parses theme text. `file` is only used in error messages; `parent` resolves `inherits = "…"`.
    public static func parse(_ text: String, file: String, defaultName: String = "custom",
                             parent: (String) throws -> Theme = { _ in .builtinDefault }) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError.invalid(file: file, line: error.source.begin.line, message: "not valid TOML: \(error.description)")
        }
        let locator = KeyLocator(text: text)
        func fail(_ message: String, section: String?, path: [String], attribute: String? = nil) -> ThemeError {
            .invalid(file: file, line: locator.line(section: section, path: path, attribute: attribute), message: message)
        }

        for key in table.keys where !["name", "inherits", "palette", "styles"].contains(key) {
            throw fail("unknown key '\(key)' (a theme has name, inherits, [palette] and [styles])", section: nil, path: [key])
        }
        var name = defaultName
        if let value = table["name"] {
            guard let string = value.string else { throw fail("'name' must be a string", section: nil, path: ["name"]) }
            name = string
        }
        var base = Theme.builtinDefault
        if let value = table["inherits"] {
            guard let parentName = value.string else {
                throw fail("'inherits' must be the name of another theme", section: nil, path: ["inherits"])
            }
            do {
                base = try parent(parentName)
            } catch let error as ThemeError {
                throw fail("cannot inherit from '\(parentName)': \(error)", section: nil, path: ["inherits"])
            }
        }

        var palette: [String: Color] = [:]
        if let value = table["palette"] {
            guard let paletteTable = value.table else { throw fail("'palette' must be a table", section: nil, path: ["palette"]) }
            for (key, entry) in paletteTable {
                guard let string = entry.string, let color = Color(name: string) else {
                    throw fail("palette colour '\(key)' has \(describe(entry)); \(colourHelp)", section: "palette", path: [key])
                }
                palette[key.lowercased()] = color
            }
        }

        var styles: [StyleRole: Style] = [:]
        if let value = table["styles"] {
            guard let stylesTable = value.table else { throw fail("'styles' must be a table", section: nil, path: ["styles"]) }
            try collectStyles(stylesTable, path: [], into: &styles, palette: palette, fail: fail)
        }
        return Theme(name: name, styles: styles, inheriting: base)
    }

    private static let colourHelp = "use a colour name like 'blue' or 'bright-red', a number 0–255, '#rrggbb', a palette name or 'default'"

    /// Walks `[styles]`, where `priority.urgent = …` may arrive as nested tables.
    private static func collectStyles(_ table: TOMLTable, path: [String], into styles: inout [StyleRole: Style],
                                      palette: [String: Color],
                                      fail: (String, String?, [String], String?) -> ThemeError) throws {
        for (key, value) in table {
            let keyPath = path + [key]
            let roleName = keyPath.joined(separator: ".")
            if let role = StyleRole(rawValue: roleName) {
                styles[role] = try style(from: value, role: roleName, palette: palette) { message, attribute in
                    fail(message, "styles", keyPath, attribute)
                }
            } else if let nested = value.table, !StyleRole.allCases.filter({ $0.rawValue.hasPrefix(roleName + ".") }).isEmpty {
                try collectStyles(nested, path: keyPath, into: &styles, palette: palette, fail: fail)
            } else {
                throw fail("unknown style '\(roleName)'\(suggestion(for: roleName))", "styles", keyPath, nil)
            }
        }
    }

    private static func style(from value: TOMLValueConvertible, role: String, palette: [String: Color],
                              fail: (String, String?) -> ThemeError) throws -> Style {
        func color(_ entry: TOMLValueConvertible, _ attribute: String) throws -> Color {
            if let number = entry.int {
                guard (0...255).contains(number) else { throw fail("colour \(number) is out of range; \(colourHelp)", attribute) }
                return .indexed(UInt8(number))
            }
            guard let string = entry.string else { throw fail("'\(attribute)' of style '\(role)' has \(describe(entry)); \(colourHelp)", attribute) }
            if let named = palette[string.lowercased()] { return named }
            guard let parsed = Color(name: string) else { throw fail("unknown colour '\(string)'; \(colourHelp)", attribute) }
            return parsed
        }
        if value.string != nil || value.int != nil {
            return Style(fg: try color(value, "fg"))
        }
        guard let table = value.table else {
            throw fail("style '\(role)' must be a colour or a table like { fg = \"red\", bold = true }", nil)
        }
        var style = Style()
        for (key, entry) in table {
            switch key {
            case "fg": style.fg = try color(entry, key)
            case "bg": style.bg = try color(entry, key)
            case "modifiers":
                guard let array = entry.array else { throw fail("'modifiers' must be a list like [\"bold\", \"underline\"]", key) }
                for item in array {
                    guard let word = item.string, let attribute = TextAttributes.named.first(where: { $0.name == word }) else {
                        throw fail("unknown modifier \(describe(item)) in style '\(role)' (use bold, dim, underline, reverse, italic)", key)
                    }
                    style.attributes.insert(attribute.attribute)
                }
            default:
                guard let attribute = TextAttributes.named.first(where: { $0.name == key }) else {
                    throw fail("unknown attribute '\(key)' in style '\(role)' (use fg, bg, bold, dim, underline, reverse, italic)", key)
                }
                guard let flag = entry.bool else { throw fail("'\(key)' in style '\(role)' must be true or false", key) }
                if flag { style.attributes.insert(attribute.attribute) } else { style.attributes.remove(attribute.attribute) }
            }
        }
        return style
    }

    private static func describe(_ value: TOMLValueConvertible) -> String {
        if let string = value.string { return "'\(string)'" }
        return "a \(value.type) value"
    }

    /// "; did you mean 'selection'?" for a near miss.
    static func suggestion(for name: String) -> String {
        let candidates = StyleRole.allCases.map(\.rawValue)
        let best = candidates.map { ($0, editDistance($0, name)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, name.count / 4) else { return "; see themes/default.toml for every style name" }
        return "; did you mean '\(best.0)'?"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

/// Finds the line a key was written on: TOMLKit reports lines for syntax errors only, but a user
/// fixing "unknown colour" needs to know where to look too.
struct KeyLocator {
    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of `path` (relative to `[section]`), or of `attribute` inside it when the style
    /// is written as its own `[styles.x]` table. Nil when it cannot be found.
    func line(section: String?, path: [String], attribute: String?) -> Int? {
        let dotted = path.joined(separator: ".")
        let last = path.last ?? ""
        let keyForms = ["\"\(dotted)\"", "'\(dotted)'", dotted, "\"\(last)\"", "'\(last)'", last]
        var inSection = section == nil
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let header = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if let section {
                    inSection = header == section || header.hasPrefix(section + ".")
                    // `[styles."priority.urgent"]` or `[styles.selection]`: the header names the style.
                    if inSection, header != section, keyForms.contains(where: { header.hasSuffix("." + $0) }) {
                        return attributeLine(after: index, attribute: attribute) ?? index + 1
                    }
                } else {
                    inSection = false
                }
                continue
            }
            guard inSection else { continue }
            for form in keyForms where line.hasPrefix(form) {
                let rest = line.dropFirst(form.count).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        return nil
    }

    private func attributeLine(after header: Int, attribute: String?) -> Int? {
        guard let attribute else { return nil }
        for index in (header + 1)..<lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { return nil }
            if line.hasPrefix(attribute) && line.dropFirst(attribute.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
                return index + 1
            }
        }
        return nil
    }
}
