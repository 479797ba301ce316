import Foundation
import XCTest

/// `helpdesk attachment list|save`: a customer's file comes back out byte for byte, under a safe name,
/// never over an existing file.
final class AttachmentEndToEndTests: XCTestCase {
    var sandbox: Sandbox!
    var store: URL!

    override func setUpWithError() throws {
        sandbox = try Sandbox(testCase: Self.self)
        store = sandbox.root.appendingPathComponent("store")
        let created = try helpdesk(["init", "--store", store.path, "--support-address", "support@helpdesk.test"])
        XCTAssertEqual(created.status, 0, created.summary)
    }

    override func tearDown() {
        sandbox?.remove()
        super.tearDown()
    }

    private func helpdesk(_ args: [String], stdin: String? = nil, in directory: URL? = nil) throws -> CommandResult {
        let words = [sandbox.binary.path] + args
        if let directory {
            return try runProcess("/bin/sh", ["-c", "cd \(shellQuote(directory.path)) && exec " + words.map(shellQuote).joined(separator: " ")],
                                  environment: sandbox.environment, stdin: stdin)
        }
        return try runProcess(sandbox.binary.path, args, environment: sandbox.environment, stdin: stdin)
    }

    func testAnAttachmentIsListedAndSavedExactlyUnderASafeNameAndNeverOverAFile() throws {
        let content = "line one\r\nline two: 100% café\r\n"
        let encoded = Data(content.utf8).base64EncodedString()
        let mail = """
        From: Ana <ana@example.org>\r
        To: support@helpdesk.test\r
        Subject: Receipt\r
        Message-ID: <att-1@example.org>\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="b1"\r
        \r
        --b1\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        Here is my receipt.\r
        --b1\r
        Content-Type: text/plain; name="x"\r
        Content-Disposition: attachment; filename="../../.evil\u{202E}txt.sh"\r
        Content-Transfer-Encoding: base64\r
        \r
        \(encoded)\r
        --b1--\r

        """
        let delivered = try helpdesk(["deliver", "--store", store.path], stdin: mail)
        XCTAssertEqual(delivered.status, 0, delivered.summary)
        let list = try helpdesk(["attachment", "list", "1001", "--store", store.path])
        XCTAssertEqual(list.status, 0, list.summary)
        XCTAssertTrue(list.stdout.contains("ana@example.org"), list.summary)
        XCTAssertFalse(list.stdout.unicodeScalars.contains { $0.value == 0x202E }, "a bidi override reached the terminal")

        let dir = sandbox.root.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let saved = try helpdesk(["attachment", "save", "1001", "1", "--store", store.path], in: dir)
        XCTAssertEqual(saved.status, 0, saved.summary)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(names.count, 1, "\(names)")
        let name = try XCTUnwrap(names.first)
        XCTAssertFalse(name.hasPrefix("."), "no hidden file: \(name)")
        XCTAssertFalse(name.unicodeScalars.contains { $0.value == 0x202E }, name)
        XCTAssertEqual(FileManager.default.contents(atPath: dir.appendingPathComponent(name).path), Data(content.utf8),
                       "the bytes are exactly the customer's")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.root.appendingPathComponent(".evil").path), "nothing outside the directory")

        let again = try helpdesk(["attachment", "save", "1001", "1", "--store", store.path], in: dir)
        XCTAssertNotEqual(again.status, 0, "an existing file is never overwritten: \(again.summary)")
        XCTAssertEqual(FileManager.default.contents(atPath: dir.appendingPathComponent(name).path), Data(content.utf8))

        let piped = try helpdesk(["attachment", "save", "1001", "1", "--out", "-", "--store", store.path])
        XCTAssertEqual(piped.stdout, content)
        let missing = try helpdesk(["attachment", "save", "1001", "7", "--store", store.path])
        XCTAssertEqual(missing.status, 2, missing.summary)
    }
}
