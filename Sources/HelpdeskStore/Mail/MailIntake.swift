import Foundation
import HelpdeskCore

/// The mail channel's way into the store, used by `helpdesk deliver` (one message) and
/// `helpdesk ingest` (a batch):
///
/// 1. Each message's bytes are kept whole in `mail/raw/` (over the size limit: `mail/quarantine/`,
///    unread), its attachments in `mail/parts/`, all durable before anything names them.
/// 2. Under the store's write lock, with the newest state: each is threaded (`MailThreading`) and
///    planned (`MailPlanner`); a mail whose Message-ID (or header digest) is already filed is a
///    duplicate and writes nothing. The batch is one append, one `fdatasync`.
/// 3. A plan the store refuses (an address it will not take as a customer's) is planned again for
///    the unknown sender, so a received message always ends up on a ticket.
///
/// The store must be opened as the channel (`MailChannel.actor`): the store's write path then lets
/// it make only the changes mail brings.
public struct MailIntake {
    public let store: any Store
    /// The MIME parser (`ParsedMail.parse`; tests of the store's part may give a simpler one).
    let parse: @Sendable ([UInt8]) -> ParsedMail

    public init(store: any Store, parser: @escaping @Sendable ([UInt8]) -> ParsedMail = { ParsedMail.parse($0) }) {
        self.store = store
        self.parse = parser
    }

    /// What happened to one message.
    public enum Outcome: Equatable, Sendable {
        case filed(ticket: Int, newTicket: Bool, rule: MailThreadRule)
        /// The same mail was already stored on this ticket.
        case duplicate(ticket: Int)

        public var ticket: Int {
            switch self {
            case .filed(let n, _, _), .duplicate(let n): n
            }
        }
    }

    /// One message's outcome and where its bytes are.
    public struct Result: Equatable, Sendable {
        public var digest: String
        public var quarantined: Bool
        public var outcome: Outcome
    }

    /// Stores and files one message.
    public func receive(_ raw: [UInt8], at: Date) throws -> Result {
        try receive(batch: [raw], at: at)[0]
    }

    /// Stores and files messages, in order, as one append. Returns one result per message. Throws
    /// (with nothing in the log) when the store cannot be written; raw files already kept stay, and
    /// a retry finds them.
    public func receive(batch raws: [[UInt8]], at: Date) throws -> [Result] {
        guard !raws.isEmpty else { return [] }
        let archive = store.mailArchive
        let limit = store.state.settings.mail.maxMessageBytes
        var received: [ReceivedMail] = []
        var staged: [MailArchive.Staged] = []
        received.reserveCapacity(raws.count)
        for raw in raws {
            if raw.count > limit {
                let s = try archive.stage(raw, kind: .quarantine)
                staged.append(s)
                received.append(ReceivedMail(parsed: nil, rawDigest: s.digest, rawSize: raw.count, quarantined: true,
                                             quarantineSender: Self.roughSender(raw)))
                continue
            }
            let s = try archive.stage(raw, kind: .raw)
            staged.append(s)
            let parsed = parse(raw)
            var refs: [MailAttachmentRef] = []
            for a in parsed.attachments {
                let part = try archive.stage(a.data, kind: .parts)
                staged.append(part)
                refs.append(MailAttachmentRef(name: a.filename, contentType: a.contentType, size: a.data.count,
                                              digest: part.digest, inline: a.inline))
            }
            received.append(ReceivedMail(parsed: parsed, rawDigest: s.digest, rawSize: raw.count, attachments: refs))
        }
        try archive.commit(staged)

        // Without the reply-address key (a team store made before mail, whose root only its creator
        // can add `mail/` to) no tag checks out: the mail still threads by the other rules.
        let keys = try? store.replyKeys()
        let tagIsValid: (Int, String) -> Bool = { n, tag in keys?.isValid(ticket: n, tag: tag) ?? false }
        let actor = store.actor
        let when = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down))
        var outcomes: [Outcome] = []
        try store.append(planning: { state in
            outcomes = []
            var work = state
            var changes: [Change] = []
            for mail in received {
                var attempt = 0
                while true {
                    let plan = MailPlanner.plan(mail, state: work, actor: actor, at: when,
                                                tagIsValid: tagIsValid, safe: attempt > 0)
                    guard case .write(let planned, let ticket, let isNew, let rule) = plan else {
                        if case .duplicate(let n) = plan { outcomes.append(.duplicate(ticket: n)) }
                        break
                    }
                    // Checked and folded into the working state change by change. A refusal of the
                    // first change (a new customer's address) is planned again for the unknown
                    // sender; a later one fails the batch, which `ingest` then retries mail by mail.
                    do {
                        for (i, change) in planned.enumerated() {
                            do {
                                if let problem = MailChannel.problem(change, actor: actor) { throw ChangeError.invalid(problem) }
                                let prepared = try work.prepare(change, actor: actor, at: when)
                                work.apply(Event(seq: work.lastSeq + 1, at: when, actor: actor, change: prepared))
                            } catch where i == 0 && attempt == 0 {
                                throw Retry()
                            }
                        }
                    } catch is Retry {
                        attempt += 1
                        continue
                    }
                    changes += planned
                    outcomes.append(.filed(ticket: ticket, newTicket: isNew, rule: rule))
                    break
                }
            }
            return changes
        })
        markBounces(received)
        return zip(received, outcomes).map { Result(digest: $0.rawDigest, quarantined: $0.quarantined, outcome: $1) }
    }

    private struct Retry: Error {}

    /// Moves the outbox entries of our mail that bounced to `outbox/bounced/`. The bounce is already
    /// recorded on the ticket (and in the state), so a failure here loses nothing: best effort.
    private func markBounces(_ received: [ReceivedMail]) {
        let outbox = store.outbox
        for mail in received {
            guard let id = mail.parsed?.deliveryReport?.originalMessageID,
                  store.state.mail.bouncedIDs.contains(MailKey.id(id)),
                  let at = id.lastIndex(of: "@") else { continue }
            _ = try? outbox.markBounced(String(id[..<at]))
        }
    }

    /// The sender of a message that is not parsed (quarantined): the address in its first `From:`
    /// header line, when one is there in the first 64 KB.
    static func roughSender(_ raw: [UInt8]) -> String? {
        let head = String(decoding: raw.prefix(65_536), as: UTF8.self)
        for line in head.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.isEmpty || line == "\r" { break }
            guard line.lowercased().hasPrefix("from:") else { continue }
            let value = line.dropFirst(5)
            let candidate: Substring
            if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
                candidate = value[value.index(after: open)..<close]
            } else {
                candidate = Substring(value.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            let address = String(candidate).trimmingCharacters(in: .whitespacesAndNewlines)
            return MailPlanner.isUsableAddress(address) ? address : nil
        }
        return nil
    }
}
