import Foundation

/// A name someone else chose (a customer's attachment) made safe as a file name in the current
/// directory: its last path part only, no control, bidi or direction marks, never hidden or empty.
public enum SafeFileName {
    public static func make(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(String.UnicodeScalarView(last.unicodeScalars.filter { s in
            !(s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
              || (0x2066...0x2069).contains(s.value) || s.value == 0x200E || s.value == 0x200F)
        }))
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        return cleaned.isEmpty ? "attachment" : String(cleaned.prefix(200))
    }
}
