import Foundation

/// An outgoing reply as an RFC 5322 message: what the outbox stores and the send command delivers.
///
/// Headers are ASCII (non-ASCII names and subjects as RFC 2047 encoded words), lines end in CRLF, and
/// the body is UTF-8 in quoted-printable, so any mail transport accepts it unchanged.
public struct OutgoingMail: Sendable, Equatable {
    /// The stable id of this send: names the outbox file and forms the Message-ID.
    public var sendID: String
    public var fromName: String
    public var fromAddress: String
    public var toName: String
    public var toAddress: String
    public var subject: String
    public var ticket: Int
    public var inReplyTo: String?
    /// The thread this answers, oldest first, each in angle brackets (`References`).
    public var references: [String] = []
    /// The ticket's reply address (`ReplyAddress`), which threads the answer even when a provider
    /// rewrites Message-IDs.
    public var replyTo: String?
    public var date: Date
    public var body: String

    /// Builds the mail for a public reply. Throws when the customer has no email address.
    ///
    /// `parentMessageID` is the customer's last mail (`MailIndex.lastCustomerMessageID`): the reply
    /// answers it, so the customer's client threads it; `replyTo` is the ticket's reply address.
    public init(sendID: String, ticket: Ticket, customer: Customer?, agent: Agent?, settings: Settings,
                body: String, date: Date, parentMessageID: String? = nil, replyTo: String? = nil) throws {
        guard let address = customer?.emails.first(where: { $0.contains("@") }) else {
            throw ReplyProblem.noEmail(ticket.number)
        }
        self.sendID = sendID
        self.fromName = agent.map { "\($0.displayName) (\(settings.name))" } ?? settings.name
        self.fromAddress = settings.supportAddress
        self.toName = customer?.name ?? ""
        self.toAddress = address
        let bare = ticket.subject.hasPrefix("Re: ") ? String(ticket.subject.dropFirst(4)) : ticket.subject
        self.subject = "Re: \(bare) [#\(ticket.number)]"
        self.ticket = ticket.number
        let thread = ticket.channel == .email ? OutgoingMail.threadID(ticket: ticket.number, settings: settings) : nil
        let parent = parentMessageID.flatMap(Self.safeMessageID).map { "<\($0)>" }
        self.inReplyTo = parent ?? thread
        self.references = [thread, parent].compactMap { $0 }
        self.replyTo = replyTo.flatMap { Self.safeMessageID($0) == nil ? nil : $0 }
        self.date = date
        self.body = body
    }

    /// The domain message ids are made in: the support address's.
    static func domain(_ settings: Settings) -> String {
        let parts = settings.supportAddress.split(separator: "@")
        return parts.count == 2 ? String(parts[1]) : "helpdesk.invalid"
    }

    /// The id the ticket's thread is known by in mail (its first message).
    public static func threadID(ticket: Int, settings: Settings) -> String {
        "<ticket-\(ticket)@\(domain(settings))>"
    }

    public var messageID: String {
        let domain = fromAddress.split(separator: "@").count == 2 ? String(fromAddress.split(separator: "@")[1]) : "helpdesk.invalid"
        return "<\(sendID)@\(domain)>"
    }

    /// The message as bytes ready for `sendmail -t`.
    public var rendered: String {
        var h: [String] = []
        h.append("From: " + Self.mailbox(fromName, fromAddress))
        h.append("To: " + Self.mailbox(toName, toAddress))
        h.append("Subject: " + Self.encodedWord(subject))
        h.append("Date: " + Self.rfc5322Date(date))
        h.append("Message-ID: " + messageID)
        if let r = replyTo { h.append("Reply-To: " + Self.mailbox(fromName, r)) }
        if let r = inReplyTo {
            h.append("In-Reply-To: " + r)
            h.append("References: " + (references.isEmpty ? [r] : references).joined(separator: "\r\n "))
        }
        h.append("X-Helpdesk-Ticket: \(ticket)")
        h.append("MIME-Version: 1.0")
        h.append("Content-Type: text/plain; charset=UTF-8")
        h.append("Content-Transfer-Encoding: quoted-printable")
        return h.joined(separator: "\r\n") + "\r\n\r\n" + Self.quotedPrintable(body) + "\r\n"
    }

    /// A Message-ID (or address) from a customer's mail, fit to be written into our headers: printable
    /// ASCII without spaces or angle brackets, so nothing can end the header and start another.
    static func safeMessageID(_ text: String) -> String? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("<") && s.hasSuffix(">") { s = s.dropFirst().dropLast() }
        guard !s.isEmpty, s.utf8.count <= 250,
              s.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) else { return nil }
        return String(s)
    }

    // MARK: Encoding

    static func mailbox(_ name: String, _ address: String) -> String {
        let clean = name.filter { !$0.isNewline }
        guard !clean.isEmpty else { return "<\(address)>" }
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) {
            let escaped = clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address)>"
        }
        return "\(encodedWord(clean)) <\(address)>"
    }

    /// RFC 2047 `=?UTF-8?B?…?=` when the text is not plain ASCII; long text split into several words.
    static func encodedWord(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) { return flat }
        // Each encoded word stays under 75 characters: encode at most 45 bytes, at character boundaries.
        var words: [String] = []
        var chunk: [UInt8] = []
        for c in flat {
            let bytes = Array(String(c).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Quoted-printable (RFC 2045): CRLF line ends, soft breaks keep lines at most 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encoded = ""
            var current = 0
            for (i, b) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                var piece: String
                if (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !isLast) {
                    piece = String(UnicodeScalar(b))
                } else {
                    piece = "=" + String(UnicodeScalar(hex[Int(b >> 4)])) + String(UnicodeScalar(hex[Int(b & 15)]))
                }
                if current + piece.count > 75 {
                    encoded += "=\r\n"
                    current = 0
                }
                encoded += piece
                current += piece.count
            }
            out.append(encoded)
        }
        return out.joined(separator: "\r\n")
    }

    /// `Tue, 03 Nov 2026 14:03:09 +0000`, always in UTC so it does not depend on the machine's zone.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}
