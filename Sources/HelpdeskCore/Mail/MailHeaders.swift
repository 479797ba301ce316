/// The header section of a message or of a MIME part: unfolded fields in their order, with the body
/// that follows it.
///
/// Real mail is sloppy, so this accepts bare LF as well as CRLF, keeps duplicate fields (the caller
/// decides which one counts), keeps 8-bit bytes as they are (decoding is the caller's, with a charset
/// fallback), and skips lines that are not fields instead of giving up. It is a single pass over the
/// bytes: a 10 MB header line costs what it weighs, not its square.
struct MailHeaders: Sendable {
    /// One field: the lower-cased name and the unfolded raw value (leading whitespace trimmed).
    struct Field: Sendable {
        var name: String
        var value: [UInt8]
    }

    var fields: [Field] = []
    /// Lines in the header section that were not `name: value` (reported once, not per line).
    var malformedLines = 0
    /// Fields past `MailLimits.maxHeaderFields` that were ignored.
    var droppedFields = 0

    /// The first field with this (lower-case) name.
    func first(_ name: String) -> [UInt8]? {
        fields.first { $0.name == name }?.value
    }

    /// Every field with this (lower-case) name, in order.
    func all(_ name: String) -> [[UInt8]] {
        fields.filter { $0.name == name }.map(\.value)
    }

    func has(_ name: String) -> Bool { fields.contains { $0.name == name } }

    /// Splits `bytes` into its header section and body. A message with no blank line is all headers
    /// if its first line looks like a field, otherwise all body (some broken senders start with text).
    static func split(_ bytes: ArraySlice<UInt8>) -> (headers: MailHeaders, body: ArraySlice<UInt8>) {
        var headers = MailHeaders()
        var index = bytes.startIndex
        let end = bytes.endIndex
        var current: (name: String, value: [UInt8])?
        var first = true

        func flush() {
            guard let field = current else { return }
            current = nil
            if headers.fields.count >= MailLimits.maxHeaderFields {
                headers.droppedFields += 1
                return
            }
            headers.fields.append(Field(name: field.name, value: trimmed(field.value)))
        }

        while index < end {
            // One physical line: [index, lineEnd) without its LF or CRLF.
            var lineEnd = index
            while lineEnd < end && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            var contentEnd = lineEnd
            if contentEnd > index && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == index {  // the blank line: the body starts after it
                flush()
                return (headers, bytes[next..<end])
            }
            let startByte = bytes[index]
            if startByte == 0x20 || startByte == 0x09 {
                if current != nil {
                    // Folding: the CRLF goes, the whitespace stays (RFC 5322 §2.2.3).
                    current!.value.append(contentsOf: bytes[index..<contentEnd])
                } else if first {
                    headers.malformedLines += 1
                }
            } else if first && bytes[index..<contentEnd].starts(with: Array("From ".utf8)) {
                // An mbox envelope line ahead of the headers: not a field, and not a problem.
            } else if let colon = bytes[index..<contentEnd].firstIndex(of: 0x3A),
                      colon > index, isFieldName(bytes[index..<colon]) {
                flush()
                var name = String(decoding: bytes[index..<colon], as: UTF8.self).lowercased()
                while name.hasSuffix(" ") || name.hasSuffix("\t") { name.removeLast() }
                current = (name, Array(bytes[(colon + 1)..<contentEnd]))
            } else if first && headers.fields.isEmpty {
                // No field at all on the first line: this is not a header section, it is a body.
                return (headers, bytes[index..<end])
            } else {
                flush()
                headers.malformedLines += 1
            }
            first = false
            index = next
        }
        flush()
        return (headers, bytes[end..<end])
    }

    /// Printable ASCII without the colon, as RFC 5322 says; a trailing space before the colon is
    /// tolerated (`Subject : x` is common from broken scripts).
    private static func isFieldName(_ name: ArraySlice<UInt8>) -> Bool {
        var sawChar = false
        var sawSpace = false
        for byte in name {
            if byte == 0x20 || byte == 0x09 { sawSpace = true; continue }
            if byte <= 0x20 || byte >= 0x7F || sawSpace { return false }
            sawChar = true
        }
        return sawChar
    }

    static func trimmed(_ value: [UInt8]) -> [UInt8] {
        var start = 0
        var end = value.count
        while start < end && (value[start] == 0x20 || value[start] == 0x09) { start += 1 }
        while end > start && (value[end - 1] == 0x20 || value[end - 1] == 0x09 || value[end - 1] == 0x0D) {
            end -= 1
        }
        return Array(value[start..<end])
    }
}
