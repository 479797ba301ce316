import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore

/// Backups of a store that other processes are writing to, with the real binary.
final class BackupEndToEndTests: EndToEndTestCase {
    /// Four processes add notes (and one imports, which compacts the store) while two backups are
    /// taken: every note acknowledged before a backup began is in it, it passes `check`, and it
    /// restores to exactly the source's history up to that moment.
    func testBackupWhileProcessesAppendHoldsEveryAcknowledgedNote() throws {
        let number = try XCTUnwrap(try cli.tickets().first?["number"] as? Int)
        let csv = path("one.csv")
        try "subject,customer_email,body\nimp,imp@x.test,hello\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let acknowledged = Locked<[(String, Date)]>([])
        let imports = Locked(0)
        let failures = Locked<[String]>([])
        let stop = Locked(false)
        let group = DispatchGroup()
        let binary = sandbox.binary.path, environment = sandbox.environment, storePath = store.path
        @Sendable func run(_ args: [String]) throws -> CommandResult {
            try runProcess(binary, args + ["--store", storePath, "--as", "sam"], environment: environment)
        }
        for w in 0..<5 {
            group.enter()
            Thread {
                defer { group.leave() }
                var i = 0
                while !stop.value {
                    do {
                        if w == 4 {
                            let r = try run(["import", csv])
                            if r.status == 0 { imports.update { $0 += 1 } } else { failures.update { $0.append("import: \(r.summary)") } }
                        } else {
                            let body = "w\(w)-\(i)"
                            let r = try run(["ticket", "note", String(number), "--body", body])
                            if r.status == 0 {
                                let now = Date()
                                acknowledged.update { $0.append((body, now)) }
                            } else {
                                failures.update { $0.append("note: \(r.summary)") }
                            }
                        }
                    } catch {
                        failures.update { $0.append("\(error)") }
                    }
                    i += 1
                }
            }.start()
        }

        var backups: [(String, Set<String>)] = []
        for b in 0..<2 {
            while acknowledged.value.count < 8 * (b + 1) && failures.value.isEmpty { usleep(20_000) }
            let started = Date()
            let before = Set(acknowledged.value.filter { $0.1 < started }.map(\.0))
            XCTAssertGreaterThanOrEqual(before.count, 8 * (b + 1))
            let name = "backup\(b)"
            let result = try cli.run(["backup", path(name)])
            XCTAssertEqual(result.status, 0, result.summary)
            XCTAssertTrue(result.stdout.contains("events (through #"), result.stdout)
            backups.append((name, before))
        }
        while acknowledged.value.count < 24 && failures.value.isEmpty { usleep(20_000) }
        stop.update { $0 = true }
        group.wait()
        XCTAssertEqual(failures.value, [])
        XCTAssertGreaterThan(imports.value, 0, "no import (and so no compaction) ran alongside the backups")

        _ = try exportLines(cli, "source.json")
        let sourceHistory = try historyLines("source.json")
        for (name, before) in backups {
            let backup = cli(name)
            let check = try backup.run(["check"])
            XCTAssertEqual(check.status, 0, check.summary)
            let notes = Set(try XCTUnwrap(try backup.ticket(number)["messages"] as? [[String: Any]]).compactMap { $0["body"] as? String })
            XCTAssertTrue(before.isSubset(of: notes), "\(name) lacks \(before.subtracting(notes).sorted())")

            let exported = try exportLines(backup, name + ".json")
            let history = try historyLines(name + ".json")
            XCTAssertGreaterThan(history.count, 0)
            XCTAssertEqual(history, Array(sourceHistory.prefix(history.count)), "\(name) is not the source's history up to the backup")

            let restored = cli(name + "-restored")
            let made = try restored.run(["restore", path(name)])
            XCTAssertEqual(made.status, 0, made.summary)
            XCTAssertEqual(try restored.run(["check"]).status, 0)
            XCTAssertTrue(try exportLines(restored, name + "-restored.json") == exported, "\(name) restored to something else")
        }
    }
}

/// A value shared between threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ body: (inout Value) -> Void) { lock.lock(); body(&stored); lock.unlock() }
}
