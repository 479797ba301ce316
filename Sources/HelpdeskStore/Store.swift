import Foundation
import HelpdeskCore

/// What the console and the CLI need from a store. The JSON file store implements it; a database
/// backend could later, without touching its callers.
///
/// Everything a caller needs is here or in the protocols it composes — presence (`PresenceBackend`),
/// drafts, the outbox and sending (`ReplyStorage`), raw mail and attachments (`MailArchiveBackend`),
/// search and history — so nothing outside the store ever downcasts to `FileStore`. Administration
/// that only makes sense for files (compaction, integrity check, backup and restore, benchmarks,
/// team signing keys) stays `FileStore` API, used where a file store is opened explicitly.
///
/// A store is used from one thread at a time (the console's event loop, or a CLI command).
public protocol Store: PresenceBackend, ReplyStorage, MailArchiveBackend {
    /// Where the store lives, for display (a directory path for the file store).
    var location: String { get }
    /// The agent login every change is recorded under.
    var actor: String { get }
    /// Format, mode and creation details from `store.json`.
    var info: StoreInfo { get }
    /// Everything known as of the last `refresh()` or `append`: ticket summaries (no threads),
    /// customers, agents, promises, templates, settings.
    var state: HelpdeskState { get }

    /// Reads what other processes appended since the last look — only the new records — and folds
    /// it into `state`. Returns the new events, oldest first (empty when nothing changed).
    @discardableResult
    func refresh() throws -> [Event]

    /// True when the last `refresh()` had to re-read the whole store (another process compacted it):
    /// the state may have changed beyond the events it returned, so callers redraw everything.
    var lastRefreshReloaded: Bool { get }

    /// Validates the changes against the newest state and appends them as one batch. Returns only
    /// after the batch is durable on disk, with the events as written (numbers and ids allocated,
    /// sequence numbers set). Throws `ChangeError` (stale, not found, invalid) with nothing written,
    /// or `StoreError` when the disk refuses.
    @discardableResult
    func append(_ changes: [Change]) throws -> [Event]

    /// Appends the changes `plan` makes from the newest state, in one step with the write: for a
    /// writer whose changes depend on what is there (the mail channel's threading and Message-ID
    /// check, so the same mail delivered twice at once is filed once). `plan` returns no changes to
    /// write nothing.
    @discardableResult
    func append(planning plan: (HelpdeskState) throws -> [Change]) throws -> [Event]

    /// A ticket with its thread loaded (message bodies are read on demand, not kept in `state`).
    func ticket(_ number: Int) throws -> Ticket

    /// Every event about a ticket (including its promises and rating), oldest first: its history.
    func history(ofTicket number: Int) throws -> [Event]

    /// Every event about a customer record, oldest first.
    func history(ofCustomer id: String) throws -> [Event]

    /// Every event the store holds, oldest first, numbered 1, 2, 3… up to `state.lastSeq` (what
    /// `helpdesk export` writes); an event missing from the sequence is an error, never skipped.
    func allEvents() throws -> [Event]

    /// Full-text search over subjects, messages, notes, tags and customers; every word must match.
    /// Ticket numbers, most recently updated first.
    func search(_ text: String) -> [Int]

    /// The first `limit` tickets of `search(text)` (all when nil) and how many matched in all.
    func search(_ text: String, limit: Int?) -> SearchPage

    /// Tickets whose subject, messages or tags contain `word` (the queue filter's body matches).
    func ticketsMentioning(_ word: String) -> Set<Int>

    /// Wakes readers when another process may have written. Poll its descriptor, then `refresh()`.
    var changeFeed: ChangeFeed { get }
}

/// How a store is shared, which decides whether `--as` may pick the acting agent.
public enum StoreMode: String, Codable, Sendable {
    /// One person's store: `--as` / `$HELPDESK_AGENT` may act as anyone on the roster.
    case single
    /// A team store shared through a Unix group: the acting agent is always the login name.
    case shared
    /// Generated demo data: `--as` is honoured, and `defaultAgent` is used when the login is not on the roster.
    case demo
}

/// The contents of `store.json`.
public struct StoreInfo: Codable, Sendable, Equatable {
    /// The on-disk format; a store with a newer format than `StoreInfo.currentFormat` is refused.
    public var format: Int
    public var mode: StoreMode
    /// The Unix group of a shared store.
    public var group: String?
    public var createdAt: Date
    public var createdBy: String
    /// For demo stores: the agent a console acts as when the login name is not on the roster.
    public var defaultAgent: String?
    /// A random identity given at creation (absent in stores made before ids): part of every signed
    /// message of a team store, so a record signed for one store is worthless in another, and of the
    /// key under which `SeenPositions` remembers how far each user saw the store.
    public var id: String?
    /// A team store's trust anchor: the creator's Ed25519 public key (base64), which signs the first
    /// roster entry. `store.json` is owned by the creator and nobody else can write or replace it.
    public var creatorKey: String?

    public static let currentFormat = 1

    /// A fresh random store id: 32 hex digits (128 random bits).
    public static func newID() -> String {
        (0..<4).map { _ in String(format: "%08x", UInt32.random(in: 0...UInt32.max)) }.joined()
    }

    public init(format: Int = StoreInfo.currentFormat, mode: StoreMode, group: String? = nil,
                createdAt: Date, createdBy: String, defaultAgent: String? = nil,
                id: String? = nil, creatorKey: String? = nil) {
        self.format = format
        self.mode = mode
        self.group = group
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.defaultAgent = defaultAgent
        self.id = id
        self.creatorKey = creatorKey
    }

    /// Whether records are signed and checked: a team store created with signing keys.
    public var isSigned: Bool { mode == .shared && id != nil && creatorKey != nil }
}
