#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns bytes in a declared charset into a String without losing any of them.
///
/// UTF-8, US-ASCII, ISO-8859-1 and windows-1252 are decoded here; everything else (ISO-8859-2/15,
/// windows-1250, KOI8-R, Shift_JIS, ISO-2022-JP, GBK, Big5, EUC-KR …) goes through iconv, which is a
/// pure conversion. When the label is missing, unknown or wrong (a "us-ascii" part full of 8-bit
/// bytes is common), the bytes are read as UTF-8 if they are valid UTF-8 and as windows-1252 otherwise —
/// every byte maps to some character there, so nothing is dropped — and the caller records a problem.
enum MailCharset {
    /// The decoded text and, when the charset could not be used as declared, why.
    struct Decoded {
        var text: String
        var problem: String?
    }

    static func decode(_ bytes: ArraySlice<UInt8>, charset declared: String?) -> Decoded {
        let name = normalized(declared ?? "")
        if !asciiBytesMayNotBeASCII(name) && bytes.allSatisfy({ $0 < 0x80 }) {
            return Decoded(text: String(decoding: bytes, as: UTF8.self))
        }
        switch name {
        case "", "us-ascii", "ascii", "unknown-8bit", "x-unknown", "8bit", "default", "unknown":
            let fallback = fallbackDecode(bytes)
            let label = name.isEmpty ? "no charset" : "charset \"\(name)\""
            return Decoded(text: fallback.text, problem: "\(label) with 8-bit bytes; read as \(fallback.used)")
        case "utf-8", "utf8":
            if let text = strictUTF8(bytes) { return Decoded(text: text) }
            return Decoded(text: windows1252(bytes), problem: "text labelled UTF-8 is not valid UTF-8; read as windows-1252")
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "l1":
            return Decoded(text: latin1(bytes))
        case "windows-1252", "cp1252":
            return Decoded(text: windows1252(bytes))
        default:
            guard let iconvName = iconvName(for: name) else {
                let fallback = fallbackDecode(bytes)
                return Decoded(text: fallback.text, problem: "unknown charset \"\(Sanitizer.sanitize(name))\"; read as \(fallback.used)")
            }
            if let text = viaIconv(bytes, from: iconvName) {
                return Decoded(text: text.text, problem: text.lossy ? "some bytes are not valid \(name); shown as \u{FFFD}" : nil)
            }
            let fallback = fallbackDecode(bytes)
            return Decoded(text: fallback.text, problem: "charset \"\(Sanitizer.sanitize(name))\" is not supported here; read as \(fallback.used)")
        }
    }

    /// UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise.
    static func fallbackDecode(_ bytes: ArraySlice<UInt8>) -> (text: String, used: String) {
        if let text = strictUTF8(bytes) { return (text, "UTF-8") }
        return (windows1252(bytes), "windows-1252")
    }

    /// The bytes as UTF-8 when they are valid UTF-8, else nil. Valid UTF-8 decodes to exactly the
    /// same bytes; repairing an invalid sequence changes them (and `String(validating:)` needs
    /// macOS 15, above this package's platform).
    static func strictUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    static func normalized(_ label: String) -> String {
        var name = label.lowercased()
        name = String(name.filter { !"\"' \t".contains($0) })
        // RFC 2231 allows a language after '*' in encoded words: "utf-8*en".
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        return name
    }

    /// ISO-2022-JP/KR, HZ and UTF-7 are 7-bit encodings, and UTF-16/32 text is full of NUL bytes:
    /// in those, bytes below 0x80 are not ASCII text.
    private static func asciiBytesMayNotBeASCII(_ name: String) -> Bool {
        name.hasPrefix("iso-2022") || name.hasPrefix("utf-16") || name.hasPrefix("utf-32") || name.hasPrefix("ucs-")
            || name == "utf-7" || name == "unicode-1-1-utf-7" || name == "hz-gb-2312"
    }

    /// The iconv name for a mail label, choosing supersets the way mail clients do (a "gb2312" part
    /// is GBK in practice, "ks_c_5601-1987" is CP949, "shift_jis" from Windows is CP932).
    static func iconvName(for name: String) -> String? {
        guard !name.isEmpty, name.count <= 40,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) })
        else { return nil }
        switch name {
        case "gb2312", "gb_2312-80", "x-gbk", "euc-cn", "cp936", "gbk": return "GBK"
        case "ks_c_5601-1987", "ks_c_5601", "euc-kr", "cp949", "x-windows-949": return "CP949"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932": return "CP932"
        case "big5", "x-big5", "cn-big5": return "BIG5"
        case "iso-8859-8-i": return "ISO-8859-8"
        case "iso-2022-jp", "csiso2022jp": return "ISO-2022-JP"
        case "koi8-r", "koi8r": return "KOI8-R"
        case "koi8-u": return "KOI8-U"
        case "utf-7", "unicode-1-1-utf-7": return "UTF-7"
        default: return name.uppercased()
        }
    }

    /// iconv to UTF-8; an invalid sequence becomes U+FFFD and conversion goes on after it.
    static func viaIconv(_ bytes: ArraySlice<UInt8>, from name: String) -> (text: String, lossy: Bool)? {
        #if canImport(Glibc) || canImport(Darwin)
        let cd = iconv_open("UTF-8", name)
        if Int(bitPattern: cd) == -1 { return nil }
        defer { iconv_close(cd) }
        var input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2 + 16)
        var lossy = false
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        input.withUnsafeMutableBufferPointer { inBuffer in
            guard let inBase = inBuffer.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            var guardCount = 0
            while inLeft > 0 && guardCount < 100_000_000 {
                guardCount += 1
                let (result, produced, err) = chunk.withUnsafeMutableBufferPointer { outBuffer -> (Int, Int, Int32) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let r = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (r, outBuffer.count - outLeft, r == -1 ? errno : 0)
                }
                output.append(contentsOf: chunk[0..<produced])
                if result != -1 { continue }
                if err == E2BIG { continue }
                // EILSEQ or EINVAL: mark it, skip one byte, go on.
                lossy = true
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                if inLeft > 0 {
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                }
                if err != EILSEQ && err != EINVAL { break }
            }
            // Flush a stateful encoding's shift state.
            let flushed = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int in
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                _ = iconv(cd, nil, nil, &outPointer, &outLeft)
                return outBuffer.count - outLeft
            }
            output.append(contentsOf: chunk[0..<flushed])
        }
        return (String(decoding: output, as: UTF8.self), lossy)
        #else
        return nil
        #endif
    }

    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    /// windows-1252: Latin-1 with printable characters in 0x80–0x9F. The five bytes it leaves
    /// undefined keep their Latin-1 (C1) value, which the sanitizer shows as a placeholder: not lost.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F, let mapped = Unicode.Scalar(cp1252High[Int(byte - 0x80)]), mapped.value != 0 {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
