/// Reads Message-ID, In-Reply-To and References: the ids between angle brackets, in order, without
/// the brackets, case kept. Real headers also carry comments, phrases ("<a@b> (Jane's message of …)")
/// and ids without brackets; the bracketed ones win, and a header with none yields its bare words.
enum MessageIDList {
    static func parse(_ raw: [UInt8]) -> [String] {
        let limited = raw.prefix(MailLimits.maxHeaderValueBytes)
        var ids: [String] = []
        var seen = Set<String>()
        var index = limited.startIndex
        while index < limited.endIndex && ids.count < MailLimits.maxMessageIDs {
            if limited[index] == 0x3C {
                // No '>' after this '<' means none after any later '<' either: stop (linear time).
                guard let close = limited[index...].firstIndex(of: 0x3E) else { break }
                // A '<' inside the brackets starts the id afresh ("<<a@b>" is "a@b").
                let inner = limited[(index + 1)..<close]
                let start = inner.lastIndex(of: 0x3C).map { $0 + 1 } ?? inner.startIndex
                appendID(limited[start..<close], to: &ids, seen: &seen)
                index = close + 1
            } else {
                index += 1
            }
        }
        if ids.isEmpty {
            // No brackets at all: every whitespace-separated word with an '@' is taken as an id.
            for word in limited.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x2C })
            where word.contains(0x40) && ids.count < MailLimits.maxMessageIDs {
                appendID(word, to: &ids, seen: &seen)
            }
        }
        return ids
    }

    /// The first id of a header (Message-ID has one).
    static func first(_ raw: [UInt8]) -> String? {
        if let id = parse(raw).first { return id }
        // A Message-ID without '@' and brackets is broken but still identifies the mail.
        let word = String(decoding: raw.prefix(998), as: UTF8.self).mailTrimmed()
        guard !word.isEmpty, !word.contains(" ") else { return nil }
        return Sanitizer.sanitize(word)
    }

    private static func appendID(_ bytes: ArraySlice<UInt8>, to ids: inout [String], seen: inout Set<String>) {
        // Folding inside an id happens in the wild; whitespace is never part of an id.
        let cleaned = bytes.prefix(998).filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
        guard !cleaned.isEmpty else { return }
        let id = Sanitizer.sanitize(String(decoding: cleaned, as: UTF8.self))
        if seen.insert(id).inserted { ids.append(id) }
    }
}
