import Foundation
import HelpdeskCore

/// Why the store could not be opened, read or written. Each message is one sentence that says what
/// happened and, where there is one, what to do about it; what it quotes from a file (a damaged
/// record's text, a path) is neutralised by `Sanitizer`, since it is printed to terminals.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The directory has no `store.json`.
    case notAStore(path: String)
    /// `helpdesk init` was pointed at a directory that already holds a store.
    case alreadyExists(path: String)
    /// The store was written by a newer helpdesk.
    case newerFormat(path: String, format: Int, supported: Int)
    /// A record in the middle of a file is damaged; nothing after it is trusted.
    case corrupt(file: String, line: Int, reason: String)
    /// A file or directory could not be read (missing permission, I/O error…).
    case unreadable(path: String, reason: String)
    /// A write was attempted on a store this process may only read.
    case readOnly(path: String)
    /// Writing failed (disk full, I/O error…); the change was not acknowledged.
    case writeFailed(path: String, reason: String)
    /// `fsync`/`fdatasync` failed: the kernel may have dropped the data, so the write is not durable.
    case syncFailed(path: String, reason: String)
    /// A shared store names a Unix group that does not exist.
    case unknownGroup(String)
    /// `store.json` or `CURRENT` exists but is not what this helpdesk wrote.
    case invalidMetadata(path: String, reason: String)
    /// The store ends before a sequence number already seen on it: records were removed.
    case wentBackwards(path: String, seen: Int, now: Int)
    /// A file that must be written only by one user (the store's creator, an agent) could have been
    /// written or replaced by someone else, so it is not used.
    case untrusted(path: String, reason: String)
    /// Another writer held the lock longer than this process was willing to wait (the mail channel).
    case lockTimedOut(path: String, seconds: Double)

    public var description: String { Sanitizer.sanitize(text) }

    private var text: String {
        switch self {
        case .notAStore(let p):
            "no helpdesk store at \(p); create one with `helpdesk init` or `helpdesk demo`"
        case .alreadyExists(let p):
            "there is already a helpdesk store at \(p); open it, or choose another directory with --store"
        case .newerFormat(let p, let f, let s):
            "store at \(p) is format \(f); this helpdesk reads up to \(s) — upgrade helpdesk"
        case .corrupt(let file, let line, let reason):
            "\(file):\(line): \(reason) — the store is damaged; run `helpdesk check` for a full report"
        case .unreadable(let p, let r):
            "cannot read \(p): \(r)"
        case .readOnly(let p):
            "the store at \(p) is read-only for you; changes cannot be saved (check the directory's permissions or group)"
        case .writeFailed(let p, let r):
            "could not write \(p): \(r); the change was not saved"
        case .syncFailed(let p, let r):
            "could not flush \(p) to disk: \(r); the change may not be durable and was not acknowledged — check the disk before writing again"
        case .unknownGroup(let g):
            "there is no Unix group named '\(g)'; create it (groupadd \(g)) or choose an existing group"
        case .invalidMetadata(let p, let r):
            "\(p) is not a valid helpdesk file: \(r); run `helpdesk check`"
        case .wentBackwards(let p, let seen, let now):
            "the store at \(p) ends at record #\(now), but record #\(seen) was already seen on it: records were removed "
                + "(a log segment deleted or emptied, or an older copy put back). Nothing was written, so no number is given "
                + "out twice; run `helpdesk check`, and restore the missing records from a backup "
                + "(if you put an older copy back on purpose, `helpdesk check --accept-rollback` accepts it)"
        case .untrusted(let p, let r):
            "\(p) cannot be trusted: \(r)"
        case .lockTimedOut(let p, let s):
            "another process held the store's write lock (\(p)) for more than \(Int(s)) seconds; nothing was written — try again later"
        }
    }

    /// The C library's text for an errno value.
    static func text(_ code: Int32) -> String { String(cString: strerror(code)) }
}
