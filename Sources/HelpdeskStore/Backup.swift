import Foundation
import HelpdeskCore

extension FileStore {
    /// Takes a consistent copy of the store into `destination` (which must not exist, or be an empty
    /// directory) while other processes go on writing, and returns what it copied.
    ///
    /// Under the write lock, which every writer and compaction takes, it opens what `CURRENT` names
    /// (the snapshot's files) and the log segments after it, and notes where the newest segment's last
    /// complete batch ends; that takes milliseconds, and writers wait only for it. The copying happens
    /// after the lock is released, from those descriptors: snapshot files are never changed once
    /// written, segments only grow, and a compaction that deletes them meanwhile cannot take away a
    /// file that is held open. So the copy holds exactly the events acknowledged before the lock was
    /// taken. Drafts and the outbox are copied too, file by file (each file is replaced whole by its
    /// writers); presence (who is looking at what right now) is not.
    ///
    /// The copy is built beside the destination, every file and directory flushed, checked with
    /// `IntegrityCheck` (it must be clean and end at the same event), and only then renamed into place.
    /// A backup is itself a store: `helpdesk --store DIR` reads it, and `StoreRestore` brings it back.
    public func backup(to destination: URL) throws -> BackupReport {
        let target = StorePaths(destination).root
        if target == paths.root || target.hasPrefix(paths.root + "/") {
            throw BackupError.insideSource(path: target, source: paths.root)
        }
        try DurableCopy.checkTarget(target)
        let temporary = try DurableCopy.temporaryDirectory(for: target, permissions: permissions)
        do {
            let report = try copy(into: temporary, reportingAs: target)
            try DurableCopy.install(temporary, at: target)
            return report
        } catch {
            Durable.remove(temporary)
            throw error
        }
    }

    /// A file to copy, held open: its path in the copy, and how many bytes of it belong there.
    private struct HeldFile {
        var relative: String
        var path: String
        var fd: Int32
        var count: Int
    }

    private func copy(into temporary: String, reportingAs target: String) throws -> BackupReport {
        var held: [HeldFile] = []
        defer { for f in held { close(f.fd) } }
        func hold(_ path: String, as relative: String, count: ((Int32, Int) throws -> Int)? = nil) throws {
            let fd = try Durable.open(path, O_RDONLY)
            do {
                let size = try Durable.size(fd, path: path)
                held.append(HeldFile(relative: relative, path: path, fd: fd, count: try count?(fd, size) ?? size))
            } catch {
                close(fd)
                throw error
            }
        }

        var report = BackupReport(source: paths.root, directory: target, events: 0, tickets: 0, customers: 0,
                                  snapshotSeq: nil, files: 0, bytes: 0)
        var info: [UInt8] = []
        var current: [UInt8]?
        var snapshotDirectory: String?
        try lock.withExclusiveLock {
            try refresh()
            report.events = state.lastSeq
            report.tickets = state.tickets.count
            report.customers = state.customers.count
            info = try Durable.readFile(paths.info)
            if let pointer = try Self.readCurrent(paths) {
                current = try Durable.readFile(paths.current)
                report.snapshotSeq = pointer.lastSeq
                snapshotDirectory = "snapshots/" + pointer.snapshot
                let dir = paths.snapshot(pointer.snapshot)
                for name in try Durable.list(dir).sorted() where !name.contains(Durable.temporaryMarker) {
                    try hold(dir + "/" + name, as: snapshotDirectory! + "/" + name)
                }
            }
            let segments = try EventLog.segments(in: paths.log)
            let snapshotSeq = report.snapshotSeq ?? 0
            for (i, segment) in segments.enumerated() {
                let isNewest = i == segments.count - 1
                // Wholly inside the snapshot: a leftover the next compaction deletes.
                if !isNewest && segments[i + 1].firstSeq <= snapshotSeq + 1 { continue }
                let path = paths.segment(segment.name)
                try hold(path, as: "log/" + segment.name, count: isNewest ? { fd, size in
                    // Up to the last complete batch: anything after it was never acknowledged.
                    let bytes = try Durable.read(fd, offset: 0, count: size, path: path)
                    return try bytes.withUnsafeBytes { try EventLog.scan($0, baseOffset: 0, firstLine: 1, file: path).end }
                } : nil)
            }
        }

        // The store's files, from the descriptors held.
        var tally = DurableCopy.Tally()
        let copyPaths = StorePaths(URL(fileURLWithPath: temporary, isDirectory: true))
        for dir in copyPaths.directories { try permissions.makeDirectory(dir) }
        if let snapshotDirectory { try permissions.makeDirectory(temporary + "/" + snapshotDirectory) }
        for f in held {
            tally = tally + (try DurableCopy.copy(fd: f.fd, count: f.count, source: f.path,
                                                  to: temporary + "/" + f.relative, permissions: permissions))
        }
        for (name, bytes) in [("store.json", info), ("CURRENT", current)] {
            guard let bytes else { continue }
            let path = temporary + "/" + name
            let fd = try Durable.open(path, O_WRONLY | O_CREAT | O_EXCL, permissions: permissions)
            defer { close(fd) }
            try Durable.write(fd, bytes, path: path)
            try Durable.sync(fd, path: path)
            tally = tally + DurableCopy.Tally(files: 1, bytes: bytes.count)
        }
        if let snapshotDirectory { try Durable.syncDirectory(temporary + "/" + snapshotDirectory) }
        for dir in [copyPaths.log, copyPaths.snapshots] { try Durable.syncDirectory(dir) }

        // Unsent work: drafts, and mail waiting in (or sent from) the outbox.
        tally = tally + (try DurableCopy.copyTree(paths.drafts, to: copyPaths.drafts, permissions: permissions).0)
        tally = tally + (try copyOutbox(to: copyPaths.outbox))
        // Received mail (raw, attachments, quarantine, the reply-address key). Each file is written
        // whole before any record names it and never changes after, so a file-by-file copy taken
        // after the log holds every file the copied records name.
        tally = tally + (try DurableCopy.copyTree(paths.mail, to: copyPaths.mail, permissions: permissions).0)

        report.files = tally.files
        report.bytes = tally.bytes
        let check = try IntegrityCheck.check(storeAt: URL(fileURLWithPath: temporary, isDirectory: true))
        guard check.isHealthy else {
            throw BackupError.copyDiffers(path: target, reason: check.findings.prefix(3).map(\.description).joined(separator: "; "))
        }
        guard check.lastSeq == report.events, check.tickets == report.tickets, check.customers == report.customers else {
            throw BackupError.copyDiffers(path: target, reason: "it holds \(check.lastSeq) events, \(check.tickets) tickets and \(check.customers) customers; the store had \(report.events), \(report.tickets) and \(report.customers)")
        }
        return report
    }

    /// The outbox, where mail moves between `new/`, `cur/` and `sent/` by rename while it is copied:
    /// a message that left its folder during the copy is looked for once more in the others.
    private func copyOutbox(to destination: String) throws -> DurableCopy.Tally {
        let (copiedTally, copied) = try DurableCopy.copyTree(paths.outbox, to: destination, permissions: permissions)
        var tally = copiedTally
        var names = Set(copied.map { ($0 as NSString).lastPathComponent })
        for folder in (try? Durable.list(paths.outbox)) ?? [] {
            for name in (try? Durable.list(paths.outbox + "/" + folder)) ?? []
            where !names.contains(name) && !name.contains(Durable.temporaryMarker) {
                try permissions.makeDirectory(destination + "/" + folder)
                if let t = try DurableCopy.copyFile(paths.outbox + "/" + folder + "/" + name,
                                                    to: destination + "/" + folder + "/" + name, permissions: permissions) {
                    tally = tally + t
                    names.insert(name)
                }
                try Durable.syncDirectory(destination + "/" + folder)
            }
        }
        return tally
    }
}
