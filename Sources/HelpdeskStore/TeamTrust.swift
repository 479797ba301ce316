import Crypto
import Foundation
import HelpdeskCore

/// A signed team store's rules, applied by every process that reads it, so that no member can act
/// as another whatever they write into the group-writable files:
///
/// - `store.json` is the trust anchor. It names the store (`id`), its creator and the creator's
///   public key, and it is checked on open to be the creator's alone (`anchorProblem`).
/// - Every log record carries its actor's signature (`RecordSignature`), checked against the key
///   the roster held for the actor just before the record (the creator's key from `store.json`
///   while the roster is empty). Roster entries, and so keys, are saved only by supervisors.
/// - A record whose signature does not hold, or whose actor had no authority for it
///   (`HelpdeskState.authorityProblem`), keeps its sequence number and has no effect. It is noted in
///   `rejected` (file, line, who it claims to be, why) for `helpdesk check` and the CLI.
/// - A snapshot is written by whichever member compacts, so its copy of the roster, settings,
///   templates and views is not trusted: they are derived again on open from the signed records in
///   its `other-history.jsonl` (`reestablish`). Thread and customer histories read from a snapshot
///   are checked record by record (`ticketEvents`, `customerEvents`).
final class TeamTrust {
    let storeID: String
    let creator: String
    let creatorKey: String
    /// This process's signing key; read from the person's own config on the first write.
    var key: AgentKey?
    private var parsedKeys: [String: Curve25519.Signing.PublicKey] = [:]
    /// Every roster entry as it was saved, by login, oldest first: the entry in force at any number.
    private var rosterHistory: [String: [(seq: Int, agent: Agent)]] = [:]
    private var firstRosterSeq: Int?
    /// Records read that had no effect (the first `rejectedLimit`; `rejectedCount` counts them all).
    private(set) var rejected: [Rejection] = []
    private(set) var rejectedCount = 0
    static let rejectedLimit = 1_000

    /// A record that has no effect, and why.
    struct Rejection: Equatable, Sendable, CustomStringConvertible {
        var file: String
        var line: Int
        var seq: Int
        var actor: String
        var reason: String

        var description: String { "record #\(seq), which claims to be by \(actor), has no effect: \(reason)" }
    }

    /// A team store made before records were signed: read as it is (nothing can be checked), never
    /// written (`TeamStoreError.unsignedTeamStore`).
    let unsigned: Bool
    /// Signatures this person's helpdesk already checked (nil: check every one, as `check` does).
    private let cache: SignatureCache?

    init(info: StoreInfo, cached: Bool = false) {
        storeID = info.id ?? ""
        creator = info.createdBy
        creatorKey = info.creatorKey ?? ""
        unsigned = !info.isSigned
        cache = cached && info.isSigned ? SignatureCache(storeID: storeID) : nil
    }

    /// The rules for the store `info` describes (nil for a store whose records are not signed),
    /// after checking that nobody but its creator can have written `store.json`.
    static func open(_ paths: StorePaths, info: StoreInfo) throws -> TeamTrust? {
        if let problem = anchorProblem(paths, info: info) {
            throw StoreError.untrusted(path: paths.info, reason: problem)
        }
        return info.mode == .shared ? TeamTrust(info: info, cached: true) : nil
    }

    /// Why `store.json` could have been written or replaced by someone other than its owner (and,
    /// in a team store, other than its creator), or nil. A file of this process's own user that
    /// nobody else can write is always trusted; anyone else's must also sit in directories nobody
    /// but root or its owner can change (StrictModes), and it must say what was checked.
    static func anchorProblem(_ paths: StorePaths, info: StoreInfo) -> String? {
        do {
            var root = stat()
            guard stat(paths.root, &root) == 0 else { return "the store directory cannot be examined: \(StoreError.text(errno))" }
            let bytes = try TrustedFiles.read(paths.info) { fd in
                var st = stat()
                guard fstat(fd, &st) == 0 else { return StoreError.text(errno) }
                // My own store: my file in my directory, which nobody else can write.
                if st.st_uid == geteuid(), root.st_uid == geteuid(), st.st_mode & S_IFMT == S_IFREG, st.st_mode & 0o022 == 0 {
                    return nil
                }
                // Anyone else's: its owner's (the creator's, for a team store) in directories only
                // they or root can change.
                let owner: uid_t
                if info.mode == .shared {
                    guard let creatorUID = TrustedFiles.uid(ofLogin: info.createdBy) else {
                        return "it names \(info.createdBy) as the creator, and there is no such account"
                    }
                    owner = creatorUID
                } else {
                    owner = root.st_uid
                }
                return TrustedFiles.problem(fd: fd, path: paths.info, owner: owner)
            }
            let read = try StoreJSON.decoder().decode(StoreInfo.self, from: Data(bytes))
            return read == info ? nil : "it changed while the store was being opened"
        } catch let e as StoreError {
            if case .untrusted(_, let reason) = e { return reason + (info.mode == .shared ? "; only the store's creator may write it (chmod 640, in a directory of mode 2750)" : "") }
            return "\(e)"
        } catch {
            return "\(error)"
        }
    }

    // MARK: Deciding one record

    private func publicKey(_ text: String) -> Curve25519.Signing.PublicKey? {
        if let k = parsedKeys[text] { return k }
        let k = AgentKey.publicKey(text)
        parsedKeys[text] = k
        return k
    }

    /// The key that must have signed a record of `actor` whose roster entry was `entry`.
    private func expectedKey(actor: String, entry: Agent?, rosterIsEmpty: Bool) -> String? {
        if let entry { return entry.publicKey }
        return rosterIsEmpty && actor == creator ? creatorKey : nil
    }

    /// Why the record `line` of `event` has no effect, given the actor's roster entry just before it
    /// and whether the roster was empty then; nil when it takes effect.
    func problem(_ line: UnsafeRawBufferPointer, event: Event, entry: Agent?, rosterIsEmpty: Bool) -> String? {
        // The mail channel signs nothing (the delivering account has no key and no roster entry); its
        // records have only the effects any stranger's mail could have (README, threat model).
        if MailChannel.isChannel(event.actor) { return MailChannel.problem(event.change, actor: event.actor) }
        guard let text = expectedKey(actor: event.actor, entry: entry, rosterIsEmpty: rosterIsEmpty),
              let key = publicKey(text) else {
            return "\(event.actor) has no signing key on the roster"
        }
        guard RecordSignature.memberStart(line) != nil else { return "it is not signed" }
        let cached = cache.map { _ in SignatureCache.entry(key: text, record: line) }
        if let cached, cache!.contains(cached) {
            // Checked before by this person's helpdesk: the same bytes against the same key.
        } else {
            guard RecordSignature.verify(line, storeID: storeID, key: key) else {
                return "its signature is not made with \(event.actor)'s key"
            }
            if let cached { cache!.add(cached) }
        }
        return HelpdeskState.authorityProblem(event.change, actor: event.actor, entry: entry,
                                              rosterIsEmpty: rosterIsEmpty, creator: creator)
    }

    /// Decides a record folded in order: true when it takes effect. One that does not is noted, and
    /// `state` moves past its number without changing.
    func admits(_ record: ArraySlice<UInt8>, _ event: Event, state: inout HelpdeskState, file: String, line: Int) -> Bool {
        if unsigned { return true }
        let entry = state.agents[event.actor]
        let empty = state.agents.isEmpty
        if let reason = record.withUnsafeBytes({ problem($0, event: event, entry: entry, rosterIsEmpty: empty) }) {
            note(Rejection(file: file, line: line, seq: event.seq, actor: event.actor, reason: reason))
            state.passOver(seq: event.seq)
            return false
        }
        remember(event)
        return true
    }

    private func note(_ r: Rejection) {
        rejectedCount += 1
        if rejected.count < Self.rejectedLimit { rejected.append(r) }
    }

    /// Keeps a roster entry that took effect (read, or written by this process).
    func remember(_ event: Event) {
        guard case .agentSaved(let a) = event.change else { return }
        rosterHistory[a.login, default: []].append((event.seq, a))
        if firstRosterSeq == nil { firstRosterSeq = event.seq }
    }

    /// The actor's roster entry in force just before `seq`, and whether the roster was empty then.
    private func rosterEntry(_ actor: String, before seq: Int) -> (Agent?, Bool) {
        let empty = firstRosterSeq.map { seq <= $0 } ?? true
        guard let list = rosterHistory[actor] else { return (nil, empty) }
        var found: Agent?
        for (s, a) in list where s < seq { found = a }
        return (found, empty)
    }

    // MARK: Writing

    /// Checks, before anything is written, that every reader will give `change` by `actor` its
    /// effect: the actor has the authority, and this process holds the key the roster has for them.
    /// Returns the signer for the record.
    func signer(for change: Change, actor: String, state: HelpdeskState) throws -> RecordSigner {
        if unsigned { throw TeamStoreError.unsignedTeamStore }
        if key == nil { key = try AgentKeys.personal() }
        guard let key else { throw TeamStoreError.noSigningKey(path: AgentKeys.personalKeyPath()) }
        let entry = state.agents[actor]
        let expected = expectedKey(actor: actor, entry: entry, rosterIsEmpty: state.agents.isEmpty)
        guard expected == key.publicKeyText else {
            throw TeamStoreError.keyNotOnRoster(login: actor, hasEntry: entry != nil)
        }
        if let problem = HelpdeskState.authorityProblem(change, actor: actor, entry: entry,
                                                        rosterIsEmpty: state.agents.isEmpty, creator: creator) {
            throw TeamStoreError.notAllowed(problem)
        }
        return RecordSigner(storeID: storeID, key: key)
    }

    // MARK: Snapshots

    /// Derives the roster, settings, templates and saved views again from the signed records in the
    /// snapshot's `other-history.jsonl` (the log records verbatim, oldest first) and puts them in
    /// `state` in place of the snapshot's own copies, which any member could have written.
    /// Called each time the store is read from the start (with nil when there is no snapshot).
    func reestablish(from snapshot: Snapshot?, into state: inout HelpdeskState) throws {
        rosterHistory = [:]
        firstRosterSeq = nil
        rejected = []
        rejectedCount = 0
        guard let snapshot, !unsigned else { return }
        let path = snapshot.directory + "/" + Snapshot.otherHistoryName
        let bytes = try Durable.read(snapshot.otherHistoryFD, offset: 0,
                                     count: Durable.size(snapshot.otherHistoryFD, path: path), path: path)
        let decoder = StoreJSON.decoder()
        var records: [(event: Event, line: Int, range: Range<Int>)] = []
        var start = 0
        var number = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if end > start {
                let range = start..<end
                try bytes.withUnsafeBytes { raw in
                    let line = UnsafeRawBufferPointer(rebasing: raw[range])
                    if case .failure(let f) = LogRecord.verify(line) {
                        throw StoreError.corrupt(file: path, line: number, reason: f.reason)
                    }
                }
                do {
                    let event = try decoder.decode(Event.self, from: Data(bytes[range]))
                    if event.seq <= snapshot.lastSeq { records.append((event, number, range)) }
                } catch {
                    throw StoreError.corrupt(file: path, line: number, reason: StoreJSON.reason(error))
                }
            }
            start = end + 1
            number += 1
        }
        // In number order, each number once, whatever order the file was written in.
        records.sort { $0.event.seq < $1.event.seq }
        var derived = HelpdeskState()
        var previous: Int?
        for r in records where r.event.seq != previous {
            previous = r.event.seq
            if admits(bytes[r.range], r.event, state: &derived, file: path, line: r.line) { derived.apply(r.event) }
        }
        state.adoptDirectory(from: derived)
    }

    /// A ticket's events from the snapshot, each checked like a log record; those that do not hold
    /// are left out (and noted).
    func ticketEvents(in snapshot: Snapshot, _ number: Int, decoder: JSONDecoder) throws -> [Event] {
        if unsigned { return try snapshot.ticketEvents(number, decoder: decoder) }
        guard let span = snapshot.threadSpans[number] else { return [] }
        let raw = try snapshot.rawLine(fd: snapshot.threadsFD, span: span, file: Snapshot.threadsName)
        return try admitted(historyLine: raw, file: snapshot.directory + "/" + Snapshot.threadsName, decoder: decoder)
    }

    /// A customer's events from the snapshot, checked likewise.
    func customerEvents(in snapshot: Snapshot, _ id: String, decoder: JSONDecoder) throws -> [Event] {
        if unsigned { return try snapshot.customerEvents(id, decoder: decoder) }
        guard let span = snapshot.customerSpans[id] else { return [] }
        let raw = try snapshot.rawLine(fd: snapshot.customerHistoryFD, span: span, file: Snapshot.customerHistoryName)
        return try admitted(historyLine: raw, file: snapshot.directory + "/" + Snapshot.customerHistoryName, decoder: decoder)
    }

    /// The records of one history line (`{"ticket":1001,"events":[record,record,…]}`) that hold.
    func admitted(historyLine raw: [UInt8], file: String, line: Int = 0, decoder: JSONDecoder) throws -> [Event] {
        var events: [Event] = []
        for range in try Self.records(inHistoryLine: raw, file: file) {
            let event: Event
            do {
                event = try decoder.decode(Event.self, from: Data(raw[range]))
            } catch {
                throw StoreError.corrupt(file: file, line: line, reason: StoreJSON.reason(error))
            }
            let (entry, empty) = rosterEntry(event.actor, before: event.seq)
            let problem = raw[range].withUnsafeBytes { bytes -> String? in
                if case .failure(let f) = LogRecord.verify(bytes) { return f.reason }
                return self.problem(bytes, event: event, entry: entry, rosterIsEmpty: empty)
            }
            if let problem {
                note(Rejection(file: file, line: line, seq: event.seq, actor: event.actor, reason: problem))
            } else {
                events.append(event)
            }
        }
        return events
    }

    /// Splits a history line into its records. A record ends with its checksum member, and the bytes
    /// `,"sum":"` cannot occur inside a JSON string (a quote there is escaped), so this is exact.
    static func records(inHistoryLine raw: [UInt8], file: String) throws -> [Range<Int>] {
        let opening = Array(#""events":["#.utf8)
        guard let at = find(opening, in: raw, from: 0) else {
            throw StoreError.corrupt(file: file, line: 0, reason: "a history record without events")
        }
        var out: [Range<Int>] = []
        var i = at + opening.count
        while i < raw.count, raw[i] == UInt8(ascii: "{") {
            guard let sum = find(LogRecord.sumPrefix, in: raw, from: i),
                  sum + LogRecord.suffixLength <= raw.count else {
                throw StoreError.corrupt(file: file, line: 0, reason: "a history record cut off at byte \(i)")
            }
            let end = sum + LogRecord.suffixLength
            out.append(i..<end)
            i = end
            if i < raw.count, raw[i] == UInt8(ascii: ",") { i += 1 }
        }
        return out
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// Why a write to a team store was refused before anything was written.
public enum TeamStoreError: Error, CustomStringConvertible, Equatable {
    case noSigningKey(path: String)
    case keyNotOnRoster(login: String, hasEntry: Bool)
    case notAllowed(String)
    case unsignedTeamStore

    public var description: String {
        switch self {
        case .noSigningKey(let p):
            "you have no signing key (\(p)); run `helpdesk key publish` and ask a supervisor to add you with `helpdesk agent add`"
        case .keyNotOnRoster(let login, let hasEntry):
            hasEntry
                ? "your signing key is not the one on the roster for \(login); ask a supervisor to run `helpdesk agent set \(login) --key published` after `helpdesk key publish`"
                : "\(login) is not on this store's roster; run `helpdesk key publish`, then a supervisor adds you with `helpdesk agent add \(login)`"
        case .notAllowed(let why):
            "refused: \(why)"
        case .unsignedTeamStore:
            "this team store was made by an older helpdesk: its records are not signed, so any member could forge them, and it can no longer be written; its creator can export it and import it into a new store (`helpdesk init --shared GROUP`)"
        }
    }
}

extension FileStore {
    /// This process's signing key for a team store (by default the person's own, from
    /// `AgentKeys.personal`); tests and tools may set another.
    public var signingKey: AgentKey? {
        get { team?.key }
        set { team?.key = newValue }
    }

    /// Records read so far that have no effect because their signature or authority does not hold.
    public var rejectedRecords: [String] { (team?.rejected ?? []).map { "\($0.file):\($0.line): \($0)" } }
}
