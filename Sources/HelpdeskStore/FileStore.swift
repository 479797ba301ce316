import Foundation
import HelpdeskCore

/// The JSON file store: an append-only event log (JSON Lines, checksummed) plus snapshots, shared by
/// any number of processes on one machine.
///
/// - Writers are serialised by `flock` on `lock`. Under the lock a writer repairs a torn tail, reads
///   what others appended since it last looked, validates its changes against that newest state
///   (`HelpdeskState.prepare`: stale changes to the same fields are refused), writes the batch,
///   `fdatasync`s, and only then returns. So no acknowledged change is ever lost or overwritten.
/// - Readers never lock: they read from their last offset and ignore an unfinished batch at the end.
/// - Opening reads the newest snapshot (ticket summaries, customers, …) and replays only the log
///   after it. Message bodies stay on disk; `ticket(_:)` and `history` read them on demand.
public final class FileStore: Store {
    public let directory: URL
    public var location: String { paths.root }
    /// The agent login changes are recorded under; the CLI may set it after opening (see `AgentIdentity`).
    public var actor: String
    public let info: StoreInfo
    public private(set) var state = HelpdeskState()

    /// Where the console keeps who is looking at which ticket.
    public var presenceDirectory: URL { URL(fileURLWithPath: paths.presence, isDirectory: true) }
    /// Where unsent replies are kept.
    public var draftsDirectory: URL { URL(fileURLWithPath: paths.drafts, isDirectory: true) }
    /// Where outgoing mail waits to be sent.
    public var outboxDirectory: URL { URL(fileURLWithPath: paths.outbox, isDirectory: true) }

    /// After this many events since the last snapshot, an append compacts the store (under the lock,
    /// after the append is durable). Kept modest so that replaying the tail at open stays well under
    /// the 300 ms budget (events are decoded with `JSONDecoder`, ~100k/s).
    public var compactionThreshold = 10_000
    /// How long an append waits for another writer's lock before giving up (`StoreError.lockTimedOut`);
    /// nil waits as long as it takes. The mail channel sets it, so a stuck writer makes the MTA retry.
    public var lockTimeout: TimeInterval?
    /// Why the last automatic compaction failed, if it did (the append it followed still succeeded).
    public private(set) var lastCompactionError: Error?

    let paths: StorePaths
    let clock: @Sendable () -> Date
    let permissions: StorePermissions
    let lock: FileLock
    var snapshot: Snapshot?
    var tail = LogTail()
    let decoder = StoreJSON.decoder()
    let encoder = StoreJSON.encoder()
    /// Searchable text per customer, for `search` (see FileStore+Search.swift).
    let customerSearch = CustomerSearchCache()
    /// Tickets' update times by number, for ranking search results (see TicketBits.swift).
    let searchRecency = SearchRecency()
    /// Events other processes wrote that an `append` folded in before `refresh()` could report them.
    private var unreported: [Event] = []
    /// Descriptor for appending to the newest segment, reopened when a newer segment appears.
    private var writer: (firstSeq: Int, fd: Int32)?
    private var feed: ChangeFeed?
    /// Where this user's highest seen sequence numbers are kept (nil: only this process's memory).
    let seen: SeenPositions?
    /// The highest sequence number this process (or, through `seen`, this user) has seen here. A
    /// store that ends before it went backwards: see `SeenPositions`.
    private(set) var highestSeen = 0
    private var recordedSeen = 0
    /// An append had to re-read the store (another process compacted it): the next `refresh()`
    /// reports a reload, as the events it returns may not be all that changed.
    private var reloadedSinceRefresh = false
    /// [team] A signed team store's rules (signatures, authority); nil for other stores. See TeamTrust.swift.
    var team: TeamTrust?

    private init(paths: StorePaths, info: StoreInfo, actor: String, clock: @escaping @Sendable () -> Date,
                 permissions: StorePermissions, seen: SeenPositions?) throws {
        self.paths = paths
        self.seen = seen
        self.directory = URL(fileURLWithPath: paths.root, isDirectory: true)
        self.info = info
        self.actor = actor
        self.clock = clock
        self.permissions = permissions
        self.lock = try FileLock(path: paths.lock, permissions: permissions)
    }

    deinit {
        if let writer { close(writer.fd) }
    }

    // MARK: Creating and opening

    /// Creates a store: its directories, the first log segment, the creator as the first agent (a
    /// supervisor) and `store.json`, written last so a half-created directory is never taken for a
    /// store. A `.shared` store gets its group on every directory (setgid, 02770) and file (0660).
    public static func create(at url: URL, info: StoreInfo, creator: Agent, settings: Settings = Settings(),
                              signingKey: AgentKey? = nil,
                              clock: @escaping @Sendable () -> Date = { Date() },
                              seen: SeenPositions? = nil) throws -> FileStore {
        let paths = StorePaths(url)
        var info = info
        if info.id == nil { info.id = StoreInfo.newID() }
        if Durable.exists(paths.info) { throw StoreError.alreadyExists(path: paths.root) }
        var permissions = StorePermissions.personal
        if info.mode == .shared {
            guard let group = info.group else {
                throw StoreError.invalidMetadata(path: paths.info, reason: "a shared store needs a Unix group")
            }
            permissions = try StorePermissions.shared(groupNamed: group)
        }
        for dir in paths.directories { try permissions.makeDirectory(dir) }
        // [team hook] keys/, the root's mode and the creator's key (TeamSetup.swift).
        var creator = creator
        let key = try TeamSetup.prepare(paths, info: &info, creator: &creator, permissions: permissions, signingKey: signingKey)
        let first = paths.segment(EventLog.segmentName(firstSeq: 1))
        let fd = try Durable.open(first, O_WRONLY | O_CREAT, permissions: permissions)
        defer { close(fd) }
        try Durable.sync(fd, path: first)
        try Durable.syncDirectory(paths.log)

        let store = try FileStore(paths: paths, info: info, actor: creator.login, clock: clock, permissions: permissions, seen: seen)
        if info.isSigned { store.team = TeamTrust(info: info); store.team?.key = key }   // [team hook]
        try store.reload()
        var agent = creator
        agent.role = .supervisor
        var changes: [Change] = [.agentSaved(agent)]
        if settings != Settings() { changes.append(.settingsChanged(settings)) }
        try store.append(changes)
        try Durable.replace(paths.info, with: [UInt8](StoreJSON.encoder(pretty: true).encode(info)) + [0x0A],
                            permissions: permissions, mode: TeamSetup.anchorMode)   // [team hook] mode
        try TeamSetup.finish(paths, info: info, key: key, permissions: permissions)   // [team hook]
        return store
    }

    /// Opens an existing store. Throws `StoreError.notAStore` when there is none, `.newerFormat`
    /// when a newer helpdesk wrote it, `.corrupt` (with file and line) when a record is damaged.
    /// With `seen`, the store is also checked against the highest record this user saw on it before
    /// (a store that went backwards opens for reading, but refuses to write).
    public static func open(at url: URL, actor: String, clock: @escaping @Sendable () -> Date = { Date() },
                            seen: SeenPositions? = nil) throws -> FileStore {
        let paths = StorePaths(url)
        let info = try readInfo(paths)
        let store = try FileStore(paths: paths, info: info, actor: actor, clock: clock,
                                  permissions: StorePermissions.inherited(from: paths.root), seen: seen)
        if let seen, let known = seen.read(SeenPositions.key(info: info, root: paths.root)) {
            store.highestSeen = known
            store.recordedSeen = known
        }
        store.team = try TeamTrust.open(paths, info: info)   // [team hook] checks store.json is the creator's
        try store.reload()
        store.removeLeftovers()
        return store
    }

    static func readInfo(_ paths: StorePaths) throws -> StoreInfo {
        guard Durable.exists(paths.info) else { throw StoreError.notAStore(path: paths.root) }
        let bytes = try Durable.readFile(paths.info)
        // Check the format before anything else, so a newer store is refused with the right message
        // even if the rest of its store.json changed shape.
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
           let format = object["format"] as? Int, format > StoreInfo.currentFormat {
            throw StoreError.newerFormat(path: paths.root, format: format, supported: StoreInfo.currentFormat)
        }
        do {
            return try StoreJSON.decoder().decode(StoreInfo.self, from: Data(bytes))
        } catch {
            throw StoreError.invalidMetadata(path: paths.info, reason: StoreJSON.reason(error))
        }
    }

    /// (Re)reads everything from disk: the snapshot named by `CURRENT`, then the log after it.
    ///
    /// The pointer, the snapshot and the log segments are separate files, so without care they can be
    /// seen from different moments: a compaction that switches `CURRENT` and replaces the segments
    /// between our reading the pointer and listing `log/` would leave us with an old snapshot and a new,
    /// empty segment — and a writer would then hand out numbers again. So the log must continue the
    /// snapshot without a gap (`catchUp` checks every segment boundary), and `CURRENT` must be the same
    /// after the log was read as before the snapshot was: otherwise everything is read again.
    func reload() throws {
        var attempts = 0
        while true {
            attempts += 1
            let pointer = try Self.readCurrent(paths)
            do {
                // Loaded in place: a second copy of the state would make the first change copy it all.
                state = HelpdeskState()
                snapshot = nil
                if let pointer {
                    snapshot = try Snapshot.load(directory: paths.snapshot(pointer.snapshot), into: &state)
                }
                try team?.reestablish(from: snapshot, into: &state)   // [team hook] roster from signed records
                tail = LogTail()
                unreported = []
                _ = try catchUp(repair: false)
                guard try Self.readCurrent(paths) == pointer else { throw LogTail.Vanished() }
                break
            } catch {
                // Another process compacted while we read: start again from the new snapshot.
                let compactedMeanwhile = (try? Self.readCurrent(paths)) != pointer
                if attempts < 50 && (compactedMeanwhile || error is LogTail.Vanished) { continue }
                if error is LogTail.Vanished {
                    throw StoreError.unreadable(path: paths.root, reason: "log files keep disappearing while it is read")
                }
                if let gap = error as? LogTail.Gap { throw gap.asCorruption }
                throw error
            }
        }
        noteSeen()
    }

    /// Remembers how far the store was seen to reach (in memory, and for this user when `seen` is set).
    private func noteSeen() {
        guard state.lastSeq > highestSeen else { return }
        highestSeen = state.lastSeq
        if let seen, highestSeen > recordedSeen {
            seen.record(SeenPositions.key(info: info, root: paths.root), seq: highestSeen)
            recordedSeen = highestSeen
        }
    }

    /// Nil, or why this process must not write: the store ends before a record already seen on it.
    var wentBackwards: StoreError? {
        state.lastSeq < highestSeen ? .wentBackwards(path: paths.root, seen: highestSeen, now: state.lastSeq) : nil
    }

    static func readCurrent(_ paths: StorePaths) throws -> CurrentPointer? {
        guard Durable.exists(paths.current) else { return nil }
        let bytes = try Durable.readFile(paths.current)
        do {
            return try StoredRanges.checked(JSONDecoder().decode(CurrentPointer.self, from: Data(bytes)))
        } catch {
            throw StoreError.invalidMetadata(path: paths.current, reason: StoreJSON.reason(error))
        }
    }

    // MARK: Reading the log

    /// Reads and folds every complete batch after the read position, moving on to newer segments.
    /// With `repair` (only under the write lock) an unfinished tail of the newest segment is cut off:
    /// it was never acknowledged, and the next record must start on a fresh line.
    ///
    /// Segments are chained: the first one read must start no later than the record after the
    /// snapshot, each must hold records, and the next must start right after the last record of the
    /// one before. Anything else throws `LogTail.Gap` (a compaction we must follow, or lost records).
    @discardableResult
    func catchUp(repair: Bool) throws -> [Event] {
        var folded: [Event] = []
        if tail.segments.isEmpty {
            let listing = try listSegments()
            var start = 0
            // Segments wholly inside the snapshot are skipped (normally they were deleted already).
            while start + 1 < listing.count && listing[start + 1].firstSeq <= state.lastSeq + 1 { start += 1 }
            guard start < listing.count else {
                throw LogTail.Gap(file: paths.segment(EventLog.segmentName(firstSeq: state.lastSeq + 1)), line: 0,
                                  reason: "the log segment that continues the snapshot (record #\(state.lastSeq + 1) on) is missing")
            }
            guard listing[start].firstSeq <= state.lastSeq + 1 else {
                throw LogTail.Gap(file: paths.segment(listing[start].name), line: 1,
                                  reason: "the log starts at record #\(listing[start].firstSeq), but the snapshot ends at #\(state.lastSeq): records are missing")
            }
            try tail.open(firstSeq: listing[start].firstSeq, path: paths.segment(listing[start].name))
        }
        while true {
            let segment = tail.segments[tail.segments.count - 1]
            var torn = try readNewRecords(into: &folded)
            let listing = try listSegments()
            guard let next = listing.first(where: { $0.firstSeq > segment.firstSeq }) else {
                guard listing.contains(where: { $0.firstSeq == segment.firstSeq }) else {
                    throw LogTail.Gap(file: segment.path, line: 0, reason: "the newest log segment has disappeared")
                }
                if repair && torn > 0 { try truncateTail(segment) }
                return folded
            }
            // A newer segment exists, so this one is final: whatever it holds now is all it will hold.
            torn = try readNewRecords(into: &folded)
            if torn > 0 {
                throw StoreError.corrupt(file: segment.path, line: tail.readLine + 1,
                                         reason: "the last record is cut off, and a newer log segment follows it")
            }
            let last = tail.lastLogSeq ?? (segment.firstSeq - 1)
            guard last >= segment.firstSeq else {
                throw LogTail.Gap(file: segment.path, line: 0,
                                  reason: "the log segment holds no records, but a newer one (\(next.name)) follows: its records are missing")
            }
            guard next.firstSeq == last + 1 else {
                throw LogTail.Gap(file: paths.segment(next.name), line: 1,
                                  reason: "the log segment starts at record #\(next.firstSeq), but the one before ends at #\(last): records are missing")
            }
            try tail.open(firstSeq: next.firstSeq, path: paths.segment(next.name))
        }
    }

    /// The log's segments; a missing `log/` is damage, not an empty log.
    private func listSegments() throws -> [(firstSeq: Int, name: String)] {
        guard Durable.exists(paths.log) else {
            throw LogTail.Gap(file: paths.log, line: 0, reason: "the log directory is missing")
        }
        return try EventLog.segments(in: paths.log)
    }

    /// Reads the newest open segment from the read position; returns how many unfinished bytes follow.
    private func readNewRecords(into folded: inout [Event]) throws -> Int {
        let index = tail.segments.count - 1
        let segment = tail.segments[index]
        let size = try Durable.size(segment.fd, path: segment.path)
        if size < tail.readOffset {
            throw StoreError.corrupt(file: segment.path, line: tail.readLine,
                                     reason: "the file is shorter than records already read from it (was it truncated by hand?)")
        }
        guard size > tail.readOffset else { return 0 }
        let bytes = try Durable.read(segment.fd, offset: tail.readOffset, count: size - tail.readOffset, path: segment.path)
        let scan = try bytes.withUnsafeBytes {
            try EventLog.scan($0, baseOffset: tail.readOffset, firstLine: tail.readLine + 1, file: segment.path)
        }
        let base = tail.readOffset
        for line in scan.lines {
            let start = line.offset - base
            let record = bytes[start..<(start + line.length)]
            if let event = try fold(record, line: line, segment: index, file: segment.path) {
                folded.append(event)
            }
        }
        tail.readOffset = scan.end
        tail.readLine = scan.lastLine
        return scan.tornBytes
    }

    /// Checks one record's place in the sequence, decodes it and folds it into the state.
    private func fold(_ record: ArraySlice<UInt8>, line: EventLog.Line, segment: Int, file: String) throws -> Event? {
        let quick = record.withUnsafeBytes { EventLog.quickSeq($0) }
        var event: Event?
        if quick == nil || quick! > state.lastSeq {
            do {
                event = try decoder.decode(Event.self, from: Data(record))
            } catch {
                throw StoreError.corrupt(file: file, line: line.number, reason: StoreJSON.reason(error))
            }
        }
        let seq = event?.seq ?? quick!
        if line.number == 1, seq != tail.segments[segment].firstSeq {
            throw StoreError.corrupt(file: file, line: 1,
                                     reason: "the segment's first record is #\(seq), but its name says #\(tail.segments[segment].firstSeq)")
        }
        if let previous = tail.lastLogSeq, seq != previous + 1 {
            throw StoreError.corrupt(file: file, line: line.number,
                                     reason: seq <= previous ? "sequence number \(seq) repeats or goes back (after \(previous))"
                                                             : "sequence number \(seq) follows \(previous): records are missing")
        }
        if seq > state.lastSeq + 1 {
            throw LogTail.Gap(file: file, line: line.number,
                              reason: "sequence number \(seq), but the snapshot ends at \(state.lastSeq): records are missing")
        }
        tail.lastLogSeq = seq
        guard let event, seq > state.lastSeq else { return nil }
        // [team hook] a record whose signature or authority does not hold keeps its number, changes
        // nothing, and is kept (with the other-history) as evidence.
        if let team, !team.admits(record, event, state: &state, file: file, line: line.number) {
            tail.count += 1
            tail.otherRefs.append(tail.ref(segment: segment, line: line))
            return nil
        }
        index(event, at: tail.ref(segment: segment, line: line))
        state.apply(event)
        return event
    }

    /// Files an event's location under the ticket or customer it is about (before it is applied:
    /// a resolved promise is found through the promise's ticket).
    /// `promises` are where a resolved promise's ticket is looked up: the working state of a batch,
    /// whose earlier changes may have made the promise.
    private func index(_ event: Event, at ref: LogTail.Ref, promises: [Int: CustomerPromise]? = nil) {
        tail.count += 1
        tail.search.add(event.change)
        switch event.change {
        case .customerCreated(let c): tail.customerRefs[c.id, default: []].append(ref)
        case .customerUpdated(let id, _, _): tail.customerRefs[id, default: []].append(ref)
        case .customerMerged(let from, let into):
            // Seen from both sides: the duplicate's history ends with it, the survivor's records it.
            tail.customerRefs[from, default: []].append(ref)
            tail.customerRefs[into, default: []].append(ref)
        case .promiseResolved(let id, _):
            if let number = (promises ?? state.promises)[id]?.ticket {
                tail.ticketRefs[number, default: []].append(ref)
            } else {
                tail.otherRefs.append(ref)
            }
        default:
            if let number = event.change.ticketNumber {
                tail.ticketRefs[number, default: []].append(ref)
            } else {
                tail.otherRefs.append(ref)
            }
        }
    }

    private func truncateTail(_ segment: LogTail.Segment) throws {
        let fd = try writableSegment(segment)
        guard ftruncate(fd, off_t(tail.readOffset)) == 0 else {
            throw StoreError.writeFailed(path: segment.path, reason: "cannot cut off the unfinished last record: \(StoreError.text(errno))")
        }
        try Durable.syncData(fd, path: segment.path)
    }

    private func writableSegment(_ segment: LogTail.Segment) throws -> Int32 {
        if let writer, writer.firstSeq == segment.firstSeq, let a = Durable.identity(writer.fd),
           let b = Durable.identity(segment.fd), a.isSameFile(as: b) {
            return writer.fd
        }
        if let writer { close(writer.fd) }
        writer = nil
        let fd = try Durable.open(segment.path, O_WRONLY | O_APPEND, permissions: permissions)
        writer = (segment.firstSeq, fd)
        return fd
    }

    // MARK: Store

    @discardableResult
    public func refresh() throws -> [Event] {
        lastRefreshReloaded = reloadedSinceRefresh
        reloadedSinceRefresh = false
        var events = unreported
        unreported = []
        do {
            events += try catchUp(repair: false)
        } catch let e where e is LogTail.Vanished || e is LogTail.Gap {
            // Another process compacted past what we had read (or records are missing: then
            // `reload` reports the damage with its place).
            try reload()
            lastRefreshReloaded = true
            if let backwards = wentBackwards { throw backwards }
            return events
        }
        noteSeen()
        // Another process compacted: move to its snapshot, so this process lets go of the old one's
        // files (deleted, but held open) and its index of the log starts afresh instead of growing
        // until restart. Re-reading costs one open (see `StoreBenchmark`), once per compaction.
        if let pointer = try Self.readCurrent(paths), paths.snapshot(pointer.snapshot) != snapshot?.directory,
           pointer.lastSeq > (snapshot?.lastSeq ?? 0) {
            try reload()
            lastRefreshReloaded = true
        }
        return events
    }

    /// True when the last `refresh()` re-read the store from a newer snapshot (another process
    /// compacted it): the state may hold changes beyond the events `refresh()` returned, so redraw.
    public private(set) var lastRefreshReloaded = false

    @discardableResult
    public func append(_ changes: [Change]) throws -> [Event] {
        try append(changes, stamps: nil)
    }

    /// Appends changes that already happened, each with its own actor and time (the demo generator,
    /// an import that carries history): the same validation and durability as `append`. Compacts
    /// at the end unless told not to (a caller appending many slices compacts once, after the last).
    @discardableResult
    public func appendHistory(_ events: [Event], batchSize: Int = 5_000, compact compacting: Bool = true) throws -> Int {
        let threshold = compactionThreshold
        compactionThreshold = Int.max
        defer { compactionThreshold = threshold }
        var written = 0
        var start = 0
        while start < events.count {
            let end = min(events.count, start + batchSize)
            let batch = events[start..<end]
            written += try append(batch.map(\.change), stamps: batch.map { ($0.actor, $0.at) }).count
            start = end
        }
        if compacting { compactAfterBulk() }
        return written
    }

    /// Appends the changes `plan` makes from the newest state, under the lock: for a writer whose
    /// changes depend on what is there (the mail channel's threading and Message-ID check, which
    /// must see one moment so the same mail delivered twice at once is filed once). `plan` returns
    /// no changes to write nothing.
    @discardableResult
    public func append(planning plan: (HelpdeskState) throws -> [Change]) throws -> [Event] {
        try append(stamps: nil, planning: plan)
    }

    private func append(_ changes: [Change], stamps: [(actor: String, at: Date)]?) throws -> [Event] {
        guard !changes.isEmpty else { return [] }
        return try append(stamps: stamps, planning: { _ in changes })
    }

    private func append(stamps: [(actor: String, at: Date)]?, planning plan: (HelpdeskState) throws -> [Change]) throws -> [Event] {
        try lock.withExclusiveLock(timeout: lockTimeout) {
            try catchUpToTheEnd()
            let planned = try plan(state)
            guard !planned.isEmpty else { return [] }
            let events = try appendLocked(planned, stamps: stamps)
            noteSeen()
            if tail.count >= compactionThreshold {
                // The append is durable and acknowledged whatever happens here.
                do {
                    try compactLocked()
                    lastCompactionError = nil
                } catch {
                    lastCompactionError = error
                }
            }
            return events
        }
    }

    /// Under the lock: reads everything other processes appended and proves that the next record
    /// goes exactly at the end of the log, so no sequence number can be handed out twice. If what
    /// this process read no longer describes the store (a compaction switched snapshots since), it
    /// reads the store again — under the lock nothing moves, so that read sees one moment.
    func catchUpToTheEnd() throws {
        var reloaded = false
        while true {
            do {
                unreported += try catchUp(repair: true)
                try proveAtTheEnd()
                return
            } catch let e where !reloaded && (e is LogTail.Vanished || e is LogTail.Gap) {
                reloaded = true
                try reload()
                reloadedSinceRefresh = true
            } catch let gap as LogTail.Gap {
                throw gap.asCorruption
            }
        }
    }

    /// Throws `LogTail.Gap` unless the newest segment this process holds is the file its name points
    /// to, ends where this process stopped reading, and its last record is the state's last one; and
    /// `CURRENT` is not ahead. Throws `wentBackwards` when the store ends before a record already seen.
    private func proveAtTheEnd() throws {
        guard let segment = tail.segments.last else {
            throw LogTail.Gap(file: paths.log, line: 0, reason: "there is no log segment to append to")
        }
        if let pointer = try Self.readCurrent(paths), pointer.lastSeq > state.lastSeq {
            throw LogTail.Gap(file: paths.current, line: 1,
                              reason: "CURRENT names a snapshot at record #\(pointer.lastSeq), past the log's end at #\(state.lastSeq)")
        }
        guard let onDisk = Durable.identity(segment.path), let held = Durable.identity(segment.fd),
              onDisk.isSameFile(as: held) else {
            throw LogTail.Gap(file: segment.path, line: 0, reason: "the newest log segment was removed or replaced")
        }
        let size = try Durable.size(segment.fd, path: segment.path)
        guard size == tail.readOffset else {
            throw LogTail.Gap(file: segment.path, line: tail.readLine + 1,
                              reason: "the segment holds \(size) bytes, but its complete records end at byte \(tail.readOffset)")
        }
        let last = tail.lastLogSeq ?? (segment.firstSeq - 1)
        guard last == state.lastSeq, segment.firstSeq <= state.lastSeq + 1 else {
            throw LogTail.Gap(file: segment.path, line: tail.readLine,
                              reason: "the log ends at record #\(last), but this process's state ends at #\(state.lastSeq)")
        }
        if let backwards = wentBackwards { throw backwards }
    }

    /// Validates, writes and folds one batch; the caller holds the lock and has caught up.
    private func appendLocked(_ changes: [Change], stamps: [(actor: String, at: Date)]? = nil) throws -> [Event] {
        let now = StoreDates.whole(clock())
        // A batch is validated change by change against the state with the earlier ones applied
        // (a customer created then given a ticket). One change needs no working copy, which would
        // copy every dictionary of a large state.
        var events: [Event] = []
        events.reserveCapacity(changes.count)
        var signers: [RecordSigner?] = []   // [team hook]
        var work: HelpdeskState?
        if changes.count > 1 { work = state }
        for (i, change) in changes.enumerated() {
            let at = stamps.map { StoreDates.whole($0[i].at) } ?? now
            let who = stamps?[i].actor ?? actor
            // No named copy of the working state: one alive at `apply` made every event copy every
            // ticket (measured: building a 10k-ticket benchmark store took 65 s instead of 2 s).
            if stamps == nil { try requireRoster(change, actor: who, state: work ?? state) }
            let prepared = try (work ?? state).prepare(StoreDates.normalised(change), actor: who, at: at)
            // [team hook] The mail channel holds no key: its records are unsigned, and readers give
            // them only what `MailChannel` allows (see TeamTrust.problem).
            signers.append(MailChannel.isChannel(who) ? nil : try team?.signer(for: prepared, actor: who, state: work ?? state))
            let event = Event(seq: (work?.lastSeq ?? state.lastSeq) + 1, at: at, actor: who, change: prepared)
            work?.apply(event)
            events.append(event)
        }

        var bytes: [UInt8] = []
        var lengths: [Int] = []
        lengths.reserveCapacity(events.count)
        for (i, event) in events.enumerated() {
            let line = try LogRecord.line(event, more: i < events.count - 1, encoder: encoder, signer: signers[i])   // [team hook] signer
            bytes += line
            lengths.append(line.count)
        }
        let segmentIndex = tail.segments.count - 1
        let segment = tail.segments[segmentIndex]
        let fd = try writableSegment(segment)
        do {
            try Durable.write(fd, bytes, path: segment.path)
        } catch {
            // Take back a partial batch now rather than leave it for the next writer.
            _ = ftruncate(fd, off_t(tail.readOffset))
            throw error
        }
        try Durable.syncData(fd, path: segment.path)

        // Durable: now fold it in.
        var offset = tail.readOffset
        for (i, event) in events.enumerated() {
            let ref = LogTail.Ref(segment: Int32(segmentIndex), offset: offset, length: Int32(lengths[i] - 1))
            index(event, at: ref, promises: work?.promises)
            team?.remember(event)   // [team hook] its roster entries, for checking snapshot histories later
            if work == nil { state.apply(event) }
            offset += lengths[i]
            tail.lastLogSeq = event.seq
        }
        if let work { state = work }
        tail.readOffset = offset
        tail.readLine += events.count
        return events
    }

    /// The roster rule for every live write, in every store mode: only an active agent on the roster
    /// writes, so no caller (the CLI, the console's background work) can slip past it. The one
    /// exception starts a store: while the roster is empty, the creator puts themselves on it.
    /// A team store checks the same rule, with its other authority rules, when it signs
    /// (`HelpdeskState.authorityProblem`). History carrying its own actors (`appendHistory`: the
    /// demo, imports, restores) records who did what long ago and is not checked here.
    ///
    /// The mail channel (`MailChannel`, actor `mail:<account>`) is on no roster: it may make only the
    /// changes mail brings, in every store mode.
    private func requireRoster(_ change: Change, actor who: String, state: HelpdeskState) throws {
        if MailChannel.isChannel(who) {
            if let problem = MailChannel.problem(change, actor: who) { throw StoreIdentityError.mailChannel(problem) }
            return
        }
        if team != nil { return }
        if let entry = state.agents[who], entry.active { return }
        if state.agents.isEmpty, case .agentSaved(let a) = change, a.login == who, a.active { return }
        throw StoreIdentityError.notOnRoster(who)
    }

    /// Appends many changes quickly — for imports, the demo generator and benchmarks: batches of
    /// `batchSize` under one lock and one `fdatasync` each (each batch all-or-nothing), then one
    /// compaction at the end so the store opens fast.
    @discardableResult
    public func bulkLoad(_ changes: [Change], batchSize: Int = 5_000) throws -> Int {
        let threshold = compactionThreshold
        compactionThreshold = Int.max
        defer { compactionThreshold = threshold }
        var written = 0
        var start = 0
        while start < changes.count {
            let end = min(changes.count, start + batchSize)
            written += try append(Array(changes[start..<end])).count
            start = end
        }
        compactAfterBulk()
        return written
    }

    /// Compacts after a bulk append. The appended events are durable whatever happens here, so a
    /// failure does not fail the append: it is kept in `lastCompactionError` for the caller to show.
    private func compactAfterBulk() {
        do {
            try compact()
            lastCompactionError = nil
        } catch {
            lastCompactionError = error
        }
    }

    public func ticket(_ number: Int) throws -> Ticket {
        guard let summary = state.tickets[number] else { throw ChangeError.ticketNotFound(number) }
        var t = summary
        t.messages = []
        for event in try history(ofTicket: number) {
            switch event.change {
            case .ticketCreated(let n): if let m = n.message { t.messages.append(m) }
            case .messageAdded(_, let m): t.messages.append(m)
            case .mailReceived(let e):
                // Written in the same batch right after the customer message it carries.
                if let last = t.messages.indices.last, t.messages[last].kind == .customer, t.messages[last].mail == nil {
                    t.messages[last].mail = e
                }
            default: break
            }
        }
        t.threadLoaded = true
        return t
    }

    public func history(ofTicket number: Int) throws -> [Event] {
        var events = try snapshot.map { s in try team?.ticketEvents(in: s, number, decoder: decoder) ?? s.ticketEvents(number, decoder: decoder) } ?? []   // [team hook]
        for ref in tail.ticketRefs[number] ?? [] { events.append(try decodeTail(ref)) }
        return events
    }

    public func history(ofCustomer id: String) throws -> [Event] {
        var events = try snapshot.map { s in try team?.customerEvents(in: s, id, decoder: decoder) ?? s.customerEvents(id, decoder: decoder) } ?? []   // [team hook]
        for ref in tail.customerRefs[id] ?? [] { events.append(try decodeTail(ref)) }
        return events
    }

    private func decodeTail(_ ref: LogTail.Ref) throws -> Event {
        let bytes = try tail.bytes(ref)
        do {
            return try decoder.decode(Event.self, from: Data(bytes))
        } catch {
            throw StoreError.corrupt(file: tail.segments[Int(ref.segment)].path, line: 0,
                                     reason: "the record at byte \(ref.offset): \(StoreJSON.reason(error))")
        }
    }

    public var changeFeed: ChangeFeed {
        if let feed { return feed }
        let f = ChangeFeed(watching: paths.log)
        feed = f
        return f
    }
}
