import Foundation
import HelpdeskCore

/// The log stores times to the whole second (`ISOTime`). Rounding every date in a change down before
/// it is applied makes the state in memory after an append identical to the state after reopening.
enum StoreDates {
    static func whole(_ d: Date) -> Date { Date(timeIntervalSince1970: d.timeIntervalSince1970.rounded(.down)) }

    static func normalised(_ change: Change) -> Change {
        func msg(_ m: Message) -> Message { var m = m; m.at = whole(m.at); return m }
        func prefs(_ p: [Preference]) -> [Preference] { p.map { var p = $0; p.confirmedAt = whole(p.confirmedAt); return p } }
        switch change {
        case .ticketCreated(var t):
            t.message = t.message.map(msg)
            return .ticketCreated(t)
        case .messageAdded(let n, let m):
            return .messageAdded(number: n, message: msg(m))
        case .ticketRated(let n, var s):
            s.at = whole(s.at)
            return .ticketRated(number: n, satisfaction: s)
        case .customerCreated(var c):
            c.customerSince = whole(c.customerSince)
            c.preferences = prefs(c.preferences)
            return .customerCreated(c)
        case .customerUpdated(let id, let base, var patch):
            if let p = patch.preferences { patch.preferences = FromTo(prefs(p.from), prefs(p.to)) }
            return .customerUpdated(id: id, base: base, patch: patch)
        case .promiseMade(var p):
            p.due = whole(p.due)
            p.createdAt = whole(p.createdAt)
            p.resolvedAt = p.resolvedAt.map(whole)
            return .promiseMade(p)
        case .slaBreached(let n, let target, let since):
            return .slaBreached(number: n, target: target, since: whole(since))
        case .viewSaved, .viewRemoved, .mailReceived, .mailSent:
            return change
        case .ticketUpdated, .customerMerged, .agentSaved, .promiseResolved, .templateSaved, .templateRemoved, .settingsChanged:
            return change
        }
    }
}
