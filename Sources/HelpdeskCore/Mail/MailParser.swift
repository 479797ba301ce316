import Foundation

/// The one pass that turns raw bytes into a `ParsedMail`: headers, then the MIME tree, then the
/// judgements (quoted history, automation, digest). Internal: `ParsedMail.parse` is the API.
struct MailParser {
    let raw: [UInt8]
    var mail = ParsedMail()

    init(_ raw: [UInt8]) { self.raw = raw }

    mutating func run() -> ParsedMail {
        let (headers, body) = MailHeaders.split(raw[...])
        if headers.malformedLines > 0 {
            mail.problems.append("\(headers.malformedLines) header line(s) were not \"name: value\" and were skipped")
        }
        if headers.droppedFields > 0 {
            mail.problems.append("more than \(MailLimits.maxHeaderFields) header fields; \(headers.droppedFields) ignored")
        }
        if let subject = headers.first("subject") {
            mail.subject = Sanitizer.sanitize(bytes: subject)
        }
        mail.text = Sanitizer.sanitize(bytes: Array(body), options: .multiLine)
        return mail
    }
}
