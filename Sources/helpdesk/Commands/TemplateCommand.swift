import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk template …`: the reply templates (macros) kept in the store.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Add, list, show, edit and remove reply templates.",
        discussion: """
        Placeholders: \(Placeholders.knownNames.map { "{{\($0)}}" }.joined(separator: " ")).
        A fallback is used when there is no value: {{customer.preferredName | "there"}}.
        """,
        subcommands: [TemplateAdd.self, TemplateList.self, TemplateShow.self, TemplateEdit.self, TemplateRemove.self]
    )

    /// Refuses a body with an unclosed `{{`, an unknown placeholder or a malformed fallback, naming the place.
    static func validate(_ name: String, body: String) throws {
        if let problem = TemplateValidation.problem(name: name, body: body) {
            throw UserError(problem, code: ExitStatus.invalid)
        }
    }
}

struct TemplateAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a template (or replace one of the same name).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template's name (what the picker searches).") var name: String
    @Option(help: ArgumentHelp("The text with {{placeholders}} ('-' reads standard input).", valueName: "text|-")) var body: String
    @Option(help: "Status to set when a reply made from it is sent.") var status: TicketStatus?
    @Option(help: "Priority to set on send.") var priority: Priority?
    @Option(name: .customLong("tag"), help: "A tag to add on send (repeatable).") var tags: [String] = []

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let name = self.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw UserError("a template needs a name", code: ExitStatus.usage) }
            let text = Terminal.body(body)
            try TemplateCommand.validate(name, body: text)
            let template = Template(name: name, body: text, actions: TemplateActions(status: status, priority: priority, addTags: tags))
            try session.write([.templateSaved(template)])
            print("template '\(name)' saved")
        }
    }
}

struct TemplateList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List templates.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let templates = session.state.templates.values.sorted { $0.name < $1.name }
            if output.json {
                try JSONOutput.print(templates)
                return
            }
            var table = TextTable("NAME", "ON SEND", "FIRST LINE")
            for t in templates {
                var actions: [String] = []
                if let s = t.actions.status { actions.append("status \(s.rawValue)") }
                if let p = t.actions.priority { actions.append("priority \(p.rawValue)") }
                actions += t.actions.addTags.map { "+" + $0 }
                let first = t.body.split(separator: "\n").map(String.init).first { !$0.hasPrefix("Hi ") } ?? ""
                table.add([t.name, actions.joined(separator: " "), first])
            }
            print(table.render())
        }
    }
}

struct TemplateShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a template's body and actions.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument var name: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            guard let t = session.state.templates[name] else { throw ChangeError.templateNotFound(name) }
            if output.json {
                try JSONOutput.print(t)
                return
            }
            if !t.actions.isEmpty {
                var parts: [String] = []
                if let s = t.actions.status { parts.append("status \(s.rawValue)") }
                if let p = t.actions.priority { parts.append("priority \(p.rawValue)") }
                if !t.actions.addTags.isEmpty { parts.append("tags " + t.actions.addTags.joined(separator: ", ")) }
                print("# on send: " + parts.joined(separator: "; "))
            }
            print(t.body)
        }
    }
}

struct TemplateEdit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Edit a template's body in $VISUAL / $EDITOR.")

    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            guard var t = session.state.templates[name] else { throw ChangeError.templateNotFound(name) }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-template-\(getpid()).txt")
            try Data((t.body + "\n").utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let editor = ChildProcess.preferredEditor()
            let status = try ChildProcess.runShell(editor, arguments: [file.path])
            guard status == 0 else {
                throw UserError(status == 127 ? "the editor '\(editor)' is not installed (set $VISUAL or $EDITOR); template unchanged"
                                : "the editor exited with status \(status); template unchanged")
            }
            var body = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            if body.hasSuffix("\n") { body.removeLast() }
            guard body != t.body else { print("template '\(name)' unchanged"); return }
            try TemplateCommand.validate(name, body: body)
            t.body = body
            try session.write([.templateSaved(t)])
            print("template '\(name)' saved")
        }
    }
}

struct TemplateRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a template.", aliases: ["remove"])

    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            try session.write([.templateRemoved(name: name)])
            print("template '\(name)' removed")
        }
    }
}
