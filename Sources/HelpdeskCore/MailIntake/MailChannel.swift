import Foundation

/// The mail channel as a writer: `helpdesk deliver` and `helpdesk ingest` run as whatever account
/// the MTA or fetcher uses, with no roster entry, and may add only what mail brings — customers,
/// tickets, customer messages (and a note about a mail that could not be read), the mail records,
/// links from a new ticket to the closed one it answers, and the reopen rule. Nothing else: no
/// assignee, no settings, no roster, no templates, no deletions.
///
/// The same rule is applied by the store when the channel writes (`FileStore`) and by every reader
/// of a team store to the channel's unsigned records (`TeamTrust`): the channel holds no key, so its
/// records can claim no more than any stranger's mail could bring.
public enum MailChannel {
    /// The actor prefix of the channel's records: `mail:postfix` is mail delivered by the account `postfix`.
    public static let actorPrefix = "mail:"

    /// The actor the channel records its changes under, for the delivering OS account.
    public static func actor(account: String) -> String {
        let clean = account.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }.prefix(32)
        return actorPrefix + (clean.isEmpty ? "unknown" : String(clean))
    }

    /// Whether a record's actor is the mail channel.
    public static func isChannel(_ actor: String) -> Bool { actor.hasPrefix(actorPrefix) }

    /// Why the channel may not make `change`, or nil when it may. Depends on the change alone, so a
    /// reader can check a record long after it was written.
    public static func problem(_ change: Change, actor: String) -> String? {
        switch change {
        case .customerCreated(let c):
            return c.vip || c.notes != nil || !c.preferences.isEmpty || c.mergedInto != nil
                ? "the mail channel adds a customer with only a name and an address" : nil
        case .ticketCreated(let t):
            guard t.status == .new, t.assignee == nil, t.group == nil, t.tags.isEmpty, t.priority == .normal,
                  t.channel == .email else {
                return "the mail channel opens a new email ticket with nothing set but its subject and customer"
            }
            return t.message.flatMap { messageProblem($0, actor: actor) }
        case .messageAdded(_, let m):
            return messageProblem(m, actor: actor)
        case .ticketUpdated(_, _, let patch):
            let allowed: Set<String> = ["status", "links"]
            guard Set(patch.fields).isSubset(of: allowed) else {
                return "the mail channel changes only a ticket's status (reopening it) and links (\(patch.fields.joined(separator: ", ")))"
            }
            if let s = patch.status, s.to != .open { return "the mail channel only reopens a ticket, never makes it \(s.to.label)" }
            if let l = patch.links, !Set(l.from).isSubset(of: Set(l.to)) { return "the mail channel only adds links" }
            return nil
        case .mailReceived, .mailSent:
            return nil
        default:
            return "the mail channel cannot make a \(change.typeName) change"
        }
    }

    private static func messageProblem(_ m: Message, actor: String) -> String? {
        switch m.kind {
        case .customer: return nil
        case .note: return m.author == actor ? nil : "the mail channel writes notes only as itself"
        case .reply: return "the mail channel cannot send a reply"
        }
    }
}
