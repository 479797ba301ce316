import Foundation
import HelpdeskCore

/// The JSON encoder and decoder for everything the store writes with `Codable`: compact, slashes
/// unescaped, dates as `2026-11-23T14:02:05Z` through `ISOTime` (Foundation's ISO 8601 strategy costs
/// several microseconds per date; the store formats one per record).
enum StoreJSON {
    static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        e.dateEncodingStrategy = ISOTime.jsonEncoding()
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = ISOTime.jsonDecoding()
        return d
    }

    /// The message of a decoding error, short enough for one line of a report: which field and what
    /// is wrong with it, never Swift's description of the error (`DecodingProblem`), and whatever it
    /// quotes from the record neutralised (`Sanitizer`).
    static func reason(_ error: Error) -> String {
        if let e = error as? StoreError { return e.description }
        return Sanitizer.sanitize(DecodingProblem.sentence(error))
    }
}
