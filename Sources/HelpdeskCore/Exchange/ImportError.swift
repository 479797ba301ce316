/// One bad row (or item) of an import file: where it is and what is wrong with it.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The physical line in the file where the row or item starts (1-based), when known.
    public var line: Int?
    /// Where in the document, when no line is known (`tickets[3]`).
    public var item: String?
    public var reason: String

    public init(file: String, line: Int?, item: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.item = item
        self.reason = reason
    }

    /// Sorted by line (items without one last), keeping the order of problems found on the same row.
    static func inFileOrder(_ problems: [ImportProblem]) -> [ImportProblem] {
        problems.enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        }.map(\.element)
    }

    /// `orders.csv:14: unknown priority 'hgih' (low, normal, high, urgent)` — one line, with whatever
    /// it quotes from the file neutralised (`Sanitizer`): it is printed to a terminal.
    public var description: String {
        let at = line.map { ":\($0)" } ?? item.map { ": \($0)" } ?? ""
        return Sanitizer.sanitize("\(file)\(at): \(reason)")
    }
}

/// Why an import file was refused. Nothing is imported when any of these is thrown.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as a whole cannot be read (not JSON, not UTF-8, unbalanced quotes, no header row…);
    /// `column` counts characters from 1, when known.
    case malformed(file: String, line: Int?, column: Int? = nil, reason: String)
    /// The file reads, but some rows are bad; every one is listed.
    case badRows([ImportProblem])

    public var description: String {
        switch self {
        case .malformed(let file, let line, let column, let reason):
            let at = [line, column].compactMap { $0 }.map { ":\($0)" }.joined()
            return Sanitizer.sanitize("\(file)\(line == nil ? "" : at): \(reason)")
        case .badRows(let problems):
            let rows = Set(problems.map { "\($0.line ?? 0) \($0.item ?? "")" }).count
            let noun = rows == 1 ? "1 bad row" : "\(rows) bad rows"
            return problems.map(\.description).joined(separator: "\n")
                + "\n\(noun); nothing was imported — fix the file and import it again"
        }
    }
}
