/// Why a message looks machine-sent; a helpdesk never auto-answers such mail and never lets it reopen
/// a ticket by itself (auto-reply ping-pong is how freescout#3670 made 11 conversations of one).
///
/// The first signal found wins, in the order `MailAutomationDetector` checks them; the value carries
/// the header's own word where that helps an agent understand (`auto-replied`, `bulk`).
public enum MailAutomation: Sendable, Equatable, Codable {
    /// `Auto-Submitted:` with a value other than `no` (RFC 3834), lower-cased.
    case autoSubmitted(String)
    /// `X-Autoreply`, `X-Autorespond`, `X-Auto-Response-Suppress`-style vacation replies.
    case autoReply
    /// `Precedence: bulk|junk|list`, the value lower-cased.
    case bulk(String)
    /// A mailing list (`List-Id`, `List-Unsubscribe`).
    case list
    /// `X-Loop`: some system already saw this message go round.
    case loop
    /// A delivery status notification, or mail from `<>` / mailer-daemon / postmaster.
    case bounce
    /// A `noreply`/`no-reply`/`donotreply` sender: answering it goes nowhere.
    case noReplySender

    /// A few words for an agent: why this mail is treated as automatic.
    public var summary: String {
        switch self {
        case .autoSubmitted(let value): return "automatic (Auto-Submitted: \(value))"
        case .autoReply: return "automatic reply"
        case .bulk(let value): return "bulk mail (Precedence: \(value))"
        case .list: return "mailing list"
        case .loop: return "mail loop (X-Loop)"
        case .bounce: return "bounce"
        case .noReplySender: return "no-reply sender"
        }
    }
}
