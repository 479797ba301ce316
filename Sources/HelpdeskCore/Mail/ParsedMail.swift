import Foundation

/// An RFC 5322 message understood as far as it can be: who, what, in reply to what, and whether a
/// machine sent it. Parsing never fails: what could not be understood is listed in `problems`, and the
/// raw bytes (which the store keeps whole) remain the truth.
///
/// Every string here has passed `Sanitizer` (single-line for headers, multi-line for `text` and
/// `quoted`): customer text is hostile, and this is where it enters.
public struct ParsedMail: Sendable, Equatable, Codable {
    /// Without angle brackets, as written (case kept).
    public var messageID: String?
    /// Message ids, no brackets.
    public var inReplyTo: [String]
    /// Message ids, no brackets, in header order.
    public var references: [String]
    public var from: MailAddress?
    public var sender: MailAddress?
    public var replyTo: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    /// Delivered-To / X-Original-To addresses (which of our addresses got it).
    public var deliveredTo: [String]
    /// Decoded, unfolded, sanitised of controls.
    public var subject: String
    /// Parsed RFC 5322 date (nil if absent/unparseable).
    public var date: Date?
    /// What the sender wrote this time, readable plain text.
    public var text: String
    /// The quoted history split off `text` ("On … wrote:", ">" lines, Outlook block).
    public var quoted: String?
    public var attachments: [MailAttachment]
    /// nil: a person wrote it.
    public var automatic: MailAutomation?
    /// A DSN (multipart/report; report-type=delivery-status).
    public var deliveryReport: DeliveryReport?
    /// What could not be understood (bad charset, broken MIME …).
    public var problems: [String]
    /// Stable hex digest of the identifying headers, for dedupe without a Message-ID.
    public var headerDigest: String

    public init(messageID: String? = nil, inReplyTo: [String] = [], references: [String] = [],
                from: MailAddress? = nil, sender: MailAddress? = nil, replyTo: [MailAddress] = [],
                to: [MailAddress] = [], cc: [MailAddress] = [], deliveredTo: [String] = [],
                subject: String = "", date: Date? = nil, text: String = "", quoted: String? = nil,
                attachments: [MailAttachment] = [], automatic: MailAutomation? = nil,
                deliveryReport: DeliveryReport? = nil, problems: [String] = [], headerDigest: String = "") {
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.from = from
        self.sender = sender
        self.replyTo = replyTo
        self.to = to
        self.cc = cc
        self.deliveredTo = deliveredTo
        self.subject = subject
        self.date = date
        self.text = text
        self.quoted = quoted
        self.attachments = attachments
        self.automatic = automatic
        self.deliveryReport = deliveryReport
        self.problems = problems
        self.headerDigest = headerDigest
    }

    /// The ids this message answers, nearest first: In-Reply-To, then References from the last
    /// (the parent) back to the first (the thread's root), without repeats. Threading tries them in
    /// this order; a CRM that puts its own id in In-Reply-To (freescout#4020) still has the real
    /// parent in References.
    public var threadIDs: [String] {
        var seen = Set<String>()
        return (inReplyTo + references.reversed()).filter { seen.insert($0).inserted }
    }

    /// Parses any bytes as a message; never throws, never traps.
    public static func parse(_ raw: [UInt8]) -> ParsedMail {
        var parser = MailParser(raw)
        return parser.run()
    }
}
