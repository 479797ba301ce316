import Foundation

extension ISOTime {
    /// Dates in JSON as `2026-11-23T14:02:05Z`, formatted by `ISOTime` (Foundation's ISO 8601 strategy
    /// costs several microseconds per date): for every coder that writes store records or exports.
    public static func jsonEncoding() -> JSONEncoder.DateEncodingStrategy {
        .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(format(date))
        }
    }

    /// Reads what `jsonEncoding` writes (and the other forms `parse` accepts), naming a bad value.
    public static func jsonDecoding() -> JSONDecoder.DateDecodingStrategy {
        .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an ISO 8601 time")
            }
            // Every time the helpdesk keeps lies within `Limits`; a record outside them is damage.
            guard Limits.isKept(date) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "the time \(text) is outside the years 1970 to 9999")
            }
            return date
        }
    }
}
