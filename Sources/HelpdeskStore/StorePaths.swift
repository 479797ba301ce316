import Foundation

/// Where everything lives inside a store directory.
///
///     store.json              StoreInfo (format, mode, group, creation)
///     CURRENT                 {"snapshot":"000000020417","lastSeq":20417} — the snapshot in force
///     lock                    empty; writers hold flock(LOCK_EX) on it
///     log/000000020418.jsonl  the event log, one segment per compaction, named by first sequence number
///     snapshots/000000020417/ the snapshot (see `Snapshot`)
///     presence/ drafts/ outbox/   for the console's presence, unsent drafts and outgoing mail
struct StorePaths: Sendable {
    let root: String

    init(_ url: URL) {
        var path = url.standardizedFileURL.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        root = path
    }

    var info: String { root + "/store.json" }
    var current: String { root + "/CURRENT" }
    var lock: String { root + "/lock" }
    var log: String { root + "/log" }
    var snapshots: String { root + "/snapshots" }
    var presence: String { root + "/presence" }
    var drafts: String { root + "/drafts" }
    var outbox: String { root + "/outbox" }

    var directories: [String] { [root, log, snapshots, presence, drafts, outbox] }

    func segment(_ name: String) -> String { log + "/" + name }
    func snapshot(_ name: String) -> String { snapshots + "/" + name }
}
