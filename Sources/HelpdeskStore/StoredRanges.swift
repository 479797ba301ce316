import Foundation
import HelpdeskCore

/// Range checks for the numbers in the store's own bookkeeping — `CURRENT`, a snapshot's
/// `manifest.json`, the spans its summaries point at — made as they are read (the records themselves
/// are checked by their decoders: `Event`, `SnapshotCodec`).
///
/// Each is a refusal with the file (and line) at fault instead of what an absurd value would do later:
/// `lastSeq + 1` trapping at `Int.max`, `reserveCapacity` of a count of 10^15, a `pread` of a span
/// reaching past the end of its file. Kept out of the readers' files so each reader needs one call.
enum StoredRanges {
    /// `CURRENT`, or a decoding error saying which of its values cannot be right.
    static func checked(_ pointer: CurrentPointer) throws -> CurrentPointer {
        func refuse(_ why: String) -> DecodingError {
            DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: why))
        }
        guard (0...Limits.sequenceNumbers.upperBound).contains(pointer.lastSeq) else {
            throw refuse("lastSeq \(pointer.lastSeq) is out of range (0 to \(Limits.sequenceNumbers.upperBound))")
        }
        // A snapshot's name is its last sequence number: digits only, so it can only name a directory
        // inside snapshots/.
        guard (1...20).contains(pointer.snapshot.utf8.count), pointer.snapshot.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw refuse("'\(pointer.snapshot)' is not a snapshot's name (digits only)")
        }
        return pointer
    }

    /// A manifest's counters and counts. The counts size the tables a snapshot is loaded into, so they
    /// must not exceed what the files could hold (a summary or customer line is at least 40 bytes).
    static func check(_ m: SnapshotManifest, in directory: String, path: String) throws {
        func refuse(_ why: String, _ key: String) -> StoreError { .corrupt(file: path, line: line(of: key, in: path), reason: why) }
        func within(_ value: Int, _ upper: Int, _ what: String) throws {
            guard (0...upper).contains(value) else { throw refuse("\(what) \(value) is out of range (0 to \(upper))", what) }
        }
        try within(m.lastSeq, Limits.sequenceNumbers.upperBound, "lastSeq")
        try within(m.maxTicketNumber, Limits.ticketNumbers.upperBound, "maxTicketNumber")
        try within(m.maxCustomerNumber, Limits.customerNumbers.upperBound, "maxCustomerNumber")
        try within(m.maxPromiseID, Limits.promiseIDs.upperBound, "maxPromiseID")
        for (count, file, what) in [(m.tickets, Snapshot.ticketsName, "tickets"), (m.customers, Snapshot.customersName, "customers")] {
            let bytes = fileSize(directory + "/" + file)
            guard count >= 0, count <= bytes / 40 else {
                throw refuse("it counts \(count) \(what), more than \(file) (\(bytes) bytes) can hold", what)
            }
        }
        if let problem = m.settings.rangeProblem { throw refuse(problem, "sla") }
    }

    /// The line on which `"key"` first appears in a (small) JSON file; 1 when it does not.
    private static func line(of key: String, in path: String) -> Int {
        guard let bytes = try? Durable.readFile(path) else { return 1 }
        let needle = Array("\"\(key)\"".utf8)
        var line = 1
        for i in bytes.indices {
            if bytes[i] == 0x0A { line += 1 }
            if bytes[i] == needle[0], i + needle.count <= bytes.count, Array(bytes[i..<(i + needle.count)]) == needle { return line }
        }
        return 1
    }

    /// Every thread and customer history span lies inside its file, so reading one reads that line.
    static func checkSpans(_ threads: NumberTable<Span>, _ customers: [String: Span], in directory: String) throws {
        let threadBytes = fileSize(directory + "/" + Snapshot.threadsName)
        for (number, span) in threads where span.offset > threadBytes - span.length {
            // Summaries are in ascending number order, one per line.
            let line = 1 + threads.keys.reduce(0) { $0 + ($1 < number ? 1 : 0) }
            throw StoreError.corrupt(file: directory + "/" + Snapshot.ticketsName, line: line,
                reason: "ticket #\(number)'s thread [\(span.offset), \(span.length)] reaches beyond the end of \(Snapshot.threadsName) (\(threadBytes) bytes)")
        }
        let historyBytes = fileSize(directory + "/" + Snapshot.customerHistoryName)
        for (id, span) in customers where span.offset > historyBytes - span.length {
            throw StoreError.corrupt(file: directory + "/" + Snapshot.customersName, line: customerLine(id, in: directory) ?? 0,
                reason: "customer \(id)'s history [\(span.offset), \(span.length)] reaches beyond the end of \(Snapshot.customerHistoryName) (\(historyBytes) bytes)")
        }
    }

    private static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// The line of `customers.jsonl` holding customer `id` (only looked for to report damage).
    private static func customerLine(_ id: String, in directory: String) -> Int? {
        guard let file = try? MappedFile(path: directory + "/" + Snapshot.customersName) else { return nil }
        var line = 0, found: Int?
        var keys = SnapshotCodec.customerKeys
        _ = try? Snapshot.forEachLine(file, framed: false) { s in
            line += 1
            if found == nil, (try? SnapshotCodec.decodeCustomerLine(&s, keys: &keys))?.0.id == id { found = line }
        }
        return found
    }
}
