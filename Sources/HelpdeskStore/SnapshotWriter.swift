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

        // The tail's records, straight from the mapped segments.
        let maps = try tail.segments.map { try MappedFile(fd: $0.fd, count: Durable.size($0.fd, path: $0.path), path: $0.path) }
        func record(_ ref: LogTail.Ref) -> UnsafeRawBufferPointer {
            let b = maps[Int(ref.segment)].bytes
            return UnsafeRawBufferPointer(rebasing: b[ref.offset..<(ref.offset + Int(ref.length))])
        }
        func previousMap(_ fd: Int32?, _ name: String) throws -> MappedFile? {
            guard let fd, let previous else { return nil }
            let path = previous.directory + "/" + name
            return try MappedFile(fd: fd, count: Durable.size(fd, path: path), path: path)
        }

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
            let span = try writeHistory(to: threads, head: head.bytes, old: oldThreads, span: previous?.threadSpans[n],
                                        refs: tail.ticketRefs[n] ?? [], record: record)
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
            customerSpans[id] = try writeHistory(to: customerHistory, head: head.bytes, old: oldCustomers,
                                                 span: previous?.customerSpans[id], refs: tail.customerRefs[id] ?? [],
                                                 record: record)
        }
        try finish(customerHistory, Snapshot.customerHistoryName)

        // other-history.jsonl: the previous file, then the tail's other events, one per line.
        let other = try BufferedWriter(creating: path(Snapshot.otherHistoryName), permissions: permissions)
        if let old = try previousMap(previous?.otherHistoryFD, Snapshot.otherHistoryName) { try other.write(old.bytes) }
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
            try tickets.write(line.bytes)
        }
        try finish(tickets, Snapshot.ticketsName)

        let customers = try BufferedWriter(creating: path(Snapshot.customersName), permissions: permissions)
        for id in state.customers.keys.sorted() {
            line.bytes.removeAll(keepingCapacity: true)
            SnapshotCodec.encode(customer: state.customers[id]!, history: customerSpans[id]!, into: &line)
            try customers.write(line.bytes)
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
            for v in values { try w.write([UInt8](encoder.encode(v)) + [0x0A]) }
            try finish(w, name)
        }
        try lines(state.agents.values.sorted { $0.login < $1.login }, Snapshot.agentsName)
        try lines(state.promises.values.sorted { $0.id < $1.id }, Snapshot.promisesName)
        try lines(state.templates.values.sorted { $0.name < $1.name }, Snapshot.templatesName)
        try lines(state.savedViews.keys.sorted().flatMap { state.savedViews[$0]! }, Snapshot.viewsName)

        let manifest = SnapshotManifest(format: StoreInfo.currentFormat, lastSeq: state.lastSeq,
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

    /// Writes one history line: the previous line with `refs` appended to its events, or a new line.
    private func writeHistory(to w: BufferedWriter, head: [UInt8], old: MappedFile?, span: Span?, refs: [LogTail.Ref],
                              record: (LogTail.Ref) -> UnsafeRawBufferPointer) throws -> Span {
        let start = w.offset
        var hasEvents = false
        if let old, let span {
            let line = UnsafeRawBufferPointer(rebasing: old.bytes[span.offset..<(span.offset + span.length)])
            if refs.isEmpty {
                try w.write(line)
            } else {
                // `…,"events":[…]}`: drop the closing `]}` and continue the array.
                guard line.count >= 2 else { throw StoreError.corrupt(file: old.path, line: 0, reason: "history record at byte \(span.offset) is truncated") }
                let body = UnsafeRawBufferPointer(rebasing: line[0..<(line.count - 2)])
                try w.write(body)
                hasEvents = body.last != UInt8(ascii: "[")
            }
        } else {
            try w.write(head)
        }
        if !(refs.isEmpty && old != nil && span != nil) {
            for ref in refs {
                if hasEvents { try w.write([UInt8(ascii: ",")]) }
                try w.write(record(ref))
                hasEvents = true
            }
            try w.write(Array("]}".utf8))
        }
        try w.write([0x0A])
        return Span(offset: start, length: w.offset - start - 1)
    }
}
