/// Someone who answers customers.
public struct Agent: Codable, Sendable, Equatable {
    /// The Unix login name: the acting identity.
    public var login: String
    public var displayName: String
    public var role: AgentRole
    public var signature: String?
    /// Agents taken off the roster keep their history but get no new work.
    public var active: Bool

    public init(login: String, displayName: String, role: AgentRole = .agent, signature: String? = nil,
                active: Bool = true) {
        self.login = login
        self.displayName = displayName
        self.role = role
        self.signature = signature
        self.active = active
    }

    public var isSupervisor: Bool { role == .supervisor }
}
