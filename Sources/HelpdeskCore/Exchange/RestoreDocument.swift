import Foundation

/// An export document read for `helpdesk restore`: the history to replay into a new store, and the
/// records the replay must give back exactly. Unlike an import, nothing here is matched or adapted:
/// the new store is the exported one, event for event, with the same sequence numbers, actors and times.
public struct RestoreDocument: Sendable {
    public var document: ExchangeDocument
    public var fileName: String

    /// Every event, oldest first, numbered 1, 2, 3…
    public var history: [Event] { document.history ?? [] }

    /// Reads and checks the document: a format this helpdesk knows, every part well formed (one bad
    /// event refuses the whole file: a restore is all or nothing), and a complete history.
    public static func read(text: String, fileName: String) throws -> RestoreDocument {
        struct FormatOnly: Decodable { var format: Int }
        if let p = JSONSyntax.problem(in: text, wholeNumbersOnly: true) {
            throw ImportError.malformed(file: fileName, line: p.line, column: p.column, reason: "not valid JSON: \(p.reason)")
        }
        let data = Data(text.utf8)
        if let peek = try? JSONDecoder().decode(FormatOnly.self, from: data), peek.format > ExchangeDocument.currentFormat {
            throw ImportError.malformed(file: fileName, line: nil,
                reason: "export format \(peek.format); this helpdesk reads up to \(ExchangeDocument.currentFormat) — upgrade helpdesk")
        }
        let document: ExchangeDocument
        do {
            document = try ExchangeJSON.decoder().decode(ExchangeDocument.self, from: data)
        } catch {
            let at = Self.location(of: error, in: text)
            throw ImportError.malformed(file: fileName, line: at.line, reason: (at.item.map { "\($0): " } ?? "") + JSONImport.explain(error, droppingFirst: at.depth))
        }
        guard let history = document.history, !history.isEmpty else {
            throw ImportError.malformed(file: fileName, line: nil,
                reason: "it has no history (an export before format 2, or a hand-made file), so the store cannot be rebuilt from it; "
                    + "create a store with `helpdesk init` and `helpdesk import \(fileName)` instead")
        }
        let lines = JSONElementLines.scan(text)["history"] ?? []
        for (i, event) in history.enumerated() where event.seq != i + 1 {
            throw ImportError.malformed(file: fileName, line: i < lines.count ? lines[i] : nil,
                reason: "history[\(i)] is event #\(event.seq) where #\(i + 1) was expected: the history is incomplete or out of order")
        }
        return RestoreDocument(document: document, fileName: fileName)
    }

    /// Replays the history in memory, as the store will, and refuses it at the first event the store
    /// would refuse or record differently (an edited file), naming the event and its line. Returns the
    /// state it folds to.
    @discardableResult
    public func checkReplay(text: String) throws -> HelpdeskState {
        var state = HelpdeskState()
        var lines: [Int]?
        func line(_ i: Int) -> Int? {
            if lines == nil { lines = JSONElementLines.scan(text)["history"] ?? [] }
            return i < lines!.count ? lines![i] : nil
        }
        for (i, event) in history.enumerated() {
            let prepared: Change
            do {
                prepared = try state.prepare(event.change, actor: event.actor, at: event.at)
            } catch {
                throw ImportError.malformed(file: fileName, line: line(i),
                    reason: "history[\(i)] (event #\(event.seq), \(event.change.typeName)) cannot be replayed: \(error)")
            }
            guard prepared == event.change else {
                throw ImportError.malformed(file: fileName, line: line(i),
                    reason: "history[\(i)] (event #\(event.seq), \(event.change.typeName)) is not as the store records it (was it edited?)")
            }
            state.apply(event)
        }
        return state
    }

    /// Where a decoding error is: the array element's line when the path starts with one.
    private static func location(of error: Error, in text: String) -> (line: Int?, item: String?, depth: Int) {
        let path: [CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .keyNotFound(_, let c)?, .dataCorrupted(let c)?: path = c.codingPath
        default: path = []
        }
        guard path.count >= 2, let index = path[1].intValue else { return (nil, nil, 0) }
        let key = path[0].stringValue
        let lines = JSONElementLines.scan(text)[key] ?? []
        return (index < lines.count ? lines[index] : nil, "\(key)[\(index)]", 2)
    }

    /// What differs between the document and the store rebuilt from it (exported the same way), one
    /// phrase per part, empty when they are the same apart from the export time.
    public func differences(from rebuilt: ExchangeDocument) -> [String] {
        var out: [String] = []
        let a = document, b = rebuilt
        // A hand-made file may leave out how the store was made; the restore then chose.
        if a.store != nil && a.store != b.store { out.append("store") }
        if a.settings != nil && a.settings != b.settings { out.append("settings") }
        func list<T: Equatable>(_ name: String, _ x: [T]?, _ y: [T]?, label: (T) -> String) {
            let x = x ?? [], y = y ?? []
            if let i = zip(x, y).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                out.append("\(name)[\(i)] (\(label(x[i])))")
            } else if x.count != y.count {
                out.append("\(name): \(x.count) in the file, \(y.count) rebuilt")
            }
        }
        list("agents", a.agents, b.agents) { $0.login }
        list("customers", a.customers, b.customers) { $0.id ?? "?" }
        list("tickets", a.tickets, b.tickets) { $0.number.map { "#\($0)" } ?? "?" }
        list("promises", a.promises, b.promises) { $0.id.map(String.init) ?? "?" }
        list("templates", a.templates, b.templates) { $0.name ?? "?" }
        list("views", a.views, b.views) { "\($0.owner ?? "?")/\($0.name ?? "?")" }
        list("history", a.history, b.history) { "#\($0.seq) \($0.change.typeName)" }
        return out
    }
}
