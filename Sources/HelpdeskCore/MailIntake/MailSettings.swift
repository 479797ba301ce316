/// The mail channel's limits, part of the store's settings.
public struct MailSettings: Codable, Sendable, Equatable {
    /// A received message larger than this is kept in quarantine, unread (25 MB by default; Zammad
    /// takes 10 MB, OTRS 16 MB — 25 MB is what common providers let through).
    public var maxMessageBytes: Int = 25 * 1_048_576

    public init(maxMessageBytes: Int = 25 * 1_048_576) {
        self.maxMessageBytes = maxMessageBytes
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = MailSettings()
        maxMessageBytes = try c.decodeIfPresent(Int.self, forKey: .maxMessageBytes) ?? d.maxMessageBytes
    }
}
