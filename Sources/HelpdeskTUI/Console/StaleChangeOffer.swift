import Foundation
import HelpdeskCore

/// When the store refuses a change because someone changed the same fields first, the console says
/// who changed what (and what it is now), then asks whether to re-apply this agent's change on top
/// of theirs or drop it. Nothing is overwritten without that explicit yes.
extension Console {
    func offerReapply(_ changes: [Change], stale: StaleChange, done: String, then: (([Event]) -> Void)?) {
        let who = state.agents[stale.by]?.displayName ?? stale.by
        let ago = Durations.short(max(0, now.timeIntervalSince(stale.at)))
        let theirs = Self.currentValues(of: stale, in: state)
        let mine = changes.flatMap(Self.describe).joined(separator: "; ")
        let rebased = changes.map { Self.rebased($0, on: state) }
        show("Not saved: \(stale.entity) was changed by \(who) (\(stale.by)) \(ago) ago", kind: .warning)
        let message = "\(who) changed \(stale.entity) \(ago) ago: \(theirs).\nYour change: \(mine).\nRe-apply your change on top?"
        confirm(title: "Changed underneath", message: message) { [weak self] in
            self?.write(rebased, done: done.isEmpty ? "Re-applied on top of \(who)'s change" : done + " (re-applied)", then: then)
        }
    }

    /// "status is now pending, assignee is now dana" for the fields the other agent changed.
    static func currentValues(of stale: StaleChange, in state: HelpdeskState) -> String {
        guard stale.entity.hasPrefix("#"), let n = Int(stale.entity.dropFirst()), let t = state.tickets[n] else {
            return stale.fields.isEmpty ? "it changed" : stale.fields.joined(separator: ", ") + " changed"
        }
        let parts = stale.fields.map { field -> String in
            switch field {
            case "status": "status is now \(t.status.label)"
            case "priority": "priority is now \(t.priority.rawValue)"
            case "assignee": "assignee is now \(t.assignee.map { state.agentName($0) } ?? "nobody")"
            case "subject": "subject is now \"\(t.subject)\""
            case "tags": "tags are now \(t.tags.isEmpty ? "none" : t.tags.joined(separator: " "))"
            case "group": "group is now \(t.group ?? "none")"
            default: "\(field) changed"
            }
        }
        return parts.isEmpty ? "it changed" : parts.joined(separator: ", ")
    }

    static func describe(_ change: Change) -> [String] {
        switch change {
        case .ticketUpdated(_, _, let patch): patch.descriptions
        case .customerUpdated(_, _, let patch): patch.fields.map { "\($0) changed" }
        case .messageAdded(_, let m): [m.kind == .note ? "a note" : "a reply"]
        default: [change.typeName]
        }
    }

    /// The same change based on the version there is now (the store re-bases the "from" side).
    static func rebased(_ change: Change, on state: HelpdeskState) -> Change {
        switch change {
        case .ticketUpdated(let n, let base, let patch):
            .ticketUpdated(number: n, base: state.tickets[n]?.version ?? base, patch: patch)
        case .customerUpdated(let id, let base, let patch):
            .customerUpdated(id: id, base: state.customers[id]?.version ?? base, patch: patch)
        default:
            change
        }
    }
}
