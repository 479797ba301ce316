/// What a delivery status notification (RFC 3464, `multipart/report; report-type=delivery-status`)
/// says about a message we sent: which one (by the returned message's Message-ID, so the outbox entry
/// can be marked bounced), to whom, and what happened.
public struct DeliveryReport: Sendable, Equatable, Codable {
    /// The Message-ID of the returned message (from its `message/rfc822` or `text/rfc822-headers`
    /// part), without angle brackets; nil when the report did not include it.
    public var originalMessageID: String?
    /// `Final-Recipient` (or `Original-Recipient`) addresses, without the `rfc822;` type.
    public var recipients: [String]
    /// `failed`, `delayed`, `delivered`, `relayed` or `expanded` (lower-cased); empty if absent.
    public var action: String
    /// The enhanced status code, e.g. `5.1.1`; empty if absent.
    public var status: String
    /// The remote server's words (`Diagnostic-Code`), sanitised.
    public var diagnostic: String?

    public init(originalMessageID: String?, recipients: [String], action: String, status: String,
                diagnostic: String?) {
        self.originalMessageID = originalMessageID
        self.recipients = recipients
        self.action = action
        self.status = status
        self.diagnostic = diagnostic
    }

    /// True when the message did not and will not arrive (action `failed`, or a 5.x.x status).
    public var isPermanentFailure: Bool { action == "failed" || status.hasPrefix("5") }
}
