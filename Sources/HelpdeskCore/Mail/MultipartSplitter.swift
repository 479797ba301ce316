/// Cuts a multipart body at its boundary lines (RFC 2046 §5.1.1) in one pass: the preamble before
/// the first boundary and the epilogue after the closing one are ignored, the line break before a
/// boundary belongs to the boundary, trailing whitespace after it is allowed, and a missing closing
/// boundary ends the last part at the end of the body.
enum MultipartSplitter {
    static func split(_ body: ArraySlice<UInt8>, boundary: String, maxParts: Int)
        -> (parts: [ArraySlice<UInt8>], closed: Bool) {
        let delimiter = Array("--".utf8) + Array(boundary.utf8)
        var parts: [ArraySlice<UInt8>] = []
        var lineStart = body.startIndex
        let end = body.endIndex
        var partStart: Int?
        while lineStart < end {
            var lineEnd = lineStart
            while lineEnd < end && body[lineEnd] != 0x0A { lineEnd += 1 }
            let afterDelimiter = lineStart + delimiter.count
            if afterDelimiter <= lineEnd, body[lineStart..<afterDelimiter].elementsEqual(delimiter) {
                var rest = afterDelimiter
                var closing = false
                if rest + 2 <= lineEnd, body[rest] == 0x2D, body[rest + 1] == 0x2D {
                    closing = true
                    rest += 2
                }
                let onlyWhitespace = body[rest..<lineEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if onlyWhitespace {
                    if let start = partStart {
                        var contentEnd = lineStart
                        if contentEnd > start && body[contentEnd - 1] == 0x0A { contentEnd -= 1 }
                        if contentEnd > start && body[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                        parts.append(body[start..<max(start, contentEnd)])
                        if parts.count >= maxParts { return (parts, true) }
                    }
                    if closing { return (parts, true) }
                    partStart = lineEnd < end ? lineEnd + 1 : end
                }
            }
            lineStart = lineEnd + 1
        }
        if let start = partStart { parts.append(body[min(start, end)..<end]) }
        return (parts, false)
    }
}
