/// Store-wide rules for handing new tickets out automatically. Missing keys fall back to the
/// defaults (off, no load limit), so stores written before the setting existed keep opening.
public struct AutoAssignSettings: Codable, Sendable, Equatable {
    /// New tickets without an assignee go to the next online agent in turn.
    public var enabled: Bool
    /// Agents with this many open tickets or more are skipped; nil means no limit.
    public var maxOpenLoad: Int?

    public init(enabled: Bool = false, maxOpenLoad: Int? = nil) {
        self.enabled = enabled
        self.maxOpenLoad = maxOpenLoad
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? false
        maxOpenLoad = try c.decodeIfPresent(Int.self, forKey: .maxOpenLoad)
    }
}
