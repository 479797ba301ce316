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

    /// `orders.csv:14: unknown priority 'hgih' (low, normal, high, urgent)`
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        if let item { return "\(file): \(item): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// Why an import file was refused. Nothing is imported when any of these is thrown.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as a whole cannot be read (not JSON, unbalanced quotes, no header row…).
    case malformed(file: String, line: Int?, reason: String)
    /// The file reads, but some rows are bad; every one is listed.
    case badRows([ImportProblem])

    public var description: String {
        switch self {
        case .malformed(let file, let line, let reason):
            return line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
        case .badRows(let problems):
            let rows = Set(problems.map { "\($0.line ?? 0) \($0.item ?? "")" }).count
            let noun = rows == 1 ? "1 bad row" : "\(rows) bad rows"
            return problems.map(\.description).joined(separator: "\n")
                + "\n\(noun); nothing was imported — fix the file and import it again"
        }
    }
}
