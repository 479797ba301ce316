import Foundation

/// What one `StoreTorture` run did and found: figures per kind of participant, what repair had to
/// do, and every broken promise (`violations`), each described so it can be looked up in the store.
public struct StoreTortureReport: Codable, Sendable {
    /// One kind of participant's figures.
    public struct Figures: Codable, Sendable, Equatable {
        /// Commands started.
        public var attempted = 0
        /// Exited 0 and printed what they did (a note's event number, a ticket number).
        public var acknowledged = 0
        /// Killed by the harness before they finished (may or may not have landed).
        public var killed = 0
        /// Refused with the conflict status (3), as an import may be when another took its number.
        public var refused = 0
        /// Anything else: every one of these is also a violation.
        public var failed = 0

        public init() {}
    }

    /// A promise the store broke.
    public struct Violation: Codable, Sendable, Equatable, CustomStringConvertible {
        /// Short and stable, for grouping and for tests: see `Kind`.
        public var kind: String
        public var detail: String

        public var description: String { "\(kind): \(detail)" }

        public init(_ kind: Kind, _ detail: String) {
            self.kind = kind.rawValue
            self.detail = detail
        }
    }

    /// The kinds of violation.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// An acknowledged note is not in the ticket's thread.
        case lostAcknowledged = "lost-acknowledged"
        /// A note, import or ticket appears more than once.
        case duplicated
        /// One event or ticket number was acknowledged to two different commands.
        case numberAcknowledgedTwice = "number-acknowledged-twice"
        /// The number a command acknowledged does not name what it wrote.
        case acknowledgedWrongNumber = "acknowledged-wrong-number"
        /// Ticket numbers repeat or have gaps.
        case ticketNumbers = "ticket-numbers"
        /// `helpdesk check` finds damage that is not a repairable torn tail (or repair left some).
        case checkFailed = "check-failed"
        /// A command failed during the run for a reason other than a conflict.
        case commandFailed = "command-failed"
        /// A command died of a signal the harness did not send (a trap, an abort).
        case crashed
        /// A command ran longer than the per-command limit (killed).
        case hung
        /// A command exited 0 but did not print what it did.
        case unreadableAcknowledgement = "unreadable-acknowledgement"
        /// After the run the store does not open, or does not take a write.
        case storeUnusable = "store-unusable"
    }

    public var seed: UInt64
    public var requestedSeconds: Double
    /// Wall-clock time of the concurrent phase, of building the store, and of verifying.
    public var runSeconds = 0.0
    public var buildSeconds = 0.0
    public var verifySeconds = 0.0
    public var store: String
    /// True when the store was left on disk (asked for, or kept as evidence of a violation).
    public var storeKept = false
    public var tickets = 0
    public var noteTicket = 0
    public var writers = 0
    public var importers = 0
    public var creators = 0
    public var kills = false
    /// True when the run was cut short (`StoreTorture.cancel()`, Ctrl-C).
    public var interrupted = false
    /// SIGKILLs sent by the killer (some reach a process that had just finished).
    public var killsSent = 0
    public var notes = Figures()
    public var imports = Figures()
    public var newTickets = Figures()
    /// What `helpdesk check --repair` said it did after the run.
    public var repairs: [String] = []
    public var violations: [Violation] = []
    /// Seconds into the run at which the earliest command a violation names started: how fast the
    /// run caught the problem (nil when no violation names a command, e.g. only `check` failed).
    public var firstViolationSeconds: Double?

    public var passed: Bool { violations.isEmpty }

    public var total: Figures {
        var t = Figures()
        for f in [notes, imports, newTickets] {
            t.attempted += f.attempted
            t.acknowledged += f.acknowledged
            t.killed += f.killed
            t.refused += f.refused
            t.failed += f.failed
        }
        return t
    }

    /// How many violations of each kind, most frequent first.
    public var violationCounts: [(kind: String, count: Int)] {
        var counts: [String: Int] = [:]
        for v in violations { counts[v.kind, default: 0] += 1 }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    init(seed: UInt64, requestedSeconds: Double, store: String) {
        self.seed = seed
        self.requestedSeconds = requestedSeconds
        self.store = store
    }
}
