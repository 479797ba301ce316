import Foundation

/// What a ticket says it is about, read from its subject and tags (the only text every caller of the
/// opening line has: the in-memory index keeps no threads, and the card must not load one).
///
/// Two questions matter to the first line of a reply: does the customer complain (then a cheerful
/// line is wrong), and is the ticket about their usual order (only then may the line mention it)?
public struct TicketTopic: Sendable, Equatable {
    /// Wording or a tag that says something went wrong: wrong, broken, late, missing, refund …
    public var isComplaint: Bool
    /// The subject or tags speak of the customer's usual order.
    public var isAboutUsualOrder: Bool

    public init(isComplaint: Bool, isAboutUsualOrder: Bool) {
        self.isComplaint = isComplaint
        self.isAboutUsualOrder = isAboutUsualOrder
    }

    public init(ticket: Ticket, usualOrder: String?) {
        self.init(subject: ticket.subject, tags: ticket.tags, usualOrder: usualOrder)
    }

    public init(subject: String, tags: [String], usualOrder: String?) {
        let words = Self.words(subject)
        let tagWords = tags.flatMap(Self.words)
        let all = words + tagWords
        let joined = " " + all.joined(separator: " ") + " "
        isComplaint = all.contains { Self.complaintWords.contains($0) }
            || Self.complaintPhrases.contains { joined.contains(" \($0) ") }
        let usual = usualOrder.map(Self.words)?.filter { $0.count >= 4 && !Self.commonOrderWords.contains($0) } ?? []
        isAboutUsualOrder = !(usualOrder ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            && (all.contains { Self.orderWords.contains($0) } || all.contains { usual.contains($0) })
    }

    /// Words that on their own say something went wrong.
    static let complaintWords: Set<String> = [
        "wrong", "broken", "broke", "late", "missing", "damaged", "refund", "refunded", "faulty", "fault",
        "complaint", "complain", "disappointed", "mistake", "leaking", "leak", "overcharged", "stuck",
        "delayed", "error", "problem", "burnt", "stale", "lost", "unhappy", "cracked", "smashed",
        "squeak", "squeaks", "squeaking", "noise", "noisy", "clicking", "leaks", "uneven",
    ]
    /// Phrases (in words, lower-case) that say it: "never arrived", "not working" …
    static let complaintPhrases: [String] = [
        "never arrived", "not arrived", "hasn t arrived", "hasnt arrived", "didn t arrive", "didnt arrive",
        "not arrive", "still waiting", "stopped working", "not working", "doesn t work", "doesnt work",
        "won t", "wont", "isn t what", "not what i ordered", "where is my", "charged twice", "not here",
        "wrong item", "never arrives", "never came", "not received", "haven t received", "havent received",
        "not applied", "didn t get", "not delivered",
    ]
    /// Words that name an order as such: a ticket tagged `order` or titled "my subscription".
    static let orderWords: Set<String> = ["order", "orders", "usual", "subscription", "reorder"]
    /// Words of a usual order too common to tell that a ticket is about it.
    static let commonOrderWords: Set<String> = [
        "with", "extra", "every", "weeks", "week", "monthly", "weekly", "fortnightly", "whole", "ground",
        "milk", "large", "small", "half", "sharp", "take", "away", "coffee", "mornings", "year", "round",
    ]

    /// Lower-case runs of letters and digits: "Wasn't-HERE!" → ["wasn", "t", "here"].
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
