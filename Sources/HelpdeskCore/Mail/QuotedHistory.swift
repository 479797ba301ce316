/// Splits a reply into what the sender wrote this time and the history their client quoted below
/// it: an attribution line ("On … wrote:", "Am … schrieb …:", "Le … a écrit :" and others), an
/// Outlook header block ("-----Original Message-----", or "From: … Sent: … To: … Subject:"), or a run
/// of `>` lines that ends the message. Interleaved replies (quote, answer, quote, answer) are left
/// whole: the answer is inside them. Nothing is split off when nothing would remain above it.
enum QuotedHistory {
    static func split(_ text: String) -> (text: String, quoted: String?) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { return (text, nil) }
        var cut: Int?
        for (index, line) in lines.enumerated() {
            if isSeparator(line) || isAttribution(line, next: index + 1 < lines.count ? lines[index + 1] : nil) {
                cut = index
                break
            }
            if isOutlookBlock(lines, at: index) {
                // Outlook draws a rule of underscores above the block: it belongs to the history.
                var above = index - 1
                while above >= 0 && trimmedLower(lines[above]).isEmpty { above -= 1 }
                let rule = above >= 0 ? trimmedLower(lines[above]) : ""
                cut = rule.count >= 5 && rule.allSatisfy({ $0 == "_" || $0 == "-" }) ? above : index
                break
            }
        }
        if cut == nil { cut = trailingQuoteStart(lines) }
        guard let start = cut else { return (text, nil) }
        let above = lines[..<start].joined(separator: "\n").mailTrimmed()
        guard !above.isEmpty else { return (text, nil) }
        let below = lines[start...].joined(separator: "\n").mailTrimmed()
        return (above, below.isEmpty ? nil : below)
    }

    private static func trimmedLower(_ line: Substring) -> String {
        String(line).mailTrimmed().lowercased()
    }

    private static func isSeparator(_ line: Substring) -> Bool {
        let t = trimmedLower(line).filter { $0 != " " }
        guard t.hasPrefix("--") || t.hasPrefix("__") else { return false }
        let core = t.trimmingDashes()
        return ["originalmessage", "ursprünglichenachricht", "messaged'origine", "originalnachricht",
                "mensajeoriginal", "messaggiooriginale", "oorspronkelijkbericht", "originalmeddelande",
                "wiadomośćoryginalna", "originalemail"].contains(core)
    }

    /// "On Tue, 3 Mar 2026 at 10:00, Jane <jane@x> wrote:" — possibly wrapped onto a second line.
    private static func isAttribution(_ line: Substring, next: Substring?) -> Bool {
        let t = trimmedLower(line)
        guard t.count < 400, !t.hasPrefix(">") else { return false }
        let joined = next.map { t + " " + trimmedLower($0) } ?? t
        let pairs: [(String, [String])] = [
            ("on ", ["wrote:", "writes:"]),
            ("am ", ["schrieb:", "geschrieben:"]),
            ("le ", ["a écrit :", "a écrit:", "a ecrit :", "a ecrit:"]),
            ("el ", ["escribió:", "escribio:"]),
            ("il ", ["ha scritto:"]),
            ("op ", ["geschreven:", "schreef:"]),
            ("em ", ["escreveu:"]),
            ("w dniu ", ["pisze:", "napisał:", "napisała:"]),
            ("den ", ["skrev:"]),
            ("pe ", ["a scris:"]),
        ]
        for (start, ends) in pairs where t.hasPrefix(start) {
            if ends.contains(where: { t.hasSuffix($0) }) { return true }
            if next != nil, ends.contains(where: { joined.hasSuffix($0) }), t.contains("@") || t.contains(",") {
                return true
            }
        }
        // "Jane Doe <jane@x> wrote:" / "Jane schrieb:" without a date.
        if t.hasSuffix(" wrote:") || t.hasSuffix(" schrieb:") { return t.contains("@") }
        return false
    }

    /// Outlook's block: a "From:" line followed within a few lines by "Sent:"/"Date:" and "To:" or
    /// "Subject:" (in English, German, French, Spanish, Dutch).
    private static func isOutlookBlock(_ lines: [Substring], at index: Int) -> Bool {
        let fromWords = ["from:", "von:", "de :", "de:", "van:", "da:", "od:", "från:", "fra:"]
        let sentWords = ["sent:", "date:", "gesendet:", "datum:", "envoyé :", "envoyé:", "enviado:", "verzonden:",
                         "inviato:", "skickat:", "sendt:", "wysłano:"]
        let otherWords = ["to:", "subject:", "an:", "betreff:", "à :", "à:", "objet :", "objet:", "para:", "asunto:",
                          "aan:", "onderwerp:", "a:", "oggetto:", "till:", "ämne:", "til:", "emne:", "do:", "temat:"]
        let first = trimmedLower(lines[index]).replacingAsterisks()
        guard fromWords.contains(where: { first.hasPrefix($0) }) else { return false }
        var sawSent = false, sawOther = false
        for line in lines[(index + 1)..<min(lines.count, index + 6)] {
            let t = trimmedLower(line).replacingAsterisks()
            if sentWords.contains(where: { t.hasPrefix($0) }) { sawSent = true }
            if otherWords.contains(where: { t.hasPrefix($0) }) { sawOther = true }
        }
        return sawSent && sawOther
    }

    /// The first line of a run of `>` lines (blank lines allowed inside) that reaches the end, and
    /// the attribution-like line just above it if any ends in ':'.
    private static func trailingQuoteStart(_ lines: [Substring]) -> Int? {
        var index = lines.count - 1
        while index >= 0 && trimmedLower(lines[index]).isEmpty { index -= 1 }
        guard index >= 0, trimmedLower(lines[index]).hasPrefix(">") else { return nil }
        var start = index
        while index >= 0 {
            let t = trimmedLower(lines[index])
            if t.hasPrefix(">") { start = index } else if !t.isEmpty { break }
            index -= 1
        }
        // "Jane wrote:" style line directly above the quote belongs to it.
        var above = start - 1
        while above >= 0 && trimmedLower(lines[above]).isEmpty { above -= 1 }
        // Only when it looks like one (an address or a date in it), not "Here are my answers:".
        if above >= 0 {
            let line = trimmedLower(lines[above])
            if line.hasSuffix(":"), line.count < 300, line.contains("@") || line.contains(where: \.isNumber) {
                return above
            }
        }
        return start
    }
}

private extension String {
    func trimmingDashes() -> String {
        var s = Substring(self)
        while let f = s.first, f == "-" || f == "_" { s = s.dropFirst() }
        while let l = s.last, l == "-" || l == "_" { s = s.dropLast() }
        return String(s)
    }

    /// Outlook's plain-text version bolds the labels as `*From:*`.
    func replacingAsterisks() -> String { String(filter { $0 != "*" }) }
}
