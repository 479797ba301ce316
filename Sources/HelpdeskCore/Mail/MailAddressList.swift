/// Reads address headers (From, To, Cc, Reply-To …) the way real mail writes them: display names
/// quoted or not and RFC 2047-encoded, comments, groups (`undisclosed-recipients:;`), bare addresses,
/// and commas inside quoted names (`"Doe, Jane" <jane@x>`).
enum MailAddressList {
    static func parse(_ raw: [UInt8], problems: inout [String]) -> [MailAddress] {
        var addresses: [MailAddress] = []
        for piece in split(raw.prefix(MailLimits.maxHeaderValueBytes)) {
            if addresses.count >= MailLimits.maxAddresses { break }
            if let address = parseOne(piece, problems: &problems) { addresses.append(address) }
        }
        return addresses
    }

    /// Splits on commas (and a group's `;`) outside quotes, angle brackets and comments; a group's
    /// `name:` prefix is dropped.
    private static func split(_ raw: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = raw.startIndex
        var inQuotes = false, escaped = false, inAngle = false
        var commentDepth = 0
        for index in raw.indices {
            let byte = raw[index]
            if escaped { escaped = false; continue }
            if byte == 0x5C && (inQuotes || commentDepth > 0) { escaped = true; continue }
            if inQuotes { if byte == 0x22 { inQuotes = false }; continue }
            if commentDepth > 0 {
                if byte == 0x28 { commentDepth = min(commentDepth + 1, 100) }
                if byte == 0x29 { commentDepth -= 1 }
                continue
            }
            switch byte {
            case 0x22: inQuotes = true
            case 0x28: commentDepth = 1
            case 0x3C: inAngle = true
            case 0x3E: inAngle = false
            case 0x3A where !inAngle:  // "group:" — what came before is the group's name
                start = index + 1
            case 0x2C where !inAngle, 0x3B where !inAngle:
                pieces.append(raw[start..<index])
                start = index + 1
            default: break
            }
        }
        pieces.append(raw[start..<raw.endIndex])
        return pieces
    }

    private static func parseOne(_ piece: ArraySlice<UInt8>, problems: inout [String]) -> MailAddress? {
        // Outside quotes: the last <…> is the address, the rest the name; comments may hold a name.
        var nameBytes: [UInt8] = []
        var addressBytes: [UInt8] = []
        var comment: [UInt8] = []
        var inQuotes = false, escaped = false, inAngle = false, sawAngle = false
        var commentDepth = 0
        for byte in piece {
            if escaped {
                escaped = false
                if commentDepth > 0 { comment.append(byte) } else { nameBytes.append(byte) }
                continue
            }
            if byte == 0x5C && (inQuotes || commentDepth > 0) { escaped = true; continue }
            if inQuotes {
                if byte == 0x22 { inQuotes = false } else { nameBytes.append(byte) }
                continue
            }
            if commentDepth > 0 {
                if byte == 0x28 { commentDepth = min(commentDepth + 1, 100) }
                if byte == 0x29 { commentDepth -= 1; if commentDepth == 0 { continue } }
                comment.append(byte)
                continue
            }
            if inAngle {
                if byte == 0x3E { inAngle = false } else { addressBytes.append(byte) }
                continue
            }
            switch byte {
            case 0x22: inQuotes = true
            case 0x28: commentDepth = 1
            case 0x3C: inAngle = true; sawAngle = true; addressBytes = []
            default: nameBytes.append(byte)
            }
        }
        var address: String
        var name: String
        if sawAngle {
            address = String(decoding: addressBytes, as: UTF8.self)
            name = EncodedWords.text(nameBytes, problems: &problems)
        } else {
            // A bare addr-spec; its comment, if any, is the name (`jane@x (Jane Doe)`).
            address = String(decoding: nameBytes, as: UTF8.self)
            name = EncodedWords.text(comment, problems: &problems)
        }
        // Source routes (`<@relay:jane@x>`) are obsolete; keep the mailbox.
        if address.hasPrefix("@"), let colon = address.firstIndex(of: ":") {
            address = String(address[address.index(after: colon)...])
        }
        address = Sanitizer.sanitize(String(address.filter { !$0.isWhitespace }))
        if address.isEmpty && name.isEmpty { return nil }
        if address.isEmpty {
            problems.append("an address header has a name without an address")
            return nil
        }
        if name == address { name = "" }
        return MailAddress(name: name.isEmpty ? nil : name, address: address)
    }
}
