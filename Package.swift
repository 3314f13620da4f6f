// swift-tools-version: 6.0
// Swift 6 language mode is the default for tools version 6.0; every target is
// compiled with complete strict-concurrency checking.

import PackageDescription

let package = Package(
    name: "Lotsa",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lotsa", targets: ["LotsaCLI"]),
        .library(name: "Lotsa", targets: ["Lotsa"]),
        .library(name: "LinearProgramming", targets: ["LinearProgramming"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // GLPK's C API, seen by exactly one Swift module: LinearProgramming.
        .systemLibrary(
            name: "CGLPK",
            pkgConfig: nil,
            providers: [.apt(["libglpk-dev"])]
        ),
        // libxlsxwriter's C API, seen by exactly one Swift type: Lotsa's XLSXWorkbook.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: nil,
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // A solver-agnostic LP/MIP modelling layer with a GLPK backend.
        // Optimised in debug builds too: its network simplex is the planner's inner loop,
        // and unoptimised it makes the tests and CI's scenario checks (scripts/test, which
        // builds only the debug configuration) several times slower. The flag is why this
        // package is meant to be built as the root package, not depended on.
        .target(
            name: "LinearProgramming",
            dependencies: ["CGLPK"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // The planning domain: region models, scenarios, formulation, plans, outputs.
        .target(
            name: "Lotsa",
            dependencies: [
                "LinearProgramming",
                "CXLSXWriter",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The `lotsa` command: one thin file per subcommand.
        .executableTarget(
            name: "LotsaCLI",
            dependencies: [
                "Lotsa",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks (release builds; see Benchmarks/README.md).
        .executableTarget(
            name: "TransportBenchmark",
            dependencies: ["LinearProgramming"],
            path: "Benchmarks/TransportLP"
        ),
        .executableTarget(
            name: "CSVInputBenchmark",
            dependencies: ["Lotsa"],
            path: "Benchmarks/CSVInput"
        ),
        .executableTarget(
            name: "NetworkReplay",
            dependencies: ["LinearProgramming"],
            path: "Benchmarks/NetworkReplay"
        ),
        // Fuzzing of the input loaders (docs/robustness.md). A plain build gives a tool
        // that replays inputs; `-sanitize=fuzzer -DLOTSA_FUZZ` gives the libFuzzer binary.
        .executableTarget(
            name: "LotsaFuzz",
            dependencies: ["Lotsa"],
            path: "Fuzz/LotsaFuzz"
        ),
        // What both test targets use (glpsol as an independent reader of exported files).
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "LinearProgrammingTests",
            dependencies: ["LinearProgramming", "TestSupport"]
        ),
        .testTarget(
            name: "LotsaTests",
            dependencies: ["Lotsa", "LinearProgramming", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
