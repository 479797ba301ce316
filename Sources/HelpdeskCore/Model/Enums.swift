/// Where a ticket is in its life. The order of cases is the order a ticket usually moves through.
public enum TicketStatus: String, Codable, Sendable, CaseIterable, Comparable {
    case new, open, pending, onHold, solved, closed

    /// Open means someone still owes the customer something.
    public var isOpen: Bool { self == .new || self == .open || self == .pending || self == .onHold }
    /// Statuses in which SLA clocks pause: the ball is in someone else's court.
    public var pausesClock: Bool { self == .pending || self == .onHold }
    public var label: String { self == .onHold ? "on hold" : rawValue }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
    /// Accepts the raw value, the label, or a case-insensitive spelling such as `on-hold`.
    public init?(loose text: String) {
        let key = text.lowercased().filter { $0.isLetter }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) else { return nil }
        self = match
    }
}

/// How urgent a ticket is. Comparable so queries can say `priority:>=high`.
public enum Priority: String, Codable, Sendable, CaseIterable, Comparable {
    case low, normal, high, urgent
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
    public init?(loose text: String) {
        guard let p = Self(rawValue: text.lowercased()) else { return nil }
        self = p
    }
}

/// How the customer reached us.
public enum Channel: String, Codable, Sendable, CaseIterable {
    case phone, email, chat, walkIn = "walk-in", web
    public init?(loose text: String) {
        let key = text.lowercased().filter { $0.isLetter }
        guard let c = Self.allCases.first(where: { $0.rawValue.filter({ $0.isLetter }) == key }) else { return nil }
        self = c
    }
}

/// What a message in a thread is: from the customer, a public reply from an agent, or an internal note.
public enum MessageKind: String, Codable, Sendable, CaseIterable {
    case customer, reply, note
}

/// What an agent may do: supervisors manage the roster and see everyone's numbers.
public enum AgentRole: String, Codable, Sendable, CaseIterable {
    case agent, supervisor
}

/// The life of a promise made to a customer.
public enum PromiseState: String, Codable, Sendable, CaseIterable {
    case open, kept, missed
}
