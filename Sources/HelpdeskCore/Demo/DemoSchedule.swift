/// Places each demo ticket in time: when it was opened so that its thread ends the way its status says
/// (closed tickets anywhere in the 90 days, solved ones in the last few days, open ones with recent
/// activity, new ones in the last hours), with agents working office hours in London and customers
/// writing in waking hours.
enum DemoSchedule {
    private static let m = DemoClock.minute, h = DemoClock.hour, d = DemoClock.day
    /// Agents answer between 08:00 and 18:30 London time.
    static let agentHours = (8 * h)..<(18 * h + 30 * m)
    /// Customers write follow-ups between 07:00 and 23:00 (a first message can come at any hour).
    static let customerHours = (7 * h)..<(23 * h)

    /// Gives every plan an absolute `createdAt` and absolute beats.
    static func place(_ plans: inout [DemoTicketPlan], start: Int, now: Int, rng: inout SplitMix64) {
        var newSeen = 0
        for i in plans.indices {
            var plan = plans[i]
            let earliest = start + 2 * h
            var target: Int?
            var created: Int
            switch plan.status {
            case .new:
                newSeen += 1
                if newSeen <= 3 {
                    // Just arrived: no chaser yet.
                    plan.beats.removeAll { $0.at > 0 }
                    target = now - rng.int(in: 3 * m...50 * m)
                } else {
                    target = now - rng.int(in: 70 * m...18 * h)
                }
            case .open: target = now - rng.int(in: 5 * m...30 * h)
            case .pending: target = now - rng.int(in: 1 * h...4 * d)
            case .onHold: target = now - rng.int(in: 3 * h...6 * d)
            case .solved: target = now - rng.int(in: 20 * m...(7 * d / 2))
            case .closed: target = nil
            }
            let anchor = anchorIndex(plan)
            if let target {
                created = target - plan.beats[anchor].at
                for _ in 0..<8 {
                    let over = schedule(plan, createdAt: created)[anchor].at - target
                    if over <= 0 && over > -2 * h { break }
                    created -= over
                }
            } else {
                created = rng.int(in: earliest...max(earliest, now - plan.duration - 2 * d))
            }
            created = max(created, earliest)
            // Whatever the hours did, everything but a late rating must have happened by now.
            var beats = schedule(plan, createdAt: created)
            var tries = 0
            while tries < 400, beats.contains(where: { !$0.isRating && $0.at > now - 30 }) {
                created -= h
                beats = schedule(plan, createdAt: created)
                tries += 1
            }
            beats.removeAll { $0.at > now - 30 }
            plan.beats = beats
            plan.createdAt = beats[0].at
            plan.lastAgentReply = beats.filter {
                if case .message(kind: .reply, _, _) = $0.action { true } else { false }
            }.map(\.at).max()
            plans[i] = plan
        }
    }

    /// The beat whose time the status is about: when a solved ticket was solved, else the last one.
    private static func anchorIndex(_ plan: DemoTicketPlan) -> Int {
        if let solved = plan.solvedAt, let i = plan.beats.firstIndex(where: { $0.at == solved }) { return i }
        return plan.beats.indices.max { plan.beats[$0].at < plan.beats[$1].at } ?? 0
    }

    /// The plan's beats at absolute times, in the plan's order: offsets from `createdAt`, with agent work
    /// moved into office hours and customer follow-ups into waking hours (everything after moves too).
    static func schedule(_ plan: DemoTicketPlan, createdAt: Int) -> [DemoBeat] {
        let order = plan.beats.indices.sorted { (plan.beats[$0].at, $0) < (plan.beats[$1].at, $1) }
        var out = plan.beats
        var shift = createdAt
        for i in order {
            let beat = plan.beats[i]
            let at = beat.at + shift
            let hours: Range<Int>? = switch beat.action {
            case .message(kind: .customer, _, _): beat.at > 0 ? customerHours : nil
            case .rate: nil
            default: DemoRoster.isAgent(beat.actor) ? agentHours : nil
            }
            if let hours {
                // Spread over the first hours of the day, not all at opening time.
                let moved = within(hours, at, jitter: Int(SplitMix64.mix(UInt64(beat.at)) % UInt64(150 * m)))
                shift += moved - at
            }
            out[i] = beat.shifted(by: shift)
        }
        // A kept promise was kept before it fell due, however the hours moved things.
        for r in out {
            guard case .resolve(let key, .kept) = r.action else { continue }
            for j in out.indices {
                if case .promise(key, let text, let due, let owner) = out[j].action, due <= r.at {
                    out[j].action = .promise(key: key, text: text, due: r.at + 3 * h, owner: owner)
                }
            }
        }
        return out
    }

    /// `t`, or the next opening of `hours` (plus a little jitter) when `t` falls outside them.
    static func within(_ hours: Range<Int>, _ t: Int, jitter: Int) -> Int {
        let local = t + londonOffset(t)
        let second = ((local % d) + d) % d
        if hours.contains(second) { return t }
        let wait = second < hours.lowerBound ? hours.lowerBound - second : d - second + hours.lowerBound
        return t + wait + jitter
    }

    /// UTC offset of London at `t`: one hour from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
    /// last Sunday of October. Spelled out so the demo does not depend on the machine's time zone data.
    static func londonOffset(_ t: Int) -> Int {
        let days = t >= 0 ? t / d : (t - d + 1) / d
        let (year, _, _) = ISOTime.civil(fromDays: days)
        func lastSunday(_ month: Int) -> Int {
            let last = ISOTime.daysFromCivil(year, month, 31)
            let weekday = ((last + 4) % 7 + 7) % 7  // 1970-01-01 was a Thursday; 0 = Sunday
            return (last - weekday) * d + h
        }
        return t >= lastSunday(3) && t < lastSunday(10) ? h : 0
    }
}

extension DemoBeat {
    var isRating: Bool { if case .rate = action { true } else { false } }
}
