import Foundation
import HelpdeskCore

/// A ticket's history as lines people read (the `H` screen and `helpdesk ticket history`).
public enum TicketHistoryLines {
    /// One entry per event: "14:02  Dana Lee  status: open → pending".
    public static func entries(_ events: [Event], state: HelpdeskState, localTime: LocalTime) -> [(when: String, who: String, what: [String])] {
        events.map { e in
            let who = state.agentName(e.actor)
            let what: [String]
            switch e.change {
            case .ticketCreated(let t):
                var parts = ["created: \"\(t.subject)\" (\(t.priority.rawValue), \(t.channel.rawValue))"]
                if let a = t.assignee { parts.append("assignee: \(state.agentName(a))") }
                if !t.tags.isEmpty { parts.append("tags: +" + t.tags.joined(separator: " +")) }
                what = parts
            case .ticketUpdated(_, _, let patch):
                what = patch.descriptions
            case .messageAdded(_, let m):
                let kind = m.kind == .customer ? "customer message" : (m.kind == .reply ? "reply" : "internal note")
                let author = m.kind == .customer ? (state.customers[m.author]?.greetingName ?? m.author) : state.agentName(m.author)
                let first = m.body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                what = ["\(kind) from \(author): \(TextWidth.truncate(first, toWidth: 60))"]
            case .ticketRated(_, let s):
                what = ["rated \(s.score)/5" + (s.comment.map { ": \($0)" } ?? "")]
            case .promiseMade(let p):
                what = ["promise: \(p.text) (due \(localTime.dateTime(p.due)))"]
            case .promiseResolved(let id, let state):
                what = ["promise \(id) \(state.rawValue)"]
            default:
                what = [e.change.typeName]
            }
            return (localTime.dateTime(e.at), who, what)
        }
    }

}
