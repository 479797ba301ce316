import Foundation
import HelpdeskCore

/// A minimal pull scanner over the bytes of one JSON value, for the snapshot files the store writes
/// itself. It accepts any valid JSON (members in any order, whitespace, escapes, unknown members are
/// skipped) but allocates only for the strings it returns.
///
/// Why not `JSONDecoder`: measured on this machine kind (shared/STORE.md), `JSONDecoder` reads ticket
/// summaries at ~120k records/s — 0.9 s for 100k tickets — while a specialised scanner reads the same
/// records at ~3M records/s. Opening a 100k-ticket store within 300 ms needs the latter.
struct JSONScanner {
    struct Failure: Error { var reason: String }

    let bytes: UnsafeRawBufferPointer
    private(set) var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { mutating get { skipSpace(); return index >= bytes.count } }

    mutating func skipSpace() {
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 } else { return }
        }
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func expect(_ c: UInt8) throws {
        guard peek() == c else { throw fail("expected '\(Character(Unicode.Scalar(c)))'") }
        index += 1
    }

    /// Consumes `c` if it is next.
    mutating func take(_ c: UInt8) -> Bool {
        if peek() == c { index += 1; return true }
        return false
    }

    func fail(_ what: String) -> Failure { Failure(reason: "\(what) at byte \(index + 1)") }

    // MARK: Objects and arrays

    /// Iterates an object's members: `body` receives the key (as raw bytes, valid only during the
    /// call) and must consume the value.
    mutating func object(_ body: (inout JSONScanner, UnsafeRawBufferPointer) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try rawString()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    mutating func array(_ element: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if take(UInt8(ascii: "]")) { return }
        repeat { try element(&self) } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    // MARK: Scalars

    /// Consumes `null` if it is next.
    mutating func takeNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), index + 4 <= bytes.count,
              bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "l"),
              bytes[index + 3] == UInt8(ascii: "l") else { return false }
        index += 4
        return true
    }

    mutating func int() throws -> Int {
        skipSpace()
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        var v = 0
        let start = index
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            v = v &* 10 &+ Int(bytes[index] - 48)
            index += 1
        }
        guard index > start else { throw fail("expected an integer") }
        // Beyond 18 digits `v` may have wrapped; no number the store writes comes close.
        guard index - start <= 18 else { throw fail("a number of more than 18 digits") }
        return negative ? -v : v
    }

    mutating func bool() throws -> Bool {
        skipSpace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw fail("expected true or false")
    }

    private mutating func matchLiteral(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard index + n <= bytes.count else { return false }
        let p = word.utf8Start
        for i in 0..<n where bytes[index + i] != p[i] { return false }
        index += n
        return true
    }

    /// A string's raw bytes between the quotes, escapes left as they are; valid while `bytes` is.
    mutating func rawString() throws -> UnsafeRawBufferPointer {
        try expect(UInt8(ascii: "\""))
        guard let base = bytes.baseAddress else { throw fail("unterminated string") }
        let start = index
        // `memchr` for the closing quote, then a look back for backslashes in front of it: measured
        // at 15% of opening a 100k-ticket store when scanned a byte at a time (perf, release build).
        var from = index
        while from < bytes.count, let q = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from) {
            let end = base.distance(to: UnsafeRawPointer(q))
            var backslashes = 0
            while end - backslashes - 1 >= start, bytes[end - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 {
                index = end + 1
                return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            }
            from = end + 1
        }
        index = bytes.count
        throw fail("unterminated string")
    }

    mutating func string() throws -> String {
        let raw = try rawString()
        guard raw.contains(UInt8(ascii: "\\")) else { return Self.text(raw) }
        return try Self.unescape(raw)
    }

    /// UTF-8 bytes to a String through the typed-buffer path (the raw-buffer overload is generic and slow).
    static func text(_ raw: UnsafeRawBufferPointer) -> String {
        guard let base = raw.baseAddress, raw.count > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: raw.count), as: UTF8.self)
    }

    mutating func optionalString() throws -> String? { takeNull() ? nil : try string() }

    /// A time: whole seconds since 1970 (what snapshots write: a tenth of the cost of parsing ISO 8601
    /// text, which was 10% of opening a 100k-ticket store), or ISO 8601 text (older snapshots).
    /// Either way it must lie within `Limits` (1970 to 9999).
    mutating func date() throws -> Date {
        let d: Date
        if peek() != UInt8(ascii: "\"") {
            d = Date(timeIntervalSince1970: Double(try int()))
        } else {
            let raw = try rawString()
            guard let parsed = ISOTime.parse(raw) else { throw fail("'\(String(decoding: raw, as: UTF8.self))' is not an ISO 8601 time") }
            d = parsed
        }
        guard Limits.isKept(d) else { throw fail("the time \(Int(d.timeIntervalSince1970)) is outside the years 1970 to 9999") }
        return d
    }

    /// An integer within `range`, named `what` in the refusal.
    mutating func int(in range: ClosedRange<Int>, _ what: String) throws -> Int {
        let v = try int()
        guard range.contains(v) else { throw fail("\(what) \(v) is out of range (\(Limits.describe(range)))") }
        return v
    }

    /// `[offset, length]` of a line in a snapshot's history file, both non-negative; whether it lies
    /// inside the file is checked once the snapshot is open (`StoredRanges.checkSpans`).
    mutating func span(_ what: String) throws -> Span {
        let pair = try ints()
        guard pair.count == 2, pair[0] >= 0, pair[1] >= 0 else { throw fail("'\(what)' is not [offset, length]") }
        return Span(offset: pair[0], length: pair[1])
    }

    mutating func optionalDate() throws -> Date? { takeNull() ? nil : try date() }

    mutating func strings() throws -> [String] {
        var out: [String] = []
        try array { out.append(try $0.string()) }
        return out
    }

    mutating func ints() throws -> [Int] {
        var out: [Int] = []
        try array { out.append(try $0.int()) }
        return out
    }

    /// Skips any value (for members a newer helpdesk may have added).
    mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "{"): try object { s, _ in try s.skipValue() }
        case UInt8(ascii: "["): try array { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try rawString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): guard takeNull() else { throw fail("unexpected value") }
        default:
            let start = index
            while index < bytes.count, let c = Optional(bytes[index]),
                  (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { index += 1 }
            guard index > start else { throw fail("unexpected value") }
        }
    }

    private static func unescape(_ raw: UnsafeRawBufferPointer) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= raw.count else { throw Failure(reason: "short \\u escape") }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = raw[k]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: throw Failure(reason: "bad \\u escape")
                }
                v = v << 4 | d
            }
            return v
        }
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\"), i + 1 < raw.count else { out.append(b); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4(i)
                i += 4
                if scalar >= 0xD800, scalar < 0xDC00, i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    let low = try hex4(i + 2)
                    if low >= 0xDC00, low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(s)).utf8))
            default: out.append(e)   // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Matches an object's keys against a fixed list, checking first the key expected next (the writer
/// emits them in a fixed order), so a record costs about one comparison per member.
struct KeyTable {
    private let keys: [[UInt8]]
    private var next = 0

    init(_ keys: [String]) { self.keys = keys.map { Array($0.utf8) } }

    /// The index of `key` in the table, or nil for an unknown key.
    mutating func match(_ key: UnsafeRawBufferPointer) -> Int? {
        if next < keys.count, equal(keys[next], key) {
            next += 1
            return next - 1
        }
        for (i, k) in keys.enumerated() where equal(k, key) {
            next = i + 1
            return i
        }
        return nil
    }

    mutating func reset() { next = 0 }

    private func equal(_ k: [UInt8], _ key: UnsafeRawBufferPointer) -> Bool {
        guard k.count == key.count else { return false }
        return k.withUnsafeBytes { memcmp($0.baseAddress!, key.baseAddress!, k.count) == 0 }
    }
}
