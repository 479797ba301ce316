import Foundation

/// Turns a received mail into the changes that file it, given the newest state (the store runs this
/// under its write lock, so the decision and the Message-ID check see one moment):
///
/// - the sender becomes the customer whose address it is (case-insensitively), or a new customer
///   with the decoded display name; a mail without a usable sender goes to the customer
///   `unknown-sender`;
/// - the message goes to the ticket `MailThreading` chooses, or opens a new email ticket (subject
///   with reply/forward prefixes stripped, `MailSubject`), linked to the closed ticket it answers;
/// - a person's reply to a pending or on-hold ticket makes it open, to a solved one reopens it (`CustomerWords`); automatic mail
///   is stored but never changes a ticket's status;
/// - a mail that could not be read, or was over the size limit, still gets its ticket, with a note
///   from the channel saying what was wrong.
public enum MailPlanner {
    /// The customer id for mail whose sender cannot be recorded.
    public static let unknownSenderID = "unknown-sender"

    /// The outcome of planning.
    public enum Plan: Equatable, Sendable {
        /// Already stored on this ticket: nothing to write.
        case duplicate(ticket: Int)
        /// Write these changes; the mail lands on `ticket` (a new one when `newTicket`).
        case write([Change], ticket: Int, newTicket: Bool, rule: MailThreadRule)
    }

    /// Plans filing `mail` received at `at` by the channel `actor`. `safe` plans the fallback used
    /// when the normal plan was refused (an address the store will not take): the unknown sender.
    public static func plan(_ mail: ReceivedMail, state: HelpdeskState, actor: String, at: Date,
                            tagIsValid: (Int, String) -> Bool, safe: Bool = false) -> Plan {
        let decision = MailThreading.decide(mail.facts, state: state, tagIsValid: tagIsValid)
        var changes: [Change] = []
        let parsed = mail.parsed
        let automatic = parsed?.automatic.map(describe)

        // Who sent it.
        let customerID: String
        let address = safe ? nil : mail.senderAddress
        if let address, let known = state.customer(matching: address) {
            customerID = state.survivor(of: known.id)
        } else if let address {
            customerID = HelpdeskState.customerID(state.maxCustomerNumber + 1)
            let name = displayName(parsed?.from?.name, address: address)
            changes.append(.customerCreated(Customer(id: customerID, name: name, emails: [address], customerSince: at)))
        } else {
            customerID = unknownSenderID
            if state.customers[unknownSenderID] == nil {
                changes.append(.customerCreated(Customer(id: unknownSenderID, name: "Unknown sender", customerSince: at)))
            }
        }

        let message = Message(kind: .customer, author: customerID, body: body(mail), at: at)
        let number: Int
        let rule: MailThreadRule
        var isNew = false
        switch decision {
        case .duplicate(let n):
            return .duplicate(ticket: n)
        case .existing(let n, let r):
            number = n
            rule = r
            if let t = state.tickets[n] {
                // The reopen rule shared with logged calls; machines never move a ticket.
                if case .ticket(_, let reopen?) = CustomerWords.target(for: t, automatic: automatic != nil) {
                    changes.append(.ticketUpdated(number: n, base: t.version, patch: TicketPatch.diff(t, status: reopen)))
                }
            }
            changes.append(.messageAdded(number: n, message: message))
        case .new(let linked, let r):
            number = state.nextTicketNumber
            rule = r
            isNew = true
            changes.append(.ticketCreated(NewTicket(number: number, subject: subject(mail), requester: customerID,
                                                    channel: .email, message: message)))
            if let old = linked.flatMap({ state.tickets[$0] }) {
                let fresh = Ticket(number: number, subject: subject(mail), requester: customerID, createdAt: at)
                changes.append(.ticketUpdated(number: number, base: 1, patch: TicketPatch.diff(fresh, links: [old.number])))
                if !old.links.contains(number) {
                    changes.append(.ticketUpdated(number: old.number, base: old.version,
                                                  patch: TicketPatch.diff(old, links: old.links + [number])))
                }
            }
        }
        if let note = problemNote(mail) {
            changes.append(.messageAdded(number: number, message: Message(kind: .note, author: actor, body: note, at: at)))
        }
        let bounced = bounceOf(mail, state: state)
        if let bounced, let report = parsed?.deliveryReport {
            changes.append(.messageAdded(number: number, message: Message(kind: .note, author: actor,
                                                                           body: bounceNote(report, messageID: bounced), at: at)))
        }
        var record = entry(mail, ticket: number, rule: rule, automatic: automatic)
        record.bounceOf = bounced
        if automatic != nil, MailLoopGuard.isOverLimit(ticket: number, address: record.fromAddress, at: at, index: state.mail) {
            record.loopLimited = true
        }
        changes.append(.mailReceived(record))
        return .write(changes, ticket: number, newTicket: isNew, rule: rule)
    }

    /// The Message-ID of our mail that this delivery report says will never arrive, when it is ours.
    static func bounceOf(_ mail: ReceivedMail, state: HelpdeskState) -> String? {
        guard let report = mail.parsed?.deliveryReport, report.isPermanentFailure,
              let id = report.originalMessageID, state.mail.sentIDs.contains(MailKey.id(id)) else { return nil }
        return id
    }

    /// What the agent reads on the ticket: the customer never got the reply.
    static func bounceNote(_ report: DeliveryReport, messageID: String) -> String {
        let to = report.recipients.isEmpty ? "the customer" : report.recipients.prefix(5).joined(separator: ", ")
        var text = "Delivery failed: our mail <\(messageID)> did not reach \(to)"
        if !report.status.isEmpty { text += " (status \(report.status))" }
        if let d = report.diagnostic, !d.isEmpty { text += ": " + String(d.prefix(300)) }
        return text + ". The customer has not received it."
    }

    /// The record of the mail itself.
    static func entry(_ mail: ReceivedMail, ticket: Int, rule: MailThreadRule, automatic: String?) -> MailEntry {
        let p = mail.parsed
        var problems = p?.problems ?? []
        if mail.quarantined { problems.append("over the size limit: kept in quarantine, not read") }
        var entry = MailEntry(ticket: ticket, key: mail.key, messageID: p?.messageID, fromName: p?.from?.name,
                              fromAddress: p?.from?.address ?? mail.quarantineSender,
                              to: (p?.to ?? []).map(\.address), cc: (p?.cc ?? []).map(\.address),
                              subject: p?.subject ?? "", rawDigest: mail.rawDigest, rawSize: mail.rawSize,
                              attachments: mail.attachments, automatic: automatic, problems: problems,
                              quarantined: mail.quarantined, rule: rule)
        if let q = p?.quoted?.trimmingCharacters(in: .whitespacesAndNewlines), !q.isEmpty {
            entry.quoted = String(q.prefix(MailEntry.quotedLimit))
        }
        return entry
    }

    /// The thread text: what the sender wrote; a line standing in for it when there is none.
    static func body(_ mail: ReceivedMail) -> String {
        if mail.quarantined { return "(a mail of \(sizeText(mail.rawSize)) — over the size limit, kept in quarantine)" }
        let text = mail.parsed?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !text.isEmpty { return text }
        if !mail.attachments.isEmpty {
            return "(no text; attachments: " + mail.attachments.map(\.name).joined(separator: ", ") + ")"
        }
        return "(the mail has no readable text)"
    }

    /// A note for a mail that was not (fully) understood, or nil.
    static func problemNote(_ mail: ReceivedMail) -> String? {
        let ref = "the raw message is kept: helpdesk mail show \(mail.rawDigest.prefix(12)) --raw"
        if mail.quarantined {
            let from = mail.quarantineSender.map { " from \($0)" } ?? ""
            return "A mail of \(sizeText(mail.rawSize))\(from) was over the size limit and is kept in quarantine, unread; \(ref)"
        }
        guard let problems = mail.parsed?.problems, !problems.isEmpty else { return nil }
        return "This mail could not be read completely: " + problems.prefix(5).joined(separator: "; ") + ". " + ref.prefix(1).uppercased() + ref.dropFirst()
    }

    static func subject(_ mail: ReceivedMail) -> String {
        // Another ticket's token is dropped: this ticket's replies carry their own.
        let untokened = (mail.parsed?.subject ?? "").replacingOccurrences(of: #"\s*\[#[0-9]{1,9}\]"#, with: "", options: .regularExpression)
        let stripped = MailSubject.stripPrefixes(untokened).trimmingCharacters(in: .whitespacesAndNewlines)
        if !stripped.isEmpty { return String(stripped.prefix(500)) }
        if mail.quarantined { return "Mail over the size limit" }
        return "(no subject)"
    }

    static func displayName(_ name: String?, address: String) -> String {
        let n = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let clean = String(n.unicodeScalars.filter { !TextRules.isControl($0) }.prefix(200).map(Character.init))
        return clean.isEmpty ? address : clean
    }

    /// An address a customer record can hold: one `@`, no whitespace or control characters, short.
    public static func isUsableAddress(_ a: String) -> Bool {
        guard a.utf8.count <= 254, a.filter({ $0 == "@" }).count == 1, !a.hasPrefix("@"), !a.hasSuffix("@") else { return false }
        return !a.unicodeScalars.contains { $0.properties.isWhitespace || TextRules.isControl($0) }
    }

    static func describe(_ a: MailAutomation) -> String {
        switch a {
        case .autoSubmitted(let v): "auto-submitted: \(v)"
        case .autoReply: "auto-reply"
        case .bulk(let v): "precedence: \(v)"
        case .list: "mailing list"
        case .loop: "x-loop"
        case .bounce: "bounce"
        case .noReplySender: "no-reply sender"
        }
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }
}
