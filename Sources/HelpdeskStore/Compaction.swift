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
            try catchUpToTheEnd()
            try compactLocked()
        }
    }

    /// Compacts; the caller holds the lock and has caught up (`catchUpToTheEnd`).
    ///
    /// The new snapshot is built from this process's state (read from checked records) and the
    /// previous snapshot's history lines, each checked as it is copied (`SnapshotWriter`): damage is
    /// refused, never copied forward under fresh checksums.
    func compactLocked() throws {
        let seq = state.lastSeq
        if let snapshot, snapshot.lastSeq >= seq { return }
        guard seq > 0 else { return }
        removeLeftoversLocked()

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
        // removed by the next open or compaction), so they do not fail the compaction.
        removeLeftoversLocked()
    }

    /// What compactions leave behind for others to remove: temporary snapshot directories and
    /// `CURRENT` files of interrupted ones, snapshots `CURRENT` no longer names, and log segments the
    /// snapshot in force wholly contains. All provably redundant once `CURRENT` names the snapshot this
    /// process loaded; anything else in the store is left alone. Called at open (only when there is
    /// something to remove and the lock is free) and by every compaction, so disk use stays bounded
    /// however many compactions are killed.
    func removeLeftovers() {
        guard leftovers() != nil else { return }
        _ = try? lock.withExclusiveLockIfFree { removeLeftoversLocked() }
    }

    /// The caller holds the lock.
    func removeLeftoversLocked() {
        guard let found = leftovers() else { return }
        for path in found.snapshots { Durable.remove(path) }
        if !found.snapshots.isEmpty { try? Durable.syncDirectory(paths.snapshots) }
        for path in found.segments { unlink(path) }
        if !found.segments.isEmpty { try? Durable.syncDirectory(paths.log) }
        for path in found.pointers { unlink(path) }
    }

    private func leftovers() -> (snapshots: [String], segments: [String], pointers: [String])? {
        // Only when CURRENT names the snapshot in memory: then it was read, and what it replaced is
        // not needed by anyone (readers hold their files open).
        guard let snapshot, let pointer = try? Self.readCurrent(paths),
              paths.snapshot(pointer.snapshot) == snapshot.directory, pointer.lastSeq == snapshot.lastSeq else { return nil }
        let snapshots = ((try? Durable.list(paths.snapshots)) ?? []).filter { name in
            name != pointer.snapshot && (name.contains(Durable.temporaryMarker) || Snapshot.lastSeq(ofDirectory: name) != nil)
        }.map { paths.snapshot($0) }
        let listing = (try? EventLog.segments(in: paths.log)) ?? []
        var segments: [String] = []
        for (i, segment) in listing.enumerated() where i + 1 < listing.count && listing[i + 1].firstSeq <= pointer.lastSeq + 1 {
            segments.append(paths.segment(segment.name))
        }
        let currentName = (paths.current as NSString).lastPathComponent + Durable.temporaryMarker
        let currentDirectory = (paths.current as NSString).deletingLastPathComponent
        let pointers = ((try? Durable.list(currentDirectory)) ?? []).filter { $0.hasPrefix(currentName) }
            .map { currentDirectory + "/" + $0 }
        return snapshots.isEmpty && segments.isEmpty && pointers.isEmpty ? nil : (snapshots, segments, pointers)
    }
}
