import Foundation

/// A customer's request and everything that happened to it.
///
/// The same value serves as the compact in-memory summary (with `messages` empty and
/// `threadLoaded == false`) and as the full ticket (thread loaded on demand). Thread statistics
/// (`messageCount`, `firstReplyAt`, …) are kept up to date by `apply` in both forms, so the queue and
/// stats never need message bodies.
public struct Ticket: Sendable, Equatable {
    public var number: Int
    public var subject: String
    public var status: TicketStatus
    public var priority: Priority
    public var tags: [String]
    public var assignee: String?
    public var group: String?
    public var requester: String
    public var channel: Channel
    public var createdAt: Date
    public var updatedAt: Date
    /// Incremented by every event that touches the ticket; a change carries the version it was based on.
    public var version: Int
    /// Set when this ticket was merged into another one.
    public var mergedInto: Int?

    // Thread statistics, maintained from events.
    public var messageCount: Int
    public var firstReplyAt: Date?
    public var lastReplyAt: Date?
    public var lastCustomerMessageAt: Date?
    public var lastMessageAt: Date?
    public var solvedAt: Date?
    /// The customer's rating, when one was recorded.
    public var satisfaction: Satisfaction?
    /// Related tickets (links go both ways).
    public var links: [Int]

    // SLA clock inputs, maintained from events (see `SLAClock`).
    /// When the ticket entered its current status (nil: at creation).
    public var statusChangedAt: Date? = nil
    /// Business seconds spent pending or on hold, not counting the current pause.
    public var pausedSeconds: TimeInterval = 0
    /// The paused business seconds as of the customer's latest message (the next-reply clock starts there).
    public var pausedAtLastCustomerMessage: TimeInterval = 0
    /// Targets missed before the ticket's latest event, derived as events are applied (`SLAMiss`); a target
    /// that ran out since is found by `HelpdeskState.slaMisses(of:now:)`.
    public var slaMisses: [SLAMiss] = []

    /// The thread, oldest first; empty unless `threadLoaded`.
    public var messages: [Message]
    public var threadLoaded: Bool

    public init(number: Int, subject: String, status: TicketStatus = .new, priority: Priority = .normal,
                tags: [String] = [], assignee: String? = nil, group: String? = nil, requester: String,
                channel: Channel = .email, createdAt: Date, updatedAt: Date? = nil, version: Int = 1,
                mergedInto: Int? = nil, messageCount: Int = 0, firstReplyAt: Date? = nil,
                lastReplyAt: Date? = nil, lastCustomerMessageAt: Date? = nil, lastMessageAt: Date? = nil,
                solvedAt: Date? = nil, satisfaction: Satisfaction? = nil, links: [Int] = [], messages: [Message] = [], threadLoaded: Bool = false) {
        self.number = number
        self.subject = subject
        self.status = status
        self.priority = priority
        self.tags = tags
        self.assignee = assignee
        self.group = group
        self.requester = requester
        self.channel = channel
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
        self.mergedInto = mergedInto
        self.messageCount = messageCount
        self.firstReplyAt = firstReplyAt
        self.lastReplyAt = lastReplyAt
        self.lastCustomerMessageAt = lastCustomerMessageAt
        self.lastMessageAt = lastMessageAt
        self.solvedAt = solvedAt
        self.satisfaction = satisfaction
        self.links = links
        self.messages = messages
        self.threadLoaded = threadLoaded
    }

    /// `#1042`, the way people say ticket numbers.
    public var displayNumber: String { "#\(number)" }

    /// The customer is waiting for an answer from us: their last message has no reply after it.
    public var awaitingReply: Bool {
        guard status.isOpen, let lastIn = lastCustomerMessageAt else { return false }
        guard let lastOut = lastReplyAt else { return true }
        return lastOut < lastIn
    }

    /// Time from creation to the first public reply, if there was one.
    public var firstReplyTime: TimeInterval? {
        firstReplyAt.map { $0.timeIntervalSince(createdAt) }
    }

    /// Records a message in the statistics, and in the thread when the thread is loaded.
    public mutating func record(_ message: Message) {
        messageCount += 1
        lastMessageAt = max(lastMessageAt ?? message.at, message.at)
        switch message.kind {
        case .customer:
            lastCustomerMessageAt = max(lastCustomerMessageAt ?? message.at, message.at)
        case .reply:
            if firstReplyAt == nil { firstReplyAt = message.at }
            lastReplyAt = max(lastReplyAt ?? message.at, message.at)
        case .note:
            break
        }
        if threadLoaded { messages.append(message) }
    }

    /// The same ticket without its thread: what the in-memory index keeps.
    public var summary: Ticket {
        var copy = self
        copy.messages = []
        copy.threadLoaded = false
        return copy
    }
}
