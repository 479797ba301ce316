/// One address of a header (display name decoded from RFC 2047).
///
/// `address` is the addr-spec as written (local part case kept: only the domain is case-insensitive,
/// and matching is the caller's business); `name` is the decoded, sanitised display name, nil when the
/// header carried none.
public struct MailAddress: Sendable, Equatable, Codable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
}
