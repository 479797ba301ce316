/// Finds the first thing in a JSON document that keeps it from being read, with its line and column:
/// a stray character, a string or an object the file ends inside (a truncated download), a control
/// character in a string, a number no field of an export can hold, nesting deeper than any export.
///
/// `JSONDecoder` only says "The given data was not valid JSON" (its older sibling gives a byte offset
/// at best), recurses once per level of nesting, and throws an error without a field name for a number
/// it cannot represent; this pass runs first so an import's refusal always names line and column.
/// One pass over the bytes, no recursion, nothing allocated but the stack of open containers.
public enum JSONSyntax {
    /// Where and why a document cannot be read.
    public struct Problem: Equatable, Sendable {
        public var line: Int
        /// In characters, from 1.
        public var column: Int
        public var reason: String
    }

    /// Deeper than any export document (which nests 5 levels), shallow enough for any decoder.
    public static let maxDepth = 64

    /// The first problem in `text`, or nil when it is one well-formed JSON value. With
    /// `wholeNumbersOnly`, a number with a fraction or an exponent, or beyond 64 bits, is a problem too.
    public static func problem(in text: String, wholeNumbersOnly: Bool) -> Problem? {
        var copy = text
        return copy.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes, wholeNumbersOnly: wholeNumbersOnly)
            return scanner.run()
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let wholeNumbersOnly: Bool
        var i = 0
        var line = 1
        var lineStart = 0
        /// Open containers: `{` or `[`, and where each opened.
        var open: [(byte: UInt8, line: Int, column: Int)] = []

        init(bytes: UnsafeBufferPointer<UInt8>, wholeNumbersOnly: Bool) {
            self.bytes = bytes
            self.wholeNumbersOnly = wholeNumbersOnly
        }

        enum Expect { case value, valueOrClose, keyOrClose, key, colon, commaOrClose, end }

        func column(at offset: Int) -> Int {
            var c = 1
            var k = lineStart
            while k < offset { if bytes[k] & 0xC0 != 0x80 { c += 1 }; k += 1 }
            return c
        }

        func fail(_ reason: String, at offset: Int? = nil) -> Problem {
            Problem(line: line, column: column(at: offset ?? i), reason: reason)
        }

        func shown(_ b: UInt8) -> String {
            if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
            return String(format: "U+%04X", b)
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x0A: i += 1; line += 1; lineStart = i
                case 0x20, 0x09, 0x0D: i += 1
                default: return
                }
            }
        }

        mutating func run() -> Problem? {
            var expect = Expect.value
            while true {
                skipSpace()
                guard i < bytes.count else { break }
                let b = bytes[i]
                switch expect {
                case .value, .valueOrClose:
                    if expect == .valueOrClose && b == UInt8(ascii: "]") { i += 1; open.removeLast(); expect = afterValue(); continue }
                    if let p = value(&expect) { return p }
                case .keyOrClose, .key:
                    if expect == .keyOrClose && b == UInt8(ascii: "}") { i += 1; open.removeLast(); expect = afterValue(); continue }
                    guard b == UInt8(ascii: "\"") else { return fail("expected a member name in double quotes, found \(shown(b))") }
                    if let p = string() { return p }
                    expect = .colon
                case .colon:
                    guard b == UInt8(ascii: ":") else { return fail("expected ':' after the member name, found \(shown(b))") }
                    i += 1
                    expect = .value
                case .commaOrClose:
                    let top = open[open.count - 1].byte
                    let close = top == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if b == UInt8(ascii: ",") {
                        i += 1
                        expect = top == UInt8(ascii: "{") ? .key : .value
                    } else if b == close {
                        i += 1
                        open.removeLast()
                        expect = afterValue()
                    } else {
                        return fail("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(shown(b))")
                    }
                case .end:
                    return fail("unexpected \(shown(b)) after the end of the document")
                }
            }
            if expect == .end { return nil }
            if let last = open.last {
                let what = last.byte == UInt8(ascii: "{") ? "object" : "list"
                return fail("the file ends before the \(what) opened at line \(last.line), column \(last.column) is closed (is it cut off?)")
            }
            return fail("the file holds no JSON value")
        }

        func afterValue() -> Expect { open.isEmpty ? .end : .commaOrClose }

        mutating func value(_ expect: inout Expect) -> Problem? {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard open.count < JSONSyntax.maxDepth else { return fail("nested more than \(JSONSyntax.maxDepth) levels deep") }
                open.append((b, line, column(at: i)))
                i += 1
                expect = b == UInt8(ascii: "{") ? .keyOrClose : .valueOrClose
                return nil
            case UInt8(ascii: "\""):
                if let p = string() { return p }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if let p = number() { return p }
            case UInt8(ascii: "t"): if let p = literal("true") { return p }
            case UInt8(ascii: "f"): if let p = literal("false") { return p }
            case UInt8(ascii: "n"): if let p = literal("null") { return p }
            default:
                return fail("expected a value (a string, number, object, list, true, false or null), found \(shown(b))")
            }
            expect = afterValue()
            return nil
        }

        mutating func literal(_ word: StaticString) -> Problem? {
            let n = word.utf8CodeUnitCount
            let p = word.utf8Start
            for k in 0..<n where i + k >= bytes.count || bytes[i + k] != p[k] {
                return fail("expected \(word)")
            }
            i += n
            return nil
        }

        mutating func string() -> Problem? {
            let start = i
            let startLine = line
            i += 1
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return nil }
                if b < 0x20 {
                    return fail("a control character (\(shown(b))) inside a string; write it as an escape (\\n, \\t, \\u00XX)")
                }
                if b == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.count else { break }
                    let e = bytes[i + 1]
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        guard let unit = hex4(at: i + 2) else { return fail("'\\u' must be followed by 4 hex digits") }
                        if (0xDC00...0xDFFF).contains(unit) { return fail("a lone low surrogate (\\u\(String(unit, radix: 16)))") }
                        if (0xD800...0xDBFF).contains(unit) {
                            guard i + 11 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
                                  let low = hex4(at: i + 8), (0xDC00...0xDFFF).contains(low) else {
                                return fail("a high surrogate (\\u\(String(unit, radix: 16))) without its low half")
                            }
                            i += 12
                        } else {
                            i += 6
                        }
                    default:
                        return fail("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                    }
                    continue
                }
                i += 1
            }
            // `line` has not moved inside the string (a raw newline is refused above).
            return Problem(line: startLine, column: column(at: start),
                           reason: "the file ends inside the string that starts here (is it cut off?)")
        }

        func hex4(at k: Int) -> UInt32? {
            guard k + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for b in bytes[k..<(k + 4)] {
                let d: UInt8
                switch b {
                case 48...57: d = b - 48
                case 65...70: d = b - 55
                case 97...102: d = b - 87
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }

        mutating func number() -> Problem? {
            let start = i
            func digits() -> Int {
                let from = i
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
                return i - from
            }
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            let integerStart = i
            let integerDigits = digits()
            guard integerDigits > 0 else { return fail("a '-' not followed by digits", at: start) }
            if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") { return fail("a number with a leading zero", at: start) }
            var whole = true
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                whole = false
                guard digits() > 0 else { return fail("a '.' not followed by digits", at: start) }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                whole = false
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return fail("an exponent without digits", at: start) }
            }
            guard wholeNumbersOnly else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            if !whole { return fail("\(text) is not a whole number (every number here is one, written without '.' or 'e')", at: start) }
            if Int(text) == nil { return fail("the number \(text) is too large", at: start) }
            return nil
        }
    }
}
