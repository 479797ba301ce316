import Foundation
import HelpdeskCore

/// How one event is framed as one line of the log.
///
/// A line is the event's JSON object (`Event`'s `Codable` encoding, compact) with two members added
/// at the end, so `jq` reads every line as it is:
///
///     {"seq":7,"at":"2026-11-23T14:02:05Z","actor":"dana","type":"message.added",…,"sum":"1c291ca3"}\n
///
/// - `"more":true` (only on lines that are not the last of a batch) marks a batch as unfinished: a
///   batch whose last line is missing was never acknowledged, so readers ignore it and the next writer
///   truncates it, which makes every `append` all-or-nothing.
/// - `"sum"` is the CRC-32 (`RecordChecksum`) of the line's bytes with the 18-byte suffix
///   `,"sum":"xxxxxxxx"}` replaced by `}` — that is, of the object exactly as written without its sum
///   member. It is always the last member, so a reader verifies a line without parsing it.
///
/// - `"sig"` (team stores only, between the two) is the actor's Ed25519 signature of the line up to
///   it (`RecordSignature`); readers give a record whose signature does not hold no effect.
///
/// Sequence numbers increase by one from line to line across all segments; a gap or a repeat is
/// corruption.
enum LogRecord {
    static let sumPrefix = Array(#","sum":""#.utf8)       // 8 bytes
    static let suffixLength = 18                            // ,"sum":"  8 hex  "}
    static let moreMarker = Array(#","more":true"#.utf8)

    /// One encoded line (with its trailing newline).
    static func line(_ event: Event, more: Bool, encoder: JSONEncoder, signer: RecordSigner? = nil) throws -> [UInt8] {
        var body = [UInt8](try encoder.encode(event))
        guard body.last == UInt8(ascii: "}") else { throw StoreError.writeFailed(path: "log", reason: "the event did not encode as a JSON object") }
        body.removeLast()
        if more { body += moreMarker }
        if let signer { body += try RecordSignature.member(signing: body, storeID: signer.storeID, key: signer.key) }
        var crc = body.withUnsafeBytes { RecordChecksum.crc32($0) }
        crc = [UInt8(ascii: "}")].withUnsafeBytes { RecordChecksum.update(crc, $0) }
        body += sumPrefix
        body += RecordChecksum.hex(crc)
        body += Array("\"}\n".utf8)
        return body
    }

    /// What a reader learns from a line's frame without decoding it.
    struct Frame {
        /// The line is not the last of its batch.
        var more: Bool
    }

    /// Checks a line's checksum (the line without its newline). Returns nil with the reason when the
    /// line is damaged.
    static func verify(_ line: UnsafeRawBufferPointer) -> Result<Frame, FrameError> {
        let n = line.count
        guard n > suffixLength + 2, line[0] == UInt8(ascii: "{"), line[n - 1] == UInt8(ascii: "}"),
              line[n - 2] == UInt8(ascii: "\"") else {
            return .failure(FrameError(reason: "not a log record (no checksum at the end of the line)"))
        }
        let start = n - suffixLength
        for i in 0..<sumPrefix.count where line[start + i] != sumPrefix[i] {
            return .failure(FrameError(reason: "not a log record (no checksum at the end of the line)"))
        }
        guard let stored = RecordChecksum.parseHex(UnsafeRawBufferPointer(rebasing: line[(start + 8)..<(start + 16)])) else {
            return .failure(FrameError(reason: "the checksum is not 8 hex digits"))
        }
        let body = UnsafeRawBufferPointer(rebasing: line[0..<start])
        var crc = RecordChecksum.crc32(body)
        crc = [UInt8(ascii: "}")].withUnsafeBytes { RecordChecksum.update(crc, $0) }
        guard crc == stored else {
            return .failure(FrameError(reason: "checksum mismatch (the line says \(hex(stored)), its bytes give \(hex(crc)))"))
        }
        // The marker comes before a signature member, when there is one.
        let unsigned = RecordSignature.memberStart(line) ?? body.count
        var more = unsigned >= moreMarker.count
        if more {
            let m = unsigned - moreMarker.count
            for i in 0..<moreMarker.count where body[m + i] != moreMarker[i] { more = false; break }
        }
        return .success(Frame(more: more))
    }

    struct FrameError: Error { var reason: String }

    private static func hex(_ v: UInt32) -> String { String(decoding: RecordChecksum.hex(v), as: UTF8.self) }
}
