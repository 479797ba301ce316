import HelpdeskCore

/// A one-line question in a popup: a usual order, a preference, a promise and its due time, a rating.
///
/// Every printable key types (so `q` or `j` never act while it is open). A preview line under the
/// field says, as the agent types, how the text will be read ("Fri 27 Nov 17:00 — in 2d 3h") or why
/// it cannot be; Enter submits and Esc cancels. A refusal from the caller is shown in the dialog and
/// the text stays, so nothing is lost and nothing is changed.
public struct InputDialog {
    public var title: String
    /// The question, above the field.
    public var prompt: String
    public var input: LineInput
    /// Feedback on the current text: what it means, or (problem == true) why it will be refused.
    public var preview: ((String) -> (text: String, problem: Bool)?)?
    /// Why the last submission was refused.
    public var error: String?
    /// Keys shown at the bottom.
    public var footer: String

    public init(title: String, prompt: String, text: String = "", placeholder: String = "",
                footer: String = "Enter saves · Esc cancels",
                preview: ((String) -> (text: String, problem: Bool)?)? = nil) {
        self.title = title
        self.prompt = prompt
        self.input = LineInput(text: text, placeholder: placeholder)
        self.preview = preview
        self.footer = footer
    }

    public var text: String { input.text }

    public mutating func handle(_ event: InputEvent) -> KeyResult {
        let before = input.text
        let result = input.handle(event)
        if input.text != before { error = nil }
        switch result {
        case .submitted, .cancelled: return result
        default: return .handled   // modal: everything else is swallowed
        }
    }

    public mutating func render(in screen: Rect, buffer: inout CellBuffer, styles: PopupStyles, problemStyle: Style) {
        let width = min(screen.width, max(56, min(72, TextWidth.width(of: prompt) + 4)))
        let inner = max(1, width - 4)
        let promptLines = TextWidth.wrap(Sanitizer.sanitize(prompt), width: inner)
        var notes: [(String, Bool)] = []
        if let error {
            notes = TextWidth.wrap(Sanitizer.sanitize(error), width: inner).map { ($0, true) }
        } else if let p = preview?(input.text) {
            notes = TextWidth.wrap(Sanitizer.sanitize(p.text), width: inner).map { ($0, p.problem) }
        }
        let height = min(screen.height, promptLines.count + 1 + notes.count + 1 + 2 + (notes.isEmpty ? 0 : 0))
        let area = Popup.frame(width: width, height: height + 1, in: screen, title: title, styles: styles, buffer: &buffer)
        guard area.height > 0 else { return }
        var y = area.y
        for line in promptLines where y < area.maxY {
            buffer.put(line, at: Point(x: area.x + 1, y: y), style: styles.body, maxWidth: inner)
            y += 1
        }
        let fieldY = y
        y += 1
        for (line, problem) in notes where y < area.maxY - 1 {
            buffer.put(line, at: Point(x: area.x + 1, y: y), style: problem ? problemStyle : styles.dim, maxWidth: inner)
            y += 1
        }
        if area.maxY - 1 > fieldY {
            buffer.put(footer, at: Point(x: area.x + 1, y: area.maxY - 1), style: styles.dim, maxWidth: inner)
        }
        if fieldY < area.maxY {
            input.render(in: Rect(x: area.x + 1, y: fieldY, width: inner, height: 1), buffer: &buffer,
                         style: styles.input, placeholderStyle: styles.placeholder, focused: true)
        }
    }
}
