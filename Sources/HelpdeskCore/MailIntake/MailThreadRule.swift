/// Which rule decided where a received mail belongs, in the order they are tried (`MailThreading`).
public enum MailThreadRule: String, Codable, Sendable, CaseIterable {
    /// `In-Reply-To`/`References` named a Message-ID we stored or sent.
    case reference
    /// A reply address `support+t1042.tag@…` with a valid tag.
    case replyAddress = "reply-address"
    /// `[#1042]` in the subject, from the ticket's customer or someone on its CC list.
    case subjectToken = "subject-token"
    /// None matched: a new ticket.
    case new
}
