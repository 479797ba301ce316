import Foundation

/// Naming of recorded breaches, shared by `SLAState.breachKey` and the `slaBreached` event.
public enum SLABreach {
    /// First reply and resolution are missed once per ticket; a next reply once per customer message.
    public static func key(_ kind: SLATargetKind, since: Date) -> String {
        kind == .nextReply ? "\(kind.rawValue)@\(ISOTime.format(since))" : kind.rawValue
    }
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

    /// A saved view of `owner` by name (case-insensitive).
    public func savedView(owner: String, named name: String) -> SavedView? {
        savedViews[owner]?.first { $0.name.lowercased() == name.lowercased() }
    }
}
