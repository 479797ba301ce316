import Crypto
import Foundation

/// The signature a team store's log record carries: one more member of the line, just before the
/// checksum,
///
///     {"seq":7,…,"actor":"dana",…[,"more":true],"sig":"<Ed25519, 88 base64 characters>","sum":"1c291ca3"}
///
/// made by the actor's key over a message naming the store and holding the line's bytes up to the
/// signature member:
///
///     helpdesk-record-v1 \n <store id> \n {"seq":7,…[,"more":true]
///
/// So a record cannot be moved to another store, to another sequence number, to another actor or
/// batch, or changed in any byte without the signature failing. The checksum still covers the whole
/// line (it tells damage from a forgery: a damaged line fails its checksum first).
enum RecordSignature {
    static let memberPrefix = Array(#","sig":""#.utf8)     // 8 bytes
    static let textLength = 88                               // 64 bytes in base64
    static let memberLength = memberPrefix.count + textLength + 1
    static let domain = Array("helpdesk-record-v1\n".utf8)

    /// What is signed for a line whose bytes up to the signature member are `signed`.
    static func message(storeID: String, signed: UnsafeRawBufferPointer) -> [UInt8] {
        var m = domain
        m.reserveCapacity(domain.count + storeID.utf8.count + 1 + signed.count)
        m += Array(storeID.utf8)
        m.append(0x0A)
        m += signed
        return m
    }

    /// The signature member for a line whose bytes up to here are `body`.
    static func member(signing body: [UInt8], storeID: String, key: AgentKey) throws -> [UInt8] {
        let message = body.withUnsafeBytes { Self.message(storeID: storeID, signed: $0) }
        let signature = try key.signature(message).base64EncodedString()
        return memberPrefix + Array(signature.utf8) + [UInt8(ascii: "\"")]
    }

    /// Where a line (without its newline, ending in the checksum member) has its signature: the
    /// length of the signed part, and the signature. Nil when the line carries none.
    static func locate(_ line: UnsafeRawBufferPointer) -> (signedLength: Int, signature: Data)? {
        guard let start = memberStart(line) else { return nil }
        let end = start + memberLength
        let text = UnsafeRawBufferPointer(rebasing: line[(start + memberPrefix.count)..<(end - 1)])
        guard let signature = Data(base64Encoded: Data(text)), signature.count == 64 else { return nil }
        return (start, signature)
    }

    /// Where the signature member starts (the length of the signed part), without decoding it.
    static func memberStart(_ line: UnsafeRawBufferPointer) -> Int? {
        let end = line.count - LogRecord.suffixLength
        let start = end - memberLength
        guard start > 0, line[end - 1] == UInt8(ascii: "\"") else { return nil }
        for i in 0..<memberPrefix.count where line[start + i] != memberPrefix[i] { return nil }
        return start
    }

    /// Whether the line's signature holds for `key`.
    static func verify(_ line: UnsafeRawBufferPointer, storeID: String, key: Curve25519.Signing.PublicKey) -> Bool {
        guard let (length, signature) = locate(line) else { return false }
        let message = Self.message(storeID: storeID, signed: UnsafeRawBufferPointer(rebasing: line[0..<length]))
        return key.isValidSignature(signature, for: message)
    }
}

/// Signs the records this process writes to a team store.
struct RecordSigner {
    let storeID: String
    let key: AgentKey
}
