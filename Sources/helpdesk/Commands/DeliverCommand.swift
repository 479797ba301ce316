import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk deliver`: the mail delivery agent. Reads one RFC 5322 message on standard input (an MTA
/// pipe: Postfix `aliases`/`.forward`, OpenSMTPD `mda`, procmail, fetchmail `--mda`) and files it.
///
/// It acts as the mail channel, not as an agent: it runs as whatever account the MTA uses, needs
/// write access to the store but no roster entry, is recorded as `mail:<account>`, and the store
/// lets it add only what mail brings (`MailChannel`).
///
/// Exit status follows sysexits, because the MTA acts on it: 0 only when the message is durable in
/// the store; 75 (EX_TEMPFAIL) for anything else — the MTA keeps the message and retries. A message
/// is never refused (65 would bounce it): what cannot be read is still kept, with a note.
struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Store one mail read on standard input (for an MTA pipe); exit 0 only when it is durable, 75 to retry.",
        discussion: """
        Postfix: support: "|/usr/local/bin/helpdesk deliver --store /srv/helpdesk" in /etc/aliases.
        Exit status: 0 stored (or already stored), 75 temporary failure (store locked, unwritable, unreadable).
        """
    )

    @Option(name: .long, help: ArgumentHelp("The store directory (default: $HELPDESK_STORE, else $XDG_DATA_HOME/helpdesk).", valueName: "dir"))
    var store: String?

    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Seconds to wait for another writer before giving up with 75.", valueName: "seconds"))
    var lockTimeout: Double = 30

    @Flag(name: .long, help: "Say where the mail went (on standard error).")
    var verbose = false

    static let tempFail: Int32 = 75

    func run() throws {
        let raw: [UInt8]
        do {
            raw = try MailChannelSession.readStandardInput()
        } catch {
            Terminal.printError("cannot read the message: \(error)")
            throw ExitCode(Self.tempFail)
        }
        do {
            let store = try MailChannelSession.open(store: self.store, lockTimeout: lockTimeout)
            let result = try MailIntake(store: store).receive(raw, at: Date())
            if verbose {
                switch result.outcome {
                case .filed(let n, let isNew, let rule):
                    Terminal.warn("stored on #\(n)\(isNew ? " (new ticket)" : "") by \(rule.rawValue); raw \(result.digest.prefix(12))")
                case .duplicate(let n):
                    Terminal.warn("already stored on #\(n)")
                }
            }
        } catch {
            // Every failure is one the MTA should retry: nothing was acknowledged.
            Terminal.printError("not stored (the MTA will retry): \(CommandRunner.describe(error).0)")
            throw ExitCode(Self.tempFail)
        }
    }
}

/// Opening the store as the mail channel, for `deliver` and `ingest`.
enum MailChannelSession {
    static func open(store option: String?, lockTimeout: Double?) throws -> any Store {
        let env = ProcessInfo.processInfo.environment
        let dir = StoreLocation.resolve(option: option, environment: env)
        let account = AgentIdentity.loginName(environment: env)
        let store = try FileStore.open(at: dir, actor: MailChannel.actor(account: account))
        store.lockTimeout = lockTimeout
        return store
    }

    /// All of standard input.
    static func readStandardInput() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(0, &buffer, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw UserError(String(cString: strerror(errno)))
            }
            if n == 0 { return bytes }
            bytes += buffer[0..<n]
        }
    }
}
