import Foundation
import Glibc
import HelpdeskCore

/// The store's `drafts/` directory: one JSON file per agent and ticket (`<agent>--<ticket>.json`),
/// each replaced atomically (write a temporary file, fsync, rename, fsync the directory), so a draft
/// on disk is always a whole draft — the one before the last save or the last one.
public struct DraftBox: Sendable {
    public let directory: String
    let permissions: StorePermissions

    init(directory: String, permissions: StorePermissions) {
        self.directory = directory
        self.permissions = permissions
    }

    /// A draft box in any directory (tests, tools); files get the personal permissions.
    public init(directory: URL) {
        self.init(directory: directory.path, permissions: .personal)
    }

    /// Writes the draft durably; returns after it is on disk.
    public func save(_ draft: Draft) throws {
        let path = self.path(agent: draft.agent, ticket: draft.ticket)
        let data: Data
        do {
            data = try StoreJSON.encoder().encode(draft)
        } catch {
            throw StoreError.writeFailed(path: path, reason: StoreJSON.reason(error))
        }
        // 0640 in a team store: only its writer may change it (a rename over it makes a file of
        // someone else's, which `load` refuses).
        try Durable.replace(path, with: Array(data), permissions: permissions, mode: StorePermissions.authoredFile)
    }

    /// The agent's draft for a ticket, if there is one. A damaged file is reported, never ignored.
    public func load(agent: String, ticket: Int) throws -> Draft? {
        let path = self.path(agent: agent, ticket: ticket)
        guard Durable.exists(path) else { return nil }
        if permissions.isShared, let problem = TrustedFiles.notOwnedByMe(path) {
            throw StoreError.untrusted(path: path, reason: "\(problem), so it is not your draft; discard it and write the reply again")
        }
        let bytes = try Durable.readFile(path)
        do {
            return try StoreJSON.decoder().decode(Draft.self, from: Data(bytes))
        } catch {
            throw StoreError.corrupt(file: path, line: 1, reason: StoreJSON.reason(error))
        }
    }

    /// Removes the agent's draft for a ticket (after sending or discarding).
    public func remove(agent: String, ticket: Int) throws {
        let path = self.path(agent: agent, ticket: ticket)
        guard Durable.exists(path) else { return }
        guard unlink(path) == 0 || errno == ENOENT else {
            throw StoreError.writeFailed(path: path, reason: StoreError.text(errno))
        }
        try? Durable.syncDirectory(directory)
    }

    /// The tickets the agent has drafts for (from file names: no file is read).
    public func tickets(of agent: String) -> Set<Int> {
        let prefix = Self.fileAgent(agent) + "--"
        var out = Set<Int>()
        for name in (try? Durable.list(directory)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".json") {
            if let n = Int(name.dropFirst(prefix.count).dropLast(5)) { out.insert(n) }
        }
        return out
    }

    func path(agent: String, ticket: Int) -> String {
        "\(directory)/\(Self.fileAgent(agent))--\(ticket).json"
    }

    /// Logins are Unix names, but keep anything odd out of file names.
    static func fileAgent(_ login: String) -> String {
        login.unicodeScalars.map { s in
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "_" || s == ".") ? String(s) : "%" + String(s.value, radix: 16)
        }.joined()
    }
}
