import Foundation
import HelpdeskCore

extension FileStore {
    /// Writes a snapshot of the current state and retires the log before it, so the next open reads
    /// the snapshot and replays nothing. Crash-safe at every step:
    ///
    /// 1. the snapshot is written into a temporary directory, every file `fsync`ed, the directory
    ///    renamed into place and `snapshots/` flushed;
    /// 2. a new, empty log segment starting after the snapshot is created durably;
    /// 3. `CURRENT` is replaced atomically (temp file, fsync, rename, fsync) — the switch;
    /// 4. only then are old segments and snapshots deleted.
    ///
    /// A crash before 3 leaves `CURRENT` naming the old snapshot and every segment still there; after
    /// 3, segments the snapshot covers are skipped at open and deleted by the next compaction or
    /// `helpdesk check --repair`. Either way the store opens to the same state.
    public func compact() throws {
        try lock.withExclusiveLock {
            do {
                try catchUp(repair: true)
            } catch is LogTail.Vanished {
                try reload()
            }
            try compactLocked()
        }
    }

    /// Compacts; the caller holds the lock and has caught up.
    func compactLocked() throws {
        let seq = state.lastSeq
        if let snapshot, snapshot.lastSeq >= seq { return }
        guard seq > 0 else { return }

        // 1. The snapshot.
        let name = Snapshot.directoryName(lastSeq: seq)
        let finalDirectory = paths.snapshot(name)
        let temporary = Durable.temporaryName(for: finalDirectory)
        try permissions.makeDirectory(temporary)
        let result: SnapshotWriter.Result
        do {
            result = try SnapshotWriter(directory: temporary, permissions: permissions)
                .write(state: state, previous: snapshot, tail: tail, createdAt: clock())
            // A directory of this name can only be left over from a compaction that crashed before
            // switching CURRENT to it (CURRENT names an older one, or we would not be here).
            if Durable.exists(finalDirectory) { Durable.remove(finalDirectory) }
            guard rename(temporary, finalDirectory) == 0 else {
                throw StoreError.writeFailed(path: finalDirectory, reason: StoreError.text(errno))
            }
            try Durable.syncDirectory(paths.snapshots)
        } catch {
            Durable.remove(temporary)
            throw error
        }

        // 2. The next segment.
        let segmentName = EventLog.segmentName(firstSeq: seq + 1)
        let segmentPath = paths.segment(segmentName)
        let fd = try Durable.open(segmentPath, O_WRONLY | O_CREAT, permissions: permissions)
        try Durable.sync(fd, path: segmentPath)
        close(fd)
        try Durable.syncDirectory(paths.log)

        // 3. The switch.
        let pointer = try [UInt8](StoreJSON.encoder().encode(CurrentPointer(snapshot: name, lastSeq: seq))) + [0x0A]
        try Durable.replace(paths.current, with: pointer, permissions: permissions)

        // Carry on from the new snapshot in memory too.
        snapshot = try Snapshot(directory: finalDirectory, manifest: result.manifest,
                                threadSpans: result.threadSpans, customerSpans: result.customerSpans)
        tail = LogTail()
        tail.lastLogSeq = seq
        try tail.open(firstSeq: seq + 1, path: segmentPath)

        // 4. Retire what the snapshot replaced. Failures here are harmless (skipped at open, and
        // removed by the next compaction), so they do not fail the compaction.
        for segment in (try? EventLog.segments(in: paths.log)) ?? [] where segment.firstSeq <= seq {
            unlink(paths.segment(segment.name))
        }
        try? Durable.syncDirectory(paths.log)
        for entry in (try? Durable.list(paths.snapshots)) ?? [] where entry != name {
            Durable.remove(paths.snapshot(entry))
        }
        try? Durable.syncDirectory(paths.snapshots)
    }
}
