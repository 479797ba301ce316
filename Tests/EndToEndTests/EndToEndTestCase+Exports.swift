import Foundation
import XCTest

/// Stores beside the test's own in the sandbox, and their exports, for the export, restore and backup tests.
extension EndToEndTestCase {
    /// The CLI pointed at another store of the sandbox.
    func cli(_ name: String) -> HelpdeskCLI {
        HelpdeskCLI(sandbox: sandbox, store: sandbox.root.appendingPathComponent(name))
    }

    func path(_ name: String) -> String { sandbox.root.appendingPathComponent(name).path }

    /// An export's lines without the one that says when it was made.
    func exportLines(_ cli: HelpdeskCLI, _ file: String) throws -> [Substring] {
        let result = try cli.run(["export", "--out", path(file)])
        XCTAssertEqual(result.status, 0, result.summary)
        let text = try String(contentsOfFile: path(file), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("  \"exportedAt\"") }
    }

    /// The events of an export's history, one compact line each.
    func historyLines(_ file: String) throws -> [String] {
        let text = try String(contentsOfFile: path(file), encoding: .utf8)
        guard let start = text.range(of: "  \"history\": [\n") else { return [] }
        return text[start.upperBound...].split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("    {") }.map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
    }
}
