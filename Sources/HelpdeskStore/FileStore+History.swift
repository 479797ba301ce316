import Foundation
import HelpdeskCore

extension FileStore {
    /// Every event the store holds, oldest first, numbered 1, 2, 3… up to `state.lastSeq`: the whole
    /// history as of the last `refresh()` (what `helpdesk export` writes, and `helpdesk restore` replays).
    ///
    /// Gathered from where the store files events for reading (each ticket's and customer's history,
    /// and the rest), so it works however many compactions ago they were written; an event missing
    /// from the sequence is reported rather than skipped.
    public func allEvents() throws -> [Event] {
        var events: [Event] = []
        events.reserveCapacity(state.lastSeq)
        for number in state.tickets.keys { events += try history(ofTicket: number) }
        for id in state.customers.keys { events += try history(ofCustomer: id) }
        events += try otherEvents()
        events.sort { $0.seq < $1.seq }
        // A customer merge is filed under both customers.
        var unique: [Event] = []
        unique.reserveCapacity(events.count)
        for e in events where unique.last?.seq != e.seq { unique.append(e) }
        for (i, e) in unique.enumerated() where e.seq != i + 1 {
            throw StoreError.unreadable(path: location, reason: "the history is missing event #\(i + 1) (the next one found is #\(e.seq)); run `helpdesk check`")
        }
        if unique.count != state.lastSeq {
            throw StoreError.unreadable(path: location, reason: "the history ends at event #\(unique.count) but the store is at #\(state.lastSeq); run `helpdesk check`")
        }
        return unique
    }

    /// Events about neither a ticket nor a customer (the roster, templates, settings, views): the
    /// snapshot's `other-history.jsonl` (one record per line), then those in the log after it.
    private func otherEvents() throws -> [Event] {
        var out: [Event] = []
        if let snapshot {
            let path = snapshot.directory + "/" + Snapshot.otherHistoryName
            let bytes = try Durable.read(snapshot.otherHistoryFD, offset: 0,
                                         count: Durable.size(snapshot.otherHistoryFD, path: path), path: path)
            for (i, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                do {
                    out.append(try decoder.decode(Event.self, from: Data(line)))
                } catch {
                    throw StoreError.corrupt(file: path, line: i + 1, reason: StoreJSON.reason(error))
                }
            }
        }
        for ref in tail.otherRefs {
            let bytes = try tail.bytes(ref)
            do {
                out.append(try decoder.decode(Event.self, from: Data(bytes)))
            } catch {
                throw StoreError.corrupt(file: tail.segments[Int(ref.segment)].path, line: 0,
                                         reason: "the record at byte \(ref.offset): \(StoreJSON.reason(error))")
            }
        }
        return out
    }
}
