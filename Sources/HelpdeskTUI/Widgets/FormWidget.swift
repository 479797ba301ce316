import HelpdeskCore

/// One field of a `FormWidget`: a line of text, or a choice among a few values.
public struct FormField: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case text
        /// Left/Right or Space cycle; typing a letter picks the first value starting with it.
        case choice([String])
    }

    public var label: String
    public var input: LineInput
    public var kind: Kind
    /// The chosen value's index, for a choice.
    public var choice: Int
    /// Words Tab completes in this field (existing tags); the matches are shown under the field.
    public var completions: [String]
    /// Suggestions shown under the field while it has focus (customers matching what was typed);
    /// Up/Down move, Tab or Enter takes the highlighted one.
    public var suggestions: [String]
    public var suggestion: Int?

    public static func text(_ label: String, _ value: String = "", placeholder: String = "",
                            completions: [String] = []) -> FormField {
        FormField(label: label, input: LineInput(text: value, placeholder: placeholder), kind: .text, choice: 0,
                  completions: completions, suggestions: [], suggestion: nil)
    }

    public static func choice(_ label: String, _ options: [String], selected: Int = 0) -> FormField {
        FormField(label: label, input: LineInput(), kind: .choice(options), choice: selected, completions: [],
                  suggestions: [], suggestion: nil)
    }

    /// The text typed, or the chosen value.
    public var value: String {
        if case .choice(let options) = kind { return options.indices.contains(choice) ? options[choice] : "" }
        return input.text
    }

    /// The word being typed (after the last space or comma), for completion.
    var currentWord: String {
        let text = input.text
        guard let cut = text.lastIndex(where: { $0 == " " || $0 == "," }) else { return text }
        return String(text[text.index(after: cut)...])
    }

    var completionMatches: [String] {
        let word = currentWord.lowercased()
        guard !word.isEmpty else { return [] }
        let typed = Set(input.text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
        return completions.filter { $0.lowercased().hasPrefix(word) && ($0.lowercased() == word || !typed.contains($0.lowercased())) }
    }
}

/// A small popup form (new ticket, edit subject/group, tags): labelled fields, Tab/Shift-Tab or
/// Up/Down move between them, letters type into text fields, Enter submits, Esc cancels. A line
/// under the fields shows why the last submit was refused. Esc on a form whose text was changed asks
/// first (a second Esc discards, any other key goes on editing): nothing typed is lost to one key.
public struct FormWidget: Hashable, Sendable {
    public var title: String
    public var fields: [FormField]
    public var focus: Int = 0
    /// Why the form was not accepted, shown in the error style until the next key.
    public var note: String?
    /// A dim line under the fields (what Enter does).
    public var footer: String
    /// The text fields as the form opened, to tell whether anything was typed.
    private let openedWith: [String]
    /// Esc was pressed once on a changed form: the next Esc discards.
    public private(set) var confirmingDiscard = false

    public init(title: String, fields: [FormField], footer: String = "Enter saves · Tab next field · Esc cancels") {
        self.title = title
        self.fields = fields
        self.footer = footer
        openedWith = fields.map(\.input.text)
    }

    /// Whether any text field differs from what the form opened with.
    public var hasTypedText: Bool {
        fields.count != openedWith.count || zip(fields, openedWith).contains { $0.input.text != $1 }
    }

    public subscript(label: String) -> FormField? {
        fields.first { $0.label == label }
    }

    public func index(of label: String) -> Int? { fields.firstIndex { $0.label == label } }

    public mutating func handle(_ event: InputEvent) -> KeyResult {
        switch event {
        case .mouse: return .ignored   // fields and popups take keys only
        case .resize: return .ignored
        case .paste(let text):
            guard case .text = fields[focus].kind else { return .handled }
            fields[focus].input.insert(text)
            note = nil
            confirmingDiscard = false
            return .handled
        case .key(let key): return handle(key)
        }
    }

    public mutating func handle(_ key: Key) -> KeyResult {
        note = nil
        if key == .escape {
            if confirmingDiscard || !hasTypedText { return .cancelled }
            confirmingDiscard = true
            note = "Discard what you typed? Esc discards · other keys go on editing"
            return .handled
        }
        confirmingDiscard = false
        var field = fields[focus]
        defer { if focus < fields.count, fields[focus].label == field.label { fields[focus] = field } }
        switch key {
        case .enter, .tab:
            // Taking a suggestion moves on to the next field, as finishing the field would.
            if takeSuggestion(&field) {
                fields[focus] = field
                focus = min(fields.count - 1, focus + 1)
                return .focusNext
            }
            if key == .enter { return .submitted }
            if complete(&field) { return .handled }
            fields[focus] = field
            focus = (focus + 1) % fields.count
            return .focusNext
        case .backTab:
            fields[focus] = field
            focus = (focus + fields.count - 1) % fields.count
            return .focusPrevious
        case .up, .down:
            if !field.suggestions.isEmpty {
                let count = field.suggestions.count
                let current = field.suggestion ?? (key == .down ? -1 : 0)
                field.suggestion = (current + (key == .down ? 1 : count - 1)) % count
                return .handled
            }
            fields[focus] = field
            focus = key == .down ? min(fields.count - 1, focus + 1) : max(0, focus - 1)
            return .handled
        default:
            break
        }
        switch field.kind {
        case .choice(let options):
            switch key {
            case .left: field.choice = (field.choice + options.count - 1) % options.count
            case .right, .char(" "): field.choice = (field.choice + 1) % options.count
            case .char(let c):
                let letter = String(c).lowercased()
                // Repeating a letter cycles through the values starting with it.
                let order = (1...options.count).map { (field.choice + $0) % options.count }
                if let hit = order.first(where: { options[$0].lowercased().hasPrefix(letter) }) { field.choice = hit }
            default: break
            }
        case .text:
            _ = field.input.handle(key)
        }
        return .handled
    }

    /// Takes the highlighted suggestion into the field. True if there was one.
    private func takeSuggestion(_ field: inout FormField) -> Bool {
        guard let i = field.suggestion, field.suggestions.indices.contains(i) else { return false }
        field.input.text = field.suggestions[i]
        field.suggestions = []
        field.suggestion = nil
        return true
    }

    /// Completes the word being typed to the longest common prefix of the matching completions.
    private func complete(_ field: inout FormField) -> Bool {
        let matches = field.completionMatches
        guard !matches.isEmpty else { return false }
        let word = field.currentWord
        var common = matches[0]
        for m in matches.dropFirst() {
            common = String(zip(common, m).prefix { $0.0.lowercased() == $0.1.lowercased() }.map(\.0))
        }
        let full = matches.count == 1 ? matches[0] + " " : common
        guard full.count > word.count || (matches.count == 1 && !field.input.text.hasSuffix(" ")) else { return false }
        field.input.text = String(field.input.text.dropLast(word.count)) + full
        return true
    }

    /// Draws the form centred in `screen`.
    public mutating func render(in screen: Rect, buffer: inout CellBuffer, styles: PopupStyles, errorStyle: Style) {
        let labelWidth = (fields.map { TextWidth.width(of: $0.label) }.max() ?? 0) + 1
        let width = min(screen.width, 72)
        let focused = fields[focus]
        var extra: [String] = focused.suggestions
        if extra.isEmpty, !focused.completionMatches.isEmpty {
            extra = [focused.completionMatches.prefix(8).joined(separator: "  ")]
        }
        let extraRows = min(6, extra.count)
        let height = fields.count + extraRows + 4
        let inner = Popup.frame(width: width, height: height, in: screen, title: title, styles: styles, buffer: &buffer)
        guard inner.height > 0 else { return }
        var y = inner.y
        for (i, field) in fields.enumerated() {
            guard y < inner.maxY else { break }
            let isFocused = i == focus
            let label = TextWidth.pad(field.label, toWidth: labelWidth, alignment: .right)
            buffer.put(label, at: Point(x: inner.x, y: y), style: isFocused ? styles.title : styles.dim, maxWidth: inner.width)
            let area = Rect(x: inner.x + labelWidth + 1, y: y, width: max(0, inner.width - labelWidth - 1), height: 1)
            switch field.kind {
            case .text:
                var input = field.input
                input.render(in: area, buffer: &buffer, style: styles.input, placeholderStyle: styles.placeholder, focused: isFocused)
                fields[i].input = input
            case .choice:
                let text = isFocused ? "‹ \(field.value) ›" : "  \(field.value)"
                buffer.put(text, at: area.origin, style: isFocused ? styles.selected : styles.body, maxWidth: area.width)
            }
            y += 1
            if isFocused {
                for (j, line) in extra.prefix(extraRows).enumerated() where y < inner.maxY {
                    let selected = field.suggestion == j
                    let row = Rect(x: area.x, y: y, width: area.width, height: 1)
                    if selected { buffer.fill(row, style: styles.selected) }
                    buffer.put((selected ? "› " : "  ") + line, at: row.origin, style: selected ? styles.selected : styles.dim,
                               maxWidth: row.width)
                    y += 1
                }
            }
        }
        let bottom = inner.maxY - 1
        if let note {
            buffer.put(note, at: Point(x: inner.x, y: bottom - 1), style: errorStyle, maxWidth: inner.width)
        }
        buffer.put(footer, at: Point(x: inner.x, y: bottom), style: styles.dim, maxWidth: inner.width)
    }
}

/// What the console does with a form: `changed` runs after every key (to refresh suggestions),
/// `submit` on Enter returns why the form is refused (it stays open with that note) or nil when done.
public struct FormActions {
    public var changed: (inout FormWidget) -> Void
    public var submit: (FormWidget) -> String?

    public init(changed: @escaping (inout FormWidget) -> Void = { _ in }, submit: @escaping (FormWidget) -> String?) {
        self.changed = changed
        self.submit = submit
    }
}
