/// A CSV cell as a spreadsheet will read it: customer text neutralised like on the console
/// (`Sanitizer`, line breaks kept) and guarded against formula injection (OWASP "CSV injection"): a cell
/// that begins with `=`, `+`, `-`, `@`, tab or CR is prefixed with a single quote, so Excel, LibreOffice
/// and Google Sheets show it as text instead of running it. The exact text is in the JSON export.
public enum SpreadsheetCell {
    /// The characters that make a spreadsheet treat a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` safe to put in a CSV cell (quoting for commas and quotes is the CSV writer's job).
    public static func safe(_ text: String) -> String {
        // Guard first: the sanitizer turns a leading tab or CR into spaces or `␍`, but a cell that began
        // with one was meant to look like a formula to someone.
        let guarded = text.unicodeScalars.first.map { formulaStarts.contains($0) } == true ? "'" + text : text
        return Sanitizer.sanitize(guarded, options: .multiLine)
    }

    /// A cell read back from a CSV file: the `'` that `safe` put before a formula character is taken
    /// off again, so an exported file imports back as it was exported.
    public static func unguarded(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, formulaStarts.contains(second) else { return cell }
        return String(String.UnicodeScalarView(scalars.dropFirst()))
    }
}
