import Foundation

/// Turns an HTML body into the plain text a person would read: paragraphs and line breaks kept,
/// list items as `- `, links as `text <url>`, block quotes as `> ` lines (so the quoted-history
/// split sees them), entities decoded, and `script`, `style`, `head` and comments dropped. Markup
/// never reaches the output. One linear pass; no DOM is built, so hostile nesting costs nothing.
enum HTMLText {
    static func convert(_ html: String) -> String {
        var out = Output()
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var skipUntil: String?  // inside <script>/<style>/<head>/<title>: drop until the closing tag
        var linkHref: [String] = []
        var linkTextStart: [Int] = []
        var preDepth = 0
        var tags = TagFinder(budget: 2 * scalars.count + 100_000)
        while i < scalars.count {
            let c = scalars[i]
            if c == "<" {
                // A comment, a declaration, or a tag.
                if matches(scalars, at: i, "<!--") {
                    i = find(scalars, "-->", from: i + 4).map { $0 + 3 } ?? scalars.count
                    continue
                }
                guard let close = tags.end(scalars, from: i + 1) else {
                    if skipUntil == nil { out.text("<", pre: preDepth > 0) }
                    i += 1
                    continue
                }
                let tag = Tag(scalars[(i + 1)..<close])
                i = close + 1
                if let skipping = skipUntil {
                    if tag.closing && tag.name == skipping { skipUntil = nil }
                    continue
                }
                guard !tag.name.isEmpty else { continue }
                switch tag.name {
                case "script", "style", "head", "title", "template", "noscript":
                    if !tag.closing && !tag.selfClosing { skipUntil = tag.name }
                case "br":
                    out.newline()
                case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
                     "header", "footer", "address", "figure", "form", "dl", "center":
                    out.paragraph()
                case "ul", "ol":
                    out.paragraph()
                case "tr", "dt", "dd", "caption":
                    out.newline()
                case "td", "th":
                    if !tag.closing { out.text(" ", pre: false) }
                case "li":
                    if !tag.closing { out.newline(); out.raw("- ") }
                case "hr":
                    out.paragraph(); out.raw("----"); out.paragraph()
                case "pre":
                    out.paragraph()
                    preDepth = max(0, preDepth + (tag.closing ? -1 : 1))
                case "blockquote":
                    out.paragraph()
                    out.quoteDepth = max(0, min(out.quoteDepth + (tag.closing ? -1 : 1), 50))
                case "img":
                    if let alt = tag.attribute("alt"), !alt.isEmpty { out.text("[\(decodeEntities(alt))]", pre: false) }
                case "a":
                    if tag.closing {
                        if let href = linkHref.popLast(), let start = linkTextStart.popLast() {
                            let shown = out.textSince(start)?.mailTrimmed() ?? ""
                            let url = href.hasPrefix("mailto:") ? String(href.dropFirst(7)) : href
                            if !url.isEmpty && shown != url && shown != href {
                                out.text(" <\(url)>", pre: false)
                            }
                        }
                    } else if let href = tag.attribute("href").map(decodeEntities), isShowableLink(href) {
                        if linkHref.count < 100 {
                            linkHref.append(href)
                            linkTextStart.append(out.mark)
                        }
                    }
                default:
                    break
                }
                continue
            }
            if skipUntil != nil { i += 1; continue }
            if c == "&" {
                let (decoded, length) = entity(scalars, at: i)
                out.text(decoded, pre: preDepth > 0)
                i += length
                continue
            }
            out.scalar(c, pre: preDepth > 0)
            i += 1
        }
        return out.finish()
    }

    /// Only links a reader can follow; `javascript:` and `data:` would be noise at best.
    private static func isShowableLink(_ href: String) -> Bool {
        let lower = href.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:")
            || lower.hasPrefix("ftp://")
    }

    /// Accumulates text with HTML's whitespace rules: runs collapse to one space, block tags give
    /// line breaks, and every line inside a block quote starts with `> `.
    private struct Output {
        var scalars: [Unicode.Scalar] = []
        var pendingSpace = false
        var newlines = 2  // newlines at the end of `scalars` (2 at the start: nothing to separate)
        var quoteDepth = 0
        var mark: Int { scalars.count }

        mutating func lineStart() {
            if newlines > 0 && quoteDepth > 0 {
                for _ in 0..<quoteDepth { scalars.append(">") }
                scalars.append(" ")
            }
        }
        mutating func text(_ s: String, pre: Bool) {
            for c in s.unicodeScalars { scalar(c, pre: pre) }
        }
        mutating func scalar(_ c: Unicode.Scalar, pre: Bool) {
            if pre {
                if c == "\n" { newline(); return }
                if c == "\r" { return }
                if newlines > 0 { lineStart() }
                scalars.append(c); newlines = 0; pendingSpace = false
                return
            }
            if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" {
                if newlines == 0 { pendingSpace = true }
                return
            }
            if newlines > 0 { lineStart() } else if pendingSpace { scalars.append(" ") }
            pendingSpace = false
            scalars.append(c == "\u{A0}" ? " " : c)
            newlines = 0
        }
        mutating func raw(_ s: String) {
            if newlines > 0 { lineStart() } else if pendingSpace { scalars.append(" ") }
            pendingSpace = false
            scalars.append(contentsOf: s.unicodeScalars)
            newlines = 0
        }
        mutating func newline() {
            pendingSpace = false
            while scalars.last == " " { scalars.removeLast() }
            scalars.append("\n")
            newlines += 1
        }
        mutating func paragraph() {
            pendingSpace = false
            while newlines < 2 { newline() }
        }
        /// The text written since `start`, or nil when it is too long to be a link's shown URL.
        func textSince(_ start: Int) -> String? {
            guard scalars.count - start <= 2_048 else { return nil }
            var s = String.UnicodeScalarView()
            if start < scalars.count { s.append(contentsOf: scalars[start...]) }
            return String(s)
        }
        func finish() -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars)
            // At most one blank line in a row; no trailing whitespace.
            var lines: [Substring] = []
            var blank = 0
            for line in String(s).split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.reversed().drop(while: { $0 == " " }).reversed()
                let isBlank = trimmed.isEmpty || trimmed.allSatisfy { $0 == ">" || $0 == " " }
                if isBlank { blank += 1 } else { blank = 0 }
                if blank > 1 { continue }
                lines.append(Substring(String(trimmed)))
            }
            return lines.joined(separator: "\n").mailTrimmed()
        }
    }

    /// A start or end tag's name and attributes.
    private struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var body: String

        init(_ inside: ArraySlice<Unicode.Scalar>) {
            var s = String(String.UnicodeScalarView(inside))
            closing = s.hasPrefix("/")
            if closing { s.removeFirst() }
            selfClosing = s.hasSuffix("/")
            let nameEnd = s.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "/" }) ?? s.endIndex
            name = s[..<nameEnd].lowercased()
            body = String(s[nameEnd...])
        }

        /// The value of `attribute` (quoted with " or ', or bare).
        func attribute(_ attribute: String) -> String? {
            let lower = body.lowercased()
            var search = lower.startIndex
            while let range = lower.range(of: attribute, range: search..<lower.endIndex) {
                search = range.upperBound
                // Must be a whole attribute name followed by '='.
                if range.lowerBound > lower.startIndex {
                    let before = lower[lower.index(before: range.lowerBound)]
                    if !(before == " " || before == "\t" || before == "\n" || before == "\r") { continue }
                }
                var j = range.upperBound
                while j < lower.endIndex && lower[j] == " " { j = lower.index(after: j) }
                guard j < lower.endIndex, lower[j] == "=" else { continue }
                j = lower.index(after: j)
                while j < lower.endIndex && lower[j] == " " { j = lower.index(after: j) }
                guard j < lower.endIndex else { return "" }
                // Same indices in `body` (lower-casing ASCII keeps them; for safety use offsets).
                let offset = lower.distance(from: lower.startIndex, to: j)
                let bodyChars = Array(body)
                guard offset < bodyChars.count else { return nil }
                let quote = bodyChars[offset]
                if quote == "\"" || quote == "'" {
                    let rest = bodyChars[(offset + 1)...]
                    let end = rest.firstIndex(of: quote) ?? rest.endIndex
                    return String(rest[rest.startIndex..<end])
                }
                let rest = bodyChars[offset...]
                let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == ">" }) ?? rest.endIndex
                return String(rest[rest.startIndex..<end])
            }
            return nil
        }
    }

    /// Finds the `>` closing a tag that starts after `<`, honouring quoted attribute values, in
    /// linear time overall: quote-aware scanning has a total budget, after which a tag simply ends at
    /// the next `>` (remembered, so hostile `<a '<a '…` input is not rescanned for every `<`).
    private struct TagFinder {
        var budget: Int
        var nextGT: (from: Int, at: Int?)?

        /// nil when this `<` does not start a tag (`a < b`, or no `>` anywhere after it).
        mutating func end(_ s: [Unicode.Scalar], from start: Int) -> Int? {
            guard start < s.count else { return nil }
            let first = s[start]
            guard first == "/" || first == "!" || first == "?" || first.properties.isAlphabetic else { return nil }
            guard let plain = plainNext(s, from: start) else { return nil }
            if budget <= 0 { return plain }
            var quote: Unicode.Scalar?
            var i = start
            while i < s.count && budget > 0 {
                budget -= 1
                let c = s[i]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    if i > start, s[i - 1] == "=" || s[i - 1] == " " { quote = c }
                } else if c == ">" {
                    return i
                }
                i += 1
            }
            return plain
        }

        /// The next `>` at or after `start`; positions only grow, so a cached answer is reused.
        private mutating func plainNext(_ s: [Unicode.Scalar], from start: Int) -> Int? {
            if let cached = nextGT, cached.from <= start {
                guard let at = cached.at else { return nil }
                if at >= start { return at }
            }
            var i = start
            while i < s.count && s[i] != ">" { i += 1 }
            let found = i < s.count ? i : nil
            nextGT = (start, found)
            return found
        }
    }

    private static func matches(_ s: [Unicode.Scalar], at i: Int, _ literal: String) -> Bool {
        var j = i
        for c in literal.unicodeScalars {
            guard j < s.count, s[j] == c else { return false }
            j += 1
        }
        return true
    }

    private static func find(_ s: [Unicode.Scalar], _ literal: String, from start: Int) -> Int? {
        var i = start
        while i < s.count {
            if matches(s, at: i, literal) { return i }
            i += 1
        }
        return nil
    }

    /// The text of the entity at `i` and how many scalars it spans; an unknown `&` stays itself.
    private static func entity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int) {
        var j = i + 1
        var name = ""
        while j < s.count && j - i <= 32 && s[j] != ";" && (s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "#") {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        let hasSemicolon = j < s.count && s[j] == ";"
        if let decoded = entityValue(name), hasSemicolon || name.hasPrefix("#") || ["amp", "lt", "gt", "nbsp", "quot"].contains(name) {
            return (decoded, 1 + name.unicodeScalars.count + (hasSemicolon ? 1 : 0))
        }
        return ("&", 1)
    }

    /// Decodes every entity in an attribute value.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&" {
                let (decoded, length) = entity(scalars, at: i)
                out += decoded
                i += length
            } else {
                out.unicodeScalars.append(scalars[i])
                i += 1
            }
        }
        return out
    }

    private static func entityValue(_ name: String) -> String? {
        if name.hasPrefix("#") {
            var digits = name.dropFirst()
            var radix = 10
            if digits.first == "x" || digits.first == "X" { radix = 16; digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: radix) else { return nil }
            // NUL and surrogates are not characters; show the replacement character instead.
            guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
            return String(Character(scalar))
        }
        return named[name] ?? named[name.lowercased()]
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "©", "reg": "®",
        "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "ldquo": "“",
        "rdquo": "”", "laquo": "«", "raquo": "»", "bull": "•", "middot": "·", "euro": "€", "pound": "£",
        "yen": "¥", "cent": "¢", "sect": "§", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "aacute": "á", "agrave": "à", "acirc": "â",
        "iacute": "í", "oacute": "ó", "uacute": "ú", "ntilde": "ñ", "ccedil": "ç", "Eacute": "É",
        "aring": "å", "Aring": "Å", "oslash": "ø", "Oslash": "Ø", "aelig": "æ", "AElig": "Æ",
        "shy": "\u{AD}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "ensp": " ", "emsp": " ", "thinsp": " ",
        "iexcl": "¡", "iquest": "¿", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓",
    ]
}
