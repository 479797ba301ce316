import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

/// Real processes: the `helpdesk` binary writing to one store at once, and killed with SIGKILL at
/// random moments. Skipped until the binary is built next to the test bundle.
final class MultiProcessTests: XCTestCase {
    private func helpdeskBinary() throws -> String {
        if let override = ProcessInfo.processInfo.environment["HELPDESK_BINARY"] { return override }
        // Next to the test bundle (macOS: …/debug/X.xctest; Linux: the bundle URL is the build directory).
        let bundle = Bundle(for: Self.self).bundleURL
        let candidates = [bundle.deletingLastPathComponent().appendingPathComponent("helpdesk"),
                          bundle.appendingPathComponent("helpdesk")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the helpdesk binary is not built next to the tests (\(candidates[0].path)); run `swift build` first")
        }
        return found.path
    }

    /// A store with agent dana, customer c00001 and ticket #1001.
    private func makeStore(_ tmp: TemporaryDirectory) throws -> URL {
        let store = try Fixture.makeStore(at: tmp.store())
        try store.append([Fixture.newTicket("shared by processes")])
        return tmp.store()
    }

    /// Starts `helpdesk args…` with an empty signal mask and default dispositions (see shared/NCURSES.md),
    /// output discarded.
    private static func spawn(_ binary: String, _ args: [String], store: URL) throws -> pid_t {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv = ([binary] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ProcessInfo.processInfo.environment
        env["HELPDESK_STORE"] = store.path
        env["HELPDESK_AGENT"] = "dana"
        // Positions seen (SeenPositions) go next to the store, not into the developer's home.
        env["XDG_STATE_HOME"] = store.deletingLastPathComponent().appendingPathComponent("state").path
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, &attr, argv, envp)
        guard rc == 0 else { throw StoreError.unreadable(path: binary, reason: StoreError.text(rc)) }
        return pid
    }

    /// Waits for a child; true when it exited with status 0.
    private static func exitedCleanly(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED && WEXITSTATUS == 0
        return status & 0x7F == 0 && (status >> 8) & 0xFF == 0
    }

    private func notes(in store: URL, ticket: Int) throws -> [String] {
        try FileStore.open(at: store, actor: "dana").ticket(ticket).messages.filter { $0.kind == .note }.map(\.body)
    }

    func testFourProcessesWritingAtOnceLoseNothing() throws {
        let binary = try helpdeskBinary()
        let tmp = TemporaryDirectory()
        let store = try makeStore(tmp)
        let perWriter = 8
        let acknowledged = Locked<[String]>([])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            for i in 0..<perWriter {
                let body = "process \(w) note \(i)"
                do {
                    let pid = try Self.spawn(binary, ["ticket", "note", "1001", "--body", body], store: store)
                    if Self.exitedCleanly(pid) { acknowledged.update { $0.append(body) } } else { failures.update { $0.append(body) } }
                } catch {
                    failures.update { $0.append("\(error)") }
                }
            }
        }
        XCTAssertEqual(failures.value, [], "every writer should succeed: they wait for the lock")
        let found = try notes(in: store, ticket: 1001)
        XCTAssertEqual(found.count, 4 * perWriter)
        XCTAssertEqual(Set(found), Set(acknowledged.value))
        XCTAssertTrue(try IntegrityCheck.check(storeAt: store).isHealthy)
    }

    func testKillNineAtRandomMomentsLosesNoAcknowledgedChange() throws {
        let binary = try helpdeskBinary()
        let tmp = TemporaryDirectory()
        let store = try makeStore(tmp)
        var acknowledged: [String] = []
        var kills = 0
        var i = 0
        let padding = String(repeating: "x", count: 20_000)   // long records make a torn write likelier
        // Kill within the time a whole write takes on this machine right now (a loaded CI machine is
        // slower than a quiet one), so kills land before, during and after the write.
        var full: [UInt32] = []
        for n in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let pid = try Self.spawn(binary, ["ticket", "note", "1001", "--body", "timing \(n)"], store: store)
            XCTAssertTrue(Self.exitedCleanly(pid))
            acknowledged.append("timing \(n)")
            full.append(UInt32((DispatchTime.now().uptimeNanoseconds - start) / 1000))
        }
        // Up to twice the slowest timing run: a machine whose load changes during the test (CI next to
        // other builds) must still let some writers finish, or the test proves nothing.
        let window = max(20_000, full.max()! * 2)
        while kills < 100 {
            let body = "kill test \(i) \(padding)"
            i += 1
            let pid = try Self.spawn(binary, ["ticket", "note", "1001", "--body", body], store: store)
            usleep(UInt32.random(in: 0...window))
            kill(pid, SIGKILL)
            if Self.exitedCleanly(pid) { acknowledged.append(body) } else { kills += 1 }
            // The store opens every time.
            XCTAssertNoThrow(try FileStore.open(at: store, actor: "dana"), "store did not open after kill \(kills)")
        }
        // Another writer after all that repairs any torn tail and carries on.
        let last = try Self.spawn(binary, ["ticket", "note", "1001", "--body", "after the storm"], store: store)
        XCTAssertTrue(Self.exitedCleanly(last))
        acknowledged.append("after the storm")

        let found = try notes(in: store, ticket: 1001)
        XCTAssertGreaterThan(acknowledged.count, 4, "some killed-at-random writers must finish, or the test proves nothing")
        let counts = Dictionary(found.map { ($0, 1) }, uniquingKeysWith: +)
        for body in acknowledged {
            XCTAssertEqual(counts[body], 1, "acknowledged note \(body.prefix(14)) must be present exactly once")
        }
        XCTAssertTrue(counts.values.allSatisfy { $0 == 1 }, "no note twice")
        let report = try IntegrityCheck.check(storeAt: store)
        XCTAssertTrue(report.findings.allSatisfy(\.repairable), report.summary)
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
