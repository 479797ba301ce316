import Foundation
import Glibc
import HelpdeskCore

/// Presence heartbeats as small JSON files in the store's `presence/` directory, one per console
/// (`<agent>-<pid>.json`), each replaced atomically (write a temporary file, rename) so a reader
/// never sees half of one. They are not flushed to disk: presence is worth nothing after a crash.
/// Files of consoles on this host whose process is gone are ignored and tidied away.
public final class PresenceFiles {
    public let directory: URL
    /// This host's name, recorded in heartbeats so process ids are only checked where they mean something.
    public let host: String
    private let permissions: StorePermissions
    private let decoder = StoreJSON.decoder()
    private let encoder = StoreJSON.encoder()
    private var ownFile: String?

    init(directory: URL, permissions: StorePermissions) {
        self.directory = directory
        self.permissions = permissions
        self.host = PresenceFiles.hostName()
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(cString: buffer)
    }

    private func path(for p: Presence) -> String {
        directory.path + "/\(p.agent)-\(p.pid).json"
    }

    /// Writes (replaces) this console's heartbeat.
    public func publish(_ presence: Presence) throws {
        let target = path(for: presence)
        let temporary = directory.path + "/.\(presence.agent)-\(presence.pid).tmp"
        var bytes = [UInt8](try encoder.encode(presence))
        bytes.append(0x0A)
        // Never write through whatever another member may have put at this name.
        unlink(temporary)
        let fd = try Durable.open(temporary, O_WRONLY | O_CREAT | O_EXCL, permissions: permissions,
                                  mode: StorePermissions.authoredFile)
        do {
            try Durable.write(fd, bytes, path: temporary)
            close(fd)
        } catch {
            close(fd)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            throw StoreError.writeFailed(path: target, reason: StoreError.text(errno))
        }
        if let old = ownFile, old != target { unlink(old) }
        ownFile = target
    }

    /// Removes this console's heartbeat (on exit).
    public func withdraw() {
        if let ownFile { unlink(ownFile) }
        ownFile = nil
    }

    /// Every heartbeat in the directory except those of dead processes on this host (whose files
    /// are removed). Unreadable or half-written files are skipped: presence is advisory.
    public func read() -> [Presence] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var out: [Presence] = []
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let file = directory.path + "/" + name
            guard let data = FileManager.default.contents(atPath: file),
                  let p = try? decoder.decode(Presence.self, from: data) else { continue }
            // In a team store a heartbeat counts only when the agent it names wrote it.
            if permissions.isShared, !TrustedFiles.isOwned(file, byLogin: p.agent) { continue }
            if p.host == host && !Self.processExists(p.pid) {
                unlink(file)
                continue
            }
            out.append(p)
        }
        return out
    }

    /// `kill(pid, 0)`: ESRCH means no such process; EPERM means it exists under another user.
    static func processExists(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

extension FileStore {
    /// The presence heartbeats of the consoles working in this store.
    public func presenceFiles() -> PresenceFiles {
        PresenceFiles(directory: presenceDirectory, permissions: permissions)
    }
}
