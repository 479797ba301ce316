import Foundation

/// One sentence for an error thrown while decoding JSON: which field, and what was wrong with it —
/// never Swift's own description (`DecodingError.typeMismatch(Swift.Int, Context(codingPath: …`,
/// `numberIsNotRepresentableInSwift(parsed: "1e400")`), which means nothing to the person fixing a file.
/// Shared by the import (document fields) and the store (its records).
public enum DecodingProblem {
    /// `number should be a whole number`, `missing "subject" in messages[2]`. `depth` leading keys of
    /// the path are left out (those naming the element the caller already points at).
    public static func sentence(_ error: Error, droppingFirst depth: Int = 0) -> String {
        guard let e = error as? DecodingError else { return foundationError(error) }
        func path(_ keys: [CodingKey]) -> String {
            keys.dropFirst(depth).map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingPrefix(".").description
        }
        func field(_ keys: [CodingKey]) -> String {
            let p = path(keys)
            return p.isEmpty ? "the value" : p
        }
        switch e {
        case .typeMismatch(let type, let c):
            return "\(field(c.codingPath)) should be \(typeName(type))"
        case .valueNotFound(let type, let c):
            return "\(field(c.codingPath)) is missing (expected \(typeName(type)))"
        case .keyNotFound(let key, let c):
            let at = path(c.codingPath)
            return "missing \"\(key.stringValue)\"" + (at.isEmpty ? "" : " in \(at)")
        case .dataCorrupted(let c):
            // Foundation's word for a syntax error, with or without the parser's own error under it.
            let syntax = c.debugDescription == "The given data was not valid JSON."
            let what = c.underlyingError.map { "not valid JSON (\(foundationError($0)))" } ?? (syntax ? "not valid JSON" : c.debugDescription)
            let at = path(c.codingPath)
            return at.isEmpty ? what : "\(at): \(what)"
        @unknown default:
            return "the value could not be read"
        }
    }

    /// Foundation's JSON parser throws its own errors (an `NSError` with a debug description, or an
    /// internal enum whose description is a Swift expression): made into words.
    static func foundationError(_ error: Error) -> String {
        let text = String(describing: error)
        if text.hasPrefix("numberIsNotRepresentableInSwift") {
            let parsed = text.split(separator: "\"").dropFirst().first.map(String.init)
            return "the number \(parsed ?? "") is not a whole number this field can hold"
        }
        if let debug = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return debug }
        // `unexpectedCharacter(ascii: 44, characterIndex: 5)` → "unexpected character at byte 6".
        var words = ""
        for ch in text.prefix(while: { $0.isLetter }) {
            words += ch.isUppercase ? " " + ch.lowercased() : String(ch)
        }
        if words.isEmpty { return "the data could not be read" }
        if let r = text.range(of: "characterIndex: "), let n = Int(text[r.upperBound...].prefix(while: \.isNumber)) {
            words += " at byte \(n + 1)"
        }
        return words
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}
