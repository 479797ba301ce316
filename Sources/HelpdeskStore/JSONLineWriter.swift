import Foundation
import HelpdeskCore

/// Appends JSON text to a byte buffer by hand, for the snapshot's summary and customer lines
/// (thousands of records per compaction; `JSONEncoder` would cost several times more).
struct JSONLineWriter {
    var bytes: [UInt8] = []

    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

    mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0xF)])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A time as ISO 8601 text, the way `Codable` values in the store spell it.
    mutating func date(_ d: Date) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: ISOTime.format(d).utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A time as whole seconds since 1970 (`jq 'todate'` shows it), rounded down as ISO times are:
    /// `JSONScanner.date` reads these several times faster than ISO 8601 text (ticket summaries hold
    /// seven times each; parsing them as text was 10% of opening a 100k-ticket store).
    mutating func seconds(_ d: Date) { int(Int(d.timeIntervalSince1970.rounded(.down))) }

    mutating func strings(_ list: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(s)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func ints(_ list: [Int]) {
        bytes.append(UInt8(ascii: "["))
        for (i, v) in list.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            int(v)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `,"key":` — every member after the first.
    mutating func key(_ k: StaticString) {
        bytes.append(UInt8(ascii: ","))
        bytes.append(UInt8(ascii: "\""))
        raw(k)
        raw("\":")
    }
}
