// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cpapi-tui",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cpapi-tui", targets: ["cpapi-tui"]),
        .executable(name: "cpapi-bench", targets: ["cpapi-bench"]),
        .executable(name: "tui-example", targets: ["tui-example"]),
        .library(name: "TUI", targets: ["TUI"]),
        .library(name: "CPAPIKit", targets: ["CPAPIKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // ncurses headers and library; the shim wraps the macros and globals Swift cannot import.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The terminal toolkit: knows nothing of offers.
        .target(name: "TUI", dependencies: ["CNcurses"]),
        // The domain: sources, offers, campaigns, platforms, store, sync engine, workflows.
        .target(
            name: "CPAPIKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Loopback servers in the shape of the real APIs: the demo advertiser, test fakes, the benchmark.
        .target(
            name: "LoopbackServers",
            dependencies: [
                "CPAPIKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The operator's console: app state, update, views and bindings on TUI + CPAPIKit (which it
        // reads through `ConsoleStore`: it runs no SQL). A library so the benchmark drives the same
        // screens headless.
        .target(
            name: "Console",
            dependencies: ["TUI", "CPAPIKit"]
        ),
        .executableTarget(
            name: "cpapi-tui",
            dependencies: [
                "Console", "TUI", "CPAPIKit", "LoopbackServers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `sync` as a service: its log lines, and /metrics and /healthz on --metrics ADDR.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The benchmark and its harnesses (the console driven headless, frame timing, peak memory):
        // kept out of the product's libraries.
        .executableTarget(
            name: "cpapi-bench",
            dependencies: ["Console", "TUI", "CPAPIKit", "LoopbackServers", "CSQLite"]
        ),
        // The system's SQLite C API, for the bench's hand-written floor only (`cpapi-bench floor`).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // A ten-line-ish program over TUI, driven under tmux by the toolkit's real-terminal test.
        .executableTarget(name: "tui-example", dependencies: ["TUI"]),
        // Real-terminal test helpers (tmux, built binaries) shared by the toolkit's and the console's tests.
        .target(name: "TerminalTestSupport", path: "Tests/TerminalTestSupport"),
        .testTarget(name: "TUITests", dependencies: ["TUI", "TerminalTestSupport"]),
        .testTarget(name: "CPAPIKitTests", dependencies: ["CPAPIKit", "LoopbackServers"]),
        .testTarget(name: "AppTests", dependencies: ["cpapi-tui", "cpapi-bench", "Console", "TerminalTestSupport", "TUI", "CPAPIKit", "LoopbackServers"]),
    ],
    swiftLanguageModes: [.v6]
)
