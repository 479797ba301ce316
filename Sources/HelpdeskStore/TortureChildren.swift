import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The child processes a torture run started, so that a killer thread can `kill -9` any of them at
/// any moment and every one of them is gone when the run ends, whichever way it ends.
///
/// The danger with killing children from another thread is a recycled pid: the child exits, its
/// waiter reaps it, the kernel gives the number to an unrelated process, and the killer shoots that.
/// So a waiter first waits *without reaping* (`waitid(WNOWAIT)`: the child stays a zombie and keeps
/// its pid), then, under the same lock the killer signals under, forgets the child and only then
/// reaps it. The killer only signals pids it still knows, which are alive or zombies, never reused.
///
/// Children are spawned with `posix_spawn` (not `Foundation.Process`): an empty signal mask and
/// default signal actions, output to files, and in this process's process group, so a Ctrl-C at the
/// terminal reaches them too.
final class TortureChildren: @unchecked Sendable {
    /// How a child ended.
    struct Ending: Sendable {
        /// Exit status, or nil when a signal ended it.
        var status: Int32?
        /// The signal that ended it, or nil when it exited.
        var signal: Int32?
        /// True when this harness sent the SIGKILL (the killer, a timeout or the final clean-up).
        var killedByHarness: Bool
        /// True when it ran longer than the per-command limit and was killed for it.
        var timedOut: Bool
        var seconds: Double
    }

    private struct Child {
        var label: String
        var started: DispatchTime
        var killedByHarness = false
        var timedOut = false
    }

    private let lock = NSLock()
    private var live: [pid_t: Child] = [:]
    private var closed = false
    private(set) var killsSent = 0

    /// Stops new spawns; every later `spawn` throws.
    struct Closed: Error {}

    init() {
        Self.markInheritedDescriptorsCloseOnExec()
    }

    /// Starts `executable` with stdin from `stdin` (or /dev/null) and stdout/stderr into files.
    func spawn(_ executable: String, _ arguments: [String], environment: [String: String], label: String,
               stdin: String? = nil, stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

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
        lock.lock()
        defer { lock.unlock() }
        // Under the lock, so `killAll` cannot run between the spawn and the registration.
        guard !closed else { throw Closed() }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw StoreError.unreadable(path: executable, reason: "cannot start it: \(String(cString: strerror(spawned)))")
        }
        live[pid] = Child(label: label, started: DispatchTime.now())
        return pid
    }

    /// Waits for a child to end and reaps it.
    func wait(_ pid: pid_t) -> Ending {
        var info = siginfo_t()
        // WNOWAIT: the child stays a zombie (its pid cannot be reused) until reaped below.
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        lock.lock()
        // Nil when another thread (`reapAll`) reaped it already: do not wait for a pid we no longer own.
        let child = live.removeValue(forKey: pid)
        var status: Int32 = Int32(SIGKILL)
        if child != nil { while waitpid(pid, &status, 0) == -1 && errno == EINTR {} }
        lock.unlock()
        let signal = status & 0x7f
        let seconds = child.map { Double(DispatchTime.now().uptimeNanoseconds - $0.started.uptimeNanoseconds) / 1e9 } ?? 0
        return Ending(status: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
                      killedByHarness: child?.killedByHarness ?? true, timedOut: child?.timedOut ?? false,
                      seconds: seconds)
    }

    /// SIGKILLs one live child chosen with `pick` (given how many there are); returns its label.
    func killOne(_ pick: (Int) -> Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        let pids = live.keys.sorted()
        guard !pids.isEmpty else { return nil }
        let pid = pids[pick(pids.count)]
        guard live[pid]?.killedByHarness == false else { return nil }
        live[pid]?.killedByHarness = true
        killsSent += 1
        Glibc.kill(pid, SIGKILL)
        return live[pid]?.label
    }

    /// SIGKILLs every child that has run longer than `limit` seconds; returns their labels.
    func killOverdue(limit: Double) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        var labels: [String] = []
        for (pid, child) in live where !child.timedOut
            && Double(now - child.started.uptimeNanoseconds) / 1e9 > limit {
            live[pid]?.timedOut = true
            live[pid]?.killedByHarness = true
            Glibc.kill(pid, SIGKILL)
            labels.append(child.label)
        }
        return labels
    }

    /// Refuses further spawns and SIGKILLs every live child. Their waiters reap them; `waitForAll`
    /// reaps any whose waiter is gone.
    func killAll() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        for pid in live.keys {
            live[pid]?.killedByHarness = true
            Glibc.kill(pid, SIGKILL)
        }
    }

    /// Reopens for spawning after `killAll` (the verification phase runs its own commands).
    func reopen() {
        lock.lock()
        closed = false
        lock.unlock()
    }

    var liveCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return live.count
    }

    /// Kills and reaps every child still known: the last line of defence on every way out of a run.
    func reapAll() {
        killAll()
        lock.lock()
        let pids = Array(live.keys)
        lock.unlock()
        for pid in pids { _ = wait(pid) }
    }

    /// Marks every descriptor above 2 close-on-exec, so no child keeps a pipe of ours (a test
    /// runner's, a terminal multiplexer's) open after we are done with it.
    private static func markInheritedDescriptorsCloseOnExec() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for name in names {
            guard let fd = Int32(name), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
