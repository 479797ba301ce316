import Foundation

/// Whole-second time for the demo: event times survive the store's ISO 8601 round trip unchanged.
enum DemoClock {
    static let minute = 60
    static let hour = 3_600
    static let day = 86_400

    static func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: Double(seconds)) }
    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }
}

/// One step of the demo's story before it becomes an `Event`: ticket numbers, promise ids, versions and
/// `from` values are only known once every ticket is placed in time, so steps say what should happen and
/// `DemoTimeline` works out the exact change.
struct DemoBeat {
    enum Action {
        /// A change that needs nothing filled in (agents, settings, templates, customers).
        case change(Change)
        /// The ticket's number and the first message's time are filled in later.
        case open(NewTicket)
        case message(kind: MessageKind, author: String, body: String)
        /// Moves the ticket to these values; nil leaves a field alone.
        case update(status: TicketStatus?, priority: Priority?, addTags: [String], assignee: String?)
        /// `key` ties a promise to its resolution until the real id is allocated; it is unique per ticket.
        case promise(key: Int, text: String, due: Int, owner: String)
        case resolve(key: Int, state: PromiseState)
        case rate(score: Int, comment: String?)
        /// What an agent learnt about the customer: a new usual order, or a preference confirmed (the value
        /// may have changed) at the time of the beat.
        case learn(customer: String, usualOrder: String?, preference: (key: String, value: String)?)
    }

    /// Seconds since 1970; relative to the ticket's creation while a ticket is being planned (and so is
    /// a promise's due time).
    var at: Int
    var actor: String
    var action: Action

    /// The same beat moved later by `seconds`, due times included.
    func shifted(by seconds: Int) -> DemoBeat {
        var copy = self
        copy.at += seconds
        if case .promise(let key, let text, let due, let owner) = action {
            copy.action = .promise(key: key, text: text, due: due + seconds, owner: owner)
        }
        return copy
    }
}
