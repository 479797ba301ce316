/// Content-Transfer-Encoding (RFC 2045): base64 and quoted-printable, decoded tolerantly, because
/// senders get both wrong (whitespace inside base64, missing padding, a lone `=` in QP) and the text
/// is still worth reading.
enum TransferEncoding {
    /// Decodes base64, skipping every byte outside the alphabet and stopping at padding; a dangling
    /// partial group yields the bytes it fully carries. `malformed` says if anything was skipped.
    static func base64(_ input: ArraySlice<UInt8>) -> (bytes: [UInt8], malformed: Bool) {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4 + 3)
        var accumulator: UInt32 = 0
        var bits = 0
        var malformed = false
        for byte in input {
            let value: UInt32
            switch byte {
            case 0x41...0x5A: value = UInt32(byte - 0x41)
            case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
            case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
            case 0x2B, 0x2D: value = 62  // '+', and '-' of the URL-safe alphabet
            case 0x2F, 0x5F: value = 63  // '/', '_'
            case 0x3D: bits = 0; accumulator = 0; continue  // padding: the group ends here
            case 0x20, 0x09, 0x0D, 0x0A: continue
            default: malformed = true; continue
            }
            accumulator = (accumulator << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return (output, malformed)
    }

    /// Decodes quoted-printable: `=XX`, soft line breaks `=\r\n`/`=\n` (with trailing whitespace
    /// before them allowed); an `=` that starts neither stays as it is. `underscoreIsSpace` is the
    /// RFC 2047 "Q" variant.
    static func quotedPrintable(_ input: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = input.startIndex
        let end = input.endIndex
        while index < end {
            let byte = input[index]
            if byte == 0x3D {  // '='
                if index + 2 < end, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                // A soft line break, possibly with whitespace between the '=' and the newline.
                var probe = index + 1
                while probe < end && (input[probe] == 0x20 || input[probe] == 0x09) { probe += 1 }
                if probe < end && input[probe] == 0x0D { probe += 1 }
                if probe < end && input[probe] == 0x0A {
                    index = probe + 1
                    continue
                }
                if probe == end { index = end; continue }  // '=' at the very end: a soft break
                output.append(byte)
                index += 1
            } else if byte == 0x5F && underscoreIsSpace {
                output.append(0x20)
                index += 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
