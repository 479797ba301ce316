import Foundation
import HelpdeskCore

/// Where a store keeps what agents are writing and what is waiting to be sent: drafts saved as they
/// type, the outbox a reply's mail is staged and committed to, and each ticket's reply address.
///
/// Part of `Store` (every backend has them), and all `ReplySender` needs; the file store keeps
/// them under `drafts/` and `outbox/`.
public protocol ReplyStorage: AnyObject {
    /// The drafts of unsent replies, one per agent and ticket, kept until sent or discarded.
    var drafts: DraftBox { get }
    /// The mail waiting for, or given to, the send command.
    var outbox: Outbox { get }
    /// The ticket's reply address for outgoing mail (`ReplyKeys`), or nil when there is none.
    func replyAddress(ticket: Int) -> String?
}

extension FileStore: ReplyStorage {
    public var drafts: DraftBox { DraftBox(directory: paths.drafts, permissions: permissions) }
    public var outbox: Outbox { Outbox(directory: paths.outbox, permissions: permissions) }

    /// Nil when the reply-address secret cannot be read or made (the reply still goes, threaded by
    /// its Message-ID only).
    public func replyAddress(ticket: Int) -> String? {
        (try? replyKeys())?.replyAddress(ticket: ticket, settings: state.settings)
    }
}
