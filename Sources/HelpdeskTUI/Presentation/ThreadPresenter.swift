import Foundation
import HelpdeskCore

/// A ticket's thread as styled lines: customer messages, public replies and internal notes each
/// look different, with author and time on a header line. Bodies are customer text: sanitized.
struct ThreadPresenter {
    let state: HelpdeskState
    let theme: Theme
    let now: Date
    let localTime: LocalTime
    let unicode: Bool

    /// The thread wrapped to `width` columns; every wrapped line keeps its message's bar, so it is
    /// always clear whose words a line is.
    /// ", by phone, logged by Sam" for words an agent wrote down; nothing for what the customer wrote.
    static func how(_ m: Message, state: HelpdeskState) -> String {
        var parts: [String] = []
        if let via = m.via { parts.append(via == .walkIn ? "in person" : "by \(via.rawValue)") }
        if let who = m.loggedBy { parts.append("logged by \(state.agentName(who))") }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }

    func lines(for ticket: Ticket, width: Int) -> [StyledLine] {
        let textWidth = max(4, width - 2)
        var out: [StyledLine] = []
        for (index, m) in ticket.messages.enumerated() {
            let role: StyleRole
            let label: String
            let author: String
            switch m.kind {
            case .customer:
                role = .customerMessage
                label = "Customer"
                author = (state.customers[m.author]?.greetingName ?? state.customers[ticket.requester]?.greetingName ?? m.author)
                    + Self.how(m, state: state)
            case .reply:
                role = .agentReply
                label = "Reply"
                author = state.agentName(m.author)
            case .note:
                role = .internalNote
                label = "Internal note"
                author = state.agentName(m.author)
            }
            let bar = unicode ? "▌ " : "| "
            let header = "\(label) · \(author) · \(localTime.dateTime(m.at)) (\(Durations.short(now.timeIntervalSince(m.at))) ago)"
            out.append(StyledLine([Span(bar, style: theme[role]), Span(header, style: theme[.messageHeader].adding(theme[role].attributes))]))
            let body = Sanitizer.sanitize(m.body, options: .multiLine)
            let bodyStyle = m.kind == .note ? theme[.internalNote] : theme[.text]
            for line in TextWidth.wrap(body, width: textWidth) {
                out.append(StyledLine([Span(bar, style: theme[role]), Span(line, style: bodyStyle)]))
            }
            if index < ticket.messages.count - 1 { out.append(.empty) }
        }
        if ticket.messages.isEmpty {
            out.append(StyledLine("No messages yet.", style: theme[.textDim]))
        }
        return out
    }
}
