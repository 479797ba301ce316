import Foundation
import HelpdeskCore

/// For `helpdesk check`: every history line of a snapshot read the way the readers read it (a thread
/// through its ticket's span, a customer's history through theirs, the other history line by line),
/// so `check` finds what `ticket show` or `customer show` would fail on — a line whose bytes match
/// the manifest's checksum but do not decode, or hold a value out of range — with file and line.
extension Snapshot {
    func unreadableRecords() -> [IntegrityReport.Finding] {
        var findings: [IntegrityReport.Finding] = []
        let decoder = StoreJSON.decoder()
        func reason(_ error: Error) -> String {
            if case .corrupt(_, _, let r)? = error as? StoreError { return r }
            return StoreJSON.reason(error)
        }
        /// `entries`: what owns each line, its span, and how the readers read it.
        func check(_ file: String, _ entries: [(name: String, span: Span, read: () throws -> [Event])]) {
            // Lines are written in offset order: a span's line is its rank by offset.
            for (i, entry) in entries.sorted(by: { $0.span.offset < $1.span.offset }).enumerated() {
                do { _ = try entry.read() } catch {
                    findings.append(.init(file: directory + "/" + file, line: i + 1, problem: "\(entry.name): \(reason(error))",
                                          repairable: false))
                }
            }
        }
        check(Self.threadsName, threadSpans.map { n, span in
            ("ticket #\(n)'s thread", span, { try self.ticketEvents(n, decoder: decoder) })
        })
        check(Self.customerHistoryName, customerSpans.map { id, span in
            ("customer \(id)'s history", span, { try self.customerEvents(id, decoder: decoder) })
        })
        do {
            _ = try Self.decodeLines(Event.self, directory + "/" + Self.otherHistoryName, decoder, framed: framed)
        } catch {
            var file = directory + "/" + Self.otherHistoryName, line: Int?
            if case .corrupt(let f, let l, _)? = error as? StoreError { file = f; line = l }
            findings.append(.init(file: file, line: line, problem: reason(error), repairable: false))
        }
        return findings
    }
}
