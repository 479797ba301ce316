/// Walks a message's MIME tree (RFC 2045–2049) and collects what a reader needs: the text parts in
/// order, the attachments, and a delivery report's facts. Hostile structure is bounded by
/// `MailLimits` (depth and part count): past them the walk stops, records a problem, and the raw
/// message still holds the rest.
struct MIMEWalker {
    var texts: [String] = []
    var attachments: [MailAttachment] = []
    var problems: [String] = []
    var deliveryReport: DeliveryReport?
    /// The Message-ID of a message returned inside a report (message/rfc822 or text/rfc822-headers).
    var returnedMessageID: String?
    var isReport = false
    private var partsSeen = 0
    private var reportedDepth = false
    private var reportedParts = false

    private enum Context { case normal, report }

    mutating func walkMessage(headers: MailHeaders, body: ArraySlice<UInt8>) {
        walk(headers: headers, body: body, depth: 0, defaultType: "text/plain", context: .normal)
    }

    private mutating func walk(headers: MailHeaders, body: ArraySlice<UInt8>, depth: Int, defaultType: String,
                               context: Context) {
        partsSeen += 1
        guard partsSeen <= MailLimits.maxParts else {
            if !reportedParts {
                reportedParts = true
                problems.append("more than \(MailLimits.maxParts) MIME parts; the rest are only in the raw message")
            }
            return
        }
        guard depth <= MailLimits.maxDepth else {
            if !reportedDepth {
                reportedDepth = true
                problems.append("MIME parts nested deeper than \(MailLimits.maxDepth); the inner ones are only in the raw message")
            }
            return
        }
        var contentType = headers.first("content-type").map { MIMEParameters.parse($0, problems: &problems) }
            ?? MIMEParameters(value: defaultType, parameters: [:])
        if !contentType.value.contains("/") {
            problems.append("Content-Type \"\(Sanitizer.sanitize(String(contentType.value.prefix(60))))\" is not a media type; read as text/plain")
            contentType = MIMEParameters(value: "text/plain", parameters: contentType.parameters)
        }
        let type = contentType.value
        if type.hasPrefix("multipart/") {
            walkMultipart(type: type, contentType: contentType, body: body, depth: depth, context: context)
            return
        }
        let disposition = headers.first("content-disposition").map { MIMEParameters.parse($0, problems: &problems) }
        let isAttachment = disposition?.value == "attachment"
        let filename = disposition?["filename"] ?? contentType["name"]
        let data = decodedBody(headers: headers, body: body)

        switch type {
        case "message/delivery-status" where context == .report, "message/global-delivery-status" where context == .report:
            deliveryReport = DeliveryStatusParser.parse(data[...], problems: &problems)
            return
        case "message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers":
            let (inner, innerBody) = MailHeaders.split(data[...])
            if context == .report {
                if returnedMessageID == nil, let id = inner.first("message-id").flatMap(MessageIDList.first) {
                    returnedMessageID = id
                }
                addAttachment(filename: filename, type: type, data: data, inline: false)
                return
            }
            addAttachment(filename: filename ?? subjectFilename(inner), type: type, data: data, inline: false)
            if type.hasPrefix("message/") && !isAttachment {
                // A forwarded message shown in the body: its headers as a reader sees them, then its text.
                texts.append(forwardedHeading(inner))
                walk(headers: inner, body: innerBody, depth: depth + 1, defaultType: "text/plain", context: .normal)
            }
            return
        default:
            break
        }
        if !isAttachment && (type == "text/plain" || type == "text/html" || (type.hasPrefix("text/") && filename == nil
            && type != "text/calendar" && type != "text/csv" && type != "text/x-vcard" && type != "text/vcard")) {
            let decoded = MailCharset.decode(data[...], charset: contentType["charset"])
            if let problem = decoded.problem { problems.append(type + ": " + problem) }
            var text = MailNewlines.normalized(decoded.text)
            if type == "text/html" {
                text = HTMLText.convert(text)
            } else if contentType["format"]?.lowercased() == "flowed" {
                text = FormatFlowed.unflow(text, delSp: contentType["delsp"]?.lowercased() == "yes")
            }
            texts.append(text)
            return
        }
        let inline = disposition?.value == "inline" || (disposition == nil && headers.has("content-id"))
        addAttachment(filename: filename, type: type, data: data, inline: inline)
    }

    private mutating func walkMultipart(type: String, contentType: MIMEParameters, body: ArraySlice<UInt8>,
                                        depth: Int, context: Context) {
        guard let boundary = contentType["boundary"], !boundary.isEmpty, boundary.utf8.count <= 200 else {
            problems.append("\(type) without a usable boundary; read as text")
            let decoded = MailCharset.decode(body, charset: contentType["charset"])
            texts.append(MailNewlines.normalized(decoded.text))
            return
        }
        let split = MultipartSplitter.split(body, boundary: boundary,
                                            maxParts: max(0, MailLimits.maxParts - partsSeen) + 1)
        if split.parts.isEmpty {
            problems.append("\(type) has no part with its boundary; read as text")
            texts.append(MailNewlines.normalized(MailCharset.decode(body, charset: nil).text))
            return
        }
        if !split.closed { problems.append("\(type) lacks its closing boundary") }
        let defaultType = type == "multipart/digest" ? "message/rfc822" : "text/plain"
        let parts = split.parts.map { MailHeaders.split($0) }
        var innerContext = context
        if type == "multipart/report" {
            isReport = isReport || contentType["report-type"]?.lowercased() == "delivery-status"
            innerContext = .report
        }
        if type == "multipart/alternative" {
            walkAlternative(parts, depth: depth, context: innerContext)
            return
        }
        for (headers, partBody) in parts {
            walk(headers: headers, body: partBody, depth: depth + 1, defaultType: defaultType, context: innerContext)
        }
    }

    /// multipart/alternative: the plain-text version when it says something, otherwise a nested
    /// multipart (often related: HTML with its images), otherwise HTML, otherwise the last part.
    private mutating func walkAlternative(_ parts: [(headers: MailHeaders, body: ArraySlice<UInt8>)], depth: Int,
                                          context: Context) {
        func typeOf(_ headers: MailHeaders) -> String {
            var ignored: [String] = []
            return headers.first("content-type").map { MIMEParameters.parse($0, problems: &ignored).value } ?? "text/plain"
        }
        let types = parts.map { typeOf($0.headers) }
        var order: [Int] = []
        order += types.indices.filter { types[$0] == "text/plain" }
        order += types.indices.filter { types[$0].hasPrefix("multipart/") }.reversed()
        order += types.indices.filter { types[$0] == "text/html" }.reversed()
        order += types.indices.reversed().filter { !order.contains($0) }
        for (position, index) in order.enumerated() {
            var trial = self
            trial.texts = []
            trial.walk(headers: parts[index].headers, body: parts[index].body, depth: depth + 1,
                       defaultType: "text/plain", context: context)
            let saysSomething = trial.texts.contains { !$0.mailTrimmed().isEmpty }
            if saysSomething || position == order.count - 1 {
                let earlier = texts
                self = trial
                texts = earlier + trial.texts
                // Versions that are not text (a calendar invitation sent as an alternative) are files
                // the reader still needs.
                for other in types.indices where other != index && !isTextVersion(types[other]) {
                    walk(headers: parts[other].headers, body: parts[other].body, depth: depth + 1,
                         defaultType: "text/plain", context: context)
                }
                return
            }
            partsSeen = trial.partsSeen  // a rejected version still counts against the part limit
        }
    }

    private func isTextVersion(_ type: String) -> Bool {
        type == "text/plain" || type == "text/html" || type == "text/enriched" || type.hasPrefix("multipart/")
    }

    private mutating func decodedBody(headers: MailHeaders, body: ArraySlice<UInt8>) -> [UInt8] {
        let encoding = headers.first("content-transfer-encoding")
            .map { String(decoding: $0.prefix(64), as: UTF8.self).mailTrimmed().lowercased() } ?? ""
        switch encoding {
        case "base64":
            let decoded = TransferEncoding.base64(body)
            if decoded.malformed { problems.append("a base64 part holds characters outside base64; they were skipped") }
            return decoded.bytes
        case "quoted-printable":
            return TransferEncoding.quotedPrintable(body)
        case "", "7bit", "8bit", "binary":
            return Array(body)
        default:
            problems.append("unknown Content-Transfer-Encoding \"\(Sanitizer.sanitize(String(encoding.prefix(40))))\"; kept as is")
            return Array(body)
        }
    }

    private mutating func addAttachment(filename: String?, type: String, data: [UInt8], inline: Bool) {
        let name = AttachmentName.sanitized(filename, contentType: type, index: attachments.count + 1)
        attachments.append(MailAttachment(filename: name, contentType: Sanitizer.sanitize(type), data: data, inline: inline))
    }

    private func subjectFilename(_ headers: MailHeaders) -> String? {
        var ignored: [String] = []
        guard let subject = headers.first("subject").map({ EncodedWords.text($0, problems: &ignored) }),
              !subject.isEmpty else { return nil }
        return String(subject.prefix(80)) + ".eml"
    }

    private func forwardedHeading(_ headers: MailHeaders) -> String {
        var ignored: [String] = []
        var lines = ["---------- Forwarded message ----------"]
        for (name, label) in [("from", "From"), ("date", "Date"), ("subject", "Subject"), ("to", "To")] {
            if let value = headers.first(name) {
                lines.append("\(label): " + String(EncodedWords.text(value, problems: &ignored).prefix(500)))
            }
        }
        return lines.joined(separator: "\n")
    }
}
