import Foundation

/// What is known when a ticket is opened. `number` is 0 until the store allocates one.
public struct NewTicket: Codable, Sendable, Equatable {
    public var number: Int
    public var subject: String
    public var status: TicketStatus
    public var priority: Priority
    public var tags: [String]
    public var assignee: String?
    public var group: String?
    public var requester: String
    public var channel: Channel
    /// The customer's first message, if the ticket came with one.
    public var message: Message?

    public init(number: Int = 0, subject: String, status: TicketStatus = .new, priority: Priority = .normal,
                tags: [String] = [], assignee: String? = nil, group: String? = nil, requester: String,
                channel: Channel = .email, message: Message? = nil) {
        self.number = number
        self.subject = subject
        self.status = status
        self.priority = priority
        self.tags = tags
        self.assignee = assignee
        self.group = group
        self.requester = requester
        self.channel = channel
        self.message = message
    }
}
