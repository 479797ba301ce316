/// A part of a message that is a file rather than the text the sender wrote.
///
/// `filename` is already safe to show and to use as the last component of a path: no separators, no
/// controls, bidi overrides neutralised (so `invoice\u{202E}fdp.exe` cannot pose as a PDF). `inline`
/// says the sender's client meant it to be shown in the body (Content-Disposition: inline, or an
/// image referenced by Content-ID), which a console may list less prominently.
public struct MailAttachment: Sendable, Equatable, Codable {
    public var filename: String
    /// The lower-cased media type, e.g. `application/pdf`.
    public var contentType: String
    /// The decoded bytes (transfer encoding removed).
    public var data: [UInt8]
    public var inline: Bool

    public init(filename: String, contentType: String, data: [UInt8], inline: Bool) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.inline = inline
    }
}
