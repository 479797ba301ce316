import Foundation
import Glibc
import HelpdeskCore
import HelpdeskStore

/// A screen that is about one ticket tells presence which one (the ticket screen, a composer).
public protocol PresenceReporting {
    var presenceTicket: Int? { get }
}

/// This console's side of presence: publishes a heartbeat (which ticket is on screen, whether the
/// agent is writing) when it changes and every few seconds, re-reads the others' every second, and
/// withdraws the heartbeat on exit. Stale heartbeats (a dropped SSH session) age out on their own.
public final class PresenceTracker {
    let files: PresenceFiles
    let pid: Int32
    public private(set) var board = PresenceBoardView()
    private var published: Presence?
    private var lastRead: Date?
    /// Set when writing a heartbeat failed (a read-only store): presence is advisory, so say it once.
    public private(set) var failure: String?

    public init(files: PresenceFiles, pid: Int32 = getpid()) {
        self.files = files
        self.pid = pid
    }

    /// What this console is doing now: the ticket of the topmost screen about one, and whether
    /// the agent is writing: a reply screen is open (from the moment it opens until it closes, not
    /// only while keys are pressed), something above the queue holds typed work, or a form is open.
    static func activity(of console: Console) -> (ticket: Int?, composing: Bool) {
        var ticket: Int?
        for screen in console.screens.reversed() {
            if let r = screen as? PresenceReporting, let n = r.presenceTicket {
                ticket = n
                break
            }
        }
        let composing = console.screens.contains { $0.isComposing || $0.hasUnsavedWork } || console.openForm != nil
        return (ticket, composing)
    }

    /// Publishes if anything changed or the heartbeat is due, and re-reads the others' at most once a
    /// second (`force` re-reads now). True when what others are doing changed.
    @discardableResult
    public func update(console: Console, force: Bool = false) -> Bool {
        let now = console.now
        let (ticket, composing) = Self.activity(of: console)
        let due = published.map { p in
            p.ticket != ticket || p.composing != composing || p.agent != console.me
                || abs(now.timeIntervalSince(p.at)) >= Presence.renewal
        } ?? true
        if due || force {
            let beat = Presence(agent: console.me, pid: pid, host: files.host, ticket: ticket, composing: composing, at: now)
            do {
                try files.publish(beat)
                published = beat
            } catch {
                if failure == nil { failure = "presence is not shared: \(error)" }
                published = beat   // do not retry every frame
            }
        }
        guard force || lastRead.map({ abs(now.timeIntervalSince($0)) >= 1 }) ?? true else { return false }
        lastRead = now
        let before = board
        board = PresenceBoardView(files.read(), now: now, excludingPID: pid, host: files.host)
        return board != before
    }

    public func withdraw() {
        files.withdraw()
        published = nil
    }

    /// Agents with a live console, this one included.
    public func online(me: String) -> Set<String> { board.onlineAgents.union([me]) }

    /// "dana is replying, lee is viewing" for a ticket, or nil when nobody else is on it.
    public func summary(ofTicket number: Int, state: HelpdeskState) -> String? {
        let here = board.on(ticket: number)
        guard !here.isEmpty else { return nil }
        return here.map { "\(state.agents[$0.agent]?.displayName.split(separator: " ").first.map(String.init) ?? $0.agent) is \($0.activity)" }
            .joined(separator: ", ")
    }

    /// "Sam is also replying" for the reply screen: the other agents writing on a ticket, or nil.
    public func alsoReplying(onTicket number: Int, state: HelpdeskState) -> String? {
        let names = board.on(ticket: number).filter(\.composing).map {
            state.agents[$0.agent]?.displayName.split(separator: " ").first.map(String.init) ?? $0.agent
        }
        guard !names.isEmpty else { return nil }
        return names.joined(separator: ", ") + (names.count == 1 ? " is" : " are") + " also replying"
    }

    /// The short marker a queue row gets: "✎dana" (replying) or "◉dana" (viewing).
    public func marker(ofTicket number: Int, unicode: Bool) -> String? {
        let here = board.on(ticket: number)
        guard let first = here.first else { return nil }
        let glyph = first.composing ? (unicode ? "✎" : "!") : (unicode ? "◉" : "@")
        return glyph + first.agent + (here.count > 1 ? "+\(here.count - 1)" : "")
    }
}

extension TicketScreen: PresenceReporting {
    public var presenceTicket: Int? { number }
}
