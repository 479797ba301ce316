/// The checks a template must pass before it is saved, shared by the CLI and the console so both
/// refuse the same bodies with the same words.
public enum TemplateValidation {
    /// Why a template cannot be saved (an empty name or body, an unclosed `{{`, an unknown
    /// placeholder, a malformed fallback — each with its line and column), or nil when it can.
    public static func problem(name: String, body: String) -> String? {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return "a template needs a name" }
        let issues = Placeholders.check(body)
        guard issues.isEmpty else {
            return "template '\(name)' not saved: " + issues.map(\.description).joined(separator: "; ")
        }
        guard !body.allSatisfy(\.isWhitespace) else { return "template '\(name)' not saved: the body is empty" }
        return nil
    }

    /// Reads a line such as `status:pending priority:high tag:refund +vip` into template actions.
    /// An empty line means no actions. Returns the reason when a word is not understood.
    public static func parseActions(_ line: String) -> Result<TemplateActions, ActionsError> {
        var actions = TemplateActions()
        for word in line.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) {
            if word.hasPrefix("+"), word.count > 1 {
                actions.addTags.append(String(word.dropFirst()))
                continue
            }
            guard let colon = word.firstIndex(of: ":") else {
                return .failure(ActionsError(reason: "'\(word)' is not understood — write status:pending, priority:high or tag:refund"))
            }
            let key = word[..<colon].lowercased()
            let value = String(word[word.index(after: colon)...])
            guard !value.isEmpty else { return .failure(ActionsError(reason: "'\(word)' needs a value after the colon")) }
            switch key {
            case "status":
                guard let s = TicketStatus(loose: value) else {
                    return .failure(ActionsError(reason: "unknown status '\(value)' (\(TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")))"))
                }
                actions.status = s
            case "priority":
                guard let p = Priority(loose: value) else {
                    return .failure(ActionsError(reason: "unknown priority '\(value)' (\(Priority.allCases.map(\.rawValue).joined(separator: ", ")))"))
                }
                actions.priority = p
            case "tag", "tags":
                actions.addTags += value.split(separator: ",").map(String.init)
            default:
                return .failure(ActionsError(reason: "unknown action '\(key)' (status, priority, tag)"))
            }
        }
        var seen = Set<String>()
        actions.addTags = actions.addTags.filter { seen.insert($0.lowercased()).inserted }
        return .success(actions)
    }

    /// The actions as the line `parseActions` reads back.
    public static func actionsLine(_ a: TemplateActions) -> String {
        var parts: [String] = []
        if let s = a.status { parts.append("status:\(s.rawValue)") }
        if let p = a.priority { parts.append("priority:\(p.rawValue)") }
        parts += a.addTags.map { "tag:\($0)" }
        return parts.joined(separator: " ")
    }

    public struct ActionsError: Error, Sendable, Equatable {
        public var reason: String
    }
}
