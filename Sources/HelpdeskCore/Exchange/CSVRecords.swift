import CSV

/// A CSV file read into rows, each with the physical line it starts on.
///
/// The fields come from yaslab's `CSVReader`; the line numbers come from a scan of the raw text that
/// follows the same grammar, because a quoted field may span several lines and people fix files by the
/// line number their editor shows.
public struct CSVRecords: Sendable, Equatable {
    /// One record: the line it starts on and its fields.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public var header: [String]
    /// The line the header row is on (after any blank lines).
    public var headerLine: Int
    /// Data rows, blank lines left out.
    public var rows: [Row]

    /// Reads CSV text with a header row. Throws `ImportError.malformed` for an empty file or a quoted
    /// field that is never closed.
    public static func read(_ text: String, fileName: String) throws -> CSVRecords {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // spreadsheets often write a byte order mark
        let starts = try recordStartLines(text, fileName: fileName)
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        var records: [[String]] = []
        // Our own exports guard formula-like cells with a quote (`SpreadsheetCell`); take it off.
        while let row = reader.next() { records.append(row.map(SpreadsheetCell.unguarded)) }
        guard records.count == starts.count else {
            // Cannot happen while the scan mirrors the reader; refuse rather than report wrong lines.
            throw ImportError.malformed(file: fileName, line: nil,
                                        reason: "could not line up the CSV records with the file's lines")
        }
        let numbered = zip(starts, records).map { Row(line: $0, fields: $1) }
            .filter { row in !row.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = numbered.first else {
            throw ImportError.malformed(file: fileName, line: nil, reason: "the file is empty; expected a header row and at least one ticket")
        }
        return CSVRecords(header: header.fields, headerLine: header.line, rows: Array(numbered.dropFirst()))
    }

    /// The line each record starts on. A quote is special only at the start of a field; inside a quoted
    /// field `""` is a quote and line breaks are part of the field. CR, LF and CRLF each end a line.
    static func recordStartLines(_ text: String, fileName: String) throws -> [Int] {
        let s = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        var starts: [Int] = []

        /// Consumes a line break at `i` if there is one; returns whether it did.
        func lineBreak() -> Bool {
            guard i < s.count, s[i] == "\r" || s[i] == "\n" else { return false }
            if s[i] == "\r", i + 1 < s.count, s[i + 1] == "\n" { i += 1 }
            i += 1
            line += 1
            return true
        }

        while i < s.count {
            starts.append(line)
            record: while true {
                if i < s.count, s[i] == "\"" {
                    let opened = line
                    i += 1
                    while true {
                        guard i < s.count else {
                            throw ImportError.malformed(file: fileName, line: opened,
                                reason: "a quoted field that starts on this line has no closing quote")
                        }
                        if s[i] == "\"" {
                            i += 1
                            if i >= s.count { break record }
                            if lineBreak() { break record }
                            if s[i] == "," { i += 1; continue record }
                            i += 1  // `""` is an escaped quote; the reader also swallows any other character here
                        } else if !lineBreak() {
                            i += 1
                        }
                    }
                } else {
                    while i < s.count {
                        if lineBreak() { break record }
                        if s[i] == "," { i += 1; continue record }
                        i += 1
                    }
                    break record
                }
            }
        }
        return starts
    }
}
