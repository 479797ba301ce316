/// Makes a sender's filename safe to show and to save: the last path component only (no `../`, no
/// `C:\`), no controls, no bidi overrides or other invisible format characters (which make
/// `invoice‮fdp.exe` read as `invoiceexe.pdf`), no leading dots (hidden files), no trailing dots or
/// spaces (Windows drops them), at most 200 bytes with the extension kept.
enum AttachmentName {
    static func sanitized(_ name: String?, contentType: String, index: Int) -> String {
        var candidate = name ?? ""
        if let slash = candidate.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            candidate = String(candidate[candidate.index(after: slash)...])
        }
        var scalars = String.UnicodeScalarView()
        for scalar in candidate.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F || Sanitizer.needsPlaceholder(scalar) {
                scalars.append("_")
            } else if scalar == ":" || scalar == "/" || scalar == "\\" {
                scalars.append("_")
            } else {
                scalars.append(scalar)
            }
        }
        var result = String(scalars).mailTrimmed()
        while result.first == "." { result.removeFirst() }
        while let last = result.last, last == "." || last == " " { result.removeLast() }
        if result.isEmpty { result = "attachment-\(index)" + defaultExtension(contentType) }
        return truncated(result, maxBytes: 200)
    }

    private static func defaultExtension(_ type: String) -> String {
        let known: [String: String] = [
            "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
            "text/plain": ".txt", "text/html": ".html", "message/rfc822": ".eml", "text/calendar": ".ics",
            "application/zip": ".zip", "text/csv": ".csv", "message/delivery-status": ".txt",
            "text/rfc822-headers": ".txt",
        ]
        return known[type] ?? ".bin"
    }

    /// Keeps the extension (up to 16 bytes) and cuts the stem on a character boundary.
    private static func truncated(_ name: String, maxBytes: Int) -> String {
        guard name.utf8.count > maxBytes else { return name }
        var ext = ""
        if let dot = name.lastIndex(of: "."), name.utf8.distance(from: dot, to: name.utf8.endIndex) <= 16 {
            ext = String(name[dot...])
        }
        let stemSource = ext.isEmpty ? name : String(name[..<name.lastIndex(of: ".")!])
        var stem = ""
        for ch in stemSource {
            if stem.utf8.count + String(ch).utf8.count + ext.utf8.count > maxBytes { break }
            stem.append(ch)
        }
        return stem + ext
    }
}
