import Foundation
import HelpdeskCore

/// Brings a store back as a new store: from a backup directory (`FileStore.backup`), or from the
/// history of an export document. The new store is built in a directory beside the target, checked,
/// flushed, and renamed into place, so the target is either absent or a whole store; an existing
/// store or a non-empty directory is never overwritten.
public enum StoreRestore {
    /// Restores a backup (any store directory that passes `IntegrityCheck`) into a new store at
    /// `target`: its `store.json`, the snapshot `CURRENT` names, its log, drafts and outbox. A team
    /// store gets its group and modes again (the group must exist on this machine).
    public static func restore(backup: URL, to target: URL) throws -> BackupReport {
        let sourcePaths = StorePaths(backup)
        let info = try FileStore.readInfo(sourcePaths)
        let targetPath = StorePaths(target).root
        if targetPath == sourcePaths.root || targetPath.hasPrefix(sourcePaths.root + "/") {
            throw BackupError.insideSource(path: targetPath, source: sourcePaths.root)
        }
        try DurableCopy.checkTarget(targetPath)
        let permissions = try Self.permissions(for: info)

        // If the backup is itself a live store, keep its writers out while it is copied.
        let lock = Durable.exists(sourcePaths.lock)
            ? try FileLock(path: sourcePaths.lock, permissions: StorePermissions.inherited(from: sourcePaths.root)) : nil
        func locked<T>(_ body: () throws -> T) throws -> T { try lock.map { try $0.withExclusiveLock(body) } ?? body() }

        return try locked {
            let source = try IntegrityCheck.check(storeAt: backup)
            guard source.isHealthy else {
                throw BackupError.damaged(path: sourcePaths.root, findings: source.findings.map(\.description))
            }
            let temporary = try DurableCopy.temporaryDirectory(for: targetPath, permissions: permissions)
            do {
                let copy = StorePaths(URL(fileURLWithPath: temporary, isDirectory: true))
                for dir in copy.directories { try permissions.makeDirectory(dir) }
                var tally = DurableCopy.Tally()
                func file(_ from: String, _ to: String) throws {
                    guard let t = try DurableCopy.copyFile(from, to: to, permissions: permissions) else {
                        throw StoreError.unreadable(path: from, reason: "it disappeared while it was being copied")
                    }
                    tally = tally + t
                }
                // store.json as it is: a team store's signatures include its id. (`SeenPositions`
                // are kept per id and path, so a copy elsewhere is a store of its own.)
                try file(sourcePaths.info, copy.info)
                if let pointer = try FileStore.readCurrent(sourcePaths) {
                    try file(sourcePaths.current, copy.current)
                    tally = tally + (try DurableCopy.copyTree(sourcePaths.snapshot(pointer.snapshot),
                                                              to: copy.snapshot(pointer.snapshot), permissions: permissions).0)
                }
                for segment in try EventLog.segments(in: sourcePaths.log) {
                    try file(sourcePaths.segment(segment.name), copy.segment(segment.name))
                }
                tally = tally + (try DurableCopy.copyTree(sourcePaths.drafts, to: copy.drafts, permissions: permissions).0)
                tally = tally + (try DurableCopy.copyTree(sourcePaths.outbox, to: copy.outbox, permissions: permissions).0)
                tally = tally + (try DurableCopy.copyTree(sourcePaths.mail, to: copy.mail, permissions: permissions).0)
                for dir in [copy.log, copy.snapshots, copy.root] { try Durable.syncDirectory(dir) }

                let restored = try IntegrityCheck.check(storeAt: URL(fileURLWithPath: temporary, isDirectory: true))
                guard restored.isHealthy, restored.lastSeq == source.lastSeq, restored.tickets == source.tickets,
                      restored.customers == source.customers else {
                    throw BackupError.copyDiffers(path: targetPath, reason: restored.isHealthy
                        ? "\(restored.lastSeq) events where the backup has \(source.lastSeq)"
                        : restored.findings.prefix(3).map(\.description).joined(separator: "; "))
                }
                _ = try FileStore.open(at: URL(fileURLWithPath: temporary, isDirectory: true), actor: info.createdBy)
                try DurableCopy.install(temporary, at: targetPath)
                return BackupReport(source: sourcePaths.root, directory: targetPath, events: source.lastSeq,
                                    tickets: source.tickets, customers: source.customers, snapshotSeq: source.snapshotSeq,
                                    files: tally.files, bytes: tally.bytes)
            } catch {
                Durable.remove(temporary)
                throw error
            }
        }
    }

    /// Creates a new store at `target` whose log is `history`, event for event: the same sequence
    /// numbers, actors, times and changes (each validated as any append is). `verify` is given the
    /// finished store before it is put in place, to compare it with what it was made from; a throw
    /// there leaves nothing at `target`.
    public static func create(at target: URL, info: StoreInfo, history: [Event], source: String,
                              verify: (FileStore) throws -> Void = { _ in }) throws -> BackupReport {
        let targetPath = StorePaths(target).root
        try DurableCopy.checkTarget(targetPath)
        let permissions = try Self.permissions(for: info)
        let temporary = try DurableCopy.temporaryDirectory(for: targetPath, permissions: permissions)
        do {
            let url = URL(fileURLWithPath: temporary, isDirectory: true)
            let paths = StorePaths(url)
            for dir in paths.directories { try permissions.makeDirectory(dir) }
            let first = paths.segment(EventLog.segmentName(firstSeq: 1))
            let fd = try Durable.open(first, O_WRONLY | O_CREAT | O_EXCL, permissions: permissions)
            defer { close(fd) }
            try Durable.sync(fd, path: first)
            try Durable.syncDirectory(paths.log)
            var info = info
            if info.id == nil { info.id = StoreInfo.newID() }
            try Durable.replace(paths.info, with: [UInt8](StoreJSON.encoder(pretty: true).encode(info)) + [0x0A],
                                permissions: permissions)

            let store = try FileStore.open(at: url, actor: info.createdBy)
            try store.appendHistory(history)
            guard store.state.lastSeq == history.count, try store.allEvents() == history else {
                throw BackupError.copyDiffers(path: targetPath, reason: "the store recorded the history differently")
            }
            try verify(store)
            let check = try IntegrityCheck.check(storeAt: url)
            guard check.isHealthy else {
                throw BackupError.copyDiffers(path: targetPath, reason: check.findings.prefix(3).map(\.description).joined(separator: "; "))
            }
            let size = try DurableCopy.measure(temporary)
            try DurableCopy.install(temporary, at: targetPath)
            return BackupReport(source: source, directory: targetPath, events: check.lastSeq, tickets: check.tickets,
                                customers: check.customers, snapshotSeq: check.snapshotSeq, files: size.files, bytes: size.bytes)
        } catch {
            Durable.remove(temporary)
            throw error
        }
    }

    /// A team store keeps its group; anything else follows the umask.
    static func permissions(for info: StoreInfo) throws -> StorePermissions {
        guard info.mode == .shared else { return .personal }
        guard let group = info.group else {
            throw StoreError.invalidMetadata(path: "store.json", reason: "a shared store needs a Unix group")
        }
        return try StorePermissions.shared(groupNamed: group)
    }
}

extension StoreInfo {
    /// How an export document describes the store.
    public var exchange: ExchangeStore {
        ExchangeStore(mode: mode.rawValue, group: group, createdAt: ISOTime.format(createdAt), createdBy: createdBy,
                      defaultAgent: defaultAgent)
    }

    /// The store an export document describes; what it leaves out is filled in (a single-user store,
    /// created now by `creator`).
    public init(exchange: ExchangeStore?, creator: String, now: Date) throws {
        let modeName = exchange?.mode ?? StoreMode.single.rawValue
        guard let mode = StoreMode(rawValue: modeName) else {
            throw StoreError.invalidMetadata(path: "store", reason: "unknown store mode '\(modeName)' (single, shared, demo)")
        }
        let created = try exchange?.createdAt.map { text -> Date in
            guard let d = ISOTime.parse(text) else {
                throw StoreError.invalidMetadata(path: "store", reason: "createdAt '\(text)' is not an ISO 8601 time")
            }
            return d
        } ?? now
        self.init(mode: mode, group: exchange?.group, createdAt: created, createdBy: exchange?.createdBy ?? creator,
                  defaultAgent: exchange?.defaultAgent)
    }
}
