import Foundation
import HelpdeskCore

/// Takes the mail a fetcher (mbsync, getmail, offlineimap …) delivered into a Maildir: every message
/// in `new/` is stored and filed (`MailIntake`), and only once that is durable is it moved to `cur/`
/// with the Seen flag (`:2,S`). A crash at any point leaves each message either in `new/` — taken
/// again next time, and found to be stored already (its Message-ID) if it was — or in `cur/`, stored.
/// So re-running makes no duplicates, and nothing is lost.
///
/// Messages go in batches: one append (one `fdatasync` of the log) and one flush of `cur/` per batch.
public struct MaildirIngest {
    public let intake: MailIntake
    public let maildir: String
    /// Messages per append.
    public var batchSize = 200

    public init(intake: MailIntake, maildir: String) {
        self.intake = intake
        var path = maildir
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.maildir = path
    }

    /// What one pass did.
    public struct Report: Sendable, Equatable {
        public var stored = 0
        public var duplicates = 0
        public var newTickets = 0
        /// Names left in `new/`, and why.
        public var failed: [String] = []
        public init() {}
    }

    /// Why the Maildir cannot be used.
    public struct NotAMaildir: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "\(Sanitizer.sanitize(path)) is not a Maildir (it needs new/ and cur/ directories)" }
    }

    /// The messages waiting in `new/`, oldest name first.
    public func waiting() throws -> [String] {
        guard Durable.exists(maildir + "/new"), Durable.exists(maildir + "/cur") else { throw NotAMaildir(path: maildir) }
        return try Durable.list(maildir + "/new").filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Takes everything in `new/` once. `progress(done, total)` is called after each batch.
    public func run(at now: () -> Date = { Date() }, progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        let names = try waiting()
        var report = Report()
        var start = 0
        while start < names.count {
            let batch = Array(names[start..<min(names.count, start + batchSize)])
            try take(batch, at: now(), report: &report)
            start += batch.count
            progress(start, names.count)
        }
        return report
    }

    /// Stores one batch and moves what was stored to `cur/`; when the batch as a whole is refused,
    /// each message is tried alone so one bad message cannot hold up the rest. A store that cannot
    /// be written at all stops the pass (the messages stay in `new/`).
    private func take(_ names: [String], at: Date, report: inout Report) throws {
        var raws: [(String, [UInt8])] = []
        for name in names {
            do {
                raws.append((name, try Durable.readFile(maildir + "/new/" + name)))
            } catch {
                // Taken by another reader of the Maildir meanwhile, or unreadable: left where it is.
                if Durable.exists(maildir + "/new/" + name) { report.failed.append("\(name): \(error)") }
            }
        }
        guard !raws.isEmpty else { return }
        do {
            let results = try intake.receive(batch: raws.map(\.1), at: at)
            try finish(zip(raws.map(\.0), results).map { ($0, $1) }, report: &report)
        } catch let e as StoreError {
            throw e
        } catch {
            guard raws.count > 1 else {
                report.failed.append("\(raws[0].0): \(error)")
                return
            }
            for (name, raw) in raws {
                do {
                    let result = try intake.receive(raw, at: at)
                    try finish([(name, result)], report: &report)
                } catch let e as StoreError {
                    throw e
                } catch {
                    report.failed.append("\(name): \(error)")
                }
            }
        }
    }

    private func finish(_ done: [(String, MailIntake.Result)], report: inout Report) throws {
        for (name, result) in done {
            switch result.outcome {
            case .filed(_, let isNew, _):
                report.stored += 1
                if isNew { report.newTickets += 1 }
            case .duplicate:
                report.duplicates += 1
            }
            let target = maildir + "/cur/" + Self.seenName(name)
            if rename(maildir + "/new/" + name, target) != 0 && errno != ENOENT {
                throw StoreError.writeFailed(path: target, reason: StoreError.text(errno))
            }
        }
        try Durable.syncDirectory(maildir + "/cur")
        try Durable.syncDirectory(maildir + "/new")
    }

    /// The Maildir name with the Seen flag: `name:2,S`, or `S` added to the flags it has (kept sorted).
    static func seenName(_ name: String) -> String {
        guard let r = name.range(of: ":2,") else { return name + ":2,S" }
        let flags = name[r.upperBound...]
        if flags.contains("S") { return name }
        return String(name[..<r.upperBound]) + String((flags + "S").sorted())
    }

    /// Watches `new/` (inotify; polling where that is unavailable), for `--watch`.
    public func watcher() -> ChangeFeed { ChangeFeed(watching: maildir + "/new") }
}
