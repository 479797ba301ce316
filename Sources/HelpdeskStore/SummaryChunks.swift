import Foundation
import HelpdeskCore

/// `tickets.jsonl` cut into chunks at line boundaries, parsed by two threads and folded into the
/// state in file order by the opening thread.
///
/// A helper thread parses chunks from the front. The opening thread parses customers meanwhile, then
/// folds the chunks in order: a chunk not parsed yet it parses itself, and while the chunk it needs
/// is still in the helper's hands it parses a later one rather than wait. So both cores stay busy
/// whatever the customers/tickets ratio, folding overlaps parsing, and each chunk's summaries are
/// freed once folded. (Measured on 100k tickets, release build, 2 cores: the fixed half/half split
/// before this left one core idle for ~30% of the open.)
final class SummaryChunks: @unchecked Sendable {
    struct Parsed {
        var tickets: [Ticket] = []
        var spans: [Span] = []
        var lines = 0
        var failure: StoreError?
    }

    let file: MappedFile
    /// Whether each line carries a checksum to check (snapshot format 2 on).
    let framed: Bool
    private let bounds: [Range<Int>]
    private let condition = NSCondition()
    private var nextToParse = 0
    private var results: [Parsed?]

    var count: Int { bounds.count }

    init(file: MappedFile, framed: Bool, chunkBytes: Int = 256 * 1024) {
        self.file = file
        self.framed = framed
        var bounds: [Range<Int>] = []
        var start = 0
        let bytes = file.bytes
        while start < bytes.count {
            var end = min(bytes.count, start + chunkBytes)
            if end < bytes.count, let nl = memchr(bytes.baseAddress! + end, 0x0A, bytes.count - end) {
                end = bytes.baseAddress!.distance(to: UnsafeRawPointer(nl)) + 1
            } else {
                end = bytes.count
            }
            bounds.append(start..<end)
            start = end
        }
        self.bounds = bounds
        results = Array(repeating: nil, count: bounds.count)
    }

    /// The helper thread's work: parse chunks from the front until none are left.
    func parseUnclaimed() {
        while let i = claim() { store(i, parse(i)) }
    }

    /// Chunk `i`, parsed (by whichever thread got to it). Call for 0, 1, 2… in order.
    func take(_ i: Int) -> Parsed {
        condition.lock()
        while results[i] == nil {
            if nextToParse < bounds.count {
                let j = nextToParse
                nextToParse += 1
                condition.unlock()
                let parsed = parse(j)
                condition.lock()
                results[j] = parsed
            } else {
                condition.wait()
            }
        }
        let parsed = results[i]!
        results[i] = nil
        condition.unlock()
        return parsed
    }

    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToParse < bounds.count else { return nil }
        nextToParse += 1
        return nextToParse - 1
    }

    private func store(_ i: Int, _ parsed: Parsed) {
        condition.lock()
        results[i] = parsed
        condition.broadcast()
        condition.unlock()
    }

    private func parse(_ i: Int) -> Parsed {
        var out = Parsed()
        let estimate = bounds[i].count / 300 + 16
        out.tickets.reserveCapacity(estimate)
        out.spans.reserveCapacity(estimate)
        var keys = SnapshotCodec.summaryKeys
        do {
            out.lines = try Snapshot.forEachLine(file, from: bounds[i].lowerBound, to: bounds[i].upperBound, framed: framed) { s in
                let (t, span) = try SnapshotCodec.decodeSummary(&s, keys: &keys)
                out.tickets.append(t)
                out.spans.append(span)
            }
        } catch let e as StoreError {
            out.failure = e
        } catch {
            out.failure = .corrupt(file: file.path, line: 0, reason: "\(error)")
        }
        return out
    }
}
