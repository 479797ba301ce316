import Foundation

/// Where a store keeps received mail byte for byte (raw messages, quarantined ones and the parts
/// saved as attachments) and the secret behind its reply addresses.
///
/// Part of `Store` so the mail channel (`deliver`, `ingest`), `helpdesk mail` and
/// `helpdesk attachment` reach raw mail and attachments through whichever backend holds them.
public protocol MailArchiveBackend: AnyObject {
    /// The received-mail archive (the file store's is under `mail/`).
    var mailArchive: MailArchive { get }
    /// The keys of this store's reply addresses (made on first use).
    func replyKeys() throws -> ReplyKeys
}
