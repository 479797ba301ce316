/// Reads the machine part of a DSN (`message/delivery-status`, RFC 3464): a per-message block, then
/// one block per recipient, each in header syntax. The report names the first recipient whose
/// delivery failed (or the first one at all), and every recipient listed.
enum DeliveryStatusParser {
    static func parse(_ body: ArraySlice<UInt8>, problems: inout [String]) -> DeliveryReport {
        var report = DeliveryReport(originalMessageID: nil, recipients: [], action: "", status: "", diagnostic: nil)
        var rest = body
        var chosen = false
        var blocks = 0
        while !rest.isEmpty && blocks < 200 {
            blocks += 1
            // Leading blank lines between blocks.
            while let first = rest.first, first == 0x0A || first == 0x0D { rest = rest.dropFirst() }
            guard !rest.isEmpty else { break }
            let (block, after) = MailHeaders.split(rest)
            if after.count >= rest.count { break }  // no progress: not header syntax at all
            rest = after
            let recipient = (block.first("final-recipient") ?? block.first("original-recipient")).map(typedValue)
            guard let address = recipient, !address.isEmpty else { continue }
            if report.recipients.count < MailLimits.maxAddresses { report.recipients.append(Sanitizer.sanitize(address)) }
            let action = block.first("action").map { String(decoding: $0, as: UTF8.self).mailTrimmed().lowercased() } ?? ""
            if !chosen || (report.action != "failed" && action == "failed") {
                chosen = true
                report.action = Sanitizer.sanitize(String(action.prefix(40)))
                report.status = block.first("status").map {
                    Sanitizer.sanitize(String(String(decoding: $0, as: UTF8.self).mailTrimmed().prefix { $0 != " " }.prefix(20)))
                } ?? ""
                report.diagnostic = block.first("diagnostic-code").map {
                    Sanitizer.sanitize(EncodedWords.collapseWhitespace(typedValue($0)))
                }
            }
        }
        if report.recipients.isEmpty { problems.append("delivery report names no recipient") }
        return report
    }

    /// `rfc822; jane@x` → `jane@x`; `smtp; 550 5.1.1 unknown` → `550 5.1.1 unknown`.
    private static func typedValue(_ raw: [UInt8]) -> String {
        let text = String(decoding: raw.prefix(MailLimits.maxHeaderValueBytes), as: UTF8.self)
        if let semicolon = text.firstIndex(of: ";") {
            return String(text[text.index(after: semicolon)...]).mailTrimmed()
        }
        return text.mailTrimmed()
    }
}
