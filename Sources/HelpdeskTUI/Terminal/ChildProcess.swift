import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts child programs (the user's `$EDITOR`, a send command) the way a terminal program must.
///
/// The child gets an empty signal mask and default signal handlers. `Foundation.Process` would pass
/// on the caller's mask, and threads that block SIGWINCH/SIGINT (Swift's test workers, for one) would
/// give the editor a terminal it can never resize or interrupt. See shared/NCURSES.md.
public enum ChildProcess {
    /// Why a child could not be started.
    public struct LaunchError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `argv` (looked up on `PATH` when `argv[0]` has no slash), waits for it, and returns its exit
    /// status, or 128 + the signal number when a signal ended it (the shell's convention).
    /// - Parameter environment: the child's complete environment; nil passes on this process's.
    @discardableResult
    public static func run(_ argv: [String], environment: [String: String]? = nil) throws -> Int32 {
        guard let program = argv.first, !program.isEmpty else {
            throw LaunchError(description: "no program to run")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments = argv.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        // The C global `environ` is off limits in Swift 6; ProcessInfo's copy is the same data.
        let childEnvironment = environment ?? ProcessInfo.processInfo.environment
        let environmentStrings = childEnvironment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environmentStrings.forEach { free($0) } }

        var pid = pid_t()
        let status: Int32 = arguments.withUnsafeBufferPointer { argvPointer in
            environmentStrings.withUnsafeBufferPointer { envPointer in
                posix_spawnp(&pid, program, nil, &attributes, argvPointer.baseAddress!, envPointer.baseAddress!)
            }
        }
        guard status == 0 else {
            throw LaunchError(description: "cannot start '\(program)': \(String(cString: strerror(status)))")
        }
        return wait(for: pid)
    }

    /// Runs a shell command line (as `$EDITOR` and `$VISUAL` are specified: they may carry options,
    /// like `code --wait`) with `arguments` appended safely quoted. Returns the exit status.
    @discardableResult
    public static func runShell(_ command: String, arguments: [String] = [], environment: [String: String]? = nil) throws -> Int32 {
        try run(shellArgv(command, arguments: arguments), environment: environment)
    }

    /// `["/bin/sh", "-c", "<command> \"$@\"", "sh", args...]`: the arguments reach the command as
    /// separate words whatever characters they contain.
    public static func shellArgv(_ command: String, arguments: [String]) -> [String] {
        ["/bin/sh", "-c", command + " \"$@\"", "sh"] + arguments
    }

    /// The editor the user asked for: `$VISUAL`, then `$EDITOR`, then `vi`.
    public static func preferredEditor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros; these are their glibc definitions.
        let signal = status & 0x7F
        if signal == 0 { return (status >> 8) & 0xFF }
        return 128 + signal
    }
}
