import Foundation

/// The three promises an SLA makes about a ticket.
public enum SLATargetKind: String, Codable, Sendable, CaseIterable {
    /// The first public reply, counted from when the ticket was created.
    case firstReply = "first-reply"
    /// A reply to the customer's latest message, counted from that message (after the first reply).
    case nextReply = "next-reply"
    /// Solving the ticket, counted from when it was created.
    case resolution

    public var label: String {
        switch self {
        case .firstReply: "first reply"
        case .nextReply: "next reply"
        case .resolution: "resolution"
        }
    }
}

/// Targets for one priority, in business seconds.
public struct SLATargets: Codable, Sendable, Equatable {
    public var firstReply: TimeInterval
    public var nextReply: TimeInterval
    public var resolution: TimeInterval

    public init(firstReply: TimeInterval, nextReply: TimeInterval, resolution: TimeInterval) {
        self.firstReply = firstReply
        self.nextReply = nextReply
        self.resolution = resolution
    }

    public subscript(kind: SLATargetKind) -> TimeInterval {
        switch kind {
        case .firstReply: firstReply
        case .nextReply: nextReply
        case .resolution: resolution
        }
    }
}

/// SLA targets per priority, counted in business hours (`BusinessHours`) and paused while a ticket
/// is pending or on hold. Stored in `Settings`; missing priorities fall back to the defaults.
public struct SLAPolicy: Codable, Sendable, Equatable {
    public var urgent: SLATargets
    public var high: SLATargets
    public var normal: SLATargets
    public var low: SLATargets

    public init(urgent: SLATargets = .init(firstReply: 3600, nextReply: 2 * 3600, resolution: 8 * 3600),
                high: SLATargets = .init(firstReply: 4 * 3600, nextReply: 8 * 3600, resolution: 24 * 3600),
                normal: SLATargets = .init(firstReply: 8 * 3600, nextReply: 24 * 3600, resolution: 72 * 3600),
                low: SLATargets = .init(firstReply: 24 * 3600, nextReply: 48 * 3600, resolution: 120 * 3600)) {
        self.urgent = urgent
        self.high = high
        self.normal = normal
        self.low = low
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SLAPolicy()
        urgent = try c.decodeIfPresent(SLATargets.self, forKey: .urgent) ?? d.urgent
        high = try c.decodeIfPresent(SLATargets.self, forKey: .high) ?? d.high
        normal = try c.decodeIfPresent(SLATargets.self, forKey: .normal) ?? d.normal
        low = try c.decodeIfPresent(SLATargets.self, forKey: .low) ?? d.low
    }

    public subscript(priority: Priority) -> SLATargets {
        switch priority {
        case .urgent: urgent
        case .high: high
        case .normal: normal
        case .low: low
        }
    }
}
