import Crypto
import Foundation
import HelpdeskCore

/// The tags of reply addresses (`support+t1042.<tag>@…`, see `ReplyAddress`): the first 10 hex
/// digits of HMAC-SHA256(secret, "ticket:1042"), with a random 256-bit secret kept in the store's
/// `mail/secret`. 40 bits: a stranger guessing tags by mail needs about a trillion tries to thread
/// into one ticket, while the address stays short enough for every mail client.
///
/// The secret is made once, by whichever process first needs it (an agent's reply or the mail
/// channel), with `O_EXCL` so two at once agree on one; in a team store it is 0640 with the store's
/// group, so every member and the delivering account read it, and only its maker can change it.
public struct ReplyKeys: Sendable {
    let secret: [UInt8]

    /// Hex digits in a tag.
    static let tagLength = 10

    init(secret: [UInt8]) { self.secret = secret }

    /// The tag for a ticket.
    public func tag(ticket: Int) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("ticket:\(ticket)".utf8), using: SymmetricKey(data: secret))
        return String(mac.map { String(format: "%02x", $0) }.joined().prefix(Self.tagLength))
    }

    /// Whether `tag` is the ticket's (compared in full, whatever its length).
    public func isValid(ticket: Int, tag: String) -> Bool {
        let want = Array(self.tag(ticket: ticket).utf8)
        let got = Array(tag.lowercased().utf8)
        guard want.count == got.count else { return false }
        var diff: UInt8 = 0
        for i in want.indices { diff |= want[i] ^ got[i] }
        return diff == 0
    }

    /// The reply address of a ticket for the store's support address.
    public func replyAddress(ticket: Int, settings: Settings) -> String? {
        ReplyAddress.make(supportAddress: settings.supportAddress, ticket: ticket, tag: tag(ticket: ticket))
    }

    /// The store's keys: reads `mail/secret`, making it first when there is none.
    static func load(mailDirectory: String, permissions: StorePermissions) throws -> ReplyKeys {
        let path = mailDirectory + "/secret"
        if !Durable.exists(path) {
            if !Durable.exists(mailDirectory) { try permissions.makeDirectory(mailDirectory) }
            var bytes = [UInt8](repeating: 0, count: 32)
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
            // Written under a temporary name and linked into place: a reader never sees half a
            // secret, and of two processes making one at once the first link wins.
            let tmp = try Durable.writeTemporary(bytes, for: path, permissions: permissions, mode: StorePermissions.authoredFile)
            let linked = link(tmp, path) == 0
            let code = errno
            unlink(tmp)
            if !linked && code != EEXIST { throw StoreError.writeFailed(path: path, reason: StoreError.text(code)) }
            try Durable.syncDirectory(mailDirectory)
        }
        let bytes = try Durable.readFile(path)
        guard bytes.count == 32 else {
            throw StoreError.invalidMetadata(path: path, reason: "the reply-address secret is \(bytes.count) bytes, not 32")
        }
        return ReplyKeys(secret: bytes)
    }
}

extension FileStore {
    /// The received-mail archive under `mail/`.
    public var mailArchive: MailArchive { MailArchive(root: paths.mail, permissions: permissions) }

    /// The keys of this store's reply addresses (made on first use).
    public func replyKeys() throws -> ReplyKeys {
        try ReplyKeys.load(mailDirectory: paths.mail, permissions: permissions)
    }
}
