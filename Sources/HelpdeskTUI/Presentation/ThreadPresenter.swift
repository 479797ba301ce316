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
    /// Whether quoted history in mail is unfolded (`z` on the ticket screen toggles it).
    var showsQuoted = false

    /// The thread wrapped to `width` columns; every wrapped line keeps its message's bar, so it is
    /// always clear whose words a line is.
    /// ", by phone, logged by Sam" for words an agent wrote down; nothing for what the customer wrote.
    static func how(_ m: Message, state: HelpdeskState) -> String {
        var parts: [String] = []
        if let via = m.via { parts.append(via == .walkIn ? "in person" : "by \(via.rawValue)") }
        if let who = m.loggedBy { parts.append("logged by \(state.agentName(who))") }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }

    /// What the mail itself says beyond its text: who sent it to whom, its attachments, and whether a
    /// machine sent it, it bounced, or the parser had trouble — every field neutralised (customer text).
    static func mailLines(_ mail: MailEntry, unicode: Bool) -> [(text: String, alarm: Bool)] {
        func clean(_ s: String) -> String { Sanitizer.sanitize(s) }
        var out: [(String, Bool)] = []
        var from = mail.fromAddress.map { a in mail.fromName.map { "\(clean($0)) <\(clean(a))>" } ?? clean(a) } ?? "unknown sender"
        if !mail.to.isEmpty { from += " → " + mail.to.map(clean).joined(separator: ", ") }
        out.append(("mail from " + from, false))
        if !mail.cc.isEmpty { out.append(("cc " + mail.cc.map(clean).joined(separator: ", "), false)) }
        let clip = unicode ? "📎 " : "[att] "
        for a in mail.attachments where !a.inline {
            out.append((clip + "\(clean(a.name)) (\(clean(a.contentType)), \(Self.size(a.size)))", false))
        }
        if let bounce = mail.bounceOf { out.append(("⚠ delivery failed: our mail <\(clean(bounce))> did not reach them", true)) }
        else if let why = mail.automatic {
            out.append(("automatic mail (\(clean(why))): it reopens nothing and is never answered automatically", false))
        }
        if mail.loopLimited == true { out.append(("past the loop limit: nothing is sent back to it", true)) }
        if mail.quarantined { out.append(("over the size limit: kept in quarantine, not read (\(Self.size(mail.rawSize)))", true)) }
        for p in mail.problems { out.append(("note: " + clean(p), true)) }
        return out
    }

    /// `12 KB`, `3.4 MB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
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
            if let mail = m.mail {
                for line in Self.mailLines(mail, unicode: unicode) {
                    let style = line.alarm ? theme[.warning] : theme[.textDim]
                    for piece in TextWidth.wrap(line.text, width: textWidth) {
                        out.append(StyledLine([Span(bar, style: theme[role]), Span(piece, style: style)]))
                    }
                }
            }
            let body = Sanitizer.sanitize(m.body, options: .multiLine)
            let bodyStyle = m.kind == .note ? theme[.internalNote] : theme[.text]
            for line in TextWidth.wrap(body, width: textWidth) {
                out.append(StyledLine([Span(bar, style: theme[role]), Span(line, style: bodyStyle)]))
            }
            if let quoted = m.mail?.quoted, !quoted.isEmpty {
                let text = Sanitizer.sanitize(quoted, options: .multiLine)
                let count = text.split(separator: "\n", omittingEmptySubsequences: false).count
                if showsQuoted {
                    out.append(StyledLine([Span(bar, style: theme[role]),
                                           Span("quoted history (\(count) line\(count == 1 ? "" : "s")) — z folds it", style: theme[.textDim])]))
                    for line in TextWidth.wrap(text, width: max(4, textWidth - 2)) {
                        out.append(StyledLine([Span(bar, style: theme[role]), Span("│ " + line, style: theme[.textDim])]))
                    }
                } else {
                    out.append(StyledLine([Span(bar, style: theme[role]),
                                           Span((unicode ? "▸ " : "> ") + "quoted history (\(count) line\(count == 1 ? "" : "s")) — z shows it",
                                                style: theme[.textDim])]))
                }
            }
            if index < ticket.messages.count - 1 { out.append(.empty) }
        }
        if ticket.messages.isEmpty {
            out.append(StyledLine("No messages yet.", style: theme[.textDim]))
        }
        return out
    }
}
