/// The program's entry point: lets the global options come before the command, git-style
/// (`helpdesk --store /srv/hd ticket list`), by moving them after it before parsing.
@main
enum EntryPoint {
    static func main() {
        Helpdesk.main(GlobalArguments.reorder(Array(CommandLine.arguments.dropFirst())))
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
