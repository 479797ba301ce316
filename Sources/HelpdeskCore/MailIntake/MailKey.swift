import Foundation

/// The keys the Message-ID index files mail under. Message-IDs are compared without angle brackets
/// and case-insensitively: some relays change their case, and two different messages that differ
/// only in case are far less likely than a relay that rewrites it.
public enum MailKey {
    /// The key of a Message-ID (with or without angle brackets).
    public static func id(_ messageID: String) -> String {
        var s = Substring(messageID.trimmingCharacters(in: .whitespaces))
        if s.hasPrefix("<") { s = s.dropFirst() }
        if s.hasSuffix(">") { s = s.dropLast() }
        return "id:" + s.lowercased()
    }

    /// The key of a mail without a Message-ID: a digest of its identifying headers.
    public static func headers(_ digest: String) -> String { "headers:" + digest }

    /// What makes two deliveries the same mail.
    public static func of(messageID: String?, headerDigest: String, rawDigest: String) -> String {
        if let m = messageID, !m.trimmingCharacters(in: .whitespaces).isEmpty { return id(m) }
        return headers(headerDigest.isEmpty ? rawDigest : headerDigest)
    }
}
