/// Round-robin choice of the agent who gets a new ticket: the agents take turns in a fixed order
/// (by login), starting after whoever got the previous one; agents who are offline, inactive or at
/// their open-ticket limit are passed over for this turn (they keep their place in the order).
public enum RoundRobin {
    /// The next agent after `previous` in `rotation` (logins, in turn order) who is online and under
    /// `maxOpenLoad`; nil when nobody qualifies.
    public static func next(rotation: [String], online: Set<String>, openLoad: [String: Int],
                            maxOpenLoad: Int?, previous: String?) -> String? {
        guard !rotation.isEmpty else { return nil }
        // Start just after the previous agent's place; an agent no longer in the rotation keeps
        // their alphabetical place, so the turn still moves on rather than restarting.
        let start: Int
        if let previous {
            start = rotation.firstIndex { $0 > previous } ?? 0
        } else {
            start = 0
        }
        for step in 0..<rotation.count {
            let login = rotation[(start + step) % rotation.count]
            guard online.contains(login) else { continue }
            if let maxOpenLoad, openLoad[login, default: 0] >= maxOpenLoad { continue }
            return login
        }
        return nil
    }
}

extension HelpdeskState {
    /// Open tickets per assignee.
    public var openLoad: [String: Int] {
        var load: [String: Int] = [:]
        for t in tickets.values where t.status.isOpen {
            if let a = t.assignee { load[a, default: 0] += 1 }
        }
        return load
    }

    /// Who got the most recently created ticket that has an assignee: where the next turn starts.
    /// Found by walking back from the newest ticket, so it costs a few lookups, not a scan.
    public var lastAssignedNewTicket: String? {
        var looked = 0
        var found: String?
        tickets.forEachDescending { _, t in
            looked += 1
            found = t.assignee
            return found == nil && looked < 10_000
        }
        return found
    }

    /// The agent a new ticket should go to under the store's auto-assignment settings, given who is
    /// online now; nil when auto-assignment is off or nobody qualifies.
    public func autoAssignee(online: Set<String>) -> String? {
        let rules = settings.autoAssign
        guard rules.enabled else { return nil }
        let rotation = agents.values.filter(\.active).map(\.login).sorted()
        return RoundRobin.next(rotation: rotation, online: online, openLoad: openLoad,
                               maxOpenLoad: rules.maxOpenLoad, previous: lastAssignedNewTicket)
    }
}
