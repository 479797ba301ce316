import Foundation
import HelpdeskCore

/// Plain stdout/stderr output for commands (the console has its own terminal layer).
enum Terminal {
    /// Errors and warnings quote file names, fields of import files and arguments: whatever built the
    /// message, escape sequences in it are shown, never obeyed (`Sanitizer`, as in the console).
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("helpdesk: \(Sanitizer.sanitize(message, options: .multiLine))\n".utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("helpdesk: warning: \(Sanitizer.sanitize(message, options: .multiLine))\n".utf8))
    }

    /// Whether stdout is a terminal (tables) or a pipe.
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

    /// Reads `--body -` from standard input.
    static func readStandardInput() -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }

    /// Resolves a `--body` value: `-` means standard input.
    static func body(_ value: String) -> String {
        value == "-" ? readStandardInput() : value
    }
}
