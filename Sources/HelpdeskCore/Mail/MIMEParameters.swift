/// A structured MIME header — `Content-Type: text/plain; charset="utf-8"` or
/// `Content-Disposition: attachment; filename*0*=utf-8''na%C3%AFve; filename*1*=.txt` — split into its
/// value and parameters, with RFC 2231 continuations and charsets resolved and RFC 2047 words (which
/// RFC 2231 forbids in parameters, but Outlook writes anyway) decoded.
struct MIMEParameters: Sendable {
    /// The value before the first `;`, lower-cased and trimmed (`text/plain`, `attachment`).
    var value: String
    /// Parameter names lower-cased; values decoded and unquoted (not sanitised: the caller decides).
    var parameters: [String: String]

    subscript(_ name: String) -> String? { parameters[name] }

    static func parse(_ raw: [UInt8], problems: inout [String]) -> MIMEParameters {
        let pieces = splitOnSemicolons(raw.prefix(MailLimits.maxHeaderValueBytes))
        let value = pieces.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        var cleaned = ""
        for ch in value.lowercased() where !(ch == " " || ch == "\t" || ch == "\"") { cleaned.append(ch) }
        // Comments like "text/plain (the usual)" are rare but legal; drop them.
        if let paren = cleaned.firstIndex(of: "(") { cleaned = String(cleaned[..<paren]) }

        // RFC 2231 sections: name*0, name*1* … gathered before they are joined.
        var simple: [String: String] = [:]
        var sections: [String: [Int: (bytes: [UInt8], encoded: Bool)]] = [:]
        var charsets: [String: String] = [:]
        for piece in pieces.dropFirst().prefix(200) {
            guard let equals = piece.firstIndex(of: 0x3D) else { continue }
            var name = String(decoding: piece[piece.startIndex..<equals], as: UTF8.self).lowercased()
            name = name.mailTrimmed()
            guard !name.isEmpty else { continue }
            let rawValue = unquote(piece[(equals + 1)...])
            var encoded = false
            if name.hasSuffix("*") { encoded = true; name.removeLast() }
            var section = 0
            var sectioned = false
            if let star = name.lastIndex(of: "*"), let number = Int(name[name.index(after: star)...]),
               number >= 0, number < 1000 {
                section = number
                sectioned = true
                name = String(name[..<star])
            }
            if !sectioned && !encoded {
                if simple[name] == nil { simple[name] = decodePlain(rawValue, problems: &problems) }
                continue
            }
            var bytes = rawValue
            if encoded && section == 0 {
                // charset'language'value: the charset applies to every section of this parameter.
                let quotes = bytes.indices.filter { bytes[$0] == 0x27 }
                if quotes.count >= 2 {
                    charsets[name] = String(decoding: bytes[bytes.startIndex..<quotes[0]], as: UTF8.self)
                    bytes = Array(bytes[(quotes[1] + 1)...])
                }
            }
            if encoded { bytes = percentDecoded(bytes) }
            sections[name, default: [:]][section] = (bytes, encoded)
        }
        var parameters = simple
        for (name, parts) in sections {
            var joined: [UInt8] = []
            for key in parts.keys.sorted() { joined.append(contentsOf: parts[key]!.bytes) }
            let decoded = MailCharset.decode(joined[...], charset: charsets[name])
            if let problem = decoded.problem { problems.append("parameter \(Sanitizer.sanitize(name)): " + problem) }
            // An RFC 2231 value wins over a plain one of the same name (it is the one clients mean).
            parameters[name] = decoded.text
        }
        return MIMEParameters(value: cleaned, parameters: parameters)
    }

    /// Splits on `;` outside quoted strings (a filename may contain one).
    private static func splitOnSemicolons(_ raw: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = raw.startIndex
        var inQuotes = false
        var escaped = false
        for index in raw.indices {
            let byte = raw[index]
            if escaped { escaped = false; continue }
            if byte == 0x5C && inQuotes { escaped = true; continue }
            if byte == 0x22 { inQuotes.toggle(); continue }
            if byte == 0x3B && !inQuotes {
                pieces.append(raw[start..<index])
                start = index + 1
            }
        }
        pieces.append(raw[start..<raw.endIndex])
        return pieces
    }

    /// The value without surrounding whitespace and quotes, backslash escapes resolved.
    private static func unquote(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var slice = raw
        while let first = slice.first, first == 0x20 || first == 0x09 || first == 0x0D || first == 0x0A { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0A { slice = slice.dropLast() }
        guard slice.first == 0x22 else { return Array(slice) }
        var output: [UInt8] = []
        var escaped = false
        for byte in slice.dropFirst() {
            if escaped { output.append(byte); escaped = false; continue }
            if byte == 0x5C { escaped = true; continue }
            if byte == 0x22 { break }
            output.append(byte)
        }
        return output
    }

    private static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count,
               let high = TransferEncoding.hexValue(bytes[index + 1]), let low = TransferEncoding.hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// A plain parameter value: RFC 2047 words decoded (Outlook's `name="=?utf-8?B?…?="`), 8-bit
    /// bytes read with the fallback.
    private static func decodePlain(_ bytes: [UInt8], problems: inout [String]) -> String {
        EncodedWords.decode(bytes[...], problems: &problems)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks (Foundation-free, for pure Core code).
    func mailTrimmed() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" || f == "\r\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" || l == "\r\n" { s = s.dropLast() }
        return String(s)
    }
}
