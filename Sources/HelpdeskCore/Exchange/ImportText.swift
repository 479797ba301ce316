import Foundation

/// The bytes of an import file as text, or a refusal that says where the first byte that is not
/// UTF-8 is: `orders.csv:212:17: not UTF-8 (byte 0xE9 at offset 10233) …`, so the person can find it.
public enum ImportText {
    public static func decode(_ bytes: [UInt8], fileName: String) throws -> String {
        let bad = firstInvalidByte(bytes)
        if bad == bytes.count { return String(decoding: bytes, as: UTF8.self) }
        let (line, column) = position(of: bad, in: bytes)
        let byte = bad < bytes.count ? String(format: "0x%02X", bytes[bad]) : "the end of the file"
        throw ImportError.malformed(file: fileName, line: line, column: column,
            reason: "not UTF-8 text (\(byte) at byte \(bad + 1) does not belong here); save the file as UTF-8 (in a spreadsheet: CSV UTF-8) and import it again")
    }

    /// The offset of the first byte that does not fit UTF-8: the first byte of a sequence that is cut
    /// off, overlong or not a character (where a Latin-1 `é` written as one byte is, say).
    static func firstInvalidByte(_ b: [UInt8]) -> Int {
        var i = 0
        while i < b.count {
            let lead = b[i]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF   // the allowed range of the second byte
            switch lead {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F        // no UTF-16 surrogates
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F        // nothing above U+10FFFF
            default: return i
            }
            guard i + length <= b.count else { return i }
            guard (low...high).contains(b[i + 1]) else { return i }
            for k in 2..<length where !(0x80...0xBF).contains(b[i + k]) { return i }
            i += length
        }
        return b.count
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    static func position(of offset: Int, in b: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for i in 0..<min(offset, b.count) {
            if b[i] == 0x0A {
                line += 1
                column = 1
            } else if b[i] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
