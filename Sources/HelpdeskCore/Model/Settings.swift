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
    /// Whether and how new tickets are handed out round-robin (off by default).
    public var autoAssign = AutoAssignSettings()
    /// When SLA clocks run (weekdays, hours, holidays in `timeZone`).
    public var businessHours = BusinessHours()
    /// SLA targets per priority, in business time.
    public var sla = SLAPolicy()
    /// A shell command that delivers one outgoing mail read from standard input (e.g. `sendmail -t`);
    /// nil keeps replies in the store's outbox for another program to pick up.
    public var sendCommand: String?
    /// Limits of received mail (MailIntake/MailSettings.swift).
    public var mail = MailSettings()

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
        businessHours = try c.decodeIfPresent(BusinessHours.self, forKey: .businessHours) ?? d.businessHours
        sla = try c.decodeIfPresent(SLAPolicy.self, forKey: .sla) ?? d.sla
        sendCommand = try c.decodeIfPresent(String.self, forKey: .sendCommand)
        autoAssign = try c.decodeIfPresent(AutoAssignSettings.self, forKey: .autoAssign) ?? d.autoAssign
        mail = try c.decodeIfPresent(MailSettings.self, forKey: .mail) ?? d.mail
    }
}
