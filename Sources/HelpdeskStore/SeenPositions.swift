import Foundation
import HelpdeskCore

/// The highest sequence number this user has seen on each store, kept outside the store — in the
/// user's own XDG state directory, where other members of a team store cannot reach it.
///
/// A store only ever grows. If it ends before a number someone already saw on it, records were
/// removed (a log segment deleted or emptied, an older copy put back), and writing would hand out
/// those sequence and ticket numbers a second time. So a process that sees the store behind what this
/// user saw refuses to write and says so; reading stays possible. The mark is a hint, written without
/// `fsync` by whichever process saw more: losing it (a crash, a deleted file) only weakens the check,
/// it can never make a healthy store look damaged.
public struct SeenPositions: Sendable {
    public let directory: String

    public init(directory: URL) {
        self.directory = directory.standardizedFileURL.path
    }

    /// `$XDG_STATE_HOME/helpdesk/seen`, else `~/.local/state/helpdesk/seen` (the XDG default).
    public static func standard(environment: [String: String]) -> SeenPositions {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return SeenPositions(directory: URL(fileURLWithPath: xdg + "/helpdesk/seen"))
        }
        var home = environment["HOME"] ?? ""
        if home.isEmpty, let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { home = String(cString: dir) }
        return SeenPositions(directory: URL(fileURLWithPath: home + "/.local/state/helpdesk/seen"))
    }

    /// The file name for a store: its id from `store.json` (absent in stores made before ids) and
    /// a checksum of its path. Both: an older copy put back in its place is caught, while a backup
    /// elsewhere (same id, another path) is a store of its own; a moved store starts afresh.
    static func key(info: StoreInfo, root: String) -> String {
        let path = String(decoding: RecordChecksum.hex(RecordChecksum.crc32(Array(root.utf8))), as: UTF8.self)
        if let id = info.id, !id.isEmpty, id.utf8.allSatisfy({ isSafe($0) }) { return id + "-" + path }
        return "path-" + path
    }

    private static func isSafe(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45
    }

    /// The highest sequence number recorded for the store, or nil.
    func read(_ key: String) -> Int? {
        guard let bytes = try? Durable.readFile(directory + "/" + key), bytes.count < 64 else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // Beyond any sequence number (`Limits`) it is no position: ignored rather than believed.
        guard let v = Int(text), (0...Limits.sequenceNumbers.upperBound).contains(v) else { return nil }
        return v
    }

    /// Records `seq` unless a higher number is recorded already (or, with `lowering`, in any case).
    /// Best effort: failures are ignored.
    func record(_ key: String, seq: Int, lowering: Bool = false) {
        if !lowering, let known = read(key), known >= seq { return }
        if !Durable.exists(directory) {
            let parent = (directory as NSString).deletingLastPathComponent
            _ = try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o700])
            _ = mkdir(directory, 0o700)
        }
        let path = directory + "/" + key
        let tmp = Durable.temporaryName(for: path)
        let fd = Glibc.open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = (try? Durable.write(fd, Array("\(seq)\n".utf8), path: tmp)) != nil
        close(fd)
        if !ok || rename(tmp, path) != 0 { unlink(tmp) }
    }

    /// Accepts that a store was deliberately put back to an older state (a restore in place): this
    /// user's mark is set to where the store now ends. Returns the mark before and after.
    public func acceptRollback(storeAt url: URL) throws -> (before: Int?, after: Int) {
        let report = try IntegrityCheck.check(storeAt: url)
        let paths = StorePaths(url)
        let key = Self.key(info: try FileStore.readInfo(paths), root: paths.root)
        let before = read(key)
        record(key, seq: report.lastSeq, lowering: true)
        guard read(key) == report.lastSeq else {
            throw StoreError.writeFailed(path: directory + "/" + key, reason: "the mark could not be written")
        }
        return (before, report.lastSeq)
    }
}
