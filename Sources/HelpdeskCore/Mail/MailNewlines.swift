/// Line ends in decoded mail text: CRLF (the wire form) and bare LF both become LF, so every later
/// step splits lines one way. Swift treats "\r\n" as one Character, which `split(separator: "\n")`
/// would not see; this works on scalars for that reason. A lone CR is kept (the sanitizer shows it).
enum MailNewlines {
    static func normalized(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var scalars = String.UnicodeScalarView()
        var pendingCR = false
        for scalar in text.unicodeScalars {
            if pendingCR && scalar != "\n" { scalars.append("\r") }
            pendingCR = scalar == "\r"
            if !pendingCR { scalars.append(scalar) }
        }
        if pendingCR { scalars.append("\r") }
        return String(scalars)
    }
}
