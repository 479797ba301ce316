import Foundation
import Glibc
import HelpdeskCore

/// The store's `outbox/`: outgoing replies as `.eml` files, handled the way Maildir handles mail.
///
/// ```
/// outbox/tmp/<send-id>.eml    being written (a crash leaves it here, never half in new/)
/// outbox/new/<send-id>.eml    waiting for the send command
/// outbox/cur/<send-id>.eml    claimed by one process that is running the send command now
/// outbox/sent/<send-id>.eml   delivered: the move is the "sent" marker
/// outbox/bounced/<send-id>.eml  a delivery report came back: it never reached the customer
/// ```
/// A message moves between these by `rename(2)` only, so it is in exactly one place. Claiming by rename
/// means two consoles never hand the same message to the send command; a failed send moves it back to
/// `new/` for a later retry. A message left in `cur/` by a crash during sending is not retried
/// automatically (it may have gone out): `pending` reports it so a person decides.
public struct Outbox: Sendable {
    public let directory: String
    let permissions: StorePermissions

    init(directory: String, permissions: StorePermissions) {
        self.directory = directory
        self.permissions = permissions
    }

    public init(directory: URL) {
        self.init(directory: directory.path, permissions: .personal)
    }

    public enum Folder: String, CaseIterable, Sendable {
        case tmp, new, cur, sent, bounced
    }

    /// A message written to `tmp/`, waiting for its reply to be recorded before `commit`.
    public struct Staged: Sendable, Equatable {
        public let sendID: String
    }

    public func path(_ folder: Folder, _ sendID: String) -> String {
        "\(directory)/\(folder.rawValue)/\(sendID).eml"
    }

    /// Writes the message to `tmp/` durably. Fails (with nothing else changed) when the outbox cannot
    /// be written — before the reply is recorded, so the draft stays.
    public func stage(_ mail: OutgoingMail) throws -> Staged {
        try stage(sendID: mail.sendID, message: mail.rendered)
    }

    /// Writes any rendered message (a report mail, say) to `tmp/` the same way, under `sendID`.
    public func stage(sendID: String, message: String) throws -> Staged {
        try prepareFolders()
        let path = self.path(.tmp, sendID)
        // A leftover of an interrupted stage is replaced; O_EXCL (with O_NOFOLLOW) never writes
        // through something another member put at this name. In a team store the mail is 0640: the
        // others may read and send it, only its author may change it.
        unlink(path)
        let fd = try Durable.open(path, O_WRONLY | O_CREAT | O_EXCL, permissions: permissions,
                                  mode: StorePermissions.authoredFile)
        do {
            try Durable.write(fd, Array(message.utf8), path: path)
            try Durable.sync(fd, path: path)
            close(fd)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        return Staged(sendID: sendID)
    }

    /// Moves a staged message into `new/`: from now on it will be sent.
    public func commit(_ staged: Staged) throws {
        let from = path(.tmp, staged.sendID)
        let to = path(.new, staged.sendID)
        guard rename(from, to) == 0 else { throw StoreError.writeFailed(path: to, reason: StoreError.text(errno)) }
        try Durable.syncDirectory(directory + "/new")
    }

    /// Drops a staged message (its reply was refused).
    public func discard(_ staged: Staged) {
        unlink(path(.tmp, staged.sendID))
    }

    /// Whether a message with this send id was already committed (waiting, being sent, or sent).
    public func contains(_ sendID: String) -> Bool {
        [Folder.new, .cur, .sent, .bounced].contains { Durable.exists(path($0, sendID)) }
    }

    /// Marks a sent message as bounced (moves it from `sent/` to `bounced/`); false when it is not
    /// in `sent/` (already marked, or never sent from here).
    @discardableResult
    public func markBounced(_ sendID: String) throws -> Bool {
        guard !sendID.isEmpty, !sendID.contains("/"), !sendID.hasPrefix("."), sendID.utf8.count <= 200 else { return false }
        guard Durable.exists(path(.sent, sendID)) else { return false }
        try prepareFolders()
        guard rename(path(.sent, sendID), path(.bounced, sendID)) == 0 else {
            if errno == ENOENT { return false }
            throw StoreError.writeFailed(path: path(.bounced, sendID), reason: StoreError.text(errno))
        }
        try Durable.syncDirectory(directory + "/bounced")
        return true
    }

    public func isStaged(_ sendID: String) -> Bool { Durable.exists(path(.tmp, sendID)) }

    /// Send ids in a folder, oldest first by name.
    public func list(_ folder: Folder) -> [String] {
        ((try? Durable.list("\(directory)/\(folder.rawValue)")) ?? [])
            .filter { $0.hasSuffix(".eml") && !$0.contains(Durable.temporaryMarker) }
            .map { String($0.dropLast(4)) }
            .sorted()
    }

    /// The outcome of one delivery pass.
    public struct DeliveryReport: Sendable, Equatable {
        public var sent: [String] = []
        /// Send id and why (exit status or launch error); these stay in `new/` for the next pass.
        public var failed: [(String, String)] = []
        /// Messages left in `cur/` by a process that died while sending: not retried automatically.
        public var stuck: [String] = []

        public init(sent: [String] = [], failed: [(String, String)] = [], stuck: [String] = []) {
            self.sent = sent
            self.failed = failed
            self.stuck = stuck
        }

        public static func == (a: Self, b: Self) -> Bool {
            a.sent == b.sent && a.stuck == b.stuck && a.failed.map(\.0) == b.failed.map(\.0) && a.failed.map(\.1) == b.failed.map(\.1)
        }

        public var summary: String {
            var parts: [String] = []
            if !sent.isEmpty { parts.append("\(sent.count) sent") }
            if let f = failed.first { parts.append("\(failed.count) not sent (\(f.1)); kept in the outbox, will retry") }
            if !stuck.isEmpty { parts.append("\(stuck.count) interrupted while sending (outbox/cur): check and move back to new/ to resend") }
            return parts.joined(separator: "; ")
        }
    }

    /// Hands every waiting message to `send` (given the file's path; returns the exit status, 0 = sent).
    /// Each is claimed by renaming it to `cur/` first; on success it moves to `sent/`, on failure back
    /// to `new/`. A message that another process claimed first is skipped.
    public func deliver(using send: (String) throws -> Int32) -> DeliveryReport {
        var report = DeliveryReport()
        report.stuck = list(.cur)
        guard (try? prepareFolders()) != nil else { return report }
        for id in list(.new) {
            let waiting = path(.new, id)
            let claimed = path(.cur, id)
            if Durable.exists(path(.sent, id)) {
                unlink(waiting)   // sent before, and a crash kept a copy: never twice
                continue
            }
            guard rename(waiting, claimed) == 0 else { continue }   // another process has it
            report.stuck.removeAll { $0 == id }
            if let problem = untrustworthy(claimed) {
                _ = rename(claimed, waiting)
                report.failed.append((id, problem))
                continue
            }
            var status: Int32 = -1
            var why = ""
            do {
                status = try send(claimed)
                if status != 0 { why = "send command exited with status \(status)" }
            } catch {
                why = "\(error)"
            }
            if status == 0 {
                if rename(claimed, path(.sent, id)) == 0 {
                    try? Durable.syncDirectory(directory + "/sent")
                    report.sent.append(id)
                } else {
                    report.failed.append((id, "sent, but cannot move to outbox/sent: \(StoreError.text(errno))"))
                }
            } else {
                _ = rename(claimed, waiting)
                report.failed.append((id, why))
            }
        }
        return report
    }

    private func prepareFolders() throws {
        for folder in Folder.allCases {
            let dir = "\(directory)/\(folder.rawValue)"
            if Durable.exists(dir) { continue }
            // With the store's group and mode whatever the umask: every member stages and claims mail.
            try permissions.makeDirectory(dir)
        }
    }

    /// Why a claimed mail must not be handed to the send command, or nil: in a team store a mail
    /// is sent only when it is a plain file that nobody but its author could have changed.
    private func untrustworthy(_ path: String) -> String? {
        guard permissions.isShared else { return nil }
        var st = stat()
        guard lstat(path, &st) == 0 else { return "cannot be read: \(StoreError.text(errno))" }
        guard st.st_mode & S_IFMT == S_IFREG else { return "not a plain file; not sent" }
        guard st.st_mode & 0o022 == 0 else { return "writable by others than its author, so it may have been changed; not sent" }
        return nil
    }
}
