import Foundation
import Glibc

/// What handing text to `$VISUAL` / `$EDITOR` gave back.
public enum ExternalEditOutcome: Equatable {
    case edited(String)
    /// The editor could not be run or failed: the previous text stays; the reason is for the user.
    case failed(String)
}

/// Hands text to the user's editor: the terminal is suspended, the editor runs on a temporary file
/// (with an empty signal mask, see `ChildProcess`), and the console repaints everything afterwards.
public enum ExternalEditor {
    public static func edit(_ text: String, console: Console,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> ExternalEditOutcome {
        let editor = ChildProcess.preferredEditor(environment: environment)
        let dir = FileManager.default.temporaryDirectory
        let file = dir.appendingPathComponent("helpdesk-draft-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt")
        do {
            try Data((text.hasSuffix("\n") || text.isEmpty ? text : text + "\n").utf8).write(to: file, options: .atomic)
        } catch {
            return .failed("cannot write a temporary file for the editor (\(error.localizedDescription)); your text is unchanged")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        console.terminal.suspend()
        let status: Int32
        do {
            status = try ChildProcess.runShell(editor, arguments: [file.path], environment: environment)
        } catch {
            console.terminal.resume()
            console.execute(CommandInvocation("redraw"))
            return .failed("cannot start the editor '\(editor)' (\(error)); your text is unchanged")
        }
        console.terminal.resume()
        console.execute(CommandInvocation("redraw"))
        switch status {
        case 0: break
        case 127: return .failed("the editor '\(editor)' is not installed (set $VISUAL or $EDITOR); your text is unchanged")
        case 126: return .failed("the editor '\(editor)' cannot be run (permission denied); your text is unchanged")
        default: return .failed("the editor '\(editor)' exited with status \(status); your previous text is kept")
        }
        guard let data = try? Data(contentsOf: file), let edited = String(data: data, encoding: .utf8) else {
            return .failed("the edited file could not be read as UTF-8; your previous text is kept")
        }
        // Editors end the file with a newline the draft did not have.
        return .edited(edited.hasSuffix("\n") ? String(edited.dropLast()) : edited)
    }
}
