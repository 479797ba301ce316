import Foundation

/// Store-wide settings every console shares. Unknown or missing keys fall back to defaults so
/// older stores keep opening as settings grow.
public struct Settings: Codable, Sendable, Equatable {
    /// The name shown in the console and used in outgoing mail.
    public var name: String
    /// The From address of outgoing replies.
    public var supportAddress: String
    /// IANA time zone the team works in (business hours, "today" in stats).
    public var timeZone: String

    public init(name: String = "Helpdesk", supportAddress: String = "support@example.com",
                timeZone: String = "UTC") {
        self.name = name
        self.supportAddress = supportAddress
        self.timeZone = timeZone
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Settings()
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? d.name
        supportAddress = try c.decodeIfPresent(String.self, forKey: .supportAddress) ?? d.supportAddress
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? d.timeZone
    }
}
