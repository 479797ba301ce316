import Foundation

/// How close a target is to being missed, for colouring the queue's countdown.
public enum SLARisk: Sendable, Equatable, Comparable {
    /// Half or more of the target's time is left.
    case ok
    /// Between a quarter and a half left.
    case watch
    /// Less than a quarter left.
    case atRisk
    case breached
}

/// One running SLA target of a ticket.
public struct SLAState: Sendable, Equatable {
    public var kind: SLATargetKind
    /// When this target's clock started (creation, or the customer's latest message for a next reply).
    public var since: Date
    /// The target, in business seconds.
    public var target: TimeInterval
    /// Business seconds left; negative once breached. Frozen while the ticket is paused.
    public var remaining: TimeInterval
    /// The clock is stopped (pending or on hold).
    public var paused: Bool

    public var breached: Bool { remaining <= 0 }

    public var risk: SLARisk {
        if breached { return .breached }
        let left = remaining / max(target, 1)
        if left < 0.25 { return .atRisk }
        return left >= 0.5 ? .ok : .watch
    }

    /// Identifies this target on this ticket: first reply and resolution happen once per ticket, a next
    /// reply once per customer message.
    public var breachKey: String {
        SLABreach.key(kind, since: since)
    }

    /// `42m`, `3h10m`, `now`, `-15m` (business time). A target that has just run out reads "now", never
    /// "0s" or "-0s"; under a minute left reads in seconds.
    public var countdown: String {
        if remaining <= 0 && remaining > -60 { return "now" }
        return Durations.short(remaining)
    }

    /// The clock as a sentence for the ticket header: "first reply due in 42m", "resolution due now",
    /// "next reply overdue 3h10m", with "(paused)" while the ticket is pending or on hold.
    public var sentence: String {
        let text: String
        if remaining > 0 {
            text = "\(kind.label) due in \(Durations.short(remaining))"
        } else if remaining > -60 {
            text = "\(kind.label) due now"
        } else {
            text = "\(kind.label) overdue \(Durations.short(-remaining))"
        }
        return paused ? text + " (paused)" : text
    }
}

/// Works out a ticket's SLA targets from its summary: business time elapsed since each target's clock
/// started, minus the time the ticket spent pending or on hold.
public struct SLAClock: Sendable {
    public let policy: SLAPolicy
    public let clock: BusinessClock

    public init(policy: SLAPolicy, clock: BusinessClock) {
        self.policy = policy
        self.clock = clock
    }

    public init(settings: Settings) {
        self.init(policy: settings.sla, clock: BusinessClock(settings: settings))
    }

    /// Business seconds the ticket has spent paused up to `now` (including a pause still running).
    public func pausedSeconds(_ t: Ticket, at now: Date) -> TimeInterval {
        guard t.status.pausesClock else { return t.pausedSeconds }
        return t.pausedSeconds + max(0, clock.seconds(from: t.statusChangedAt ?? t.createdAt, to: now))
    }

    /// Every running target of an open ticket (none for solved, closed or merged tickets).
    public func targets(for t: Ticket, now: Date) -> [SLAState] {
        guard t.status.isOpen, t.mergedInto == nil else { return [] }
        let targets = policy[t.priority]
        let paused = pausedSeconds(t, at: now)
        let isPaused = t.status.pausesClock
        let sinceCreation = clock.seconds(from: t.createdAt, to: now) - paused
        var out: [SLAState] = []
        if t.firstReplyAt == nil {
            out.append(SLAState(kind: .firstReply, since: t.createdAt, target: targets.firstReply,
                                remaining: targets.firstReply - sinceCreation, paused: isPaused))
        } else if t.awaitingReply, let since = t.lastCustomerMessageAt {
            let elapsed = clock.seconds(from: since, to: now) - (paused - t.pausedAtLastCustomerMessage)
            out.append(SLAState(kind: .nextReply, since: since, target: targets.nextReply,
                                remaining: targets.nextReply - max(0, elapsed), paused: isPaused))
        }
        out.append(SLAState(kind: .resolution, since: t.createdAt, target: targets.resolution,
                            remaining: targets.resolution - sinceCreation, paused: isPaused))
        return out
    }

    /// The target with the least time left: what the queue's countdown shows and "due" sorts by.
    public func next(for t: Ticket, now: Date) -> SLAState? {
        targets(for: t, now: now).min { $0.remaining < $1.remaining }
    }

    /// Targets that have run out by `now` and are not yet among the ticket's settled misses, each with the
    /// moment it ran out and the assignee then. Between two events the status (and owner) is constant, so a
    /// running clock ran out exactly `-remaining` business seconds before `now`; a paused one before its pause.
    public func liveMisses(of t: Ticket, now: Date) -> [SLAMiss] {
        targets(for: t, now: now).compactMap { s in
            guard s.breached, !t.slaMisses.contains(where: { $0.kind == s.kind && $0.since == s.since }) else { return nil }
            let end = s.paused ? min(now, t.statusChangedAt ?? t.createdAt) : now
            // Whole seconds, as every time in the store.
            let moment = clock.subtracting(-s.remaining, from: end).timeIntervalSince1970.rounded(.down)
            let at = max(s.since, Date(timeIntervalSince1970: moment))
            return SLAMiss(kind: s.kind, since: s.since, at: at, target: s.target, assignee: t.assignee)
        }
    }

    /// Due within the next hour of business time that will actually pass, or already breached.
    public func isDueSoon(_ t: Ticket, now: Date, within window: TimeInterval = 3600) -> Bool {
        guard let s = next(for: t, now: now) else { return false }
        if s.breached { return true }
        if s.paused { return false }
        return clock.seconds(from: now, to: now.addingTimeInterval(window)) >= s.remaining
    }

    /// The wall-clock time a running target falls due (nil while paused).
    public func dueDate(_ s: SLAState, now: Date) -> Date? {
        if s.paused { return nil }
        return s.breached ? now.addingTimeInterval(s.remaining) : clock.adding(s.remaining, to: now)
    }
}
