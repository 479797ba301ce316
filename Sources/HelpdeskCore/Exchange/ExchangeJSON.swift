import Foundation

/// The JSON coders for export documents: keys sorted (diffable exports), slashes unescaped, and dates
/// (in the history's events) as `2026-11-23T14:02:05Z`, exactly as the log writes them.
enum ExchangeJSON {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = ISOTime.jsonEncoding()
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = ISOTime.jsonDecoding()
        return d
    }
}
