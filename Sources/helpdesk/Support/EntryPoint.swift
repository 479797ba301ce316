import ArgumentParser
import Foundation
import HelpdeskCore

/// The program's entry point: lets the global options come before the command, git-style
/// (`helpdesk --store /srv/hd ticket list`), by moving them after it before parsing.
@main
enum EntryPoint {
    static func main() {
        // `ParsableCommand.main` without its printing: the parser quotes a bad argument back
        // ("The value '…' is invalid for '--status'"), and an argument can hold escape sequences.
        do {
            var command = try Helpdesk.parseAsRoot(GlobalArguments.reorder(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let code = Helpdesk.exitCode(for: error)
            let message = Sanitizer.sanitize(Helpdesk.fullMessage(for: error), options: .multiLine)
            if !message.isEmpty {
                let out = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                out.write(Data((message + "\n").utf8))
            }
            exit(code.rawValue)
        }
    }
}

enum GlobalArguments {
    static let withValue: Set<String> = ["--store", "--as"]

    /// Moves leading `--store X` / `--as Y` (and `--store=X`) to the end of the arguments (before a
    /// `--` terminator), where every command's option group accepts them.
    static func reorder(_ args: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if withValue.contains(a), i + 1 < args.count {
                leading += [a, args[i + 1]]
                i += 2
            } else if withValue.contains(where: { a.hasPrefix($0 + "=") }) {
                leading.append(a)
                i += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return args }
        var rest = Array(args[i...])
        if let terminator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: leading, at: terminator)
        } else {
            rest += leading
        }
        return rest
    }
}
