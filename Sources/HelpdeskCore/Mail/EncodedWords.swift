/// Header text as people read it: RFC 2047 encoded words (`=?utf-8?B?…?=`, `=?iso-8859-1?Q?…?=`)
/// decoded, raw 8-bit bytes read with the charset fallback, and the result sanitised.
///
/// Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2) — that is how a long
/// subject is split across folded lines — and adjacent words in the same charset are joined as bytes
/// before decoding, because senders split a multi-byte character across two words.
enum EncodedWords {
    /// Decodes a header value; problems (unknown charset, bad encoding) are appended to `problems`.
    static func decode(_ value: ArraySlice<UInt8>, problems: inout [String]) -> String {
        var output = ""
        var index = value.startIndex
        let end = value.endIndex
        var plainStart = index
        // Bytes of encoded words not yet turned into text, all in `pendingCharset`.
        var pending: [UInt8] = []
        var pendingCharset = ""

        func flushPending() {
            guard !pending.isEmpty || !pendingCharset.isEmpty else { return }
            let decoded = MailCharset.decode(pending[...], charset: pendingCharset)
            if let problem = decoded.problem { problems.append("header: " + problem) }
            output += decoded.text
            pending = []
            pendingCharset = ""
        }
        func appendPlain(_ slice: ArraySlice<UInt8>) {
            guard !slice.isEmpty else { return }
            flushPending()
            // Raw UTF-8 in headers is legal (RFC 6532); anything else 8-bit gets the fallback and a note.
            if let utf8 = MailCharset.strictUTF8(slice) {
                output += utf8
                return
            }
            let decoded = MailCharset.decode(slice, charset: nil)
            if let problem = decoded.problem { problems.append("header: " + problem) }
            output += decoded.text
        }

        var lastWasEncoded = false
        while index < end {
            if value[index] == 0x3D, index + 1 < end, value[index + 1] == 0x3F,
               let word = encodedWord(value, at: index) {
                let between = value[plainStart..<index]
                let onlyWhitespace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
                if !(lastWasEncoded && onlyWhitespace) { appendPlain(between) }
                let charset = MailCharset.normalized(word.charset)
                if charset != pendingCharset { flushPending() }
                pendingCharset = charset
                pending.append(contentsOf: word.bytes)
                index = word.end
                plainStart = index
                lastWasEncoded = true
                continue
            }
            index += 1
            if value[index - 1] != 0x20 && value[index - 1] != 0x09 { lastWasEncoded = false }
        }
        appendPlain(value[plainStart..<end])
        flushPending()
        return output
    }

    /// Convenience for a whole header value: decoded, whitespace runs collapsed, sanitised as one line.
    static func text(_ value: [UInt8], problems: inout [String]) -> String {
        let limited = value.prefix(MailLimits.maxHeaderValueBytes)
        let decoded = decode(limited, problems: &problems)
        return Sanitizer.sanitize(collapseWhitespace(decoded))
    }

    static func collapseWhitespace(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var lastSpace = true
        for ch in s {
            if ch == " " || ch == "\t" || ch == "\r" || ch == "\n" || ch == "\r\n" {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(ch)
                lastSpace = false
            }
        }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// One encoded word starting at `start` (`=?charset?enc?text?=`), or nil if it is not one.
    /// Bounded: a word longer than 512 bytes is treated as plain text (RFC 2047 says 75).
    private static func encodedWord(_ value: ArraySlice<UInt8>, at start: Int)
        -> (charset: String, bytes: [UInt8], end: Int)? {
        let end = value.endIndex
        let limit = min(end, start + 512)
        var index = start + 2
        let charsetStart = index
        while index < limit && value[index] != 0x3F {
            let b = value[index]
            if b <= 0x20 || b >= 0x7F { return nil }
            index += 1
        }
        guard index < limit, index > charsetStart else { return nil }
        let charset = String(decoding: value[charsetStart..<index], as: UTF8.self)
        index += 1
        guard index + 1 < limit, value[index + 1] == 0x3F else { return nil }
        let encoding = value[index] | 0x20
        guard encoding == 0x62 || encoding == 0x71 else { return nil }  // b or q
        index += 2
        let textStart = index
        while index + 1 < limit && !(value[index] == 0x3F && value[index + 1] == 0x3D) {
            // Encoded words never contain whitespace; a space means this was not one.
            if value[index] == 0x20 || value[index] == 0x09 || value[index] == 0x0A { return nil }
            index += 1
        }
        guard index + 1 < limit else { return nil }
        let encoded = value[textStart..<index]
        let bytes = encoding == 0x62
            ? TransferEncoding.base64(encoded).bytes
            : TransferEncoding.quotedPrintable(encoded, underscoreIsSpace: true)
        return (charset, bytes, index + 2)
    }
}
