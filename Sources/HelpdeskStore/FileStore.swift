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

    private init(paths: StorePaths, info: StoreInfo, actor: String, clock: @escaping @Sendable () -> Date,
                 permissions: StorePermissions) throws {
        self.paths = paths
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
                              clock: @escaping @Sendable () -> Date = { Date() }) throws -> FileStore {
        let paths = StorePaths(url)
        if Durable.exists(paths.info) { throw StoreError.alreadyExists(path: paths.root) }
        var permissions = StorePermissions.personal
        if info.mode == .shared {
            guard let group = info.group else {
                throw StoreError.invalidMetadata(path: paths.info, reason: "a shared store needs a Unix group")
            }
            permissions = try StorePermissions.shared(groupNamed: group)
        }
        for dir in paths.directories { try permissions.makeDirectory(dir) }
        let first = paths.segment(EventLog.segmentName(firstSeq: 1))
        let fd = try Durable.open(first, O_WRONLY | O_CREAT, permissions: permissions)
        defer { close(fd) }
        try Durable.sync(fd, path: first)
        try Durable.syncDirectory(paths.log)

        let store = try FileStore(paths: paths, info: info, actor: creator.login, clock: clock, permissions: permissions)
        try store.reload()
        var agent = creator
        agent.role = .supervisor
        var changes: [Change] = [.agentSaved(agent)]
        if settings != Settings() { changes.append(.settingsChanged(settings)) }
        try store.append(changes)
        try Durable.replace(paths.info, with: [UInt8](StoreJSON.encoder(pretty: true).encode(info)) + [0x0A],
                            permissions: permissions)
        return store
    }

    /// Opens an existing store. Throws `StoreError.notAStore` when there is none, `.newerFormat`
    /// when a newer helpdesk wrote it, `.corrupt` (with file and line) when a record is damaged.
    public static func open(at url: URL, actor: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> FileStore {
        let paths = StorePaths(url)
        let info = try readInfo(paths)
        let store = try FileStore(paths: paths, info: info, actor: actor, clock: clock,
                                  permissions: StorePermissions.inherited(from: paths.root))
        try store.reload()
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
    /// Retried when a concurrent compaction deletes files between the listing and the reading.
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
                tail = LogTail()
                unreported = []
                _ = try catchUp(repair: false)
                return
            } catch {
                // Another process compacted while we read: start again from the new snapshot.
                let compactedMeanwhile = (try? Self.readCurrent(paths)) != pointer
                if attempts < 20 && (compactedMeanwhile || error is LogTail.Vanished) { continue }
                if error is LogTail.Vanished {
                    throw StoreError.unreadable(path: paths.root, reason: "log files keep disappearing while it is read")
                }
                throw error
            }
        }
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
    @discardableResult
    func catchUp(repair: Bool) throws -> [Event] {
        var folded: [Event] = []
        if tail.segments.isEmpty {
            let listing = try EventLog.segments(in: paths.log)
            var start = 0
            // Segments wholly inside the snapshot are skipped (normally they were deleted already).
            while start + 1 < listing.count && listing[start + 1].firstSeq <= state.lastSeq + 1 { start += 1 }
            guard start < listing.count else { return folded }
            try tail.open(firstSeq: listing[start].firstSeq, path: paths.segment(listing[start].name))
        }
        while true {
            let segment = tail.segments[tail.segments.count - 1]
            var torn = try readNewRecords(into: &folded)
            let listing = try EventLog.segments(in: paths.log)
            guard let next = listing.first(where: { $0.firstSeq > segment.firstSeq }) else {
                if repair && torn > 0 { try truncateTail(segment) }
                return folded
            }
            // A newer segment exists, so this one is final: whatever it holds now is all it will hold.
            torn = try readNewRecords(into: &folded)
            if torn > 0 {
                throw StoreError.corrupt(file: segment.path, line: tail.readLine + 1,
                                         reason: "the last record is cut off, and a newer log segment follows it")
            }
            try tail.open(firstSeq: next.firstSeq, path: paths.segment(next.name))
        }
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
        if let previous = tail.lastLogSeq, seq != previous + 1 {
            throw StoreError.corrupt(file: file, line: line.number,
                                     reason: seq <= previous ? "sequence number \(seq) repeats or goes back (after \(previous))"
                                                             : "sequence number \(seq) follows \(previous): records are missing")
        }
        if seq > state.lastSeq + 1 {
            throw StoreError.corrupt(file: file, line: line.number,
                                     reason: "sequence number \(seq), but the snapshot ends at \(state.lastSeq): records are missing")
        }
        tail.lastLogSeq = seq
        guard let event, seq > state.lastSeq else { return nil }
        index(event, at: tail.ref(segment: segment, line: line))
        state.apply(event)
        return event
    }

    /// Files an event's location under the ticket or customer it is about (before it is applied:
    /// a resolved promise is found through the promise's ticket).
    private func index(_ event: Event, at ref: LogTail.Ref) {
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
            if let number = state.promises[id]?.ticket {
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
        if let writer, writer.firstSeq == segment.firstSeq { return writer.fd }
        if let writer { close(writer.fd) }
        writer = nil
        let fd = try Durable.open(segment.path, O_WRONLY | O_APPEND, permissions: permissions)
        writer = (segment.firstSeq, fd)
        return fd
    }

    // MARK: Store

    @discardableResult
    public func refresh() throws -> [Event] {
        lastRefreshReloaded = false
        var events = unreported
        unreported = []
        do {
            events += try catchUp(repair: false)
        } catch is LogTail.Vanished {
            try reload()
            lastRefreshReloaded = true
            return events
        }
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
        if compacting { try compact() }
        return written
    }

    private func append(_ changes: [Change], stamps: [(actor: String, at: Date)]?) throws -> [Event] {
        guard !changes.isEmpty else { return [] }
        return try lock.withExclusiveLock {
            do {
                unreported += try catchUp(repair: true)
            } catch is LogTail.Vanished {
                try reload()
                unreported = []
                try catchUp(repair: true)
            }
            if tail.segments.isEmpty { try startSegment(firstSeq: state.lastSeq + 1) }
            let events = try appendLocked(changes, stamps: stamps)
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

    /// Validates, writes and folds one batch; the caller holds the lock and has caught up.
    private func appendLocked(_ changes: [Change], stamps: [(actor: String, at: Date)]? = nil) throws -> [Event] {
        let now = StoreDates.whole(clock())
        // A batch is validated change by change against the state with the earlier ones applied
        // (a customer created then given a ticket). One change needs no working copy, which would
        // copy every dictionary of a large state.
        var events: [Event] = []
        events.reserveCapacity(changes.count)
        var work: HelpdeskState?
        if changes.count > 1 { work = state }
        for (i, change) in changes.enumerated() {
            let at = stamps.map { StoreDates.whole($0[i].at) } ?? now
            let who = stamps?[i].actor ?? actor
            // No named copy of the working state: one alive at `apply` made every event copy every
            // ticket (measured: building a 10k-ticket benchmark store took 65 s instead of 2 s).
            let prepared = try (work ?? state).prepare(StoreDates.normalised(change), actor: who, at: at)
            let event = Event(seq: (work?.lastSeq ?? state.lastSeq) + 1, at: at, actor: who, change: prepared)
            work?.apply(event)
            events.append(event)
        }

        var bytes: [UInt8] = []
        var lengths: [Int] = []
        lengths.reserveCapacity(events.count)
        for (i, event) in events.enumerated() {
            let line = try LogRecord.line(event, more: i < events.count - 1, encoder: encoder)
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
            index(event, at: ref)
            if work == nil { state.apply(event) }
            offset += lengths[i]
            tail.lastLogSeq = event.seq
        }
        if let work { state = work }
        tail.readOffset = offset
        tail.readLine += events.count
        return events
    }

    /// Creates a new, empty log segment whose first record will be `firstSeq`, durably.
    func startSegment(firstSeq: Int) throws {
        let path = paths.segment(EventLog.segmentName(firstSeq: firstSeq))
        let fd = try Durable.open(path, O_WRONLY | O_CREAT, permissions: permissions)
        defer { close(fd) }
        try Durable.sync(fd, path: path)
        try Durable.syncDirectory(paths.log)
        try tail.open(firstSeq: firstSeq, path: path)
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
        try compact()
        return written
    }

    public func ticket(_ number: Int) throws -> Ticket {
        guard let summary = state.tickets[number] else { throw ChangeError.ticketNotFound(number) }
        var t = summary
        t.messages = []
        for event in try history(ofTicket: number) {
            switch event.change {
            case .ticketCreated(let n): if let m = n.message { t.messages.append(m) }
            case .messageAdded(_, let m): t.messages.append(m)
            default: break
            }
        }
        t.threadLoaded = true
        return t
    }

    public func history(ofTicket number: Int) throws -> [Event] {
        var events = try snapshot?.ticketEvents(number, decoder: decoder) ?? []
        for ref in tail.ticketRefs[number] ?? [] { events.append(try decodeTail(ref)) }
        return events
    }

    public func history(ofCustomer id: String) throws -> [Event] {
        var events = try snapshot?.customerEvents(id, decoder: decoder) ?? []
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
