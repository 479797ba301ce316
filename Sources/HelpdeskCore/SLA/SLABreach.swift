import Foundation

/// Naming of missed targets, shared by `SLAState.breachKey`, `SLAMiss.key` and the legacy `slaBreached` event.
public enum SLABreach {
    /// First reply and resolution are missed once per ticket; a next reply once per customer message.
    public static func key(_ kind: SLATargetKind, since: Date) -> String {
        kind == .nextReply ? "\(kind.rawValue)@\(ISOTime.format(since))" : kind.rawValue
    }
}

/// A target that was missed, derived from the ticket's history and the policy in force (nothing a console
/// records): the moment the target ran out, which target, and who owned the ticket at that moment.
///
/// Misses are settled when the next event touches the ticket (the clock only runs between events, with the
/// status constant, so the moment is exact); a target that runs out with nothing happening since is a live
/// miss, worked out on demand by `HelpdeskState.slaMisses(of:now:)`.
public struct SLAMiss: Sendable, Equatable, Codable {
    public var kind: SLATargetKind
    /// When the target's clock started (creation, or the customer message a next reply answers).
    public var since: Date
    /// The moment the target was missed.
    public var at: Date
    /// The target, in business seconds.
    public var target: TimeInterval
    /// The ticket's assignee at `at` (nil: unassigned, or not known for a miss recorded before this was kept).
    public var assignee: String?

    public init(kind: SLATargetKind, since: Date, at: Date, target: TimeInterval, assignee: String?) {
        self.kind = kind
        self.since = since
        self.at = at
        self.target = target
        self.assignee = assignee
    }

    public var key: String { SLABreach.key(kind, since: since) }

    /// Recorded by an older build, which kept only that the target was missed: `at` is the clock's start
    /// and the owner is unknown.
    public var isLegacy: Bool { target == 0 }
}

/// Holds the business clock built for one `Settings`, so every copy of the state shares one table.
final class BusinessClockCache: @unchecked Sendable {
    private var built: (hours: BusinessHours, timeZone: String, clock: BusinessClock)?

    func clock(for settings: Settings) -> BusinessClock {
        if let b = built, b.hours == settings.businessHours, b.timeZone == settings.timeZone { return b.clock }
        let clock = BusinessClock(settings: settings)
        built = (settings.businessHours, settings.timeZone, clock)
        return clock
    }
}

extension HelpdeskState {
    /// SLA clocks under the store's settings.
    public var slaClock: SLAClock {
        SLAClock(policy: settings.sla, clock: clockCache.clock(for: settings))
    }

    /// Every target `t` has missed by `now`: those settled by later events, then any running target that has
    /// run out since the ticket's last event.
    public func slaMisses(of t: Ticket, now: Date) -> [SLAMiss] {
        var out = t.slaMisses
        for s in slaClock.liveMisses(of: t, now: now) where !out.contains(where: { $0.kind == s.kind && $0.since == s.since }) {
            out.append(s)
        }
        return out
    }

    /// A saved view of `owner` by name (case-insensitive).
    public func savedView(owner: String, named name: String) -> SavedView? {
        savedViews[owner]?.first { $0.name.lowercased() == name.lowercased() }
    }
}
