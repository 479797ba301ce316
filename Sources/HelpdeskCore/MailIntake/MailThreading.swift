import Foundation

/// Where a received mail belongs: the threading rules, as a pure decision over the state.
///
/// In order: (1) `In-Reply-To`/`References` naming any Message-ID we stored or sent — a parent named
/// only in `References` still threads (freescout#4020); (2) a reply address whose tag checks out,
/// which survives Message-ID rewriting; (3) the subject token `[#1042]`, trusted only when the sender
/// is the ticket's customer or on its CC list (a stranger's token starts a new ticket: zammad#5064);
/// (4) otherwise a new ticket. A ticket merged into another is followed to the one it lives on in.
public enum MailThreading {
    /// What to do with a mail.
    public enum Decision: Equatable, Sendable {
        /// The same mail is already stored (delivered twice, or to two of our addresses).
        case duplicate(ticket: Int)
        /// Add it to this ticket.
        case existing(ticket: Int, rule: MailThreadRule)
        /// Open a new ticket; `linkedTo` is the closed ticket it answers, if any.
        case new(linkedTo: Int?, rule: MailThreadRule)
    }

    /// The facts of a mail the rules look at (taken from a `ParsedMail`).
    public struct Facts: Sendable, Equatable {
        public var key: String
        public var inReplyTo: [String]
        public var references: [String]
        public var fromAddress: String?
        /// Every address the mail was sent to (To, Cc, Delivered-To), for the reply address.
        public var recipients: [String]
        public var subject: String

        public init(key: String, inReplyTo: [String] = [], references: [String] = [], fromAddress: String?,
                    recipients: [String] = [], subject: String) {
            self.key = key
            self.inReplyTo = inReplyTo
            self.references = references
            self.fromAddress = fromAddress
            self.recipients = recipients
            self.subject = subject
        }
    }

    /// Decides where the mail goes. `tagIsValid(ticket, tag)` checks a reply address's tag (the
    /// store's keyed hash); the state supplies the Message-ID index, tickets, customers and CC lists.
    public static func decide(_ mail: Facts, state: HelpdeskState,
                              tagIsValid: (Int, String) -> Bool) -> Decision {
        if let known = state.mail.ticketByKey[mail.key] { return .duplicate(ticket: known) }
        if let n = byReference(mail, state: state) { return place(n, rule: .reference, state: state) }
        for address in mail.recipients {
            if let (n, tag) = ReplyAddress.parse(address, supportAddress: state.settings.supportAddress),
               state.tickets[n] != nil, tagIsValid(n, tag) {
                return place(n, rule: .replyAddress, state: state)
            }
        }
        if let n = subjectToken(mail.subject), state.tickets[n] != nil, let from = mail.fromAddress,
           state.isCorrespondent(from, ofTicket: n) {
            return place(n, rule: .subjectToken, state: state)
        }
        return .new(linkedTo: nil, rule: .new)
    }

    /// The ticket of the newest parent we know: `In-Reply-To` first, then `References` from the end
    /// (the direct parent is last), and our own thread ids `<ticket-1042@domain>`.
    static func byReference(_ mail: Facts, state: HelpdeskState) -> Int? {
        for id in mail.inReplyTo + mail.references.reversed() {
            if let n = state.mail.ticketByKey[MailKey.id(id)], state.tickets[n] != nil { return n }
            if let n = threadIDTicket(id, settings: state.settings), state.tickets[n] != nil { return n }
        }
        return nil
    }

    /// `ticket-1042@domain` (our `OutgoingMail.threadID`), when the domain is ours.
    static func threadIDTicket(_ id: String, settings: Settings) -> Int? {
        let key = MailKey.id(id).dropFirst(3)
        let domain = OutgoingMail.domain(settings).lowercased()
        guard key.hasPrefix("ticket-"), key.hasSuffix("@" + domain) else { return nil }
        let digits = key.dropFirst(7).dropLast(domain.count + 1)
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The number in the first `[#1042]` of a subject.
    public static func subjectToken(_ subject: String) -> Int? {
        var rest = Substring(subject)
        while let open = rest.range(of: "[#") {
            let after = rest[open.upperBound...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count <= 9, after.dropFirst(digits.count).first == "]" { return Int(digits) }
            rest = after
        }
        return nil
    }

    /// The ticket a mail for `number` goes to: the one it was merged into, and a closed ticket is
    /// not reopened — the mail starts a new ticket linked to it.
    static func place(_ number: Int, rule: MailThreadRule, state: HelpdeskState) -> Decision {
        let n = state.livingTicket(number)
        if state.tickets[n]?.status == .closed { return .new(linkedTo: n, rule: rule) }
        return .existing(ticket: n, rule: rule)
    }
}

extension HelpdeskState {
    /// Where a ticket's conversation lives now: itself, or the ticket it was merged into (followed).
    public func livingTicket(_ number: Int) -> Int {
        var n = number
        var seen: Set<Int> = [n]
        while let next = tickets[n]?.mergedInto, tickets[next] != nil, seen.insert(next).inserted { n = next }
        return n
    }
}
