import Foundation

extension HelpdeskState {
    /// Why `actor` may not make `change` in a team store as the state stands before it, or nil when
    /// they may. Readers of a team store apply an event only when its signature holds for its actor
    /// and this returns nil, so a rule here is enforced by every process, not only by the CLI that
    /// wrote the event.
    ///
    /// - Only an active agent on the roster writes. The one exception starts a store: while the
    ///   roster is empty, its creator (named by `store.json`) may put themselves on it as supervisor.
    /// - The roster and the settings are for supervisors; an agent may change only their own display
    ///   name and signature (not their role, key or place on the roster).
    /// - A note or reply is by the agent who records it; recording someone else's (an import of old
    ///   threads) is for supervisors. Saved views belong to the agent who saves them.
    public func authorityProblem(_ change: Change, actor: String, creator: String?) -> String? {
        Self.authorityProblem(change, actor: actor, entry: agents[actor], rosterIsEmpty: agents.isEmpty, creator: creator)
    }

    /// The same rule given only what it depends on: the actor's roster entry at the time and whether
    /// the roster was empty (for checking a record read long after it was written).
    public static func authorityProblem(_ change: Change, actor: String, entry: Agent?, rosterIsEmpty: Bool,
                                        creator: String?) -> String? {
        guard let me = entry, me.active else {
            if rosterIsEmpty, let creator, actor == creator, case .agentSaved(let a) = change,
               a.login == creator, a.isSupervisor, a.active {
                return nil
            }
            return "\(actor) is not an active agent on the roster"
        }
        let supervisor = me.isSupervisor
        switch change {
        case .agentSaved(let a):
            if supervisor { return nil }
            guard a.login == actor else { return "only supervisors change the roster (\(actor) changed \(a.login))" }
            var unchanged = me
            unchanged.displayName = a.displayName
            unchanged.signature = a.signature
            return unchanged == a ? nil : "only supervisors change an agent's role, key or place on the roster"
        case .settingsChanged:
            return supervisor ? nil : "only supervisors change the settings"
        case .messageAdded(_, let m):
            return supervisor ? nil : Self.authorshipProblem(m, actor: actor)
        case .ticketCreated(let t):
            guard let m = t.message, !supervisor else { return nil }
            return Self.authorshipProblem(m, actor: actor)
        case .viewSaved(let v):
            return v.owner == actor ? nil : "\(actor) saved a view for \(v.owner)"
        case .viewRemoved(let owner, _):
            return owner == actor ? nil : "\(actor) removed a view of \(owner)"
        default:
            return nil
        }
    }

    private static func authorshipProblem(_ m: Message, actor: String) -> String? {
        guard m.kind != .customer, m.author != actor else { return nil }
        return "a \(m.kind == .note ? "note" : "reply") by \(m.author) recorded by \(actor)"
    }

    /// Takes the roster, settings, templates and saved views from `other` (a team store derives them
    /// from signed records instead of trusting a snapshot's copy).
    public mutating func adoptDirectory(from other: HelpdeskState) {
        agents = other.agents
        settings = other.settings
        templates = other.templates
        savedViews = other.savedViews
    }

    /// Moves past a sequence number without changing anything: a team store's record whose signature
    /// or authority does not hold keeps its place in the log but has no effect.
    public mutating func passOver(seq: Int) {
        lastSeq = max(lastSeq, seq)
    }
}
