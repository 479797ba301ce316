import Foundation

/// What the state remembers about mail, folded from `mail.received` and `mail.sent` events and kept
/// in snapshots (`mail.jsonl`): the Message-ID index of both directions, each ticket's CC list, and
/// the customer's last Message-ID per ticket (what our reply answers).
public struct MailIndex: Sendable, Equatable {
    /// `MailKey` → ticket: every mail received (by Message-ID or header digest) and every reply sent.
    public internal(set) var ticketByKey: [String: Int] = [:]
    /// Ticket → the people copied on its mail (normalised addresses, first seen first).
    public internal(set) var cc: [Int: [String]] = [:]
    /// Ticket → the Message-ID (no brackets) of the customer's last mail that a person wrote.
    public internal(set) var lastCustomerMessageID: [Int: String] = [:]
    /// Keys of the mail we sent (`mail.sent`), so a bounce is matched only to our own mail.
    public internal(set) var sentIDs: Set<String> = []
    /// Keys of the mail we sent that bounced (a delivery report said it will not arrive).
    public internal(set) var bouncedIDs: Set<String> = []
    /// Recent automatic mail per ticket and per sender (`MailLoopGuard`), kept in snapshots too.
    public internal(set) var automaticAt: [String: [Date]] = [:]

    public init() {}

    /// One ticket's part of the index, as a snapshot line.
    public struct TicketLine: Codable, Sendable, Equatable {
        public var ticket: Int
        public var keys: [String]
        public var cc: [String]
        public var last: String?
        /// Of `keys`: those of mail we sent, and of those, the ones that bounced.
        public var sent: [String]? = nil
        public var bounced: [String]? = nil
    }

    /// The index as snapshot lines, one per ticket, in ticket order.
    public var lines: [TicketLine] {
        var keys: [Int: [String]] = [:]
        for (k, n) in ticketByKey { keys[n, default: []].append(k) }
        let numbers = Set(keys.keys).union(cc.keys).union(lastCustomerMessageID.keys).sorted()
        return numbers.map { n in
            let k = (keys[n] ?? []).sorted()
            let sent = k.filter { sentIDs.contains($0) }
            let bounced = sent.filter { bouncedIDs.contains($0) }
            return TicketLine(ticket: n, keys: k, cc: cc[n] ?? [], last: lastCustomerMessageID[n],
                              sent: sent.isEmpty ? nil : sent, bounced: bounced.isEmpty ? nil : bounced)
        }
    }

    /// One loop counter, as a snapshot line (`mail-loops.jsonl`).
    public struct LoopLine: Codable, Sendable, Equatable {
        public var key: String
        public var times: [Date]
    }

    public var loopLines: [LoopLine] { automaticAt.keys.sorted().map { LoopLine(key: $0, times: automaticAt[$0] ?? []) } }

    mutating func load(_ line: TicketLine) {
        for k in line.keys { ticketByKey[k] = line.ticket }
        if !line.cc.isEmpty { cc[line.ticket] = line.cc }
        if let last = line.last { lastCustomerMessageID[line.ticket] = last }
        sentIDs.formUnion(line.sent ?? [])
        bouncedIDs.formUnion(line.bounced ?? [])
    }
}

extension HelpdeskState {
    /// Adds one ticket's mail index read from a snapshot.
    public mutating func load(mailLine: MailIndex.TicketLine) { mail.load(mailLine) }
    public mutating func load(mailLoopLine: MailIndex.LoopLine) { mail.automaticAt[mailLoopLine.key] = mailLoopLine.times }

    /// Whether `address` may thread into ticket `number` by its subject token: the ticket's customer
    /// (any of their addresses) or someone on its CC list — of the ticket or the one it lives on in.
    public func isCorrespondent(_ address: String, ofTicket number: Int) -> Bool {
        let key = ContactKey.email(address)
        for n in Set([number, livingTicket(number)]) {
            guard let t = tickets[n] else { continue }
            if customerByEmail[key].map(survivor(of:)) == survivor(of: t.requester) { return true }
            if mail.cc[n]?.contains(key) == true { return true }
        }
        return false
    }

    /// Checks a mail change under the lock: the same mail is never filed twice (a second delivery
    /// of it is refused here, so two processes delivering it at once still make one entry).
    func prepareMail(_ change: Change) throws -> Change {
        switch change {
        case .mailReceived(let e):
            guard tickets[e.ticket] != nil else { throw ChangeError.ticketNotFound(e.ticket) }
            if let known = mail.ticketByKey[e.key] { throw ChangeError.invalid(MailDuplicate.message(ticket: known)) }
            return change
        case .mailSent(let s):
            guard tickets[s.ticket] != nil else { throw ChangeError.ticketNotFound(s.ticket) }
            return change
        default:
            return change
        }
    }

    /// Folds a mail event into the index.
    mutating func applyMail(_ event: Event) {
        switch event.change {
        case .mailReceived(let e):
            mail.ticketByKey[e.key] = e.ticket
            if let id = e.messageID, !id.isEmpty {
                mail.ticketByKey[MailKey.id(id)] = e.ticket
                if e.automatic == nil { mail.lastCustomerMessageID[e.ticket] = id }
            }
            let copied = (e.cc + e.to).map(ContactKey.email).filter { !$0.isEmpty && ReplyAddress.parse($0, supportAddress: settings.supportAddress) == nil
                && $0 != ContactKey.email(settings.supportAddress) && $0 != ContactKey.email(e.fromAddress ?? "") }
            var list = mail.cc[e.ticket] ?? []
            for a in copied where !list.contains(a) && list.count < 100 { list.append(a) }
            if !list.isEmpty { mail.cc[e.ticket] = list }
            if let b = e.bounceOf { mail.bouncedIDs.insert(MailKey.id(b)) }
            if e.automatic != nil { MailLoopGuard.record(ticket: e.ticket, address: e.fromAddress, at: event.at, into: &mail) }
        case .mailSent(let s):
            mail.ticketByKey[MailKey.id(s.messageID)] = s.ticket
            mail.sentIDs.insert(MailKey.id(s.messageID))
        default:
            break
        }
    }
}

/// How a refused second delivery of the same mail is recognised by the intake.
public enum MailDuplicate {
    static let marker = "this mail is already stored on #"
    static func message(ticket: Int) -> String { "\(marker)\(ticket)" }

    /// The ticket of an already stored mail, when `error` is the refusal of a second delivery.
    public static func ticket(in error: Error) -> Int? {
        guard case ChangeError.invalid(let why)? = error as? ChangeError, why.hasPrefix(marker) else { return nil }
        return Int(why.dropFirst(marker.count))
    }
}
