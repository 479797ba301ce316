import Foundation
import Glibc
import HelpdeskCore
import HelpdeskStore
import XCTest

/// `helpdesk deliver` and `helpdesk ingest` as an MTA and a fetcher run them: the real binary, its
/// exit status (sysexits), and a Maildir taken twice — and under `kill -9` — with no duplicates.
final class MailIntakeEndToEndTests: XCTestCase {
    var sandbox: Sandbox!
    var store: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        sandbox = try Sandbox(testCase: Self.self)
        store = sandbox.root.appendingPathComponent("store")
        let created = try helpdesk(["init", "--store", store.path, "--support-address", "support@helpdesk.test"])
        XCTAssertEqual(created.status, 0, created.summary)
    }

    override func tearDown() {
        sandbox?.remove()
        let leftovers = Sandbox.takeLeftovers()
        if !leftovers.isEmpty { XCTFail("processes left running: \(leftovers.map(\.description))") }
        super.tearDown()
    }

    private func helpdesk(_ args: [String], stdin: String? = nil) throws -> CommandResult {
        try runProcess(sandbox.binary.path, args, environment: sandbox.environment, stdin: stdin)
    }

    static func mail(id: String, subject: String = "Hello", from: String = "ana@example.org") -> String {
        "From: Ana <\(from)>\r\nTo: support@helpdesk.test\r\nSubject: \(subject)\r\nMessage-ID: <\(id)>\r\n"
            + "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n\r\nBody of \(id).\r\n"
    }

    private func opened() throws -> FileStore { try FileStore.open(at: store, actor: "reader") }

    func testDeliverExits0WhenStoredAndAgainForTheSameMail() throws {
        let first = try helpdesk(["deliver", "--store", store.path, "--verbose"], stdin: Self.mail(id: "d1@x"))
        XCTAssertEqual(first.status, 0, first.summary)
        XCTAssertTrue(first.stderr.contains("new ticket"), first.summary)
        let again = try helpdesk(["deliver", "--store", store.path, "--verbose"], stdin: Self.mail(id: "d1@x"))
        XCTAssertEqual(again.status, 0, again.summary)
        XCTAssertTrue(again.stderr.contains("already stored"), again.summary)
        let s = try opened()
        XCTAssertEqual(s.state.tickets.count, 1)
        // Recorded as the channel with the delivering account, which is on no roster.
        let events = try s.history(ofTicket: 1001)
        XCTAssertTrue(events.allSatisfy { MailChannel.isChannel($0.actor) }, "\(events.map(\.actor))")
        // `mail show --raw` prints the bytes back exactly.
        let digest = MailArchive.digest(Array(Self.mail(id: "d1@x").utf8))
        let shown = try helpdesk(["mail", "show", "--store", store.path, String(digest.prefix(12)), "--raw"])
        XCTAssertEqual(shown.status, 0, shown.summary)
        XCTAssertEqual(shown.stdout, Self.mail(id: "d1@x"))
    }

    func testMailShowFindsAMailByItsMessageID() throws {
        guard ParsedMail.parse(Array(Self.mail(id: "d1@x").utf8)).messageID != nil else {
            throw XCTSkip("the MIME parser does not read Message-ID yet")
        }
        XCTAssertEqual(try helpdesk(["deliver", "--store", store.path], stdin: Self.mail(id: "d1@x")).status, 0)
        let digest = MailArchive.digest(Array(Self.mail(id: "d1@x").utf8))
        let byID = try helpdesk(["mail", "show", "--store", store.path, "<d1@x>"])
        XCTAssertTrue(byID.stdout.contains("#1001") && byID.stdout.contains(digest), byID.summary)
        // A second copy with other headers (sent to our second address) is the same mail.
        let copy = Self.mail(id: "d1@x").replacingOccurrences(of: "To: support@helpdesk.test", with: "To: sales@helpdesk.test")
        XCTAssertEqual(try helpdesk(["deliver", "--store", store.path], stdin: copy).status, 0)
        XCTAssertEqual(try opened().state.tickets.count, 1)
    }

    func testDeliverExits75WhenTheLockIsHeldPastTheTimeout() throws {
        let fd = open(store.path + "/lock", O_RDWR)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        let start = Date()
        let r = try helpdesk(["deliver", "--store", store.path, "--lock-timeout", "1"], stdin: Self.mail(id: "locked@x"))
        XCTAssertEqual(r.status, 75, r.summary)
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        XCTAssertTrue(r.stderr.contains("lock"), r.summary)
        flock(fd, LOCK_UN)
        XCTAssertEqual(try opened().state.tickets.count, 0, "nothing filed")
        // The MTA retries: now it goes in.
        XCTAssertEqual(try helpdesk(["deliver", "--store", store.path], stdin: Self.mail(id: "locked@x")).status, 0)
    }

    func testDeliverExits75WhenTheStoreCannotBeWritten() throws {
        // The bytes cannot be kept: something is in the way of mail/raw (as a full disk would refuse them).
        try FileManager.default.createDirectory(atPath: store.path + "/mail", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: store.path + "/mail/raw", contents: Data())
        let r = try helpdesk(["deliver", "--store", store.path], stdin: Self.mail(id: "w@x"))
        XCTAssertEqual(r.status, 75, r.summary)
        try FileManager.default.removeItem(atPath: store.path + "/mail/raw")
        // A store directory the delivering account may not write (run as nobody when we are root).
        if geteuid() == 0, let runuser = which("runuser") {
            let env = sandbox.environment
            let r2 = try runProcess(runuser, ["-u", "nobody", "--", sandbox.binary.path, "deliver", "--store", store.path],
                                    environment: env, stdin: Self.mail(id: "w2@x"))
            XCTAssertEqual(r2.status, 75, r2.summary)
        }
        // No store at all.
        let none = try helpdesk(["deliver", "--store", sandbox.root.appendingPathComponent("nowhere").path], stdin: Self.mail(id: "n@x"))
        XCTAssertEqual(none.status, 75, none.summary)
        XCTAssertEqual(try opened().state.tickets.count, 0)
    }

    private func makeMaildir(_ count: Int) throws -> URL {
        let dir = sandbox.root.appendingPathComponent("Maildir")
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for i in 0..<count {
            try Self.mail(id: "m\(i)@x", subject: "Mail \(i)", from: "c\(i % 7)@example.org")
                .write(toFile: dir.path + "/new/\(1_790_000_000 + i).M\(i)P1.host", atomically: false, encoding: .utf8)
        }
        return dir
    }

    private func assertEachStoredOnce(_ count: Int, maildir: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let s = try opened()
        var keys: [String: Int] = [:]
        for n in s.state.tickets.keys {
            for e in try s.history(ofTicket: n) {
                if case .mailReceived(let m) = e.change { keys[m.key, default: 0] += 1 }
            }
        }
        XCTAssertEqual(keys.count, count, "every message stored", file: file, line: line)
        XCTAssertEqual(keys.values.filter { $0 != 1 }.count, 0, "none twice: \(keys.filter { $0.value != 1 })", file: file, line: line)
        XCTAssertEqual(s.state.tickets.count, count, file: file, line: line)
        let new = try FileManager.default.contentsOfDirectory(atPath: maildir.path + "/new")
        let cur = try FileManager.default.contentsOfDirectory(atPath: maildir.path + "/cur")
        XCTAssertEqual(new, [], "nothing left in new/", file: file, line: line)
        XCTAssertEqual(cur.count, count, file: file, line: line)
        XCTAssertTrue(cur.allSatisfy { $0.hasSuffix(":2,S") }, "\(cur.prefix(3))", file: file, line: line)
    }

    func testIngestTwiceOverAMaildirMakesNoDuplicates() throws {
        let maildir = try makeMaildir(30)
        let first = try helpdesk(["ingest", "--store", store.path, "--maildir", maildir.path, "--batch", "8"])
        XCTAssertEqual(first.status, 0, first.summary)
        XCTAssertTrue(first.stdout.contains("30 stored"), first.summary)
        try assertEachStoredOnce(30, maildir: maildir)
        // The fetcher delivers the same mail again (a re-sync): taken, recognised, not filed twice.
        for name in try FileManager.default.contentsOfDirectory(atPath: maildir.path + "/cur").prefix(5) {
            try FileManager.default.copyItem(atPath: maildir.path + "/cur/" + name,
                                             toPath: maildir.path + "/new/" + String(name.dropLast(4)) + ".again")
        }
        let second = try helpdesk(["ingest", "--store", store.path, "--maildir", maildir.path])
        XCTAssertEqual(second.status, 0, second.summary)
        XCTAssertTrue(second.stdout.contains("5 already stored"), second.summary)
        XCTAssertEqual(try opened().state.tickets.count, 30)
    }

    /// `kill -9` at random moments of an ingest, ten times, then one run to the end: every message
    /// is stored exactly once and none is left in `new/`.
    func testKill9DuringIngestStoresEveryMessageExactlyOnce() throws {
        let count = 300
        let maildir = try makeMaildir(count)
        var rng = SystemRandomNumberGenerator()
        var killed = 0
        var midway = 0
        for _ in 0..<10 {
            let pid = try spawn([sandbox.binary.path, "ingest", "--store", store.path, "--maildir", maildir.path, "--batch", "5"])
            usleep(UInt32.random(in: 30_000...400_000, using: &rng))
            if kill(pid, SIGKILL) == 0 { killed += 1 }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            let left = (try? FileManager.default.contentsOfDirectory(atPath: maildir.path + "/new").count) ?? 0
            if left > 0 && left < count { midway += 1 }
        }
        // Not a proof that every kill landed mid-write, but the run did interrupt ingests part way.
        XCTAssertGreaterThan(midway, 0, "no kill interrupted an ingest part way")
        let last = try helpdesk(["ingest", "--store", store.path, "--maildir", maildir.path])
        XCTAssertEqual(last.status, 0, last.summary)
        try assertEachStoredOnce(count, maildir: maildir)
        let check = try helpdesk(["check", "--store", store.path])
        XCTAssertEqual(check.status, 0, check.summary)
        XCTAssertGreaterThan(killed, 0)
    }

    func testIngestWatchTakesNewMailWithinASecond() throws {
        let maildir = try makeMaildir(0)
        let pid = try spawn([sandbox.binary.path, "ingest", "--store", store.path, "--maildir", maildir.path, "--watch"])
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
        usleep(500_000)   // started and watching
        // Delivered the Maildir way: written in tmp/, renamed into new/.
        try Self.mail(id: "watch@x").write(toFile: maildir.path + "/tmp/w1", atomically: false, encoding: .utf8)
        let delivered = Date()
        XCTAssertEqual(rename(maildir.path + "/tmp/w1", maildir.path + "/new/w1"), 0)
        var seen: TimeInterval?
        while Date().timeIntervalSince(delivered) < 10 {
            if (try? opened().state.tickets.count) == 1 { seen = Date().timeIntervalSince(delivered); break }
            usleep(50_000)
        }
        let taken = try XCTUnwrap(seen, "the watched mail was not taken")
        XCTAssertLessThan(taken, 1.5, "taken after \(taken) s")
    }

    /// Starts a child with output thrown away; returns its pid (the caller waits for it).
    private func spawn(_ argv: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let args: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = sandbox.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { args.forEach { free($0) }; envp.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, argv[0], &actions, nil, args, envp)
        guard rc == 0 else { throw EndToEndFailure(description: "cannot start \(argv[0]): \(rc)") }
        return pid
    }
}
