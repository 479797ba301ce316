import Foundation
@testable import HelpdeskCore

/// `ParsedMail` under another name: DraftingCoreTests declares its own `ParsedMail` helper in this
/// test module, which shadows the library's type.
typealias ParsedMessage = HelpdeskCore.ParsedMail

/// The project's own corpus of test messages, written as literals: helpers turn a readable message
/// (LF line ends, `\u{…}` for odd bytes) into the bytes a mail server would hand over.
enum MailCorpus {
    /// The message with CRLF line ends, as SMTP delivers it.
    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// The message with bare LF line ends, as a Maildir or a pipe from some MTAs holds it.
    static func lf(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Headers (UTF-8 text) followed by a body given as raw bytes in some charset.
    static func message(headers: String, body: [UInt8]) -> [UInt8] {
        crlf(headers.hasSuffix("\n") ? headers : headers + "\n") + [0x0D, 0x0A] + body
    }

    static func parse(_ text: String) -> ParsedMessage { ParsedMessage.parse(crlf(text)) }

    /// A plain reply with the usual headers, for variations.
    static let simpleReply = """
        Return-Path: <jane@example.com>
        Received: from mx.example.com by helpdesk.test; Tue, 3 Mar 2026 10:00:02 +0000
        Message-ID: <CAB123.456@mail.example.com>
        In-Reply-To: <reply-1042-1@helpdesk.test>
        References: <ticket-1042@helpdesk.test>
         <reply-1042-1@helpdesk.test>
        From: "Doe, Jane" <jane@example.com>
        To: Support <support@helpdesk.test>
        Cc: bob@example.com, =?utf-8?q?Zo=C3=AB?= <zoe@example.com>
        Delivered-To: support@helpdesk.test
        Subject: Re: [#1042] Printer
         on fire
        Date: Tue, 3 Mar 2026 11:00:00 +0100
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Still burning.

        On Mon, 2 Mar 2026 at 09:00, Support <support@helpdesk.test> wrote:
        > Have you tried turning it off?
        """
}
