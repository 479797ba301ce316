import Foundation

/// Who replied when, and who answered each ticket first: the part of the metrics that the ticket
/// summaries cannot tell (they keep `firstReplyAt`, not its author). Built from ticket histories and
/// kept current by feeding it new events, so a live screen never rereads the log.
public struct ReplyActivity: Sendable, Equatable {
    /// One public reply by an agent.
    public struct Reply: Sendable, Equatable {
        public var ticket: Int
        public var author: String
        public var at: Date
    }

    /// Every public reply seen, in the order fed.
    public private(set) var replies: [Reply] = []
    /// The author and time of each ticket's first public reply.
    public private(set) var firstReply: [Int: (author: String, at: Date)] = [:]
    /// One reply that answered a customer who was waiting (after the first reply): it decided a
    /// next-reply target, whose clock started at `since` (the customer's latest message before it).
    public struct NextReply: Sendable, Equatable {
        public var ticket: Int
        public var since: Date
        public var at: Date
    }

    /// Every next-reply target decided by a reply, in the order fed.
    public private(set) var nextReplies: [NextReply] = []
    /// Per ticket, the latest customer message and the latest reply seen (to tell which replies answered one).
    private var lastCustomer: [Int: Date] = [:]
    private var lastReply: [Int: Date] = [:]
    /// Seqs already folded, so the same event fed twice (history, then feed) counts once.
    private var seen: Set<Int> = []
    /// Replies already counted, by author and time: a merge copies the duplicate's thread into the
    /// surviving ticket with the original authors and times, and a copied reply is not a new reply.
    private var counted: Set<ReplyKey> = []
    private struct ReplyKey: Hashable, Sendable { var author: String; var at: Date }

    public init() {}

    public init(events: [Event]) {
        for e in events.sorted(by: { ($0.at, $0.seq) < ($1.at, $1.seq) }) { ingest(e) }
    }

    /// Folds one event (only public replies and customer messages matter).
    public mutating func ingest(_ event: Event) {
        if event.seq > 0 {
            guard seen.insert(event.seq).inserted else { return }
        }
        switch event.change {
        case .messageAdded(let n, let m) where m.kind == .reply:
            guard counted.insert(ReplyKey(author: m.author, at: m.at)).inserted else { break }
            replies.append(Reply(ticket: n, author: m.author, at: m.at))
            if let previous = lastReply[n], let asked = lastCustomer[n], asked > previous, m.at >= asked {
                nextReplies.append(NextReply(ticket: n, since: asked, at: m.at))
            }
            lastReply[n] = max(lastReply[n] ?? m.at, m.at)
            if let first = firstReply[n], first.at <= m.at { break }
            firstReply[n] = (m.author, m.at)
        case .messageAdded(let n, let m) where m.kind == .customer:
            lastCustomer[n] = max(lastCustomer[n] ?? m.at, m.at)
        default:
            break
        }
    }

    public mutating func ingest<S: Sequence>(_ events: S) where S.Element == Event {
        for e in events { ingest(e) }
    }

    public static func == (a: ReplyActivity, b: ReplyActivity) -> Bool {
        a.replies == b.replies && a.seen == b.seen
    }

    /// The tickets whose histories hold the replies of `period` (everything else, breaches included, can be
    /// answered from the summaries): replied to since the period started, or rated since then.
    public static func ticketsToRead(_ state: HelpdeskState, since start: Date) -> [Int] {
        var out: [Int] = []
        for t in state.tickets.values {
            if let last = t.lastReplyAt, last >= start { out.append(t.number); continue }
            // Rated in the period: the report names who wrote the reply before the rating.
            if let s = t.satisfaction, s.at >= start, t.lastReplyAt != nil { out.append(t.number) }
        }
        return out
    }
}
