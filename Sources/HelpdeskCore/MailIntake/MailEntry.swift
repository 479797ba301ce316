import Foundation

/// A customer's mail as recorded on a ticket: everything needed to show it and to find its bytes
/// again, beside the thread message that carries its text (`Change.messageAdded`, in the same batch).
///
/// The raw message is kept whole under the store (`rawDigest`, SHA-256 of the bytes), so nothing a
/// parser misunderstood is ever lost; attachments are kept once each, by their own digests.
public struct MailEntry: Codable, Sendable, Equatable, Hashable {
    /// The ticket the mail belongs to.
    public var ticket: Int
    /// What makes two deliveries the same mail (`MailKey`): its Message-ID, or a digest of its
    /// headers when it has none.
    public var key: String
    public var messageID: String?
    public var fromName: String?
    public var fromAddress: String?
    public var to: [String]
    public var cc: [String]
    public var subject: String
    /// SHA-256 (hex) of the raw message; names its file under the store's `mail/raw/`.
    public var rawDigest: String
    public var rawSize: Int
    public var attachments: [MailAttachmentRef]
    /// Why the mail looks machine-sent (`Auto-Submitted: auto-replied`, `bounce` …); nil: a person wrote it.
    public var automatic: String?
    /// What the parser could not understand, and notes such as "kept in quarantine".
    public var problems: [String]
    /// The mail was over the size limit: kept in `mail/quarantine/`, not parsed.
    public var quarantined: Bool
    /// Which threading rule placed it (`MailThreadRule`).
    public var rule: MailThreadRule
    /// For a delivery status notification saying a mail we sent will not arrive: that mail's
    /// Message-ID (no brackets). Its outbox entry is marked bounced.
    public var bounceOf: String? = nil
    /// Automatic mail past a loop limit (`MailLoopGuard`): stored, but nothing may answer it.
    public var loopLimited: Bool? = nil
    /// The quoted history split off what the sender wrote this time ("On … wrote:", `>` lines, Outlook's
    /// block), kept so the thread can unfold it (at most `quotedLimit` characters; the raw mail has all).
    public var quoted: String? = nil

    /// How much quoted history a record keeps.
    public static let quotedLimit = 20_000

    public init(ticket: Int, key: String, messageID: String?, fromName: String?, fromAddress: String?,
                to: [String], cc: [String], subject: String, rawDigest: String, rawSize: Int,
                attachments: [MailAttachmentRef], automatic: String?, problems: [String],
                quarantined: Bool, rule: MailThreadRule, bounceOf: String? = nil) {
        self.ticket = ticket
        self.key = key
        self.messageID = messageID
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.to = to
        self.cc = cc
        self.subject = subject
        self.rawDigest = rawDigest
        self.rawSize = rawSize
        self.attachments = attachments
        self.automatic = automatic
        self.problems = problems
        self.quarantined = quarantined
        self.rule = rule
        self.bounceOf = bounceOf
    }
}

/// One attachment of a received mail, stored once under the store by its digest.
public struct MailAttachmentRef: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var contentType: String
    public var size: Int
    /// SHA-256 (hex) of the decoded bytes.
    public var digest: String
    public var inline: Bool

    public init(name: String, contentType: String, size: Int, digest: String, inline: Bool) {
        self.name = name
        self.contentType = contentType
        self.size = size
        self.digest = digest
        self.inline = inline
    }
}

/// A reply we sent by mail, recorded so that the customer's answer to it threads by its Message-ID
/// (`In-Reply-To`/`References`), the other direction of the Message-ID index.
public struct MailSent: Codable, Sendable, Equatable {
    public var ticket: Int
    /// Without angle brackets.
    public var messageID: String

    public init(ticket: Int, messageID: String) {
        self.ticket = ticket
        self.messageID = messageID
    }
}

extension MailEntry {
    /// Why a size in the entry is out of range (a hand-edited record), or nil.
    var rangeProblem: String? {
        let sizes = 0...(1 << 40)
        guard sizes.contains(rawSize) else { return "the mail's size \(rawSize) is out of range" }
        if let bad = attachments.first(where: { !sizes.contains($0.size) }) {
            return "the attachment size \(bad.size) is out of range"
        }
        return nil
    }
}
