import ArgumentParser
import Foundation
import Glibc
import HelpdeskCore
import HelpdeskStore

/// `helpdesk attachment …`: the files customers sent with their mail, as the store keeps them (once each, by digest).
struct AttachmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachment",
        abstract: "List a ticket's attachments, or save one to a file.",
        subcommands: [AttachmentList.self, AttachmentSave.self]
    )

    /// Every attachment of a ticket's mail, in thread order, numbered from 1 as `list` shows them.
    static func attachments(_ session: Session, ticket n: Int) throws -> [(mail: MailEntry, file: MailAttachmentRef)] {
        var out: [(MailEntry, MailAttachmentRef)] = []
        for e in try session.store.history(ofTicket: n) {
            if case .mailReceived(let m) = e.change { out += m.attachments.map { (m, $0) } }
        }
        return out
    }
}

struct AttachmentList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The attachments of a ticket's mail: number, name, type, size.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The ticket number.") var number: String

    struct Row: Encodable { var index: Int; var name: String; var contentType: String; var size: Int; var digest: String; var inline: Bool; var from: String? }

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let n = try session.ticketNumber(number)
            let rows = try AttachmentCommand.attachments(session, ticket: n).enumerated().map { i, a in
                Row(index: i + 1, name: a.file.name, contentType: a.file.contentType, size: a.file.size, digest: a.file.digest,
                    inline: a.file.inline, from: a.mail.fromAddress)
            }
            if output.json { return try JSONOutput.print(rows) }
            guard !rows.isEmpty else { return print("#\(n) has no attachments") }
            var table = TextTable("#", "NAME", "TYPE", "SIZE", "FROM")
            for r in rows {
                table.add([String(r.index), Sanitizer.sanitize(r.name) + (r.inline ? " (inline)" : ""), Sanitizer.sanitize(r.contentType),
                           "\(r.size)", Sanitizer.sanitize(r.from ?? "")])
            }
            print(table.render(), terminator: "")
        }
    }
}

struct AttachmentSave: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save", abstract: "Save a ticket's attachment (by its number in `attachment list`, or its name) to a file.",
        discussion: "The file is created new: an existing file is never written over. Without --out it is saved in the current directory under its own name, made safe (no path, no control characters).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket number.") var number: String
    @Argument(help: ArgumentHelp("The attachment's number in `attachment list`, or its name.", valueName: "which")) var which: String
    @Option(help: ArgumentHelp("Where to save it ('-' writes it to standard output).", valueName: "path")) var out: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let n = try session.ticketNumber(number)
            let all = try AttachmentCommand.attachments(session, ticket: n)
            let picked: (mail: MailEntry, file: MailAttachmentRef)?
            if let i = Int(which), i >= 1, i <= all.count { picked = all[i - 1] } else { picked = all.first { $0.file.name == which } }
            guard let a = picked else {
                throw UserError("#\(n) has no attachment '\(Sanitizer.sanitize(which))' (see `helpdesk attachment list \(n)`)", code: ExitStatus.notFound)
            }
            guard let bytes = try session.store.mailArchive.read(.parts, a.file.digest) else {
                throw UserError("the attachment's bytes (\(a.file.digest.prefix(12))) are not in the store's mail/ directory", code: ExitStatus.notFound)
            }
            if out == "-" { return FileHandle.standardOutput.write(Data(bytes)) }
            let path = out ?? SafeFileName.make(a.file.name)
            do {
                try session.store.mailArchive.saveCopy(of: a.file.digest, to: path)
            } catch let e as StoreError {
                throw UserError("cannot save \(Sanitizer.sanitize(path)): \(e) — use --out for another name", code: ExitStatus.failure)
            }
            print("saved \(Sanitizer.sanitize(path)) (\(bytes.count) bytes, \(Sanitizer.sanitize(a.file.contentType)))")
        }
    }
}
