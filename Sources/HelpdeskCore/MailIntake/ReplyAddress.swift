import Foundation

/// The second threading key, which survives providers that rewrite Message-IDs (Amazon SES, Office
/// 365: osTicket#4268, freescout#5620): our replies carry `Reply-To: support+t1042.k7f3a91c@domain`,
/// the customer's client answers to it, and the tag proves the number was ours — it is a keyed hash
/// of the ticket number with a per-store secret (computed by the store, `ReplyKeys`), so a stranger
/// cannot make one for another ticket.
public enum ReplyAddress {
    /// `local+t1042.tag@domain` for the support address `local@domain`; nil when the support address
    /// is not an address.
    public static func make(supportAddress: String, ticket: Int, tag: String) -> String? {
        guard let (local, domain) = split(supportAddress) else { return nil }
        let base = local.split(separator: "+", maxSplits: 1).first.map(String.init) ?? local
        return "\(base)+t\(ticket).\(tag)@\(domain)"
    }

    /// The ticket number and tag in `address`, when it is a reply address of the support address
    /// (same local part before `+`, same domain, case-insensitively); nil for any other address.
    public static func parse(_ address: String, supportAddress: String) -> (ticket: Int, tag: String)? {
        guard let (local, domain) = split(address), let (supportLocal, supportDomain) = split(supportAddress) else { return nil }
        guard domain.lowercased() == supportDomain.lowercased() else { return nil }
        let base = supportLocal.split(separator: "+", maxSplits: 1).first.map(String.init) ?? supportLocal
        let parts = local.split(separator: "+", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == base.lowercased() else { return nil }
        let key = parts[1].lowercased()
        guard key.hasPrefix("t"), let dot = key.firstIndex(of: ".") else { return nil }
        let digits = key[key.index(after: key.startIndex)..<dot]
        let tag = String(key[key.index(after: dot)...])
        // At most 9 digits: no number this long overflows, and none longer is a ticket.
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(digits), !tag.isEmpty, tag.count <= 64 else { return nil }
        return (n, tag)
    }

    private static func split(_ address: String) -> (String, String)? {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard let at = trimmed.lastIndex(of: "@") else { return nil }
        let local = String(trimmed[..<at])
        let domain = String(trimmed[trimmed.index(after: at)...])
        guard !local.isEmpty, !domain.isEmpty else { return nil }
        return (local, domain)
    }
}
