import Crypto
import Foundation

/// The one pass that turns raw bytes into a `ParsedMail`: headers, then the MIME tree, then the
/// judgements (quoted history, automation, digest). Internal: `ParsedMail.parse` is the API.
struct MailParser {
    let raw: [UInt8]
    var mail = ParsedMail()

    init(_ raw: [UInt8]) { self.raw = raw }

    mutating func run() -> ParsedMail {
        let (headers, body) = MailHeaders.split(raw[...])
        var problems: [String] = []
        if headers.malformedLines > 0 {
            problems.append("\(headers.malformedLines) header line(s) were not \"name: value\" and were skipped")
        }
        if headers.droppedFields > 0 {
            problems.append("more than \(MailLimits.maxHeaderFields) header fields; \(headers.droppedFields) ignored")
        }
        if headers.fields.isEmpty { problems.append("no header fields: this does not look like a mail message") }

        mail.messageID = headers.first("message-id").flatMap(MessageIDList.first)
        mail.inReplyTo = ids(headers.all("in-reply-to"))
        mail.references = ids(headers.all("references"))
        mail.from = headers.first("from").flatMap { MailAddressList.parse($0, problems: &problems).first }
        mail.sender = headers.first("sender").flatMap { MailAddressList.parse($0, problems: &problems).first }
        mail.replyTo = addresses(headers.all("reply-to"), problems: &problems)
        mail.to = addresses(headers.all("to"), problems: &problems)
        mail.cc = addresses(headers.all("cc"), problems: &problems)
        var delivered: [String] = []
        var seenDelivered = Set<String>()
        for address in addresses(headers.all("delivered-to") + headers.all("x-original-to") + headers.all("envelope-to"),
                                 problems: &problems)
        where seenDelivered.insert(address.address.lowercased()).inserted {
            delivered.append(address.address)
        }
        mail.deliveredTo = delivered
        if let subject = headers.first("subject") {
            mail.subject = String(EncodedWords.text(subject, problems: &problems).prefix(MailLimits.maxSubjectCharacters))
        }
        if let date = headers.first("date") {
            mail.date = MailDate.parse(date)
            if mail.date == nil { problems.append("Date header is not an RFC 5322 date") }
        }

        var walker = MIMEWalker()
        walker.walkMessage(headers: headers, body: body)
        problems += walker.problems
        mail.attachments = walker.attachments
        if walker.isReport {
            var report = walker.deliveryReport
                ?? DeliveryReport(originalMessageID: nil, recipients: [], action: "", status: "", diagnostic: nil)
            report.originalMessageID = walker.returnedMessageID
            mail.deliveryReport = report
        }
        let whole = walker.texts.filter { !$0.mailTrimmed().isEmpty }.joined(separator: "\n\n")
        let split = QuotedHistory.split(whole)
        mail.text = Sanitizer.sanitize(split.text.mailTrimmed(), options: .multiLine)
        mail.quoted = split.quoted.map { Sanitizer.sanitize($0, options: .multiLine) }
        mail.automatic = MailAutomationDetector.detect(headers: headers, from: mail.from,
                                                      isDeliveryReport: mail.deliveryReport != nil)
        mail.headerDigest = Self.digest(headers)

        var unique: [String] = []
        for problem in problems where !unique.contains(problem) && unique.count < 50 {
            unique.append(Sanitizer.sanitize(problem))
        }
        mail.problems = unique
        return mail
    }

    private func ids(_ values: [[UInt8]]) -> [String] {
        var result: [String] = []
        for value in values {
            for id in MessageIDList.parse(value) where !result.contains(id) && result.count < MailLimits.maxMessageIDs {
                result.append(id)
            }
        }
        return result
    }

    private func addresses(_ values: [[UInt8]], problems: inout [String]) -> [MailAddress] {
        var result: [MailAddress] = []
        for value in values.prefix(100) {
            for address in MailAddressList.parse(value, problems: &problems) where result.count < MailLimits.maxAddresses {
                result.append(address)
            }
        }
        return result
    }

    /// SHA-256 over the headers that identify a message as its author sent it — not the ones each
    /// hop or each of our addresses adds (Received, Delivered-To) — so the same mail delivered twice
    /// or to two addresses digests the same. Whitespace runs collapse, so refolding does not matter.
    static func digest(_ headers: MailHeaders) -> String {
        var hasher = SHA256()
        for name in ["message-id", "date", "from", "sender", "to", "cc", "subject", "in-reply-to", "references"] {
            var line = Array(name.utf8) + [0x3A]
            if let value = headers.first(name) {
                var lastSpace = true
                for byte in value {
                    let space = byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
                    if space { if !lastSpace { line.append(0x20) } } else { line.append(byte) }
                    lastSpace = space
                }
                while line.last == 0x20 { line.removeLast() }
            }
            line.append(0x0A)
            hasher.update(data: line)
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
