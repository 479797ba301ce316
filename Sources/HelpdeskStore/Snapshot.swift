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

    let directory: String
    let manifest: SnapshotManifest
    var lastSeq: Int { manifest.lastSeq }
    /// Held open so the files stay readable after another process compacts and deletes them.
    let threadsFD: Int32
    let customerHistoryFD: Int32
    let otherHistoryFD: Int32
    var threadSpans: [Int: Span]
    var customerSpans: [String: Span]

    init(directory: String, manifest: SnapshotManifest, threadSpans: [Int: Span], customerSpans: [String: Span]) throws {
        self.directory = directory
        self.manifest = manifest
        self.threadSpans = threadSpans
        self.customerSpans = customerSpans
        threadsFD = try Durable.open(directory + "/" + Self.threadsName, O_RDONLY)
        customerHistoryFD = try Durable.open(directory + "/" + Self.customerHistoryName, O_RDONLY)
        otherHistoryFD = try Durable.open(directory + "/" + Self.otherHistoryName, O_RDONLY)
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

    // MARK: Reading

    /// Loads a snapshot into `state` (which must be empty).
    static func load(directory: String, into state: inout HelpdeskState) throws -> Snapshot {
        let manifestPath = directory + "/" + manifestName
        let manifest: SnapshotManifest
        do {
            manifest = try StoreJSON.decoder().decode(SnapshotManifest.self, from: Data(Durable.readFile(manifestPath)))
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError.corrupt(file: manifestPath, line: 1, reason: StoreJSON.reason(error))
        }
        guard manifest.format <= StoreInfo.currentFormat else {
            throw StoreError.newerFormat(path: directory, format: manifest.format, supported: StoreInfo.currentFormat)
        }

        state.reserveCapacity(tickets: manifest.tickets, customers: manifest.customers)

        // Parsing is split across two threads (customers and the first half of the tickets on one,
        // the second half on the other); folding into the state stays on this thread.
        let customersFile = try MappedFile(path: directory + "/" + customersName)
        let ticketsFile = try MappedFile(path: directory + "/" + ticketsName)
        let split = ticketsFile.splitPoint()
        let firstHalf = ParsedTickets(capacity: manifest.tickets / 2 + 1)
        let secondHalf = ParsedTickets(capacity: manifest.tickets / 2 + 1)
        let parsedCustomers = ParsedCustomers(capacity: manifest.customers)
        let done = DispatchSemaphore(value: 0)
        Thread {
            secondHalf.parse(ticketsFile, from: split, to: ticketsFile.count)
            done.signal()
        }.start()
        parsedCustomers.parse(customersFile)
        firstHalf.parse(ticketsFile, from: 0, to: split)
        done.wait()

        if let failure = parsedCustomers.failure { throw failure }
        var customerSpans: [String: Span] = [:]
        customerSpans.reserveCapacity(manifest.customers)
        for (c, span) in parsedCustomers.values {
            state.load(customer: c)
            customerSpans[c.id] = span
        }
        if let failure = firstHalf.failure { throw failure }
        if var failure = secondHalf.failure {
            // Its line numbers count from the split: add the first half's lines.
            if case .corrupt(let file, let line, let reason) = failure {
                failure = .corrupt(file: file, line: line + firstHalf.lines, reason: reason)
            }
            throw failure
        }
        var threadSpans: [Int: Span] = [:]
        threadSpans.reserveCapacity(manifest.tickets)
        for half in [firstHalf, secondHalf] {
            for (t, span) in half.values {
                state.load(ticket: t)
                threadSpans[t.number] = span
            }
            half.values = []
        }

        let decoder = StoreJSON.decoder()
        for a in try decodeLines(Agent.self, directory + "/" + agentsName, decoder) { state.load(agent: a) }
        for p in try decodeLines(CustomerPromise.self, directory + "/" + promisesName, decoder) { state.load(promise: p) }
        for t in try decodeLines(Template.self, directory + "/" + templatesName, decoder) { state.load(template: t) }
        state.load(settings: manifest.settings)
        state.load(lastSeq: manifest.lastSeq, maxTicketNumber: manifest.maxTicketNumber,
                   maxCustomerNumber: manifest.maxCustomerNumber, maxPromiseID: manifest.maxPromiseID)
        return try Snapshot(directory: directory, manifest: manifest, threadSpans: threadSpans, customerSpans: customerSpans)
    }

    /// Runs `body` with a scanner over each line of `bytes[from..<to]`; errors name the file and
    /// line (counted from `from`). Returns the number of lines.
    @discardableResult
    static func forEachLine(_ file: MappedFile, from: Int = 0, to: Int? = nil,
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
            var s = JSONScanner(UnsafeRawBufferPointer(rebasing: bytes[start..<lineEnd]))
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

    static func decodeLines<T: Decodable>(_ type: T.Type, _ path: String, _ decoder: JSONDecoder) throws -> [T] {
        let bytes = try Durable.readFile(path)
        var out: [T] = []
        for (i, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
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
        let bytes = try Durable.read(fd, offset: span.offset, count: span.length, path: path)
        do {
            return try decoder.decode(HistoryLine.self, from: Data(bytes)).events
        } catch {
            throw StoreError.corrupt(file: path, line: 0, reason: "the record at byte \(span.offset): \(StoreJSON.reason(error))")
        }
    }

    /// The raw bytes of an entity's history line (for carrying it into the next snapshot).
    func rawLine(fd: Int32, span: Span, file: String) throws -> [UInt8] {
        try Durable.read(fd, offset: span.offset, count: span.length, path: directory + "/" + file)
    }
}

/// Ticket summaries parsed on one thread, handed to another (the mapped file outlives both).
private final class ParsedTickets: @unchecked Sendable {
    var values: [(Ticket, Span)] = []
    var failure: StoreError?
    var lines = 0

    init(capacity: Int) { values.reserveCapacity(capacity) }

    func parse(_ file: MappedFile, from: Int, to: Int) {
        var keys = SnapshotCodec.summaryKeys
        do {
            lines = try Snapshot.forEachLine(file, from: from, to: to) { s in
                values.append(try SnapshotCodec.decodeSummary(&s, keys: &keys))
            }
        } catch let e as StoreError {
            failure = e
        } catch {
            failure = .corrupt(file: file.path, line: 0, reason: "\(error)")
        }
    }
}

private final class ParsedCustomers: @unchecked Sendable {
    var values: [(Customer, Span)] = []
    var failure: StoreError?

    init(capacity: Int) { values.reserveCapacity(capacity) }

    func parse(_ file: MappedFile) {
        var keys = SnapshotCodec.customerKeys
        do {
            try Snapshot.forEachLine(file) { s in values.append(try SnapshotCodec.decodeCustomerLine(&s, keys: &keys)) }
        } catch let e as StoreError {
            failure = e
        } catch {
            failure = .corrupt(file: file.path, line: 0, reason: "\(error)")
        }
    }
}
