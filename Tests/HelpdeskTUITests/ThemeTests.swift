import XCTest
@testable import HelpdeskTUI

final class ThemeTests: XCTestCase {
    var temporaryDirectory: URL!

    override func setUpWithError() throws {
        temporaryDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporaryDirectory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: temporaryDirectory)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = temporaryDirectory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private var shippedLoader: ThemeLoader { ThemeLoader(searchDirectories: [ThemeLoader.sourceTreeThemes]) }

    func testShippedDefaultFileMatchesBuiltinDefault() throws {
        let theme = try shippedLoader.load(nameOrPath: "default")
        for role in StyleRole.allCases {
            XCTAssertEqual(theme[role], Theme.builtinDefault[role], "\(role.key)")
        }
    }

    func testAllShippedThemesLoad() throws {
        let names = shippedLoader.available()
        for expected in ["default", "light", "high-contrast", "monochrome"] {
            XCTAssertTrue(names.contains(expected), "missing themes/\(expected).toml")
            XCTAssertNoThrow(try shippedLoader.load(nameOrPath: expected), expected)
        }
    }

    func testMonochromeThemeHasNoColoursAndReverseSelection() throws {
        let theme = try shippedLoader.load(nameOrPath: "monochrome")
        for role in StyleRole.allCases {
            XCTAssertEqual(theme[role].fg, .default, role.key)
            XCTAssertEqual(theme[role].bg, .default, role.key)
        }
        XCTAssertTrue(theme[.selection].attributes.contains(.reverse))
        XCTAssertTrue(theme[.priorityUrgent].attributes.contains(.bold))
    }

    func testPaletteInlineTablesDottedKeysAndInheritance() throws {
        let path = try write("ocean.toml", """
        name = "ocean"
        [palette]
        accent = "#5fafff"
        [styles]
        selection = { fg = "black", bg = "accent", bold = true }
        "priority.urgent" = { fg = "red", underline = true }
        priority.high = "208"
        "text.dim" = "grey"
        """)
        let theme = try ThemeLoader(searchDirectories: []).load(nameOrPath: path)
        XCTAssertEqual(theme.name, "ocean")
        XCTAssertEqual(theme[.selection], Style(fg: .black, bg: .rgb(0x5F, 0xAF, 0xFF), attributes: .bold))
        XCTAssertEqual(theme[.priorityUrgent], Style(fg: .red, attributes: .underline))
        XCTAssertEqual(theme[.priorityHigh], Style(fg: .indexed(208)))
        XCTAssertEqual(theme[.textDim], Style(fg: .brightBlack))
        XCTAssertEqual(theme[.statusOpen], Theme.builtinDefault[.statusOpen], "missing roles inherit")
    }

    func testInheritsFromAnotherThemeByName() throws {
        _ = try write("base.toml", "[styles]\nvip = { fg = \"magenta\" }\n")
        _ = try write("child.toml", "inherits = \"base\"\n[styles]\ndraft = \"cyan\"\n")
        let theme = try ThemeLoader(searchDirectories: [temporaryDirectory.path]).load(nameOrPath: "child")
        XCTAssertEqual(theme[.vip], Style(fg: .magenta))
        XCTAssertEqual(theme[.draft], Style(fg: .cyan))
        XCTAssertEqual(theme.name, "child")
    }

    func testUnknownColourNamesFileAndLine() throws {
        let text = """
        # my theme
        name = "x"

        [styles]
        text = "default"
        "text.dim" = "grey"
        selection = { fg = "blu", bold = true }
        """
        let path = try write("x.toml", text)
        XCTAssertThrowsError(try ThemeLoader(searchDirectories: []).load(path: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(path):7: unknown colour 'blu'"), "\(error)")
        }
        XCTAssertThrowsError(try ThemeParser.parse(text, file: "themes/x.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("themes/x.toml:7: unknown colour 'blu'"), "\(error)")
        }
    }

    func testUnknownStyleSuggestsTheNearestName() {
        let text = "[styles]\n\nselecton = { bold = true }\n"
        XCTAssertThrowsError(try ThemeParser.parse(text, file: "t.toml")) { error in
            XCTAssertEqual("\(error)", "t.toml:3: unknown style 'selecton'; did you mean 'selection'?")
        }
    }

    func testBadAttributeAndSubTableLines() {
        let text = "[styles]\n[styles.\"priority.urgent\"]\nfg = \"red\"\nblod = true\n"
        XCTAssertThrowsError(try ThemeParser.parse(text, file: "t.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("t.toml:4: unknown attribute 'blod'"), "\(error)")
        }
    }

    func testSyntaxErrorsCarryTheLine() {
        XCTAssertThrowsError(try ThemeParser.parse("name = \"x\"\n[styles\nfoo = 1\n", file: "t.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("t.toml:2: not valid TOML"), "\(error)")
        }
    }

    func testUnknownThemeNameListsWhatExists() throws {
        _ = try write("solarized.toml", "")
        let loader = ThemeLoader(searchDirectories: [temporaryDirectory.path])
        XCTAssertThrowsError(try loader.load(nameOrPath: "nord")) { error in
            XCTAssertTrue("\(error)".contains("no theme named 'nord'"))
            XCTAssertTrue("\(error)".contains("available: default, solarized"))
        }
        XCTAssertEqual(try loader.load(nameOrPath: "default"), .builtinDefault, "default works without a file")
    }

    func testSearchPathOrder() {
        let directories = ThemeLoader.standardDirectories(
            environment: ["HELPDESK_THEMES_DIR": "/opt/t", "HOME": "/home/a"], executablePath: "/usr/local/bin/helpdesk")
        XCTAssertEqual(Array(directories.prefix(4)), ["/opt/t", "/home/a/.config/helpdesk/themes",
                                                      "/usr/local/share/helpdesk/themes", "/usr/local/bin/themes"])
        XCTAssertTrue(directories.last!.hasSuffix("/themes"))
        let xdg = ThemeLoader.standardDirectories(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"], executablePath: nil)
        XCTAssertEqual(xdg.first, "/x/helpdesk/themes")
    }
}
