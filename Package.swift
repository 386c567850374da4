// swift-tools-version:6.0
// Layers (each depends only on the ones listed before it):
//   wrappers (JSON, HTTPClient) -> HCL -> Values -> Configuration -> State -> Engine -> providers -> CLI / RadiantSim
import PackageDescription

let package = Package(
    name: "Terraswift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "terraswift", targets: ["terraswift"]),
        .executable(name: "radiant-sim", targets: ["radiant-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.0.0"),
    ],
    targets: [
        // C libraries named by the design, each behind one small Swift wrapper.
        .systemLibrary(name: "CJSONC", pkgConfig: "json-c", providers: [.apt(["libjson-c-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "JSON", dependencies: ["CJSONC"]),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),

        // 1. HCL: lexer, parser (native + JSON syntax), AST, diagnostics, formatter.
        .target(name: "HCL", dependencies: ["JSON"]),
        // 2. Values and evaluation: cty-like values, conversion, expressions, functions.
        .target(name: "Values", dependencies: [
            "HCL", "JSON",
            .product(name: "BigInt", package: "BigInt"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // 3. Config: the Terraform language, module tree, variables.
        .target(name: "Config", dependencies: ["HCL", "Values", "JSON", "HTTPClient"]),
        // 4. State: v4 format, backends, locking.
        .target(name: "State", dependencies: [
            "Config", "Values", "JSON", "HTTPClient",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // 5. Engine: graph, plan, apply, in-process provider protocol.
        .target(name: "Engine", dependencies: ["Config", "State", "Values", "JSON"]),
        // 6. Providers, in process.
        .target(name: "ProviderTerraform", dependencies: ["Engine", "Values", "Config", "State", "JSON"]),
        .target(name: "ProviderRandom", dependencies: ["Engine", "Values", "JSON", .product(name: "BigInt", package: "BigInt")]),
        .target(name: "ProviderLocal", dependencies: ["Engine", "Values", "JSON", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ProviderNull", dependencies: ["Engine", "Values", "JSON"]),
        // 7. Executables are thin; their logic lives in libraries so tests can drive it.
        .target(name: "CLI", dependencies: ["HCL", "Values", "Config", "State", "Engine", "ProviderTerraform",
                                     "ProviderRandom", "ProviderLocal", "ProviderNull", "JSON"]),
        .executableTarget(name: "terraswift", dependencies: ["CLI"]),
        .target(name: "RadiantSim", dependencies: [
            "JSON",
            .product(name: "Hummingbird", package: "hummingbird"),
            // Optional TLS: a CA and server certificate generated at start-up.
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "Crypto", package: "swift-crypto"),
            // Server-side apply bodies in YAML.
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "radiant-sim", dependencies: ["RadiantSim"]),
        // Benchmarks that print figures (not tests).
        .executableTarget(name: "hcl-parse-bench", dependencies: ["HCL"], path: "bench/hcl"),

        // Helpers shared by test targets (a loopback HTTP server, temp dirs).
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "TestSupport"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "HCL", "CLI", "JSON", "Values", "TestSupport"]),
        .testTarget(name: "HCLTests", dependencies: ["HCL"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["CLI", "HCL"]),
        .testTarget(name: "ValuesTests", dependencies: ["Values", "HCL"]),
        .testTarget(name: "FunctionTests", dependencies: ["Values", "HCL", "JSON"]),
        .testTarget(name: "FormatTests", dependencies: ["HCL", "CLI"]),
        .testTarget(name: "StateTests", dependencies: ["State", "Config", "CLI", "JSON", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SchemaTests", dependencies: ["Config", "JSON"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "ProviderTerraform", "ProviderRandom", "ProviderLocal", "ProviderNull",
                                                      "CLI", "Config", "State", "Values", "JSON", "TestSupport"]),
        .testTarget(name: "RadiantSimTests", dependencies: ["RadiantSim", "JSON", "HTTPClient"]),
    ],
    swiftLanguageModes: [.v5]
)
