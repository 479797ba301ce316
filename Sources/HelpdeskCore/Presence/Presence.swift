import Foundation

/// One console's heartbeat: who is at it, which ticket they are looking at, and whether they are
/// writing something. Consoles rewrite theirs every few seconds; one not renewed within `lifetime`
/// (the console exited, crashed, or its SSH session dropped) no longer counts.
public struct Presence: Codable, Sendable, Equatable, Hashable {
    public var agent: String
    /// The console's process id and host: a console on this host whose process is gone is ignored
    /// at once, without waiting for its heartbeat to age.
    public var pid: Int32
    public var host: String
    /// The ticket on screen, if any.
    public var ticket: Int?
    /// Writing a reply or note (or filling in a form) on that ticket.
    public var composing: Bool
    /// When the heartbeat was written.
    public var at: Date

    /// How long a heartbeat counts without being renewed.
    public static let lifetime: TimeInterval = 10
    /// How often a console renews its heartbeat when nothing else changed.
    public static let renewal: TimeInterval = 3

    public init(agent: String, pid: Int32, host: String, ticket: Int? = nil, composing: Bool = false, at: Date) {
        self.agent = agent
        self.pid = pid
        self.host = host
        self.ticket = ticket
        self.composing = composing
        self.at = at
    }

    /// Still counts at `now`: renewed within the lifetime (a clock a little ahead is tolerated).
    public func isFresh(at now: Date) -> Bool {
        let age = now.timeIntervalSince(at)
        return age <= Self.lifetime && age >= -Self.lifetime
    }

    /// "dana is viewing" / "dana is replying".
    public var activity: String { composing ? "replying" : "viewing" }
}

/// Who else is where, from the live heartbeats of other consoles.
public struct PresenceBoardView: Sendable, Equatable {
    public private(set) var others: [Presence]

    /// Keeps the fresh heartbeats that are not this console's own (`me`, `pid` on `host`).
    public init(_ all: [Presence], now: Date, excludingPID pid: Int32, host: String) {
        others = all.filter { $0.isFresh(at: now) && !($0.pid == pid && $0.host == host) }
            .sorted { ($0.agent, $0.pid) < ($1.agent, $1.pid) }
    }

    public init() { others = [] }

    /// The agents on a ticket, composing ones first, each agent once.
    public func on(ticket number: Int) -> [Presence] {
        var seen: [String: Presence] = [:]
        for p in others where p.ticket == number {
            if let already = seen[p.agent], already.composing || !p.composing { continue }
            seen[p.agent] = p
        }
        return seen.values.sorted { $0.composing != $1.composing ? $0.composing : $0.agent < $1.agent }
    }

    /// Agents with at least one live console.
    public var onlineAgents: Set<String> { Set(others.map(\.agent)) }
}
