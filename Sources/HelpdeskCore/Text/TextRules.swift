/// What the short fields things are identified by (emails, phones, names, tags, groups, ids) may
/// contain: no control characters.
///
/// Message bodies and subjects are the customer's own words and are kept as they came (the console and
/// the CLI neutralise them when they show them, see `Sanitizer`); an email address or a name with a
/// newline or an escape sequence in it is a mistake or an attack, and is refused where it is written.
public enum TextRules {
    /// C0 controls (tab and newline included), DEL and the C1 controls.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Why `text` (called `what`) cannot be an identifying field; nil when it can. The text is quoted
    /// neutralised, so the refusal itself is safe to print.
    public static func controlProblem(_ text: String, _ what: String) -> String? {
        guard let bad = text.unicodeScalars.first(where: isControl) else { return nil }
        let code = String(bad.value, radix: 16, uppercase: true)
        return "\(what) '\(Sanitizer.sanitize(text))' contains a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))"
    }
}
