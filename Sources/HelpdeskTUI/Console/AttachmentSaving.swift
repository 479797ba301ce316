import Foundation
import HelpdeskCore
import HelpdeskStore

/// `A` on a ticket: pick one of the mail's attachments (when there are several), confirm the file name —
/// the attachment's own, made safe, in the directory the console was started from — and save it. The
/// store writes the file, created new: an existing file is never overwritten.
enum AttachmentSaving {
    static func start(ticket: Ticket, console: Console) {
        let files = ticket.messages.compactMap(\.mail).flatMap(\.attachments)
        guard !files.isEmpty else { return console.show("#\(ticket.number) has no attachments", kind: .warning) }
        if files.count == 1 { return askName(files[0], console: console) }
        let items = files.map { PickerItem(Sanitizer.sanitize($0.name), detail: "\(Sanitizer.sanitize($0.contentType)), \(ThreadPresenter.size($0.size))") }
        console.pick(PickerWidget(title: "Save which attachment of #\(ticket.number)?", items: items)) { i in
            askName(files[i], console: console)
        }
    }

    static func askName(_ file: MailAttachmentRef, console: Console) {
        let dialog = InputDialog(title: "Save \(Sanitizer.sanitize(file.name))", prompt: "File name (relative to the directory the console started in):",
                                 text: SafeFileName.make(file.name), placeholder: "file name",
                                 footer: "Enter saves · Esc cancels · an existing file is never overwritten")
        console.ask(dialog) { text in
            let path = text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { return "give a file name" }
            do {
                let n = try console.store.mailArchive.saveCopy(of: file.digest, to: path)
                console.show("Saved \(Sanitizer.sanitize(path)) (\(ThreadPresenter.size(n)))")
                return nil
            } catch {
                return "\(error)"
            }
        }
    }
}
