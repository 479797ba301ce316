/// Finds the line on which each element of the top-level object's arrays starts, so an import can say
/// `export.json:212: …` about the ticket a person has to fix. A light scan, not a parser: it is only
/// consulted after `JSONDecoder` has accepted the document.
enum JSONElementLines {
    /// Array key (`"tickets"`) → the 1-based start line of each of its elements.
    static func scan(_ text: String) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var stringBytes: [UInt8] = []
        var lastString: String?
        var arrayKey: String?
        var expectingElement = false

        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 1 { lastString = String(decoding: stringBytes, as: UTF8.self) }
                } else if depth == 1 {
                    stringBytes.append(byte)
                }
                continue
            }
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if expectingElement, !isSpace, byte != UInt8(ascii: "]"), let key = arrayKey {
                result[key, default: []].append(line)
                expectingElement = false
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                stringBytes.removeAll(keepingCapacity: true)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth == 2, byte == UInt8(ascii: "["), let key = lastString {
                    arrayKey = key
                    result[key] = []
                    expectingElement = true
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 1 { arrayKey = nil; expectingElement = false }
            case UInt8(ascii: ","):
                if depth == 2, arrayKey != nil { expectingElement = true }
            default:
                break
            }
        }
        return result
    }
}
