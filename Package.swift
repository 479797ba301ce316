// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Helpdesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "helpdesk", targets: ["helpdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The domain: plain values and pure functions. No I/O, no clock reads.
        .target(
            name: "HelpdeskCore",
            dependencies: [
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "CSV", package: "CSV.swift"),
                // SHA-256 for ParsedMail.headerDigest (dedupe of mail without a Message-ID).
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The JSON file store: event log, snapshots, locking, durability, change feed.
        .target(
            name: "HelpdeskStore",
            dependencies: [
                "HelpdeskCore",
                // Ed25519 signatures on a team store's records (see EventSigning.swift).
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The wide-character ncurses binding, used only by HelpdeskTUI.
        .systemLibrary(
            name: "CNcursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The console: terminal backends, widgets, screens, themes, the event loop.
        .target(
            name: "HelpdeskTUI",
            dependencies: [
                "HelpdeskCore", "HelpdeskStore", "CNcursesW",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The command-line tool: wires a Store and a Console together.
        .executableTarget(
            name: "helpdesk",
            dependencies: [
                "HelpdeskCore", "HelpdeskStore", "HelpdeskTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HelpdeskCoreTests", dependencies: ["HelpdeskCore"]),
        .testTarget(name: "HelpdeskStoreTests", dependencies: ["HelpdeskCore", "HelpdeskStore"]),
        .testTarget(name: "HelpdeskTUITests", dependencies: ["HelpdeskCore", "HelpdeskStore", "HelpdeskTUI"]),
        .testTarget(name: "EndToEndTests", dependencies: ["HelpdeskCore", "HelpdeskStore"]),
    ],
    swiftLanguageModes: [.v6]
)
