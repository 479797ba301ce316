import Foundation
import HelpdeskCore

/// The JSON encoder and decoder for everything the store writes with `Codable`: compact, slashes
/// unescaped, dates as `2026-11-23T14:02:05Z` through `ISOTime` (Foundation's ISO 8601 strategy costs
/// several microseconds per date; the store formats one per record).
enum StoreJSON {
    static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(ISOTime.format(date))
        }
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = ISOTime.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an ISO 8601 time")
            }
            guard Limits.isKept(date) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "the time \(text) is outside the years 1970 to 9999")
            }
            return date
        }
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
