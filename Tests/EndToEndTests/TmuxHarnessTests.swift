import Foundation
import Glibc
import XCTest

/// The end-to-end harness itself leaves nothing running (issue 10, item 8): removing a sandbox ends
/// its tmux server and the console in it before the directory (and the socket in it) goes, and
/// `kill()` reaches a server whose socket was deleted.
final class TmuxHarnessTests: XCTestCase {
    private var sandbox: Sandbox!

    override func setUpWithError() throws {
        try super.setUpWithError()
        continueAfterFailure = false
        sandbox = try Sandbox(testCase: Self.self)
    }

    override func tearDown() {
        sandbox?.remove()
        _ = Sandbox.takeLeftovers()
        super.tearDown()
    }

    /// The console of `DraftingEndToEndTests` lived on because its sandbox was removed while its
    /// tmux server still ran: here the same order, and nothing may survive it.
    func testRemovingTheSandboxEndsItsTmuxServerAndConsoleFirst() throws {
        let store = sandbox.root.appendingPathComponent("store")
        let created = try runProcess(sandbox.binary.path, ["init", "--store", store.path], environment: sandbox.environment)
        XCTAssertEqual(created.status, 0, created.summary)
        let tmux = try TmuxSession(sandbox: sandbox)
        try tmux.startConsole(store: store)
        let console = try tmux.childPID()
        let server = try XCTUnwrap(tmux.serverPID, "the harness did not learn its tmux server's pid")
        XCTAssertTrue(LeftoverProcesses.isAlive(server))
        XCTAssertTrue(LeftoverProcesses.isAlive(console))

        let leftovers = sandbox.remove()

        XCTAssertEqual(leftovers, [], "remove() had to clean up after its own sessions")
        XCTAssertFalse(LeftoverProcesses.isAlive(server), "the tmux server outlived its sandbox")
        XCTAssertFalse(LeftoverProcesses.isAlive(console), "the console outlived its sandbox")
        XCTAssertEqual(LeftoverProcesses.mentioning(sandbox.root.path), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.root.path))
    }

    func testKillReachesAServerWhoseSocketIsGone() throws {
        let tmux = try TmuxSession(sandbox: sandbox)
        try tmux.start("sleep 600; echo done")
        let server = try XCTUnwrap(tmux.serverPID)
        let sleeper = try tmux.childPID()
        try FileManager.default.removeItem(atPath: tmux.socket)

        tmux.kill()

        XCTAssertFalse(LeftoverProcesses.isAlive(server), "the tmux server survived kill() without its socket")
        XCTAssertFalse(LeftoverProcesses.isAlive(sleeper), "the program in the pane survived kill()")
    }

    /// The guard every end-to-end test's tearDown runs: a process naming a removed sandbox is
    /// reported (and ended).
    func testRemoveReportsAndEndsAStrayProcessNamingTheSandbox() throws {
        let followed = sandbox.root.appendingPathComponent("followed").path
        FileManager.default.createFile(atPath: followed, contents: nil)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var pid = pid_t()
        let argv: [UnsafeMutablePointer<CChar>?] = ["tail", "-f", followed].map { (word: String) in strdup(word) } + [nil]
        defer { argv.forEach { free($0) } }
        XCTAssertEqual(posix_spawnp(&pid, "tail", &actions, nil, argv, environ), 0)
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        // Until the child has exec'd, its command line is still ours and does not name the sandbox.
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline,
              !(String(decoding: FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data(), as: UTF8.self)).contains(followed) {
            usleep(5_000)
        }
        let leftovers = sandbox.remove()
        XCTAssertEqual(leftovers.map(\.pid), [pid])
        XCTAssertEqual(Sandbox.takeLeftovers().map(\.pid), [pid])
        // Ended: our own child is a zombie until the waitpid above reaps it.
        XCTAssertFalse(LeftoverProcesses.isAlive(pid))
    }
}
