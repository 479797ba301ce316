import Foundation
import Glibc
import XCTest

/// A real Postfix on loopback for one test, set up as a site would: `support@helpdesk.test` is the agent's
/// mailbox, whose `.forward` pipes each message to `helpdesk deliver`; a customer account has a local mailbox
/// (`/var/mail/USER`) that our replies reach through `sendmail -t`. Everything it changes (main.cf, aliases, two
/// Unix users, a running Postfix) is put back by `restore()`.
final class LocalPostfix {
    static let domain = "helpdesk.test"
    let agent: String
    let customer: String
    private let sandbox: Sandbox
    private var savedMainCF: Data?
    private var savedAliases: Data?
    private var startedPostfix = false
    private var users: [String] = []

    init(sandbox: Sandbox) throws {
        guard geteuid() == 0 else { throw XCTSkip("the Postfix test configures the system MTA, which needs root") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/postfix"),
              FileManager.default.isExecutableFile(atPath: "/usr/sbin/sendmail") else {
            throw XCTSkip("Postfix is not installed (.ci/run installs it: apt-get install postfix swaks)")
        }
        self.sandbox = sandbox
        let tag = String(UUID().uuidString.lowercased().prefix(6))
        agent = "hdm\(tag)"
        customer = "hdc\(tag)"
        chmod(sandbox.root.path, 0o755)
        for user in [agent, customer] {
            try Self.system(["useradd", "-M", "-U", "-s", "/bin/sh", "-d", home(user).path, user])
            users.append(user)
            try FileManager.default.createDirectory(at: home(user), withIntermediateDirectories: true)
            try Self.system(["chown", "\(user):\(user)", home(user).path])
            chmod(home(user).path, 0o755)
        }
        try configure()
    }

    func home(_ user: String) -> URL { sandbox.root.appendingPathComponent(user) }

    /// The customer's mailbox, where Postfix's local delivery puts what we send them.
    var customerMailbox: URL { URL(fileURLWithPath: "/var/mail/\(customer)") }

    private func configure() throws {
        savedMainCF = FileManager.default.contents(atPath: "/etc/postfix/main.cf")
        savedAliases = FileManager.default.contents(atPath: "/etc/aliases")
        try Self.system(["postconf", "-e", "myhostname=\(Self.domain)", "mydestination=\(Self.domain), localhost",
                         "inet_interfaces=loopback-only", "inet_protocols=ipv4", "recipient_delimiter=+",
                         "mailbox_size_limit=0", "smtpd_banner=$myhostname ESMTP"])
        var aliases = String(decoding: savedAliases ?? Data(), as: UTF8.self)
        if !aliases.hasSuffix("\n") && !aliases.isEmpty { aliases += "\n" }
        aliases += "support: \(agent)\n"
        try aliases.write(toFile: "/etc/aliases", atomically: true, encoding: .utf8)
        try Self.system(["newaliases"])
        let status = try runProcess("/usr/sbin/postfix", ["status"], environment: Self.environment)
        if status.status == 0 {
            try Self.system(["postfix", "reload"])
        } else {
            try Self.system(["postfix", "start"])
            startedPostfix = true
        }
    }

    /// The agent's `.forward`: every message to support@ goes to `helpdesk deliver` on `store`, run as the agent.
    func forward(to store: URL, binary: URL) throws {
        let line = "\"|\(binary.path) deliver --store \(store.path)\"\n"
        let path = home(agent).appendingPathComponent(".forward")
        try line.write(to: path, atomically: true, encoding: .utf8)
        try Self.system(["chown", "\(agent):\(agent)", path.path])
        chmod(path.path, 0o644)
    }

    /// Sends a message over SMTP to 127.0.0.1 with swaks, as a mail client would.
    func sendSMTP(from: String, to: String, subject: String, body: String, attach: URL? = nil) throws {
        guard let swaks = which("swaks") else { throw XCTSkip("swaks is not installed (.ci/run installs it)") }
        var words = ["--to", to, "--from", from, "--server", "127.0.0.1", "--port", "25",
                     "--header", "Subject: \(subject)", "--body", body, "--silent", "2"]
        if let attach { words += ["--attach-type", "text/plain", "--attach-name", attach.lastPathComponent, "--attach", "@" + attach.path] }
        let r = try runProcess(swaks, words, environment: Self.environment)
        guard r.status == 0 else { throw EndToEndFailure(description: "swaks failed: \(r.summary)") }
    }

    /// Hands a whole message to the local `sendmail -t` as `user` (the customer answering from their mailbox).
    func sendmail(as user: String, message: String) throws {
        let r = try runProcess("/usr/sbin/runuser", ["-u", user, "--", "/usr/sbin/sendmail", "-t", "-i"],
                               environment: Self.environment, stdin: message)
        guard r.status == 0 else { throw EndToEndFailure(description: "sendmail as \(user) failed: \(r.summary)") }
    }

    /// Runs a shell command as `user` with a clean environment (their home, a plain PATH).
    func shell(_ user: String, _ command: String) throws -> CommandResult {
        let env = userEnvironment(user).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return try runProcess("/usr/sbin/runuser", ["-u", user, "--", "/usr/bin/env", "-i"] + env + ["/bin/sh", "-c", command],
                              environment: [:])
    }

    func userEnvironment(_ user: String) -> [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": home(user).path, "LANG": "C.UTF-8", "USER": user,
         "LOGNAME": user]
    }

    /// Whether Postfix's queue is empty (nothing deferred for retry).
    func queueIsEmpty() throws -> Bool {
        let r = try runProcess("/usr/sbin/postqueue", ["-p"], environment: Self.environment)
        return r.stdout.contains("Mail queue is empty")
    }

    /// The queue listing, for failure messages.
    func queue() -> String {
        (try? runProcess("/usr/sbin/postqueue", ["-p"], environment: Self.environment).stdout) ?? "?"
    }

    /// Asks Postfix to retry everything deferred now.
    func flush() throws { try Self.system(["postqueue", "-f"]) }

    /// Puts the system back: Postfix stopped (if this started it), main.cf and aliases restored, users gone,
    /// and their mailboxes removed.
    func restore() {
        if let savedMainCF { try? savedMainCF.write(to: URL(fileURLWithPath: "/etc/postfix/main.cf")) }
        if let savedAliases { try? savedAliases.write(to: URL(fileURLWithPath: "/etc/aliases")) }
        _ = try? Self.system(["newaliases"])
        _ = try? Self.system(["postsuper", "-d", "ALL"])
        if startedPostfix {
            _ = try? Self.system(["postfix", "stop"])
        } else {
            _ = try? Self.system(["postfix", "reload"])
        }
        for user in users {
            try? FileManager.default.removeItem(atPath: "/var/mail/\(user)")
            _ = try? Self.system(["userdel", user])
        }
        users = []
    }

    static let environment = ["PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C.UTF-8"]

    @discardableResult
    static func system(_ words: [String]) throws -> CommandResult {
        guard let tool = words.first.flatMap({ which($0) ?? (FileManager.default.isExecutableFile(atPath: "/usr/sbin/\($0)") ? "/usr/sbin/\($0)" : nil) }) else {
            throw EndToEndFailure(description: "\(words.first ?? "?") is not installed")
        }
        let r = try runProcess(tool, Array(words.dropFirst()), environment: environment)
        guard r.status == 0 else { throw EndToEndFailure(description: "\(words.joined(separator: " ")) failed: \(r.summary)") }
        return r
    }
}

/// One message of an mbox file (as Postfix's local delivery writes `/var/mail/USER`): its headers (unfolded,
/// names lowercased) and its body.
struct MboxMessage {
    var headers: [String: String]
    var body: String

    /// Every message in an mbox, oldest first.
    static func all(in text: String) -> [MboxMessage] {
        var out: [MboxMessage] = []
        var current: [Substring] = []
        func flush() {
            guard !current.isEmpty else { return }
            let lines = current.map(String.init)
            let blank = lines.firstIndex(where: { $0.isEmpty }) ?? lines.count
            var headers: [String: String] = [:]
            var lastName: String?
            for line in lines[..<blank] {
                if line.first == " " || line.first == "\t", let name = lastName {
                    headers[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                } else if let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].lowercased()
                    headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    lastName = name
                }
            }
            out.append(MboxMessage(headers: headers, body: lines[min(blank + 1, lines.count)...].joined(separator: "\n")))
            current = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("From ") { flush(); continue }
            current.append(line.hasSuffix("\r") ? line.dropLast() : line)
        }
        flush()
        return out
    }
}
