import HelpdeskCore

/// `?`: every key of the screen underneath, generated from the binding table that dispatches them
/// (remapped keys included), then the `:` commands.
public final class HelpScreen: Screen {
    public let bindingTable = "help"
    public let title: String
    private let lines: [(key: String, text: String, isHeading: Bool)]
    private var view = TextViewState()

    init(for screen: Screen, console: Console) {
        title = "Help: \(screen.title)"
        var out: [(String, String, Bool)] = [("", "Keys on this screen", true)]
        // One line per command, listing every key bound to it.
        var order: [CommandInvocation] = []
        var keys: [CommandInvocation: [String]] = [:]
        var help: [CommandInvocation: String] = [:]
        for b in console.keyMap.bindings(on: screen.bindingTable) {
            if keys[b.command] == nil { order.append(b.command); help[b.command] = b.help }
            keys[b.command, default: []].append(b.key.name)
        }
        for command in order {
            out.append((keys[command]!.joined(separator: " "), "\(help[command]!)   :\(command)", false))
        }
        out.append(("", "", false))
        out.append(("", "Commands (type : then Tab to complete)", true))
        for spec in DefaultBindings.commands {
            out.append((":" + spec.usage, spec.summary, false))
        }
        lines = out
    }

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        if command.name == "help" {
            console.popScreen()
            return true
        }
        guard let key = TextView.key(forMotion: command.name) else { return false }
        _ = TextView.handle(key, state: &view)
        return true
    }

    public func hint(console: Console) -> String? { "j/k scroll · q or Esc closes help" }

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let parts = area.splitRows([.fixed(1), .fill(1)])
        buffer.fill(parts[0], style: console.style(.title))
        buffer.put(" " + title, at: parts[0].origin, style: console.style(.title), maxWidth: parts[0].width)
        let keyWidth = min(28, max(12, (lines.map { TextWidth.width(of: $0.key) }.max() ?? 10) + 2))
        let styled: [StyledLine] = lines.map { line in
            if line.isHeading { return StyledLine(" " + line.text, style: console.style(.tableHeader)) }
            return StyledLine([Span(" " + TextWidth.pad(line.key, toWidth: keyWidth), style: console.style(.helpKey)),
                               Span(line.text, style: console.style(.helpDescription))])
        }
        TextView(lines: styled, wraps: false).render(in: parts[1], buffer: &buffer, state: &view)
    }
}
