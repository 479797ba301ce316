import Foundation
import HelpdeskCore
@testable import HelpdeskStore
import XCTest

/// Two real Unix users in one real group on a team store (`init --shared GROUP`): neither can stop
/// the other working (whatever their umask), act as the other, promote themselves, change the
/// settings or the store's mode, or make the other's helpdesk run a command of their choosing.
/// Needs root (to create and delete the users and the group); skipped otherwise.
final class TeamStoreTests: XCTestCase {
    private var team: TeamUsers!
    private var sandbox: Sandbox!

    override func setUpWithError() throws {
        try super.setUpWithError()
        continueAfterFailure = false
        sandbox = try Sandbox(testCase: Self.self)
        team = try TeamUsers(sandbox: sandbox)
    }

    override func tearDown() {
        team?.remove()
        sandbox?.remove()
        super.tearDown()
    }

    // MARK: Permissions

    func testBothMembersReplyAndEveryFileKeepsTheTeamModesUnderUmask022And077() throws {
        for umask in ["022", "077"] {
            let store = try team.makeStore(creator: team.alice, umask: umask, name: "store-\(umask)")
            try team.ok(team.bob, umask, ["ticket", "reply", "1001", "--body", "bob answers"], store)
            try team.ok(team.alice, umask, ["ticket", "reply", "1001", "--body", "alice answers"], store)
            try team.ok(team.bob, umask, ["ticket", "reply", "1001", "--body", "bob again"], store)
            try team.ok(team.alice, umask, ["ticket", "note", "1001", "--body", "alice notes"], store)
            // A compaction (snapshot, new segment, CURRENT, temporary files) by the other member.
            let csv = sandbox.root.appendingPathComponent("one-\(umask).csv")
            try "subject,customer_email,body\nimported,imp@x.test,hello\n".write(to: csv, atomically: true, encoding: .utf8)
            chmod(csv.path, 0o644)
            try team.ok(team.bob, umask, ["import", csv.path], store)
            try team.ok(team.alice, umask, ["ticket", "reply", "1001", "--body", "after the compaction"], store)
            let shown = try team.ok(team.bob, umask, ["ticket", "show", "1001"], store)
            XCTAssertTrue(shown.contains("after the compaction") && shown.contains("bob again"), shown)
            try assertTeamModes(store, umask: umask)
        }
    }

    private func assertTeamModes(_ store: URL, umask: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let enumerator = FileManager.default.enumerator(atPath: store.path)!
        var checked = 0
        for case let relative as String in enumerator {
            let path = store.path + "/" + relative
            var st = stat()
            XCTAssertEqual(lstat(path, &st), 0, path, file: file, line: line)
            XCTAssertEqual(st.st_gid, team.gid, "\(relative) is not the team's (umask \(umask))", file: file, line: line)
            let mode = st.st_mode & 0o7777
            if st.st_mode & S_IFMT == S_IFDIR {
                let expected: mode_t = relative == "keys" ? 0o3770 : 0o2770
                XCTAssertEqual(mode, expected, String(format: "%@ has mode %o (umask %@)", relative, mode, umask), file: file, line: line)
            } else {
                let expected: Set<mode_t> = relative.hasPrefix("keys/") ? [0o644]
                    : relative.hasPrefix("outbox/") || relative.hasPrefix("mail/") || relative == "store.json" ? [0o640] : [0o660]
                XCTAssertTrue(expected.contains(mode), String(format: "%@ has mode %o (umask %@)", relative, mode, umask), file: file, line: line)
            }
            checked += 1
        }
        var root = stat()
        XCTAssertEqual(stat(store.path, &root), 0)
        XCTAssertEqual(root.st_mode & 0o7777, 0o2750, "the root must be the creator's alone", file: file, line: line)
        XCTAssertGreaterThan(checked, 20, file: file, line: line)
    }

    // MARK: Identity

    func testAMemberCannotPostAsAnotherPromoteThemselvesOrChangeSettings() throws {
        // Bob created the store and supervises it; Alice is an agent.
        let store = try team.makeStore(creator: team.bob, umask: "022", name: "store")
        let before = try team.json(team.bob, ["agent", "list"], store) as! [[String: Any]]

        // What Alice's own helpdesk refuses.
        XCTAssertNotEqual(try team.run(team.alice, "022", ["agent", "set", team.alice, "--role", "supervisor"], store).status, 0)
        XCTAssertNotEqual(try team.run(team.alice, "022", ["settings", "set", "auto-assign", "on"], store).status, 0)
        XCTAssertNotEqual(try team.run(team.alice, "022", ["ticket", "note", "1001", "--body", "x", "--as", team.bob], store).status, 0)

        // What she can write into the group-writable log by hand.
        let aliceKey = try team.privateKey(of: team.alice)
        let forgeries: [(actor: String, change: Change, signer: AgentKey?)] = [
            (team.bob, .messageAdded(number: 1001, message: Message(kind: .note, author: team.bob, body: "FORGED-unsigned", at: Date())), nil),
            (team.bob, .messageAdded(number: 1001, message: Message(kind: .note, author: team.bob, body: "FORGED-alices-key", at: Date())), aliceKey),
            (team.alice, .messageAdded(number: 1001, message: Message(kind: .note, author: team.bob, body: "FORGED-author", at: Date())), aliceKey),
            (team.alice, .agentSaved(Agent(login: team.alice, displayName: "A", role: .supervisor,
                                           publicKey: aliceKey.publicKeyText)), aliceKey),
            (team.alice, .settingsChanged({ var s = Settings(); s.name = "FORGED"; return s }()), aliceKey),
            (team.bob, .agentSaved(Agent(login: team.alice, displayName: "A", role: .supervisor,
                                         publicKey: aliceKey.publicKeyText)), aliceKey),
        ]
        let firstForgedLine = try team.append(forgeries, to: store, as: team.alice)

        // Bob's readers: the ticket, the roster, the settings are as if nothing was written.
        let thread = try team.ok(team.bob, "022", ["ticket", "show", "1001"], store)
        XCTAssertFalse(thread.contains("FORGED"), thread)
        XCTAssertEqual((try team.json(team.bob, ["agent", "list"], store) as! [[String: Any]]).count, before.count)
        let roster = try team.ok(team.bob, "022", ["agent", "list"], store)
        XCTAssertFalse(roster.split(separator: "\n").contains { $0.hasPrefix(team.alice) && $0.contains("supervisor") }, roster)
        XCTAssertFalse(try team.ok(team.bob, "022", ["settings", "show"], store).contains("FORGED"))
        // And they still have no effect after a compaction writes them into a snapshot.
        let csv = sandbox.root.appendingPathComponent("one.csv")
        try "subject,customer_email,body\nimported,imp@x.test,hello\n".write(to: csv, atomically: true, encoding: .utf8)
        chmod(csv.path, 0o644)
        try team.ok(team.bob, "022", ["import", csv.path], store)
        XCTAssertFalse(try team.ok(team.alice, "022", ["ticket", "show", "1001"], store).contains("FORGED"))
        XCTAssertFalse(try team.ok(team.alice, "022", ["settings", "show"], store).contains("FORGED"))
        XCTAssertNotEqual(try team.run(team.alice, "022", ["settings", "set", "auto-assign", "on"], store).status, 0,
                          "Alice became a supervisor")

        // `check` names every forgery: file, line, who it claims to be.
        let check = try team.run(team.bob, "022", ["check"], store)
        XCTAssertNotEqual(check.status, 0, check.summary)
        for f in forgeries {
            XCTAssertTrue(check.stdout.contains("claims to be by \(f.actor)"), check.summary)
        }
        XCTAssertGreaterThanOrEqual(check.stdout.components(separatedBy: "has no effect").count - 1, forgeries.count, check.summary)
        _ = firstForgedLine

        // Bob's own work goes on.
        try team.ok(team.bob, "022", ["ticket", "note", "1001", "--body", "still works"], store)
        try team.ok(team.alice, "022", ["ticket", "note", "1001", "--body", "alice still works"], store)
    }

    func testAMemberCannotChangeTheStoreModeNorGainAs() throws {
        let store = try team.makeStore(creator: team.bob, umask: "077", name: "store")
        let info = store.appendingPathComponent("store.json").path
        let single = try String(contentsOfFile: info, encoding: .utf8).replacingOccurrences(of: "\"shared\"", with: "\"single\"")
        let copy = sandbox.root.appendingPathComponent("single.json")
        try single.write(to: copy, atomically: true, encoding: .utf8)
        chmod(copy.path, 0o644)
        // Neither edit nor replace: store.json is 0640 and the root 2750, both the creator's.
        XCTAssertNotEqual(try team.shell(team.alice, "cat \(copy.path) > \(info)").status, 0)
        XCTAssertNotEqual(try team.shell(team.alice, "cp \(copy.path) \(store.path)/x.json && mv \(store.path)/x.json \(info)").status, 0)
        XCTAssertEqual(try String(contentsOfFile: info, encoding: .utf8).contains("\"shared\""), true)
        XCTAssertNotEqual(try team.run(team.alice, "077", ["ticket", "note", "1001", "--body", "x", "--as", team.bob], store).status, 0)

        // A store laid out the old way (root writable by the group): a replaced store.json is refused.
        chmod(store.path, 0o2770)
        let swap = try team.shell(team.alice, "cp \(copy.path) \(store.path)/x.json && mv \(store.path)/x.json \(info)")
        XCTAssertEqual(swap.status, 0, swap.summary)
        let refused = try team.run(team.bob, "077", ["ticket", "list"], store)
        XCTAssertNotEqual(refused.status, 0, refused.summary)
        XCTAssertTrue(refused.stderr.contains("cannot be trusted"), refused.summary)
        let asBob = try team.run(team.alice, "077", ["ticket", "note", "1001", "--body", "as bob", "--as", team.bob], store)
        XCTAssertNotEqual(asBob.status, 0, "with her own store.json Alice could act as Bob: \(asBob.summary)")
    }

    // MARK: Commands

    func testNoMemberCanMakeAnotherRunACommand() throws {
        // Alice created the store and is its supervisor: even a supervisor's settings cannot make
        // Bob's helpdesk run something.
        let store = try team.makeStore(creator: team.alice, umask: "022", name: "store")
        let mark = team.home(team.bob).appendingPathComponent("pwned").path   // somewhere Bob may write
        var settings = Settings()
        settings.sendCommand = "touch \(mark)"
        _ = try team.append([(team.alice, .settingsChanged(settings), try team.privateKey(of: team.alice))], to: store, as: team.alice)
        XCTAssertTrue(try team.ok(team.bob, "022", ["outbox", "list"], store).contains("it is not run"))

        try team.ok(team.bob, "022", ["ticket", "reply", "1001", "--body", "hello"], store)
        try team.ok(team.bob, "022", ["outbox", "send"], store, allowFailure: true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: mark), "Bob's helpdesk ran Alice's command")

        // Bob's own command, from his own config, does run.
        let delivered = team.home(team.bob).appendingPathComponent("delivered").path
        try team.ok(team.bob, "022", ["outbox", "command", "cat >> \(delivered)"], store)
        let sent = try team.ok(team.bob, "022", ["outbox", "send"], store)
        XCTAssertTrue(sent.contains("sent"), sent)
        XCTAssertTrue((try? String(contentsOfFile: delivered, encoding: .utf8))?.contains("hello") == true)

        // A config others could write is not used.
        let config = SendCommands.path(environment: team.environment(team.bob))
        chmod(config, 0o666)
        try team.ok(team.bob, "022", ["ticket", "reply", "1001", "--body", "again"], store)
        let refused = try team.run(team.bob, "022", ["outbox", "send"], store)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stdout.contains("others may write it"), refused.summary)
    }
}

/// Two Unix users (`alice`, `bob`, each with their own primary group) in one team group, made for
/// one test and deleted after it.
final class TeamUsers {
    let group: String
    let gid: gid_t
    let alice: String
    let bob: String
    private let sandbox: Sandbox
    private var made: [String] = []

    init(sandbox: Sandbox) throws {
        guard geteuid() == 0 else {
            throw XCTSkip("the team store tests create real Unix users and a group, which needs root")
        }
        guard Self.tool("useradd") != nil, Self.tool("runuser") != nil else {
            throw XCTSkip("useradd and runuser are needed for the team store tests")
        }
        self.sandbox = sandbox
        let tag = String(UUID().uuidString.lowercased().prefix(6))
        group = "hdg\(tag)"
        alice = "hda\(tag)"
        bob = "hdb\(tag)"
        try Self.system(["groupadd", group])
        guard let entry = getgrnam(group) else { throw EndToEndFailure(description: "groupadd \(group) made no group") }
        gid = entry.pointee.gr_gid
        for user in [alice, bob] {
            try Self.system(["useradd", "-M", "-U", "-G", group, "-s", "/bin/sh", "-d", sandbox.root.appendingPathComponent(user).path, user])
            made.append(user)
            let home = home(user)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            try Self.system(["chown", "\(user):\(user)", home.path])
            chmod(home.path, 0o700)
        }
        chmod(sandbox.root.path, 0o755)
    }

    func remove() {
        for user in made { _ = try? Self.system(["userdel", user]) }
        _ = try? Self.system(["groupdel", group])
        made = []
    }

    func home(_ user: String) -> URL { sandbox.root.appendingPathComponent(user) }

    func environment(_ user: String) -> [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home(user).path, "LANG": "C.UTF-8",
         "XDG_CONFIG_HOME": home(user).appendingPathComponent("config").path,
         "XDG_DATA_HOME": home(user).appendingPathComponent("data").path]
    }

    /// Runs a shell command as `user`.
    func shell(_ user: String, _ command: String, umask: String = "022") throws -> CommandResult {
        let env = environment(user).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try runProcess(Self.tool("runuser")!, ["-u", user, "--", "/usr/bin/env", "-i"] + env
                              + ["/bin/sh", "-c", "umask \(umask); " + command], environment: [:])
    }

    /// Runs `helpdesk ARGS --store STORE` as `user` under `umask`.
    func run(_ user: String, _ umask: String, _ arguments: [String], _ store: URL) throws -> CommandResult {
        let words = [sandbox.binary.path] + arguments + ["--store", store.path]
        return try shell(user, "exec " + words.map(shellQuote).joined(separator: " "), umask: umask)
    }

    @discardableResult
    func ok(_ user: String, _ umask: String, _ arguments: [String], _ store: URL, allowFailure: Bool = false) throws -> String {
        let r = try run(user, umask, arguments, store)
        if r.status != 0 && !allowFailure {
            throw EndToEndFailure(description: "\(user) (umask \(umask)): helpdesk \(arguments.joined(separator: " ")) failed: \(r.summary)")
        }
        return r.stdout
    }

    func json(_ user: String, _ arguments: [String], _ store: URL) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try ok(user, "022", arguments + ["--json"], store).utf8))
    }

    /// A store made by `creator` with the other user on its roster, a customer and ticket #1001.
    func makeStore(creator: String, umask: String, name: String) throws -> URL {
        let other = creator == alice ? bob : alice
        let store = sandbox.root.appendingPathComponent("team-" + name)
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        try Self.system(["chown", creator, store.path])
        try ok(creator, umask, ["init", "--shared", group, "--support-address", "support@x.test"], store)
        try ok(other, umask, ["key", "publish"], store)
        try ok(creator, umask, ["agent", "add", other], store)
        try ok(creator, umask, ["customer", "add", "--name", "Ada", "--email", "ada@x.test"], store)
        try ok(creator, umask, ["ticket", "new", "--customer", "ada@x.test", "--subject", "Hello", "--body", "hi"], store)
        return store
    }

    func privateKey(of user: String) throws -> AgentKey {
        let path = AgentKeys.personalKeyPath(environment: environment(user))
        guard let key = AgentKey(privateKeyText: try String(contentsOfFile: path, encoding: .utf8)) else {
            throw EndToEndFailure(description: "no key at \(path)")
        }
        return key
    }

    /// Appends hand-made records (signed with `signer`, or not at all) to the newest log segment as
    /// `user`, with correct sequence numbers and checksums. Returns the first one's line number.
    @discardableResult
    func append(_ records: [(actor: String, change: Change, signer: AgentKey?)], to store: URL, as user: String) throws -> Int {
        let opened = try FileStore.open(at: store, actor: "nobody")
        let info = opened.info
        var seq = opened.state.lastSeq
        let segments = try EventLog.segments(in: store.path + "/log")
        let segment = store.path + "/log/" + segments.last!.name
        let existing = (try String(contentsOfFile: segment, encoding: .utf8)).split(separator: "\n").count
        var text = ""
        for r in records {
            seq += 1
            let event = Event(seq: seq, at: StoreDates.whole(Date()), actor: r.actor, change: r.change)
            let signer = r.signer.map { RecordSigner(storeID: info.id!, key: $0) }
            text += String(decoding: try LogRecord.line(event, more: false, encoder: StoreJSON.encoder(), signer: signer), as: UTF8.self)
        }
        let file = sandbox.root.appendingPathComponent("forged-\(seq).jsonl")
        try text.write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o644)
        let r = try shell(user, "cat \(file.path) >> \(segment)")
        guard r.status == 0 else { throw EndToEndFailure(description: "appending as \(user) failed: \(r.summary)") }
        return existing + 1
    }

    /// A system tool, also where root's tools live when PATH leaves them out.
    static func tool(_ name: String) -> String? {
        which(name) ?? ["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @discardableResult
    static func system(_ arguments: [String]) throws -> CommandResult {
        guard let tool = tool(arguments[0]) else { throw EndToEndFailure(description: "\(arguments[0]) not found") }
        let r = try runProcess(tool, Array(arguments.dropFirst()), environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
        guard r.status == 0 else { throw EndToEndFailure(description: "\(arguments.joined(separator: " ")): \(r.summary)") }
        return r
    }
}
