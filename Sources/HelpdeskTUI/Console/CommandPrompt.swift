import HelpdeskCore

/// The `:` command line: a text field with Tab completion of command names and their arguments
/// (view names, ticket statuses, priorities, agents, themes).
struct CommandPrompt {
    private var input = LineInput()
    private let commands: [CommandSpec]
    private let argumentChoices: [String: [String]]
    /// Completions cycled by repeated Tab presses.
    private var cycle: (candidates: [String], index: Int, prefix: String)?

    init(commands: [CommandSpec], console: Console) {
        self.commands = commands
        let agents = console.state.agents.values.filter(\.active).map(\.login).sorted()
        argumentChoices = [
            "view": console.queue.views.map(\.id),
            "status": TicketStatus.allCases.map(\.rawValue),
            "priority": Priority.allCases.map(\.rawValue),
            "assign": agents + ["none"],
            "theme": console.themeLoader.available(),
        ]
    }

    var text: String { input.text }

    mutating func handle(_ event: InputEvent) -> KeyResult {
        if case .key(.tab) = event {
            complete()
            return .handled
        }
        cycle = nil
        if case .key(.backspace) = event, input.isEmpty { return .cancelled }
        return input.handle(event)
    }

    /// Completes the word under the cursor; repeated Tabs cycle through the candidates.
    private mutating func complete() {
        if var c = cycle, !c.candidates.isEmpty {
            c.index = (c.index + 1) % c.candidates.count
            input = LineInput(text: c.prefix + c.candidates[c.index])
            cycle = c
            return
        }
        let line = input.text
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let candidates: [String]
        let prefix: String
        if words.count <= 1 {
            let word = words.first ?? ""
            candidates = commands.map(\.name).filter { $0.hasPrefix(word.lowercased()) }
            prefix = ""
        } else {
            let command = words[0].lowercased()
            let word = words.last ?? ""
            candidates = (argumentChoices[command] ?? []).filter { $0.lowercased().hasPrefix(word.lowercased()) }
            prefix = words.dropLast().joined(separator: " ") + " "
        }
        guard !candidates.isEmpty else { return }
        if candidates.count == 1 {
            input = LineInput(text: prefix + candidates[0] + " ")
        } else {
            let common = Self.commonPrefix(candidates)
            if common.count > (words.last ?? "").count {
                input = LineInput(text: prefix + common)
            } else {
                cycle = (candidates, 0, prefix)
                input = LineInput(text: prefix + candidates[0])
            }
        }
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for w in words.dropFirst() {
            while !w.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    mutating func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        buffer.put(":", at: area.origin, style: console.style(.input), maxWidth: 1)
        let field = Rect(x: area.x + 1, y: area.y, width: max(0, area.width - 1), height: 1)
        input.render(in: field, buffer: &buffer, style: console.style(.input),
                     placeholderStyle: console.style(.inputPlaceholder), focused: true)
        if let c = cycle, c.candidates.count > 1 {
            let list = "  [" + c.candidates.joined(separator: " ") + "]"
            let used = TextWidth.width(of: input.text) + 2
            if used < field.width {
                buffer.put(list, at: Point(x: field.x + used, y: area.y), style: console.style(.textDim),
                           maxWidth: field.width - used)
            }
        }
    }
}
