import Foundation
import Glibc
import XCTest

/// What a finished child process left behind.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The whole result, for failure messages.
    var summary: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Why a test step gave up; thrown so the test stops at the first broken expectation with the screen in the log.
struct EndToEndFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs a program to completion with `posix_spawn`: an empty signal mask and default signal
/// actions in the child (so tmux and the console see SIGWINCH, SIGHUP, SIGTERM whatever thread we
/// are on), output to files (a chatty child cannot fill a pipe), every other descriptor closed, and
/// `waitpid` for the exit. Foundation.Process is not used: on Linux it notices the exit through a
/// descriptor the child inherits, and the tmux server that `tmux new-session` forks off keeps that
/// descriptor open, so waiting for the tmux client never returns.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String],
                stdin: String? = nil) throws -> CommandResult {
    let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("e2e-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outPath = scratch.appendingPathComponent("out").path
    let errPath = scratch.appendingPathComponent("err").path
    var inPath = "/dev/null"
    if let stdin {
        inPath = scratch.appendingPathComponent("in").path
        try stdin.write(toFile: inPath, atomically: false, encoding: .utf8)
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    markInheritedDescriptorsCloseOnExec()

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
    guard spawned == 0 else {
        throw EndToEndFailure(description: "could not start \(executable): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let signal = status & 0x7f
    let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    return CommandResult(
        status: exitStatus,
        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// Marks every descriptor above 2 close-on-exec, so no child (least of all the long-lived tmux
/// server) keeps a pipe of the test runner open. (`posix_spawn_file_actions_addclosefrom_np`
/// would do this per spawn but is not visible through Swift's Glibc module.)
private func markInheritedDescriptorsCloseOnExec() {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
    for name in names {
        guard let fd = Int32(name), fd > 2 else { continue }
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0 && flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }
}

/// Finds a program on $PATH (nil when it is not installed).
func which(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(program)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Quotes a word for `sh`.
func shellQuote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// A scratch directory per test with an environment that keeps the developer's own
/// config, store and agent out of the run.
final class Sandbox {
    let root: URL
    let binary: URL

    init(testCase: AnyClass) throws {
        // The bundle is `.build/debug/X.xctest` on macOS; on Linux `Bundle(for:)` already names the
        // directory that holds the test executable, `.build/debug`.
        let bundle = Bundle(for: testCase).bundleURL
        let candidates = [bundle.deletingLastPathComponent().appendingPathComponent("helpdesk"),
                          bundle.appendingPathComponent("helpdesk")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the helpdesk binary is not built (looked at \(candidates.map(\.path))); run `swift build --build-tests` first")
        }
        binary = found
        // Short path: tmux socket paths must stay under the 108-byte sun_path limit.
        root = URL(fileURLWithPath: "/tmp").appendingPathComponent("hd-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("config"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
    }

    /// The environment every child gets: ours minus anything that would point at a real store,
    /// agent, config or enclosing tmux.
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("HELPDESK_") || key.hasPrefix("TMUX") || key == "NO_COLOR" {
            env[key] = nil
        }
        env["XDG_CONFIG_HOME"] = root.appendingPathComponent("config").path
        env["XDG_DATA_HOME"] = root.appendingPathComponent("data").path
        env["XDG_STATE_HOME"] = root.appendingPathComponent("state").path
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = nil
        return env
    }

    /// Creates the seeded demo store (seed 1042) and returns its directory.
    func makeDemoStore(named name: String = "store") throws -> URL {
        let store = root.appendingPathComponent(name)
        let result = try runProcess(binary.path, ["demo", "--store", store.path, "--no-open"], environment: environment)
        guard result.status == 0 else {
            throw EndToEndFailure(description: "helpdesk demo failed: \(result.summary)")
        }
        return store
    }

    /// The tmux sessions started on this sandbox (their socket is inside it), weakly held.
    private var sessions: [WeakSession] = []
    private struct WeakSession { weak var session: TmuxSession? }

    func adopt(_ session: TmuxSession) {
        sessions.removeAll { $0.session == nil }
        sessions.append(WeakSession(session: session))
    }

    /// Kills every tmux server whose socket is in the sandbox (and what runs in it) *before* the
    /// directory goes: once the socket is deleted, `tmux kill-server` can no longer reach the
    /// server, and it and its console would live on. Then ends any other process still naming the
    /// sandbox (returned, so a test can fail on it) and removes the directory.
    @discardableResult
    func remove() -> [LeftoverProcesses.Found] {
        for entry in sessions { entry.session?.kill() }
        sessions = []
        let leftovers = LeftoverProcesses.mentioning(root.path)
        LeftoverProcesses.end(leftovers.map(\.pid))
        try? FileManager.default.removeItem(at: root)
        Self.leftoversLock.lock()
        Self.leftovers += leftovers
        Self.leftoversLock.unlock()
        return leftovers
    }

    /// What `remove()` found still running, in any sandbox, since the last `takeLeftovers()`.
    nonisolated(unsafe) private static var leftovers: [LeftoverProcesses.Found] = []
    private static let leftoversLock = NSLock()

    static func takeLeftovers() -> [LeftoverProcesses.Found] {
        leftoversLock.lock()
        defer { leftoversLock.unlock() }
        let taken = leftovers
        leftovers = []
        return taken
    }
}

/// The command-line tool pointed at one store.
struct HelpdeskCLI {
    let sandbox: Sandbox
    let store: URL

    /// Runs `helpdesk <arguments> --store STORE` (optionally `--as LOGIN`).
    @discardableResult
    func run(_ arguments: [String], as agent: String? = nil, environment extra: [String: String] = [:],
             stdin: String? = nil) throws -> CommandResult {
        var args = arguments + ["--store", store.path]
        if let agent { args += ["--as", agent] }
        var env = sandbox.environment
        env.merge(extra) { _, new in new }
        return try runProcess(sandbox.binary.path, args, environment: env, stdin: stdin)
    }

    /// Runs a command that must succeed and print JSON; returns the decoded object.
    func json(_ arguments: [String], as agent: String? = nil) throws -> Any {
        let result = try run(arguments + ["--json"], as: agent)
        guard result.status == 0 else {
            throw EndToEndFailure(description: "helpdesk \(arguments.joined(separator: " ")) --json failed: \(result.summary)")
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// `ticket show N --json` as a dictionary.
    func ticket(_ number: Int) throws -> [String: Any] {
        guard let object = try json(["ticket", "show", String(number)]) as? [String: Any] else {
            throw EndToEndFailure(description: "ticket show \(number) --json did not print an object")
        }
        return object
    }

    /// `ticket list --json` (open tickets by default) as an array of dictionaries.
    func tickets(status: String? = nil) throws -> [[String: Any]] {
        var args = ["ticket", "list"]
        if let status { args += ["--status", status] }
        guard let array = try json(args) as? [[String: Any]] else {
            throw EndToEndFailure(description: "ticket list --json did not print an array")
        }
        return array
    }
}

/// A private tmux server (its own socket, no config) running one program in one pane.
final class TmuxSession {
    let tmux: String
    let socket: String
    let sandbox: Sandbox
    private(set) var started = false
    /// The server's pid, read when it starts: `kill()` reaches it by pid when the socket is gone.
    private(set) var serverPID: pid_t?

    init(sandbox: Sandbox) throws {
        guard let tmux = which("tmux") else {
            throw XCTSkip("tmux is not installed; the end-to-end console tests drive the real binary inside tmux")
        }
        self.tmux = tmux
        self.sandbox = sandbox
        socket = sandbox.root.appendingPathComponent("sock").path
        sandbox.adopt(self)
    }

    /// Runs a tmux command against our server.
    @discardableResult
    func tmuxCommand(_ arguments: [String]) throws -> CommandResult {
        try runProcess(tmux, ["-S", socket, "-f", "/dev/null"] + arguments, environment: sandbox.environment)
    }

    /// Starts `shellCommand` (run by sh) in a detached session of a fixed size. TERM is set with
    /// `env` inside the pane because tmux overrides a `-e TERM=` with its default-terminal option.
    func start(_ shellCommand: String, width: Int = 100, height: Int = 30, term: String = "tmux-256color",
               environment: [String: String] = [:]) throws {
        var env = ["TERM": term, "LANG": "C.UTF-8"]
        env.merge(environment) { _, new in new }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(shellQuote($0.value))" }
        let command = "exec env \(assignments.joined(separator: " ")) sh -c \(shellQuote(shellCommand))"
        let result = try tmuxCommand(["new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height),
                                      "-e", "LANG=C.UTF-8", command])
        guard result.status == 0 else {
            throw EndToEndFailure(description: "tmux new-session failed: \(result.summary)")
        }
        started = true
        serverPID = pid_t(try tmuxCommand(["display-message", "-p", "#{pid}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Starts the console on `store`, followed by `echo EXIT=$?` and an interactive shell with the
    /// prompt `prompt> `, so a test can see how the program ended and that the terminal works after it.
    func startConsole(store: URL, arguments: [String] = [], width: Int = 100, height: Int = 30,
                      term: String = "tmux-256color", environment: [String: String] = [:]) throws {
        let words = [sandbox.binary.path, "--store", store.path] + arguments
        let command = words.map(shellQuote).joined(separator: " ")
            + "; echo EXIT=$?; PS1='prompt> ' exec sh -i"
        try start(command, width: width, height: height, term: term, environment: environment)
    }

    /// Sends named keys (`Enter`, `Escape`, `Down`, `C-c`) or single characters.
    func press(_ keys: String...) throws {
        try tmuxCommand(["send-keys", "-t", "e2e"] + keys)
    }

    /// Types text literally (no key-name lookup).
    func type(_ text: String) throws {
        try tmuxCommand(["send-keys", "-t", "e2e", "-l", text])
    }

    /// The visible screen as text (with SGR attributes when `escapes`).
    func screen(escapes: Bool = false) throws -> String {
        try tmuxCommand(["capture-pane", "-p", "-t", "e2e"] + (escapes ? ["-e"] : [])).stdout
    }

    /// A tmux format evaluated for the pane (`#{pane_title}`, `#{pane_pid}`, `#{alternate_on}`).
    func display(_ format: String) throws -> String {
        try tmuxCommand(["display-message", "-p", "-t", "e2e", format]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) throws {
        let result = try tmuxCommand(["resize-window", "-t", "e2e", "-x", String(width), "-y", String(height)])
        guard result.status == 0 else { throw EndToEndFailure(description: "resize-window failed: \(result.summary)") }
    }

    /// Polls the screen until `predicate` holds; throws with the last screen when the deadline passes.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 3, escapes: Bool = false,
                   _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            last = try screen(escapes: escapes)
            if predicate(last) { return last }
            usleep(30_000)
        } while Date() < deadline
        throw EndToEndFailure(description: "timed out after \(timeout)s waiting for \(what); the screen was:\n\(last)")
    }

    /// Polls the screen until it contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 3) throws -> String {
        try waitUntil("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Polls the screen until it no longer contains `text`.
    @discardableResult
    func waitForAbsence(of text: String, timeout: TimeInterval = 3) throws -> String {
        try waitUntil("'\(text)' to go away", timeout: timeout) { !$0.contains(text) }
    }

    /// The pid of the program the pane's shell started (the helpdesk process), polled for.
    func childPID(timeout: TimeInterval = 3) throws -> pid_t {
        let shellPID = try display("#{pane_pid}")
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let result = try runProcess("pgrep", ["-P", shellPID], environment: sandbox.environment)
            if let first = result.stdout.split(separator: "\n").first, let pid = pid_t(first) { return pid }
            usleep(30_000)
        } while Date() < deadline
        throw EndToEndFailure(description: "no child process under the pane's shell (pid \(shellPID))")
    }

    /// Ends the server and everything running in its panes, and waits until they are gone:
    /// `kill-server` (the panes get SIGHUP), then SIGKILL for any of them still alive after a
    /// moment — also when the socket was deleted and `kill-server` cannot reach the server.
    func kill() {
        guard started else { return }
        started = false
        let family = serverPID.map { [$0] + LeftoverProcesses.descendants(of: $0) } ?? []
        let asked = try? tmuxCommand(["kill-server"])
        // Unreachable through its socket (deleted?): ask the server by signal instead.
        if asked?.status != 0, let serverPID { Glibc.kill(serverPID, SIGTERM) }
        let survivors = LeftoverProcesses.waitForExit(family, timeout: 3)
        for pid in survivors { Glibc.kill(pid, SIGKILL) }
        LeftoverProcesses.waitForExit(survivors, timeout: 2)
        serverPID = nil
    }
}

/// Reading what the console drew.
enum Screen {
    /// Ticket numbers of the queue rows, top to bottom (a `#N` right after the views' `│`).
    static func queueRows(_ screen: String) -> [Int] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> Int? in
            let afterBar = line.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false)
            var cell = afterBar.count == 2 ? afterBar[1] : line
            guard cell.first == "#" else { return nil }
            cell = cell.dropFirst()
            let digits = cell.prefix { $0.isNumber }
            guard digits.count >= 3, cell.dropFirst(digits.count).first == " " else { return nil }
            return Int(digits)
        }
    }

    /// The queue row whose ticket number is drawn with a background colour or reverse video
    /// (the selection), from a `capture-pane -e` screen.
    static func highlightedRow(_ screenWithEscapes: String) -> Int? {
        let pattern = try! NSRegularExpression(pattern: "((?:\\x1b\\[[0-9;]*m)+)#([0-9]{3,}) ")
        for line in screenWithEscapes.split(separator: "\n") {
            let text = String(line)
            guard let bar = text.range(of: "│") else { continue }
            let tail = String(text[bar.upperBound...])
            let range = NSRange(tail.startIndex..., in: tail)
            guard let match = pattern.firstMatch(in: tail, range: range), match.range.location == 0,
                  let sgrRange = Range(match.range(at: 1), in: tail),
                  let numberRange = Range(match.range(at: 2), in: tail) else { continue }
            if sgrParameters(String(tail[sgrRange])).contains(where: { $0 == 7 || (40...47).contains($0) || (100...107).contains($0) || $0 == 48 }) {
                return Int(tail[numberRange])
            }
        }
        return nil
    }

    /// The numeric parameters of a run of SGR sequences (`\e[1;7m\e[44m` → [1, 7, 44]).
    static func sgrParameters(_ text: String) -> [Int] {
        text.components(separatedBy: "\u{1B}[").flatMap { piece -> [Int] in
            guard let end = piece.firstIndex(of: "m") else { return [] }
            return piece[..<end].split(separator: ";").compactMap { Int($0) }
        }
    }

    /// SGR colour parameters anywhere on a `capture-pane -e` screen (39/49, the defaults, excluded).
    static func colourParameters(_ screenWithEscapes: String) -> [Int] {
        let pattern = try! NSRegularExpression(pattern: "\\x1b\\[[0-9;]*m")
        let range = NSRange(screenWithEscapes.startIndex..., in: screenWithEscapes)
        return pattern.matches(in: screenWithEscapes, range: range).flatMap { match -> [Int] in
            guard let r = Range(match.range, in: screenWithEscapes) else { return [] }
            return sgrParameters(String(screenWithEscapes[r]))
        }.filter { (30...37).contains($0) || (40...47).contains($0) || (90...97).contains($0)
            || (100...107).contains($0) || $0 == 38 || $0 == 48 }
    }

    /// The ticket screen split at its last `│`: the thread on the left, the customer card on the
    /// right, each joined into one line with whitespace collapsed (so wrapped text reads whole).
    static func ticketColumns(_ screen: String) -> (thread: String, card: String) {
        var left: [String] = []
        var right: [String] = []
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.dropFirst(2).dropLast(2) {
            let text = String(line)
            if let bar = text.range(of: "│", options: .backwards) {
                left.append(String(text[..<bar.lowerBound]))
                right.append(String(text[bar.upperBound...]))
            } else {
                left.append(text)
            }
        }
        return (collapse(left.joined(separator: " ").replacingOccurrences(of: "▌", with: " ")),
                collapse(right.joined(separator: " ")))
    }

    /// Collapses runs of whitespace (including newlines) into single spaces.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
