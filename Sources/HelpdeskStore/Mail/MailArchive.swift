import Crypto
import Glibc
import Foundation
import HelpdeskCore

/// The store's `mail/`: received messages and their attachments, kept whole and content-addressed
/// the way git keeps objects — `mail/raw/ab/abcdef…` is the message whose SHA-256 is `abcdef…`.
///
/// A file is written the durable way (temporary file, `fsync`, rename, `fsync` of the directory)
/// and always before the log record that names it, so a record never points at bytes that are not
/// on disk. The same bytes delivered twice are one file. A file already at its name is checked
/// against its digest before it is trusted (a crash cannot leave a wrong file under a right name,
/// but a disk or a person can), and replaced when it does not match.
///
/// In a team store the files take the store's group, mode 0640: the account that delivered a mail
/// wrote it, every member reads it, nobody else changes it (and a change would show: the name is
/// the digest).
public struct MailArchive: Sendable {
    /// Which part of the archive.
    public enum Kind: String, Sendable, CaseIterable {
        /// Whole received messages.
        case raw
        /// Attachments, decoded.
        case parts
        /// Messages over the size limit, kept unread.
        case quarantine
    }

    let root: String
    let permissions: StorePermissions

    init(root: String, permissions: StorePermissions) {
        self.root = root
        self.permissions = permissions
    }

    /// The SHA-256 of `bytes`, in lower-case hex.
    public static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `text` is a digest this archive names files by (64 lower-case hex digits).
    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    public func path(_ kind: Kind, _ digest: String) -> String {
        "\(root)/\(kind.rawValue)/\(digest.prefix(2))/\(digest)"
    }

    /// A file written to its temporary name and flushed, waiting for `commit`.
    public struct Staged: Sendable {
        let temporary: String?
        public let path: String
        public let digest: String
    }

    /// Writes `bytes` under a temporary name next to its final one and flushes it; nil `temporary`
    /// when an intact copy is already in place. Nothing is visible under the final name yet.
    func stage(_ bytes: [UInt8], kind: Kind) throws -> Staged {
        let digest = Self.digest(bytes)
        let final = path(kind, digest)
        if Durable.exists(final), (try? Durable.readFile(final)).map(Self.digest) == digest {
            return Staged(temporary: nil, path: final, digest: digest)
        }
        let dir = (final as NSString).deletingLastPathComponent
        try makeDirectories(dir)
        let tmp = try Durable.writeTemporary(bytes, for: final, permissions: permissions, mode: StorePermissions.authoredFile)
        return Staged(temporary: tmp, path: final, digest: digest)
    }

    /// Renames staged files to their names and flushes each directory once: from here they are
    /// durable, and a log record may name them.
    func commit(_ staged: [Staged]) throws {
        var dirs: [String] = []
        for s in staged {
            guard let tmp = s.temporary else { continue }
            guard rename(tmp, s.path) == 0 else {
                let code = errno
                unlink(tmp)
                throw StoreError.writeFailed(path: s.path, reason: StoreError.text(code))
            }
            let dir = (s.path as NSString).deletingLastPathComponent
            if !dirs.contains(dir) { dirs.append(dir) }
        }
        for dir in dirs { try Durable.syncDirectory(dir) }
        // The two-hex-digit directories themselves are new entries of their parents.
        for parent in Set(dirs.map { ($0 as NSString).deletingLastPathComponent }) { try Durable.syncDirectory(parent) }
    }

    /// Stores one file durably; returns its digest.
    @discardableResult
    func store(_ bytes: [UInt8], kind: Kind) throws -> String {
        let s = try stage(bytes, kind: kind)
        try commit([s])
        return s.digest
    }

    /// The bytes stored under `digest` (checked against it); nil when there is no such file.
    public func read(_ kind: Kind, _ digest: String) throws -> [UInt8]? {
        guard Self.isDigest(digest) else { return nil }
        let p = path(kind, digest)
        guard Durable.exists(p) else { return nil }
        let bytes = try Durable.readFile(p)
        guard Self.digest(bytes) == digest else {
            throw StoreError.corrupt(file: p, line: 0, reason: "the file's bytes do not match its name (SHA-256): it was changed or damaged")
        }
        return bytes
    }

    /// Writes the attachment stored under `digest` to a new file at `path` (created exclusively: an existing
    /// file, or a symlink left there, is never written through). Returns the number of bytes written.
    @discardableResult
    public func saveCopy(of digest: String, to path: String) throws -> Int {
        guard let bytes = try read(.parts, digest) else {
            throw StoreError.unreadable(path: self.path(.parts, digest), reason: "the attachment's bytes are not in the store's mail/ directory")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let why = errno == EEXIST ? "a file of that name exists (it is never overwritten)" : String(cString: strerror(errno))
            throw StoreError.writeFailed(path: path, reason: why)
        }
        defer { close(fd) }
        try Durable.write(fd, bytes, path: path)
        return bytes.count
    }

    /// Full digests of stored messages (raw and quarantined) that start with `prefix`.
    public func messages(withPrefix prefix: String) -> [(Kind, String)] {
        let p = prefix.lowercased()
        guard p.count >= 2, p.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return [] }
        var out: [(Kind, String)] = []
        for kind in [Kind.raw, .quarantine] {
            let dir = "\(root)/\(kind.rawValue)/\(p.prefix(2))"
            for name in (try? Durable.list(dir)) ?? [] where name.hasPrefix(p) && Self.isDigest(name) { out.append((kind, name)) }
        }
        return out
    }

    private func makeDirectories(_ dir: String) throws {
        if Durable.exists(dir) { return }
        if !Durable.exists(root) { try permissions.makeDirectory(root) }
        let kindDir = (dir as NSString).deletingLastPathComponent
        if !Durable.exists(kindDir) { try permissions.makeDirectory(kindDir) }
        try permissions.makeDirectory(dir)
    }
}
