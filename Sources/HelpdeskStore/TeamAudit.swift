import Foundation
import HelpdeskCore

/// What `helpdesk check` adds for a team store: whether `store.json` is still its creator's alone,
/// whether the directories keep the modes members rely on, every record that has no effect because
/// its signature or its actor's authority does not hold (with file, line and who it claims to be),
/// and whether the snapshot's copy of the roster and settings matches its signed records.
enum TeamAudit {
    typealias Find = (_ file: String, _ line: Int?, _ problem: String) -> Void

    /// Starts the audit: the trust anchor and the modes. Returns the rules to check records with
    /// (nil for a store whose records are not signed).
    static func begin(_ paths: StorePaths, info: StoreInfo, find: Find) -> TeamTrust? {
        if let problem = TeamTrust.anchorProblem(paths, info: info) {
            find(paths.info, nil, "cannot be trusted: \(problem)")
        }
        guard info.mode == .shared else { return nil }
        guard info.isSigned else {
            find(paths.info, nil, "this team store was made by an older helpdesk: its records are not signed, so any member of the group could have forged them")
            return nil
        }
        let expected: [(String, mode_t)] = [(paths.root, StorePermissions.rootDirectory),
                                            (paths.keys, StorePermissions.keysDirectory)]
            + [paths.log, paths.snapshots, paths.presence, paths.drafts, paths.outbox].map { ($0, StorePermissions.sharedDirectory) }
        for (dir, mode) in expected {
            var st = stat()
            guard lstat(dir, &st) == 0 else { find(dir, nil, "missing: \(StoreError.text(errno))"); continue }
            if st.st_mode & 0o7777 != mode {
                find(dir, nil, String(format: "mode %04o where a team store needs %04o", st.st_mode & 0o7777, mode))
            }
        }
        return TeamTrust(info: info)
    }

    /// Checks the snapshot in force: its roster and settings are derived from its signed records (a
    /// difference from its own copy is reported), and every record of its thread and customer
    /// histories is checked.
    static func inspect(_ snapshot: Snapshot, team: TeamTrust, state: inout HelpdeskState, find: Find) throws {
        let copy = (state.agents, state.settings)
        try team.reestablish(from: snapshot, into: &state)
        if copy.0 != state.agents {
            let changed = Set(copy.0.keys).union(state.agents.keys).filter { copy.0[$0] != state.agents[$0] }.sorted()
            find(snapshot.directory + "/" + Snapshot.agentsName, nil,
                 "the snapshot's roster differs from its signed records for \(changed.joined(separator: ", ")) (written by a member by hand?); the signed records are used")
        }
        if copy.1 != state.settings {
            find(snapshot.directory + "/" + Snapshot.manifestName, nil,
                 "the snapshot's settings differ from its signed records; the signed records are used")
        }
        let decoder = StoreJSON.decoder()
        for (name, fd) in [(Snapshot.threadsName, snapshot.threadsFD), (Snapshot.customerHistoryName, snapshot.customerHistoryFD)] {
            let path = snapshot.directory + "/" + name
            let bytes = try Durable.read(fd, offset: 0, count: Durable.size(fd, path: path), path: path)
            var start = 0
            var line = 1
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if end > start {
                    do {
                        _ = try team.admitted(historyLine: Array(bytes[start..<end]), file: path, line: line, decoder: decoder)
                    } catch {
                        find(path, line, "\(error)")
                    }
                }
                start = end + 1
                line += 1
            }
        }
    }

    /// Reports every record that had no effect.
    static func finish(_ team: TeamTrust?, find: Find) {
        guard let team else { return }
        for r in team.rejected { find(r.file, r.line == 0 ? nil : r.line, r.description) }
        if team.rejectedCount > team.rejected.count {
            find("log", nil, "\(team.rejectedCount - team.rejected.count) more records have no effect for the same kinds of reasons")
        }
    }
}
