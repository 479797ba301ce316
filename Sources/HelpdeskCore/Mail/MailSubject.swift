/// Subject-line rules shared by threading (a new ticket's title) and replies (one `Re:`, never
/// `Re: Re:`).
public enum MailSubject {
    /// The reply and forward prefixes mail clients put in front of a subject, in the languages that
    /// are common (zammad#5287 only knew two-letter ones, so `Fwd:` subjects broke threading).
    /// Matched case-insensitively, followed by an optional count (`RE[2]:`, `Re^3:`, `Re(2):`) and a
    /// colon (or, for the French `Réf.`, a full stop).
    static let prefixes: [String] = [
        "re", "fwd", "fw", "aw", "wg", "sv", "vs", "antw", "doorst", "réf", "ref", "rif", "tr", "enc",
        "res", "odp", "pd", "ynt", "ilt", "vá", "továbbítás", "vb", "yml", "回复", "回覆", "转发",
        "轉寄", "答复", "fs", "antwort", "wtr", "přeposlat", "atb", "ats", "vl", "sv", "fv",
    ]

    /// `subject` with every leading reply/forward prefix removed, any count, case and nesting
    /// (`Re: AW: Fwd: RE[2]: x` → `x`); a `[#1042]`-style tag between prefixes is kept where it is.
    public static func stripPrefixes(_ s: String) -> String {
        var rest = Substring(s)
        var changed = true
        var rounds = 0
        while changed && rounds < 1_000 {
            changed = false
            rounds += 1
            rest = rest.drop { $0 == " " || $0 == "\t" }
            if let after = afterPrefix(rest) {
                rest = after
                changed = true
            }
        }
        return String(rest.drop { $0 == " " || $0 == "\t" })
    }

    /// The text after one prefix at the start of `s`, or nil when `s` does not start with one.
    private static func afterPrefix(_ s: Substring) -> Substring? {
        // The word: letters only, up to the count or the colon.
        let word = s.prefix { $0.isLetter }
        guard !word.isEmpty, word.count <= 12 else { return nil }
        let lowered = word.lowercased()
        guard prefixes.contains(lowered) else { return nil }
        var rest = s.dropFirst(word.count)
        rest = rest.drop { $0 == " " }
        // An optional count: [2], (2), ^2 or a bare number as in "Re2:".
        if let open = rest.first, open == "[" || open == "(" {
            let close: Character = open == "[" ? "]" : ")"
            let inside = rest.dropFirst().prefix { $0.isNumber }
            let afterDigits = rest.dropFirst(1 + inside.count)
            if !inside.isEmpty, afterDigits.first == close { rest = afterDigits.dropFirst() }
        } else if rest.first == "^" {
            let digits = rest.dropFirst().prefix { $0.isNumber }
            if !digits.isEmpty { rest = rest.dropFirst(1 + digits.count) }
        } else {
            rest = rest.drop { $0.isNumber }
        }
        rest = rest.drop { $0 == " " }
        if let mark = rest.first, mark == ":" || mark == "：" { return rest.dropFirst() }
        if rest.first == ".", lowered == "réf" || lowered == "ref" {
            // "Réf. :" and "Réf.:" both occur; the colon after the full stop belongs to the prefix.
            var after = rest.dropFirst().drop { $0 == " " }
            if after.first == ":" { after = after.dropFirst() }
            return after
        }
        return nil
    }
}
