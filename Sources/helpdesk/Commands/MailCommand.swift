import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk mail …`: received mail as the store keeps it.
struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Show received mail: its record, or its raw bytes exactly as received.",
        subcommands: [MailShow.self]
    )
}

struct MailShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a received mail by its digest (or a prefix of it) or Message-ID.")
    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The raw digest (at least 6 hex digits) or the Message-ID.", valueName: "id"))
    var id: String

    @Flag(name: .long, help: "Print the message's raw bytes exactly as received.")
    var raw = false

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let archive = session.store.mailArchive
            var entry: MailEntry?
            var digest: String?
            let byID = session.state.mail.ticketByKey[MailKey.id(id)]
            if let n = byID {
                for e in try session.store.history(ofTicket: n) {
                    if case .mailReceived(let m) = e.change, m.key == MailKey.id(id) || m.messageID.map(MailKey.id) == MailKey.id(id) { entry = m }
                }
                digest = entry?.rawDigest
            }
            if digest == nil {
                guard id.count >= 6 else { throw UserError("give at least 6 hex digits of the digest, or the Message-ID", code: ExitStatus.usage) }
                let found = archive.messages(withPrefix: id)
                guard !found.isEmpty else { throw UserError("no received mail matches '\(Sanitizer.sanitize(id))'", code: ExitStatus.notFound) }
                guard found.count == 1 else { throw UserError("'\(Sanitizer.sanitize(id))' matches \(found.count) mails; give more digits", code: ExitStatus.invalid) }
                digest = found[0].1
            }
            guard let digest else { throw UserError("no received mail matches '\(Sanitizer.sanitize(id))'", code: ExitStatus.notFound) }
            if raw {
                guard let bytes = try archive.read(.raw, digest) ?? archive.read(.quarantine, digest) else {
                    throw UserError("the raw message \(digest) is not in the store's mail/ directory", code: ExitStatus.notFound)
                }
                // Exactly the bytes received, for piping (to a file, a mail reader). On a terminal the
                // customer's bytes could carry escape sequences: there they are shown neutralised.
                if Terminal.stdoutIsTTY {
                    print(Sanitizer.sanitize(String(decoding: bytes, as: UTF8.self), options: .multiLine))
                    Terminal.warn("shown neutralised on a terminal; pipe it for the exact bytes (> mail.eml)")
                    return
                }
                FileHandle.standardOutput.write(Data(bytes))
                return
            }
            if entry == nil {
                // Find the record by digest: the mail index names tickets, their histories the mail.
                for n in Set(session.state.mail.ticketByKey.values).sorted() {
                    for e in try session.store.history(ofTicket: n) {
                        if case .mailReceived(let m) = e.change, m.rawDigest == digest { entry = m }
                    }
                    if entry != nil { break }
                }
            }
            guard let m = entry else {
                print("raw \(digest) (no record of it on a ticket)")
                return
            }
            func s(_ text: String) -> String { Sanitizer.sanitize(text) }
            print("ticket:   #\(m.ticket) (\(m.rule.rawValue))")
            print("from:     \(s([m.fromName, m.fromAddress.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")))")
            if !m.to.isEmpty { print("to:       \(s(m.to.joined(separator: ", ")))") }
            if !m.cc.isEmpty { print("cc:       \(s(m.cc.joined(separator: ", ")))") }
            print("subject:  \(s(m.subject))")
            if let id = m.messageID { print("id:       <\(s(id))>") }
            print("raw:      \(m.rawDigest) (\(m.rawSize) bytes\(m.quarantined ? ", in quarantine" : ""))")
            if let a = m.automatic { print("automatic: \(s(a))") }
            for a in m.attachments { print("attachment: \(s(a.name)) (\(s(a.contentType)), \(a.size) bytes) \(a.digest.prefix(12))") }
            for p in m.problems { print("problem:  \(s(p))") }
        }
    }
}
