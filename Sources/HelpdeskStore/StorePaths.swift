import Foundation

/// Where everything lives inside a store directory.
///
///     store.json              StoreInfo (format, mode, group, creation; a team store's id and creator key)
///     lock                    empty; writers hold flock(LOCK_EX) on it
///     log/000000020418.jsonl  the event log, one segment per compaction, named by first sequence number
///     log/CURRENT             {"snapshot":"000000020417","lastSeq":20417} — the snapshot in force
///     snapshots/000000020417/ the snapshot (see `Snapshot`)
///     presence/ drafts/ outbox/   for the console's presence, unsent drafts and outgoing mail
///     keys/<login>.pub        a team store's published public keys (sticky: each owned by its login)
///     lost+found/             what `check --repair` set aside
///
/// `CURRENT` lives in `log/` because every writer must be able to replace it while nobody but the
/// creator may replace anything in a team store's root (which holds `store.json`, the trust anchor).
/// Stores created before that keep theirs at the root: `current` is wherever the store has it.
struct StorePaths: Sendable {
    let root: String
    /// `CURRENT`: in `log/`, or at the root in a store created before it moved.
    let current: String

    init(_ url: URL) {
        var path = url.standardizedFileURL.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        root = path
        let legacy = path + "/CURRENT"
        current = Durable.exists(legacy) ? legacy : path + "/log/CURRENT"
    }

    var info: String { root + "/store.json" }
    var lock: String { root + "/lock" }
    var log: String { root + "/log" }
    var snapshots: String { root + "/snapshots" }
    var presence: String { root + "/presence" }
    var drafts: String { root + "/drafts" }
    var outbox: String { root + "/outbox" }
    var keys: String { root + "/keys" }
    var lostFound: String { root + "/lost+found" }

    /// The directories every member writes in (the root and `keys/` have modes of their own).
    var directories: [String] { [root, log, snapshots, presence, drafts, outbox, lostFound] }

    func segment(_ name: String) -> String { log + "/" + name }
    func snapshot(_ name: String) -> String { snapshots + "/" + name }
    func publicKey(_ login: String) -> String { keys + "/" + login + ".pub" }
}
