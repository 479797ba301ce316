import Foundation

/// One received message as the intake holds it once its bytes are safely stored: what the parser
/// understood (nil when it was not parsed: over the size limit), and where the bytes are.
public struct ReceivedMail: Sendable {
    /// nil for a quarantined (oversized) message, which is kept but not parsed.
    public var parsed: ParsedMail?
    public var rawDigest: String
    public var rawSize: Int
    public var attachments: [MailAttachmentRef]
    /// Over `MailSettings.maxMessageBytes`: kept in quarantine.
    public var quarantined: Bool
    /// For a quarantined message: the sender as read from its first header lines, if any.
    public var quarantineSender: String?

    public init(parsed: ParsedMail?, rawDigest: String, rawSize: Int, attachments: [MailAttachmentRef] = [],
                quarantined: Bool = false, quarantineSender: String? = nil) {
        self.parsed = parsed
        self.rawDigest = rawDigest
        self.rawSize = rawSize
        self.attachments = attachments
        self.quarantined = quarantined
        self.quarantineSender = quarantineSender
    }

    /// What makes two deliveries of it the same mail.
    public var key: String {
        guard let p = parsed else { return MailKey.headers("raw-" + rawDigest) }
        return MailKey.of(messageID: p.messageID, headerDigest: p.headerDigest, rawDigest: rawDigest)
    }

    /// The sender's address when it is one a customer record can hold (no spaces or controls).
    public var senderAddress: String? {
        let candidate = parsed?.from?.address ?? quarantineSender
        guard let a = candidate?.trimmingCharacters(in: .whitespaces), MailPlanner.isUsableAddress(a) else { return nil }
        return a
    }

    /// The facts the threading rules look at.
    public var facts: MailThreading.Facts {
        let p = parsed
        let recipients = (p?.to ?? []).map(\.address) + (p?.cc ?? []).map(\.address) + (p?.deliveredTo ?? [])
        // A bounce names the mail it returns: that is its parent, whatever its own headers say.
        let returned = p?.deliveryReport?.originalMessageID.map { [$0] } ?? []
        return MailThreading.Facts(key: key, inReplyTo: returned + (p?.inReplyTo ?? []), references: p?.references ?? [],
                                   fromAddress: senderAddress, recipients: recipients, subject: p?.subject ?? "")
    }
}
