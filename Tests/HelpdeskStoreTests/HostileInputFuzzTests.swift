import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Seeded random damage, run through the real code paths in this process (a trap would end the run):
/// valid CSV and JSON imports and the files of a real store, mutated — bytes flipped, inserted, cut,
/// numbers replaced by absurd ones, escape sequences and invalid UTF-8 put in; log records and framed
/// snapshot lines are re-checksummed and manifests re-digested, so the damage gets past the checksums.
///
/// Every outcome must be a clear refusal (file and line, in words, safe to print) or a success after
/// which the store opens and `check` is clean; and `check` must agree with the readers: when it says
/// a store is clean, the store opens and every ticket, thread and history reads.
///
/// `HELPDESK_FUZZ_SEED=N` replays one run; `HELPDESK_FUZZ_ROUNDS=N` runs more rounds than the default.
final class HostileInputFuzzTests: XCTestCase {
    static let seed = UInt64(ProcessInfo.processInfo.environment["HELPDESK_FUZZ_SEED"] ?? "") ?? 0x0005_F022
    static let rounds = Int(ProcessInfo.processInfo.environment["HELPDESK_FUZZ_ROUNDS"] ?? "") ?? 250

    // MARK: The inputs

    /// A store with a bit of everything: customers with preferences, tickets with threads, a merge, a
    /// link, a rating, promises, a template, a saved view; compacted, then a few records after it.
    static func makeRichStore(at url: URL) throws -> FileStore {
        let t0 = Fixture.t0
        let store = try Fixture.makeStore(at: url)
        try store.append([
            .customerCreated(Customer(id: "", name: "Zoë Fairbanks", preferredName: "Zo", emails: ["zoe@example.org"],
                                      phones: ["+44 20 7946 0958"], organisation: "Fairbanks & Co", usualOrder: "flat white",
                                      preferences: [Preference(key: "milk", value: "oat", confirmedAt: t0)], notes: "Regular",
                                      customerSince: t0, vip: true, birthday: "04-12")),
            Fixture.newTicket("Grinder squeaks, \"again\"", body: "It squeaks,\nthen stops. ☕"),
            Fixture.newTicket("Refund please", requester: "c00002", body: "Charged twice"),
            Fixture.newTicket("Duplicate", requester: "c00002"),
        ])
        try store.append([
            Fixture.note(1001, "Warranty until May"),
            .messageAdded(number: 1002, message: Message(kind: .reply, author: "dana", body: "Refunded.", at: t0.addingTimeInterval(600))),
            .ticketRated(number: 1002, satisfaction: Satisfaction(score: 4, comment: "Quick", at: t0.addingTimeInterval(900))),
            .promiseMade(CustomerPromise(id: 0, text: "call back", due: t0.addingTimeInterval(86_400), ticket: 1001, owner: "dana", createdAt: t0)),
            .templateSaved(Template(name: "thanks", body: "Thanks, {{customer.preferredName | \"there\"}}!")),
            .viewSaved(SavedView(owner: "dana", name: "mine", query: "assignee:me")),
        ])
        let t3 = store.state.tickets[1003]!, t2 = store.state.tickets[1002]!
        try store.append([.ticketUpdated(number: 1003, base: t3.version, patch: TicketPatch(mergedInto: FromTo(nil, 1002)))])
        try store.append([.ticketUpdated(number: 1002, base: t2.version, patch: TicketPatch(links: FromTo([], [1001])))])
        try store.compact()
        try store.append([Fixture.note(1002, "after the snapshot")])
        try store.append([Fixture.setStatus(store, 1001, .pending)])
        try store.append([.promiseResolved(id: 1, state: .kept)])
        return store
    }

    /// Things worth putting into a file.
    static let tokens: [[UInt8]] = [
        "9223372036854775807", "-9223372036854775808", "-1", "0", "99999999999999", "4000000000000", "1000000000", "999999999",
        "1e400", "1.5", "-0", "\"", ",", "\n", "\r\n", "{", "}", "[", "]", ":", "null", "true", "[]", "{}", "\"\"",
        "\u{1B}]52;c;SGVsbG8=\u{07}", "\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{202E}", "\\u0000", "\\ud800", "\\",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "99999-01-01T00:00:00Z", "2026-02-31T25:61:61Z",
        "#1001", "c9223372036854775807", "c00001", "x\n@y.z",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0x00], [0x80]]

    /// One to three random edits of `bytes`.
    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        for _ in 0...rng.below(3) {
            let at = b.isEmpty ? 0 : rng.below(b.count + 1)
            switch rng.below(7) {
            case 0 where !b.isEmpty:   // flip a byte
                b[min(at, b.count - 1)] = UInt8(truncatingIfNeeded: rng.next())
            case 1, 2:                  // replace a number with an absurd one
                let runs = numberRuns(b)
                if let run = runs.isEmpty ? nil : runs[rng.below(runs.count)] {
                    let numbers = tokens.prefix(10)
                    b.replaceSubrange(run, with: numbers[numbers.startIndex + rng.below(numbers.count)])
                } else {
                    b.insert(contentsOf: tokens[rng.below(tokens.count)], at: at)
                }
            case 3:                     // insert something
                b.insert(contentsOf: tokens[rng.below(tokens.count)], at: at)
            case 4 where !b.isEmpty:    // cut a piece out
                let end = min(b.count, at + 1 + rng.below(40))
                b.removeSubrange(min(at, b.count - 1)..<end)
            case 5 where !b.isEmpty:    // repeat a piece
                let end = min(b.count, at + 1 + rng.below(60))
                let piece = Array(b[min(at, b.count - 1)..<end])
                b.insert(contentsOf: piece, at: end)
            default:                    // truncate
                b.removeSubrange(at..<b.count)
            }
        }
        return b
    }

    static func numberRuns(_ b: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var i = 0
        while i < b.count {
            guard b[i] >= 48 && b[i] <= 57 else { i += 1; continue }
            let start = i
            while i < b.count, b[i] >= 48 && b[i] <= 57 { i += 1 }
            runs.append(start..<i)
        }
        return runs
    }

    // MARK: What every outcome must be

    /// A refusal a person can act on: names the file, in words, nothing in it acts on a terminal.
    func assertClear(_ message: String, naming file: String, _ context: @autoclosure () -> String) {
        XCTAssertTrue(message.contains(file), "does not name \(file): \(message) [\(context())]")
        XCTAssertTrue(Sanitizer.isSafe(message, options: .multiLine), "not neutralised: \(message.debugDescription) [\(context())]")
        for raw in ["DecodingError", "Swift.", "Context(", "codingPath", "numberIsNotRepresentable", "Fatal error", "Optional("] {
            XCTAssertFalse(message.contains(raw), "a raw Swift error: \(message) [\(context())]")
        }
    }

    /// Every ticket's thread and history and every customer's history can be read.
    func readEverything(_ store: FileStore) throws {
        for n in store.state.tickets.keys {
            _ = try store.ticket(n)
            _ = try store.history(ofTicket: n)
        }
        for id in store.state.customers.keys { _ = try store.history(ofCustomer: id) }
        _ = store.search("grinder refund")
    }

    // MARK: Imports

    func testMutatedImportsAreRefusedClearlyOrImportedAndReadBack() throws {
        let tmp = TemporaryDirectory()
        let source = try Self.makeRichStore(at: tmp.store("source"))
        let json = try { () -> [UInt8] in
            var text = ""
            try ExportDocument.write(state: source.state, now: Fixture.t0, thread: source.ticket) { text += $0 }
            return Array(text.utf8)
        }()
        let csv = Array(try CSVExport.tickets(state: source.state, thread: source.ticket).utf8)
        let empty = tmp.store("empty")
        _ = try FileStore.create(at: empty, info: Fixture.info(), creator: Fixture.dana, clock: TestClock().function)

        var rng = SplitMix64(seed: Self.seed)
        var outcomes: [String: Int] = [:]
        let target = tmp.store("target")
        var dirty = true
        for round in 0..<Self.rounds {
            let (name, original) = rng.below(2) == 0 ? ("fuzz.json", json) : ("fuzz.csv", csv)
            let bytes = Self.mutate(original, &rng)
            let context = "seed \(Self.seed) round \(round) \(name)"
            if dirty {
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: empty, to: target)
                dirty = false
            }
            let store = try FileStore.open(at: target, actor: "dana")
            let plan: ImportPlan
            do {
                let text = try ImportText.decode(bytes, fileName: name)
                plan = try ImportPlan.make(text: text, fileName: name, format: ExchangeFileFormat(fileName: name)!,
                                           state: store.state, actor: "dana", now: Fixture.t0.addingTimeInterval(86_400))
            } catch let e as ImportError {
                assertClear(e.description, naming: name, context)
                XCTAssertTrue(e.description.hasPrefix(name + ":"), "\(e.description) [\(context)]")
                outcomes["refused", default: 0] += 1
                continue
            }
            // As `helpdesk import` does: one batch, each change at its original time.
            let events = plan.steps.map { Event(at: $0.originalTime ?? Fixture.t0, actor: "dana", change: $0.change) }
            do {
                try store.appendHistory(events, batchSize: Int.max)
            } catch {
                XCTFail("the plan passed but the store refused it: \(error) [\(context)]")
                continue
            }
            dirty = true
            outcomes["imported", default: 0] += 1
            let reopened = try FileStore.open(at: target, actor: "dana")
            try readEverything(reopened)
            let report = try IntegrityCheck.check(storeAt: target)
            XCTAssertTrue(report.isHealthy, "\(report.summary) [\(context)]")
        }
        // Both kinds of outcome happen, or the mutations are too weak (or too strong) to test anything.
        XCTAssertGreaterThan(outcomes["refused", default: 0], Self.rounds / 10, "\(outcomes)")
        XCTAssertGreaterThan(outcomes["imported", default: 0], Self.rounds / 20, "\(outcomes)")
    }

    // MARK: Store files

    func testMutatedStoreFilesAreReportedOrReadAndCheckAgrees() throws {
        let tmp = TemporaryDirectory()
        let base = tmp.store("base")
        _ = try Self.makeRichStore(at: base)
        let snapshot = try StoreFileSurgery.snapshot(base).replacingOccurrences(of: base.path, with: "")
        let segment = try StoreFileSurgery.newestSegment(base).replacingOccurrences(of: base.path, with: "")
        let snapshotFiles = [Snapshot.ticketsName, Snapshot.customersName, Snapshot.promisesName, Snapshot.threadsName,
                             Snapshot.customerHistoryName, Snapshot.agentsName, Snapshot.templatesName, Snapshot.viewsName,
                             Snapshot.otherHistoryName, SearchIndexFile.name]

        var rng = SplitMix64(seed: Self.seed ^ 0xF11E)
        var outcomes: [String: Int] = [:]
        let target = tmp.store("target")
        for round in 0..<Self.rounds {
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: base, to: target)
            let file: String
            switch rng.below(10) {
            case 0...3:                      // a log record, re-checksummed
                file = segment
                let path = target.path + file
                var lines = try StoreFileSurgery.lines(path)
                let i = rng.below(max(1, lines.count - 1))
                lines[i] = StoreFileSurgery.resummed(Self.mutate(lines[i], &rng))
                try StoreFileSurgery.write(lines, to: path)
            case 4...7:                      // a snapshot line, the manifest re-digested
                let name = snapshotFiles[rng.below(snapshotFiles.count)]
                file = snapshot + "/" + name
                let path = target.path + file
                var lines = try StoreFileSurgery.lines(path)
                let i = rng.below(max(1, lines.count - 1))
                lines[i] = StoreFileSurgery.framed(Self.mutate(lines[i], &rng), file: name, in: target.path + snapshot)
                try StoreFileSurgery.write(lines, to: path)
                try StoreFileSurgery.refreshManifest(target.path + snapshot)
            case 8:
                file = snapshot + "/" + Snapshot.manifestName
                let path = target.path + file
                try Data(Self.mutate(Array(try Data(contentsOf: URL(fileURLWithPath: path))), &rng)).write(to: URL(fileURLWithPath: path))
            default:
                file = rng.below(2) == 0 ? "/CURRENT" : "/store.json"
                let path = target.path + file
                try Data(Self.mutate(Array(try Data(contentsOf: URL(fileURLWithPath: path))), &rng)).write(to: URL(fileURLWithPath: path))
            }
            let context = "seed \(Self.seed) round \(round) \(file)"

            var opened: FileStore?
            var readError: Error?
            do {
                let store = try FileStore.open(at: target, actor: "dana")
                opened = store
                try readEverything(store)
            } catch {
                readError = error
                assertClear("\(error)", naming: target.path, context)
            }
            let report: IntegrityReport
            do {
                report = try IntegrityCheck.check(storeAt: target)
            } catch {
                assertClear("\(error)", naming: target.path, context)
                XCTAssertNotNil(readError, "check failed (\(error)) on a store that reads [\(context)]")
                outcomes["check refused", default: 0] += 1
                continue
            }
            for finding in report.findings { assertClear(finding.description, naming: target.path, context) }
            if report.isHealthy {
                // `check` says clean: then everything reads.
                XCTAssertNil(readError, "check is clean but reading fails: \(readError.map { "\($0)" } ?? "") [\(context)]")
                outcomes["clean", default: 0] += 1
            } else {
                // `check` found damage: a reader that opened must not have been handed it silently
                // as something else, and one that failed must have failed on it.
                if opened == nil { outcomes["refused", default: 0] += 1 } else { outcomes["reported by check", default: 0] += 1 }
            }
        }
        XCTAssertGreaterThan(outcomes["refused", default: 0], Self.rounds / 10, "\(outcomes)")
        XCTAssertGreaterThan(outcomes["clean", default: 0], 0, "\(outcomes)")
    }
}
