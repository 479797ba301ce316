import Foundation
import HelpdeskCore

/// `CURRENT`: which snapshot is in force. Replaced atomically, so it always names a complete one.
struct CurrentPointer: Codable, Equatable {
    /// The snapshot's directory name under `snapshots/`.
    var snapshot: String
    /// The last sequence number folded into it; the log is replayed from the next one.
    var lastSeq: Int
}

/// `manifest.json` in a snapshot directory.
struct SnapshotManifest: Codable {
    struct FileDigest: Codable, Equatable {
        var bytes: Int
        /// CRC-32 of the whole file (`RecordChecksum`), checked by `helpdesk check`, not on open.
        var crc32: String
    }

    var format: Int
    var lastSeq: Int
    var maxTicketNumber: Int
    var maxCustomerNumber: Int
    var maxPromiseID: Int
    var createdAt: Date
    var settings: Settings
    var tickets: Int
    var customers: Int
    var files: [String: FileDigest]
}

/// A snapshot: the state as of one sequence number, so opening replays only the log after it.
///
/// Layout of `snapshots/<lastSeq, 12 digits>/`:
/// - `manifest.json` — counters, settings, and the size and CRC-32 of every other file;
/// - `tickets.jsonl` — ticket summaries (no message bodies), read at open by `SnapshotCodec`;
/// - `customers.jsonl` — customers, read at open by `SnapshotCodec`;
/// - `agents.jsonl`, `promises.jsonl`, `templates.jsonl` — small, one `Codable` value per line;
/// - `threads.jsonl` — per ticket `{"ticket":1001,"events":[…]}`: every event about the ticket
///   since it was created, read on demand (a thread, a history) through the offset in its summary;
/// - `customer-history.jsonl` — per customer `{"customer":"c00012","events":[…]}`, likewise;
/// - `other-history.jsonl` — every other event (agents, templates, settings), one per line.
///
/// The audit trail survives compaction by being carried into each snapshot: the events in the
/// history files are the log records verbatim (their `sum` still verifies), and a new snapshot copies
/// the previous one's lines, appending the events since. So old log segments can be deleted, and a
/// ticket's whole history is one read, however old the ticket.
final class Snapshot {
    static let manifestName = "manifest.json"
    static let threadsName = "threads.jsonl"
    static let customerHistoryName = "customer-history.jsonl"
    static let otherHistoryName = "other-history.jsonl"
    static let ticketsName = "tickets.jsonl"
    static let customersName = "customers.jsonl"
    static let agentsName = "agents.jsonl"
    static let promisesName = "promises.jsonl"
    static let templatesName = "templates.jsonl"
    /// Agents' saved views; absent in snapshots written before saved views existed.
    static let viewsName = "views.jsonl"
    /// The mail index (`MailIndex`): Message-IDs, CC lists; absent in snapshots made before mail.
    static let mailName = "mail.jsonl"
    /// The loop counters of automatic mail (`MailLoopGuard`).
    static let mailLoopsName = "mail-loops.jsonl"

    /// The snapshot format this helpdesk writes: 2 puts a checksum on every line (`SnapshotLines`).
    static let format = 2

    let directory: String
    let manifest: SnapshotManifest
    var lastSeq: Int { manifest.lastSeq }
    /// Whether every line carries a checksum (format 2 on).
    var framed: Bool { manifest.format >= 2 }
    /// Held open so the files stay readable after another process compacts and deletes them.
    let threadsFD: Int32
    let customerHistoryFD: Int32
    let otherHistoryFD: Int32
    var threadSpans: NumberTable<Span>
    var customerSpans: [String: Span]
    /// The full-text index, mapped (nil in snapshots written before search existed).
    var searchIndex: SearchIndexFile?

    init(directory: String, manifest: SnapshotManifest, threadSpans: NumberTable<Span>, customerSpans: [String: Span]) throws {
        self.directory = directory
        self.manifest = manifest
        self.threadSpans = threadSpans
        self.customerSpans = customerSpans
        threadsFD = try Durable.open(directory + "/" + Self.threadsName, O_RDONLY)
        customerHistoryFD = try Durable.open(directory + "/" + Self.customerHistoryName, O_RDONLY)
        otherHistoryFD = try Durable.open(directory + "/" + Self.otherHistoryName, O_RDONLY)
        if Durable.exists(directory + "/" + SearchIndexFile.name) {
            searchIndex = try SearchIndexFile(path: directory + "/" + SearchIndexFile.name)
        }
    }

    deinit {
        close(threadsFD)
        close(customerHistoryFD)
        close(otherHistoryFD)
    }

    static func directoryName(lastSeq: Int) -> String {
        let digits = String(lastSeq)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    /// The sequence number a snapshot directory's name stands for; nil for any other name.
    static func lastSeq(ofDirectory name: String) -> Int? {
        guard name.count >= 12, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(name)
    }

    // MARK: Reading

    /// A snapshot's manifest, refused when a newer helpdesk wrote it.
    static func manifest(directory: String) throws -> SnapshotManifest {
        let manifestPath = directory + "/" + manifestName
        let manifest: SnapshotManifest
        do {
            manifest = try StoreJSON.decoder().decode(SnapshotManifest.self, from: Data(Durable.readFile(manifestPath)))
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.corrupt(file: manifestPath, line: 1, reason: StoreJSON.reason(error))
        }
        guard manifest.format <= Snapshot.format else {
            throw StoreError.newerFormat(path: directory, format: manifest.format, supported: Snapshot.format)
        }
        try StoredRanges.check(manifest, in: directory, path: manifestPath)
        return manifest
    }

    /// Loads a snapshot into `state` (which must be empty).
    static func load(directory: String, into state: inout HelpdeskState) throws -> Snapshot {
        let manifest = try manifest(directory: directory)
        let framed = manifest.format >= 2

        state.reserveCapacity(tickets: manifest.tickets, customers: manifest.customers)

        // A helper thread parses the customers, then ticket summaries in chunks (`SummaryChunks`).
        // This thread folds the chunks in file order, parsing those the helper has not reached, and
        // loads the customers as soon as they are parsed: the state is built on this thread only.
        let customersFile = try MappedFile(path: directory + "/" + customersName)
        let chunks = SummaryChunks(file: try MappedFile(path: directory + "/" + ticketsName), framed: framed)
        let parsedCustomers = ParsedCustomers(capacity: manifest.customers)
        Thread {
            parsedCustomers.parse(customersFile, framed: framed)
            chunks.parseUnclaimed()
        }.start()

        var customerSpans: [String: Span] = [:]
        var customersLoaded = false
        func loadCustomers(waiting: Bool) throws {
            guard !customersLoaded, parsedCustomers.finished(waiting: waiting) else { return }
            customersLoaded = true
            if let failure = parsedCustomers.failure { throw failure }
            customerSpans.reserveCapacity(manifest.customers)
            for (c, span) in parsedCustomers.values {
                state.load(customer: c)
                customerSpans[c.id] = span
            }
            parsedCustomers.values = []
        }

        var threadSpans = NumberTable<Span>()
        threadSpans.reserveCapacity(manifest.tickets)
        var grouping = CustomerTicketGrouping(customers: manifest.customers, tickets: manifest.tickets)
        var linesBefore = 0
        for i in 0..<chunks.count {
            try loadCustomers(waiting: false)
            let chunk = chunks.take(i)
            if var failure = chunk.failure {
                // Its line numbers count from the chunk's start.
                if case .corrupt(let file, let line, let reason) = failure {
                    failure = .corrupt(file: file, line: line + linesBefore, reason: reason)
                }
                throw failure
            }
            linesBefore += chunk.lines
            state.load(tickets: chunk.tickets, grouping: &grouping)
            for k in chunk.spans.indices { threadSpans.append(chunk.spans[k], number: chunk.tickets[k].number) }
        }
        try loadCustomers(waiting: true)
        state.load(grouping)
        releaseFreedMemory()

        let decoder = StoreJSON.decoder()
        for a in try decodeLines(Agent.self, directory + "/" + agentsName, decoder, framed: framed) { state.load(agent: a) }
        for p in try decodeLines(CustomerPromise.self, directory + "/" + promisesName, decoder, framed: framed) { state.load(promise: p) }
        for t in try decodeLines(Template.self, directory + "/" + templatesName, decoder, framed: framed) { state.load(template: t) }
        if Durable.exists(directory + "/" + viewsName) {
            for v in try decodeLines(SavedView.self, directory + "/" + viewsName, decoder, framed: framed) { state.load(savedView: v) }
        }
        if Durable.exists(directory + "/" + mailName) {
            for line in try decodeLines(MailIndex.TicketLine.self, directory + "/" + mailName, decoder, framed: framed) { state.load(mailLine: line) }
        }
        if Durable.exists(directory + "/" + mailLoopsName) {
            for line in try decodeLines(MailIndex.LoopLine.self, directory + "/" + mailLoopsName, decoder, framed: framed) { state.load(mailLoopLine: line) }
        }
        state.load(settings: manifest.settings)
        state.load(lastSeq: manifest.lastSeq, maxTicketNumber: manifest.maxTicketNumber,
                   maxCustomerNumber: manifest.maxCustomerNumber, maxPromiseID: manifest.maxPromiseID)
        try StoredRanges.checkSpans(threadSpans, customerSpans, in: directory)
        return try Snapshot(directory: directory, manifest: manifest, threadSpans: threadSpans, customerSpans: customerSpans)
    }

    /// Runs `body` with a scanner over each line of `bytes[from..<to]`, checking each line's checksum
    /// first when `framed`; errors name the file and line (counted from `from`). Returns the number of lines.
    @discardableResult
    static func forEachLine(_ file: MappedFile, from: Int = 0, to: Int? = nil, framed: Bool,
                            _ body: (inout JSONScanner) throws -> Void) throws -> Int {
        let bytes = file.bytes
        let end = to ?? bytes.count
        var start = from
        var line = 1
        while start < end {
            let lineEnd: Int
            if let nl = memchr(bytes.baseAddress! + start, 0x0A, end - start) {
                lineEnd = bytes.baseAddress!.distance(to: UnsafeRawPointer(nl))
            } else {
                lineEnd = end
            }
            let lineBytes = UnsafeRawBufferPointer(rebasing: bytes[start..<lineEnd])
            if framed, case .failure(let problem) = LogRecord.verify(lineBytes) {
                throw StoreError.corrupt(file: file.path, line: line, reason: problem.reason)
            }
            var s = JSONScanner(lineBytes)
            do {
                try body(&s)
                guard s.atEnd else { throw s.fail("unexpected text after the record") }
            } catch let f as JSONScanner.Failure {
                throw StoreError.corrupt(file: file.path, line: line, reason: f.reason)
            }
            start = lineEnd + 1
            line += 1
        }
        return line - 1
    }

    static func decodeLines<T: Decodable>(_ type: T.Type, _ path: String, _ decoder: JSONDecoder, framed: Bool) throws -> [T] {
        let bytes = try Durable.readFile(path)
        var out: [T] = []
        for (i, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if framed, case .failure(let problem) = line.withUnsafeBytes({ LogRecord.verify($0) }) {
                throw StoreError.corrupt(file: path, line: i + 1, reason: problem.reason)
            }
            do {
                out.append(try decoder.decode(T.self, from: Data(line)))
            } catch {
                throw StoreError.corrupt(file: path, line: i + 1, reason: StoreJSON.reason(error))
            }
        }
        return out
    }

    /// The events a history line holds.
    private struct HistoryLine: Decodable { var events: [Event] }

    func ticketEvents(_ number: Int, decoder: JSONDecoder) throws -> [Event] {
        guard let span = threadSpans[number] else { return [] }
        return try events(fd: threadsFD, span: span, file: Self.threadsName, decoder: decoder)
    }

    func customerEvents(_ id: String, decoder: JSONDecoder) throws -> [Event] {
        guard let span = customerSpans[id] else { return [] }
        return try events(fd: customerHistoryFD, span: span, file: Self.customerHistoryName, decoder: decoder)
    }

    private func events(fd: Int32, span: Span, file: String, decoder: JSONDecoder) throws -> [Event] {
        let path = directory + "/" + file
        let size = try Durable.size(fd, path: path)
        guard span.offset >= 0, span.length >= 0, span.offset <= size, span.length <= size - span.offset else {
            throw StoreError.corrupt(file: path, line: 0,
                                     reason: "a record is said to be at bytes \(span.offset)+\(span.length), past the end of the file (\(size) bytes)")
        }
        let bytes = try Durable.read(fd, offset: span.offset, count: span.length, path: path)
        if framed, case .failure(let problem) = bytes.withUnsafeBytes({ LogRecord.verify($0) }) {
            let map = try MappedFile(fd: fd, count: size, path: path)
            throw StoreError.corrupt(file: path, line: SnapshotLines.lineNumber(in: map.bytes, at: span.offset), reason: problem.reason)
        }
        do {
            return try decoder.decode(HistoryLine.self, from: Data(bytes)).events
        } catch {
            let line = (try? MappedFile(fd: fd, count: size, path: path)).map { SnapshotLines.lineNumber(in: $0.bytes, at: span.offset) } ?? 0
            throw StoreError.corrupt(file: path, line: line, reason: "the record at byte \(span.offset): \(StoreJSON.reason(error))")
        }
    }

    /// The raw bytes of an entity's history line (for carrying it into the next snapshot).
    func rawLine(fd: Int32, span: Span, file: String) throws -> [UInt8] {
        try Durable.read(fd, offset: span.offset, count: span.length, path: directory + "/" + file)
    }
}

private final class ParsedCustomers: @unchecked Sendable {
    var values: [(Customer, Span)] = []
    var failure: StoreError?
    private let done = DispatchSemaphore(value: 0)

    /// Whether `parse` has finished (waiting for it if asked to). True once only.
    func finished(waiting: Bool) -> Bool {
        if waiting { done.wait(); return true }
        return done.wait(timeout: .now()) == .success
    }

    init(capacity: Int) { values.reserveCapacity(capacity) }

    func parse(_ file: MappedFile, framed: Bool) {
        defer { done.signal() }
        var keys = SnapshotCodec.customerKeys
        do {
            try Snapshot.forEachLine(file, framed: framed) { s in values.append(try SnapshotCodec.decodeCustomerLine(&s, keys: &keys)) }
        } catch let e as StoreError {
            failure = e
        } catch {
            failure = .corrupt(file: file.path, line: 0, reason: "\(error)")
        }
    }
}

/// Hands the heap memory freed while loading (parsed chunks, the customers' list) back to the system.
/// glibc keeps freed memory inside its arenas (one per thread), and the parsing threads free tens of
/// megabytes: measured opening a 100k-ticket store, 100 MB resident without this, 88 MB with it,
/// for about 1 ms.
private func releaseFreedMemory() {
    #if canImport(Glibc)
    _ = glibcMallocTrim(0)
    #endif
}

#if canImport(Glibc)
@_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
