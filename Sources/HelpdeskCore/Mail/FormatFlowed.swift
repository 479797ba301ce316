/// RFC 3676 `format=flowed`: a line ending in a space continues on the next one (the sender's client
/// wrapped it, not the sender), so the paragraph is joined again; space-stuffing is undone; with
/// `DelSp=yes` the wrapping space itself is removed (used for languages without spaces). Quote depth
/// (`>` prefixes) is kept, and lines of different depth never join.
enum FormatFlowed {
    static func unflow(_ text: String, delSp: Bool) -> String {
        var output: [String] = []
        var current: String?
        var currentDepth = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            var depth = 0
            while line.first == ">" { depth += 1; line = line.dropFirst() }
            if line.first == " " { line = line.dropFirst() }  // space-stuffing (or the space after ">")
            let isSignatureSeparator = line == "-- "
            let flowed = line.last == " " && !isSignatureSeparator
            var content = String(line)
            if flowed && delSp { content.removeLast() }
            if current != nil && depth == currentDepth {
                current!.append(contentsOf: content)  // in place: a long flowed paragraph stays linear
            } else {
                if let pending = current { output.append(quotePrefix(currentDepth) + pending) }
                current = content
                currentDepth = depth
            }
            if !flowed {
                output.append(quotePrefix(currentDepth) + (current ?? ""))
                current = nil
            }
        }
        if let pending = current { output.append(quotePrefix(currentDepth) + pending) }
        return output.joined(separator: "\n")
    }

    private static func quotePrefix(_ depth: Int) -> String {
        depth == 0 ? "" : String(repeating: ">", count: depth) + " "
    }
}
