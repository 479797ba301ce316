import Foundation

/// `report --mail`: the report as one RFC 5322 message, multipart/alternative with a plain-text part
/// (the Markdown, which reads as text) and the HTML, for the outbox and the send command to deliver.
/// Headers are ASCII (RFC 2047 words), lines end in CRLF, both parts UTF-8 quoted-printable.
public struct ReportMail: Sendable, Equatable {
    public var sendID: String
    public var fromName: String
    public var fromAddress: String
    public var to: [String]
    public var subject: String
    public var date: Date
    public var text: String
    public var html: String

    /// Refuses an address that is not one plain `local@domain`: what is typed on a command line (or in a
    /// crontab) must never add a header or a second recipient list.
    public init(sendID: String, settings: Settings, to: [String], subject: String, date: Date, text: String, html: String) throws {
        guard !to.isEmpty else { throw ReportMailProblem.noRecipient }
        for address in to where !Self.isPlainAddress(address) { throw ReportMailProblem.badAddress(address) }
        self.sendID = sendID
        fromName = settings.name
        fromAddress = Self.isPlainAddress(settings.supportAddress) ? settings.supportAddress : "helpdesk@helpdesk.invalid"
        self.to = to
        self.subject = subject
        self.date = date
        self.text = text
        self.html = html
    }

    /// `someone@example.com`: printable ASCII, one `@` with text on both sides, nothing that could end
    /// a header or start another address.
    public static func isPlainAddress(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, s.utf8.count <= 254 else { return false }
        return s.unicodeScalars.allSatisfy { c in
            c.isASCII && c.value > 0x20 && c.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains(c)
        }
    }

    /// The boundary between the parts. It holds `=`, which quoted-printable always writes as `=3D`, so
    /// no line of either part can look like it.
    var boundary: String { "=_helpdesk-report-\(sendID)" }

    public var messageID: String {
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "helpdesk.invalid"
        return "<\(sendID)@\(domain)>"
    }

    public var rendered: String {
        var h: [String] = []
        h.append("From: " + OutgoingMail.mailbox(fromName, fromAddress))
        h.append("To: " + to.map { "<\($0)>" }.joined(separator: ", "))
        h.append("Subject: " + OutgoingMail.encodedWord(subject))
        h.append("Date: " + OutgoingMail.rfc5322Date(date))
        h.append("Message-ID: " + messageID)
        h.append("MIME-Version: 1.0")
        h.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        func part(_ type: String, _ body: String) -> String {
            "--\(boundary)\r\nContent-Type: \(type); charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + OutgoingMail.quotedPrintable(body) + "\r\n"
        }
        return h.joined(separator: "\r\n") + "\r\n\r\nThis is a report in plain text and HTML.\r\n\r\n"
            + part("text/plain", text) + part("text/html", html) + "--\(boundary)--\r\n"
    }
}

/// Why a report mail cannot be made; each says what to type instead.
public enum ReportMailProblem: Error, Equatable, CustomStringConvertible {
    case noRecipient
    case badAddress(String)

    public var description: String {
        switch self {
        case .noRecipient: "--mail needs at least one address: --mail team@example.com"
        case .badAddress(let a): "'\(Sanitizer.sanitize(a))' is not one plain address like team@example.com"
        }
    }
}
