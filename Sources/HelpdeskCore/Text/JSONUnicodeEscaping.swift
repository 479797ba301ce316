/// Makes JSON that `JSONEncoder` wrote safe to print: it leaves bidi controls (U+202A–202E,
/// U+2066–2069), other invisible format characters, C1 controls and line/paragraph separators raw, and
/// those reorder or hide text on a terminal or in a browser. They are rewritten as `\uXXXX` escapes,
/// so the document still decodes to exactly the stored text.
public enum JSONUnicodeEscaping {
    /// `json` with every code point `Sanitizer.needsPlaceholder` flags written as a `\u` escape.
    /// Such code points are never part of JSON syntax, so they can only be inside strings.
    public static func escape(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar) else { out.append(scalar); continue }
            for unit in String(scalar).utf16 {
                var hex = String(unit, radix: 16, uppercase: true)
                while hex.count < 4 { hex = "0" + hex }
                out.append(contentsOf: "\\u\(hex)".unicodeScalars)
            }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && Sanitizer.needsPlaceholder(scalar)
    }
}
