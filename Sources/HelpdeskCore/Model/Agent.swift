/// Someone who answers customers.
public struct Agent: Codable, Sendable, Equatable {
    /// The Unix login name: the acting identity.
    public var login: String
    public var displayName: String
    public var role: AgentRole
    public var signature: String?
    /// Agents taken off the roster keep their history but get no new work.
    public var active: Bool
    /// In a team store: the agent's Ed25519 public key (base64), vouched for by the supervisor who
    /// saved this roster entry. Every record the agent writes is signed with the matching private key.
    public var publicKey: String?

    public init(login: String, displayName: String, role: AgentRole = .agent, signature: String? = nil,
                active: Bool = true, publicKey: String? = nil) {
        self.login = login
        self.displayName = displayName
        self.role = role
        self.signature = signature
        self.active = active
        self.publicKey = publicKey
    }

    public var isSupervisor: Bool { role == .supervisor }
}
