/// Bounds on what one message may make the parser do. A hostile message (100k parts, a 10 MB header
/// line, multiparts nested a thousand deep) must cost linear time and never exhaust the stack; past a
/// bound the parser stops descending and records a problem, and the raw bytes still hold everything.
enum MailLimits {
    /// MIME nesting (multipart inside multipart, message/rfc822 inside those).
    static let maxDepth = 20
    /// Leaf and container parts visited in total.
    static let maxParts = 1_000
    /// Header fields kept per header section.
    static let maxHeaderFields = 2_000
    /// Addresses kept per address header.
    static let maxAddresses = 1_000
    /// Message ids kept per References/In-Reply-To header.
    static let maxMessageIDs = 500
    /// Characters of subject kept (the raw message has the rest).
    static let maxSubjectCharacters = 2_000
    /// Bytes of one header value that are decoded for display.
    static let maxHeaderValueBytes = 32 * 1024
}
