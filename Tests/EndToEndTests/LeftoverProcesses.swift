import Foundation
import Glibc

/// Finding, and ending, processes a test left running: any process whose command line names a path
/// (a sandbox's tmux socket, a store inside it), and a process's descendants. Read from /proc.
enum LeftoverProcesses {
    /// A running process: its pid and its command line, words joined by spaces.
    struct Found: Equatable, CustomStringConvertible {
        var pid: pid_t
        var commandLine: String
        var description: String { "\(pid) \(commandLine)" }
    }

    /// Live processes (zombies excluded, this one excluded) whose command line contains `path`.
    static func mentioning(_ path: String) -> [Found] {
        let me = getpid()
        return allPIDs().compactMap { pid -> Found? in
            guard pid != me, isAlive(pid), let line = commandLine(pid), line.contains(path) else { return nil }
            return Found(pid: pid, commandLine: line)
        }
    }

    /// Every live descendant of `pid` (children, their children, …).
    static func descendants(of pid: pid_t) -> [pid_t] {
        var parents: [pid_t: [pid_t]] = [:]
        for p in allPIDs() {
            if let parent = parentPID(p) { parents[parent, default: []].append(p) }
        }
        var found: [pid_t] = []
        var queue = [pid]
        while let next = queue.popLast() {
            for child in parents[next] ?? [] where !found.contains(child) {
                found.append(child)
                queue.append(child)
            }
        }
        return found.filter(isAlive)
    }

    /// True while `pid` exists and is not a zombie.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// Waits up to `timeout` for the processes to end; returns those still alive.
    @discardableResult
    static func waitForExit(_ pids: [pid_t], timeout: TimeInterval) -> [pid_t] {
        let deadline = Date().addingTimeInterval(timeout)
        var alive = pids.filter(isAlive)
        while !alive.isEmpty && Date() < deadline {
            usleep(20_000)
            alive = alive.filter(isAlive)
        }
        return alive
    }

    /// SIGTERM, a moment's grace, then SIGKILL for whatever is left; waits until they are gone.
    static func end(_ pids: [pid_t]) {
        for pid in pids { kill(pid, SIGTERM) }
        let stubborn = waitForExit(pids, timeout: 2)
        for pid in stubborn { kill(pid, SIGKILL) }
        waitForExit(stubborn, timeout: 2)
    }

    private static func allPIDs() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
    }

    private static func commandLine(_ pid: pid_t) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }

    private static func parentPID(_ pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After the command name: state, then the parent's pid.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }
}
