import Foundation

/// Where everything lives inside a store directory.
///
///     store.json              StoreInfo (format, mode, group, creation; a team store's id and creator key)
///     lock                    empty; writers hold flock(LOCK_EX) on it
///     log/000000020418.jsonl  the event log, one segment per compaction, named by first sequence number
///     CURRENT (log/CURRENT in a team store)   {"snapshot":"000000020417","lastSeq":20417} — the snapshot in force
///     snapshots/000000020417/ the snapshot (see `Snapshot`)
///     presence/ drafts/ outbox/   for the console's presence, unsent drafts and outgoing mail
///     mail/raw/ab/<sha256>    every received message, whole, by the SHA-256 of its bytes (`MailArchive`)
///     mail/parts/ab/<sha256>  attachments of received mail, each stored once
///     mail/quarantine/ab/<sha256>  messages over the size limit, kept unread
///     mail/secret             the key of reply addresses (`ReplyKeys`)
///     keys/<login>.pub        a team store's published public keys (sticky: each owned by its login)
///     lost+found/             what `check --repair` set aside
///
/// A team store keeps `CURRENT` in `log/`: every writer must be able to replace it, while nobody but
/// the creator may replace anything in a team store's root (which holds `store.json`, the trust
/// anchor). Single-user and demo stores, and team stores made before, keep it at the root:
/// `current` is wherever the store has it (a team store's root is setgid).
struct StorePaths: Sendable {
    let root: String
    init(_ url: URL) {
        var path = url.standardizedFileURL.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        root = path
    }

    /// `CURRENT`: in `log/` in a team store, else at the root; wherever it already is if it exists.
    /// Decided afresh each time (a stat or two), so it is right from the moment the store's
    /// directories exist.
    var current: String {
        let inLog = root + "/log/CURRENT"
        if Durable.exists(inLog) { return inLog }
        let atRoot = root + "/CURRENT"
        if Durable.exists(atRoot) { return atRoot }
        var st = stat()
        return stat(root, &st) == 0 && st.st_mode & S_ISGID != 0 ? inLog : atRoot
    }

    var info: String { root + "/store.json" }
    var lock: String { root + "/lock" }
    var log: String { root + "/log" }
    var snapshots: String { root + "/snapshots" }
    var presence: String { root + "/presence" }
    var drafts: String { root + "/drafts" }
    var outbox: String { root + "/outbox" }
    var keys: String { root + "/keys" }
    var mail: String { root + "/mail" }
    var lostFound: String { root + "/lost+found" }

    /// The directories every member writes in (the root and `keys/` have modes of their own).
    var directories: [String] { [root, log, snapshots, presence, drafts, outbox, mail, lostFound] }

    func segment(_ name: String) -> String { log + "/" + name }
    func snapshot(_ name: String) -> String { snapshots + "/" + name }
    func publicKey(_ login: String) -> String { keys + "/" + login + ".pub" }
}
