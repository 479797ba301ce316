import Crypto
import Foundation

/// Which records this person's helpdesk has already found correctly signed, so opening a team store
/// checks only the signatures it has not seen (an Ed25519 check costs ~50–150 µs; a lookup here a
/// SHA-256 of the record, ~1 µs).
///
/// An entry is the SHA-256 of the key the record was checked against and the record's exact bytes,
/// so it vouches for nothing else. The file is the person's own —
/// `$XDG_CACHE_HOME/helpdesk/verified/<store id>` (default `~/.cache/…`), 0600, checked StrictModes-
/// style like the signing key — since whoever could add entries could make forgeries pass. A file
/// that fails the check is ignored (everything is checked again). It holds the entries seen or added
/// by the last process that saved it, so it stays the size of the log tail.
final class SignatureCache {
    private let path: String
    private var known: Set<Data> = []
    private var seen: Set<Data> = []
    private var dirty = false

    init(storeID: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = Self.path(storeID: storeID, environment: environment)
        guard Durable.exists(path),
              let bytes = try? TrustedFiles.read(path, check: {
                  TrustedFiles.problem(fd: $0, path: self.path, owner: geteuid(), privateToOwner: true)
              }) else { return }
        var i = 0
        while i + 32 <= bytes.count {
            known.insert(Data(bytes[i..<(i + 32)]))
            i += 32
        }
    }

    deinit { save() }

    static func path(storeID: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let pw = getpwuid(geteuid()), let dir = pw.pointee.pw_dir {
            base = String(cString: dir) + "/.cache"
        } else {
            base = (environment["HOME"] ?? "/nonexistent") + "/.cache"
        }
        return base + "/helpdesk/verified/" + storeID.filter { $0.isHexDigit }
    }

    static func entry(key: String, record: UnsafeRawBufferPointer) -> Data {
        var h = SHA256()
        h.update(data: Array(key.utf8) + [0x0A])
        h.update(bufferPointer: record)
        return Data(h.finalize())
    }

    /// Whether the record was found correctly signed by `key` before.
    func contains(_ entry: Data) -> Bool {
        guard known.contains(entry) else { return false }
        if seen.insert(entry).inserted { dirty = true }
        return true
    }

    func add(_ entry: Data) {
        known.insert(entry)
        seen.insert(entry)
        dirty = true
    }

    /// Writes the entries seen by this process (best effort: a cache that cannot be written only
    /// makes the next open slower).
    func save() {
        guard dirty, seen.count >= 100 else { return }   // a small tail is quick to check anyway
        dirty = false
        let dir = (path as NSString).deletingLastPathComponent
        guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])) != nil else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(seen.count * 32)
        for e in seen { bytes += e }
        let tmp = Durable.temporaryName(for: path)
        let fd = Glibc.open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        _ = fchmod(fd, 0o600)
        let ok = (try? Durable.write(fd, bytes, path: tmp)) != nil
        close(fd)
        if !ok || rename(tmp, path) != 0 { unlink(tmp) }
    }
}
