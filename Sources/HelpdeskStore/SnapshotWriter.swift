import Foundation
import HelpdeskCore

/// Writes a new snapshot directory from the state in memory, the previous snapshot's history files
/// and the log tail. History lines of entities untouched since the previous snapshot are copied
/// byte for byte; touched ones get the tail's records appended to their `events` array.
struct SnapshotWriter {
    let directory: String
    let permissions: StorePermissions

    struct Result {
        var manifest: SnapshotManifest
        var threadSpans: NumberTable<Span>
        var customerSpans: [String: Span]
    }

    func write(state: HelpdeskState, previous: Snapshot?, tail: LogTail, createdAt: Date) throws -> Result {
        var digests: [String: SnapshotManifest.FileDigest] = [:]
        func finish(_ w: BufferedWriter, _ name: String) throws {
            try w.finish()
            digests[name] = .init(bytes: w.offset, crc32: String(decoding: RecordChecksum.hex(w.crc), as: UTF8.self))
        }

        // The tail's records, straight from the mapped segments, each checked again as it is copied
        // (it was checked when read, but the file may have been changed since).
        let maps = try tail.segments.map { try MappedFile(fd: $0.fd, count: Durable.size($0.fd, path: $0.path), path: $0.path) }
        func record(_ ref: LogTail.Ref) throws -> UnsafeRawBufferPointer {
            let b = maps[Int(ref.segment)].bytes
            guard ref.offset >= 0, ref.length > 0, ref.offset + Int(ref.length) <= b.count else {
                throw StoreError.corrupt(file: maps[Int(ref.segment)].path, line: 0,
                                         reason: "the record at byte \(ref.offset) is no longer there (was the file truncated?)")
            }
            let line = UnsafeRawBufferPointer(rebasing: b[ref.offset..<(ref.offset + Int(ref.length))])
            if case .failure(let problem) = LogRecord.verify(line) {
                throw StoreError.corrupt(file: maps[Int(ref.segment)].path, line: SnapshotLines.lineNumber(in: b, at: ref.offset),
                                         reason: problem.reason + "; not compacting, so the damage is not copied forward")
            }
            return line
        }
        // The previous snapshot's history files. Its lines are checked one by one as they are copied
        // (older snapshots, whose lines carry no checksum, are checked whole against the manifest first).
        func previousMap(_ fd: Int32?, _ name: String) throws -> MappedFile? {
            guard let fd, let previous else { return nil }
            let path = previous.directory + "/" + name
            let map = try MappedFile(fd: fd, count: Durable.size(fd, path: path), path: path)
            if !previous.framed { try SnapshotLines.verifyWhole(map, name: name, manifest: previous.manifest) }
            return map
        }
        let framed = previous?.framed ?? true

        // threads.jsonl
        let threads = try BufferedWriter(creating: path(Snapshot.threadsName), permissions: permissions)
        let oldThreads = try previousMap(previous?.threadsFD, Snapshot.threadsName)
        var threadSpans = NumberTable<Span>()
        threadSpans.reserveCapacity(state.tickets.count)
        var numbers = Set(state.tickets.keys).union(tail.ticketRefs.keys)
        if let previous { numbers.formUnion(previous.threadSpans.keys) }
        for n in numbers.sorted() {
            var head = JSONLineWriter()
            head.raw("{\"ticket\":"); head.int(n); head.raw(",\"events\":[")
            let span = try writeHistory(to: threads, head: head.bytes, old: oldThreads, framed: framed,
                                        span: previous?.threadSpans[n], refs: tail.ticketRefs[n] ?? [], record: record)
            threadSpans[n] = span
        }
        try finish(threads, Snapshot.threadsName)

        // customer-history.jsonl
        let customerHistory = try BufferedWriter(creating: path(Snapshot.customerHistoryName), permissions: permissions)
        let oldCustomers = try previousMap(previous?.customerHistoryFD, Snapshot.customerHistoryName)
        var customerSpans: [String: Span] = [:]
        customerSpans.reserveCapacity(state.customers.count)
        var ids = Set(state.customers.keys).union(tail.customerRefs.keys)
        if let previous { ids.formUnion(previous.customerSpans.keys) }
        for id in ids.sorted() {
            var head = JSONLineWriter()
            head.raw("{\"customer\":"); head.string(id); head.raw(",\"events\":[")
            customerSpans[id] = try writeHistory(to: customerHistory, head: head.bytes, old: oldCustomers, framed: framed,
                                                 span: previous?.customerSpans[id], refs: tail.customerRefs[id] ?? [],
                                                 record: record)
        }
        try finish(customerHistory, Snapshot.customerHistoryName)

        // other-history.jsonl: the previous file, then the tail's other events, one per line.
        let other = try BufferedWriter(creating: path(Snapshot.otherHistoryName), permissions: permissions)
        if let old = try previousMap(previous?.otherHistoryFD, Snapshot.otherHistoryName) {
            // Its lines are log records verbatim, each with its own checksum.
            try SnapshotLines.verifyEach(old)
            try other.write(old.bytes)
        }
        for ref in tail.otherRefs {
            try other.write(record(ref))
            try other.write([0x0A])
        }
        try finish(other, Snapshot.otherHistoryName)

        // tickets.jsonl and customers.jsonl: what opening reads.
        let tickets = try BufferedWriter(creating: path(Snapshot.ticketsName), permissions: permissions)
        var line = JSONLineWriter()
        line.bytes.reserveCapacity(1024)
        for n in state.tickets.keys.sorted() {
            line.bytes.removeAll(keepingCapacity: true)
            SnapshotCodec.encode(summary: state.tickets[n]!, thread: threadSpans[n]!, into: &line)
            try tickets.writeFramed(object: line.bytes.dropLast())
        }
        try finish(tickets, Snapshot.ticketsName)

        let customers = try BufferedWriter(creating: path(Snapshot.customersName), permissions: permissions)
        for id in state.customers.keys.sorted() {
            line.bytes.removeAll(keepingCapacity: true)
            SnapshotCodec.encode(customer: state.customers[id]!, history: customerSpans[id]!, into: &line)
            try customers.writeFramed(object: line.bytes.dropLast())
        }
        try finish(customers, Snapshot.customersName)

        // search.jsonl: the previous index plus the tail's terms (rebuilt from every thread once, for
        // a snapshot written before search existed).
        let search = try BufferedWriter(creating: path(SearchIndexFile.name), permissions: permissions)
        if let previous, previous.searchIndex == nil {
            let rebuilt = SearchTail()
            let decoder = StoreJSON.decoder()
            for n in previous.threadSpans.keys {
                for e in try previous.ticketEvents(n, decoder: decoder) { rebuilt.add(e.change) }
            }
            for (term, numbers) in tail.search.postings { for n in numbers { rebuilt.insert(term, n) } }
            try SearchIndexWriter.write(to: search, previous: nil, tail: rebuilt.postings)
        } else {
            try SearchIndexWriter.write(to: search, previous: previous?.searchIndex, tail: tail.search.postings)
        }
        try finish(search, SearchIndexFile.name)

        let encoder = StoreJSON.encoder()
        func lines<T: Encodable>(_ values: [T], _ name: String) throws {
            let w = try BufferedWriter(creating: path(name), permissions: permissions)
            for v in values { try w.writeFramed(object: [UInt8](encoder.encode(v))) }
            try finish(w, name)
        }
        try lines(state.agents.values.sorted { $0.login < $1.login }, Snapshot.agentsName)
        try lines(state.promises.values.sorted { $0.id < $1.id }, Snapshot.promisesName)
        try lines(state.templates.values.sorted { $0.name < $1.name }, Snapshot.templatesName)
        try lines(state.savedViews.keys.sorted().flatMap { state.savedViews[$0]! }, Snapshot.viewsName)
        try lines(state.mail.lines, Snapshot.mailName)
        try lines(state.mail.loopLines, Snapshot.mailLoopsName)

        let manifest = SnapshotManifest(format: Snapshot.format, lastSeq: state.lastSeq,
                                        maxTicketNumber: state.maxTicketNumber, maxCustomerNumber: state.maxCustomerNumber,
                                        maxPromiseID: state.maxPromiseID, createdAt: createdAt, settings: state.settings,
                                        tickets: state.tickets.count, customers: state.customers.count, files: digests)
        let m = try BufferedWriter(creating: path(Snapshot.manifestName), permissions: permissions)
        try m.write([UInt8](StoreJSON.encoder(pretty: true).encode(manifest)) + [0x0A])
        try m.finish()
        try Durable.syncDirectory(directory)
        return Result(manifest: manifest, threadSpans: threadSpans, customerSpans: customerSpans)
    }

    private func path(_ name: String) -> String { directory + "/" + name }

    /// Writes one history line — the previous line with `refs` appended to its events, or a new line —
    /// checksummed. The previous line is checked before a byte of it is copied.
    private func writeHistory(to w: BufferedWriter, head: [UInt8], old: MappedFile?, framed: Bool, span: Span?,
                              refs: [LogTail.Ref], record: (LogTail.Ref) throws -> UnsafeRawBufferPointer) throws -> Span {
        let start = w.offset
        w.beginLine()
        var hasEvents = false
        if let old, let span {
            // `{…,"events":[…]` without what closes the object (`,"sum":"…"}` or `}`).
            let body = try SnapshotLines.historyBody(old, span: span, framed: framed)
            if refs.isEmpty && framed {
                try w.write(UnsafeRawBufferPointer(rebasing: old.bytes[span.offset..<(span.offset + span.length)]))
                try w.write([0x0A])
                return Span(offset: start, length: w.offset - start - 1)
            }
            if refs.isEmpty {
                try w.write(body)
                try w.endFramedLine()
                return Span(offset: start, length: w.offset - start - 1)
            }
            let open = UnsafeRawBufferPointer(rebasing: body[0..<(body.count - 1)])   // continue the array
            try w.write(open)
            hasEvents = open.last != UInt8(ascii: "[")
        } else {
            try w.write(head)
        }
        for ref in refs {
            if hasEvents { try w.write([UInt8(ascii: ",")]) }
            try w.write(record(ref))
            hasEvents = true
        }
        try w.write([UInt8(ascii: "]")])
        try w.endFramedLine()
        return Span(offset: start, length: w.offset - start - 1)
    }
}
