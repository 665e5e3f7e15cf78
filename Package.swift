// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "warehouse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "warehouse", targets: ["warehouse"]),
        .library(name: "LocalEmulator", targets: ["LocalEmulator"]),
        .library(name: "LocalEmulatorGRPC", targets: ["LocalEmulatorGRPC"]),
        .library(name: "WarehouseClient", targets: ["WarehouseClient"]),
        .library(name: "PubSubClient", targets: ["PubSubClient"]),
        .library(name: "Sink", targets: ["Sink"]),
        .library(name: "API", targets: ["API"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // JSON values and a byte-level parser/encoder: the wire format of every REST API here.
        .target(name: "WireJSON"),
        // BigQuery's table schema, typed values, row validation and table definitions: "does this JSON
        // fit this table?", shared by the emulator, the translator, the API and the Sink. No HTTP.
        .target(name: "WarehouseSchema", dependencies: ["WireJSON"]),
        // The BigQuery REST v2 client (BigQueryClient) on GoogleREST.
        .target(name: "WarehouseClient", dependencies: [
            "WireJSON", "WarehouseSchema", "GoogleAuth", "GoogleREST",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // libssl/libcrypto from the system (pkg-config openssl): RS256 signing and verification.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        // zlib and libzstd from the system: the GZIP and ZSTD codecs of Parquet pages in load jobs.
        .systemLibrary(name: "CCompression", providers: [.apt(["zlib1g-dev", "libzstd-dev"]), .brew(["zlib", "zstd"])]),
        // RS256 signing of JWTs with OpenSSL, and GoogleAuthError; no HTTP, so it builds in release quickly.
        .target(name: "JWTSigning", dependencies: ["COpenSSL"]),
        // release-checks: JWTSigning built with optimisation, driven by scripts/test.d/release-signing.
        .executableTarget(name: "jwt-sign-check", dependencies: ["JWTSigning"], path: "release-checks/jwt-sign-check"),
        // Google credentials: service-account keys, the metadata server, or none for emulators.
        .target(name: "GoogleAuth", dependencies: [
            "JWTSigning",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // What every Google REST client shares: endpoint, authenticated JSON transport, retry policy.
        .target(name: "GoogleREST", dependencies: [
            "WireJSON", "GoogleAuth",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // RE2 (Debian's libre2-dev) behind a small C API: GoogleSQL's REGEXP_* functions are RE2's.
        .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2")]),
        // The one SQLite setting the translator needs that Swift cannot reach (a variadic C call).
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        // GoogleSQL → SQLite translation: tokens → AST → typed plan → SQL with bound parameters.
        .target(name: "GoogleSQL", dependencies: [
            "WireJSON", "WarehouseSchema", "CRE2", "CSQLiteTuning", "COpenSSL",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // What the emulator's and the API's HTTP servers share: a deadline on a request's arrival.
        .target(name: "HTTPServerLimits", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        // Pub/Sub's v1 gRPC messages and service stubs, generated from proto/ by scripts/generate-grpc
        // and committed, so no build runs a code generator.
        .target(name: "PubSubGRPC", dependencies: [
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]),
        .target(name: "LocalEmulator", dependencies: [
            "WireJSON", "WarehouseSchema", "GoogleSQL", "GoogleAuth", "COpenSSL", "CCompression", "HTTPServerLimits",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // Pub/Sub over gRPC on the emulator's store: a module of its own, so what needs only the
        // emulator (the fuzz harness, a test that embeds it) does not compile the gRPC stack.
        .target(name: "LocalEmulatorGRPC", dependencies: [
            "LocalEmulator", "PubSubGRPC", "WireJSON",
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP2", package: "swift-nio-http2"),
            .product(name: "NIOHPACK", package: "swift-nio-http2"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // Pub/Sub REST v1 client: topics, subscriptions, batched publish, pull/ack, typed retryable errors.
        .target(name: "PubSubClient", dependencies: [
            "WireJSON", "GoogleAuth", "GoogleREST",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The Sink: subscription → batched insertAll with insertIds, dead letters, ack after write.
        .target(name: "Sink", dependencies: [
            "WireJSON", "WarehouseSchema", "WarehouseClient", "PubSubClient", "GoogleAuth", "GoogleREST",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // What every deployed service shows its operators: JSON logs in Cloud Logging's shape,
        // Prometheus /metrics, /healthz and /readyz.
        .target(name: "Operations", dependencies: [
            "WireJSON",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // The HTTP API: POST /ingestData into Pub/Sub, GET /getData from BigQuery, health, metrics, OpenAPI.
        .target(name: "API", dependencies: [
            "WireJSON", "WarehouseSchema", "WarehouseClient", "PubSubClient", "GoogleAuth", "GoogleREST", "HTTPServerLimits",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "warehouse", dependencies: [
            "LocalEmulator", "LocalEmulatorGRPC", "WarehouseClient", "WireJSON", "GoogleAuth", "GoogleREST", "Sink", "Operations", "PubSubClient",
            "API", "WarehouseSchema",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // bench/bigquery-client: insertAll throughput and query latency of BigQueryClient on the emulator.
        .executableTarget(name: "BigQueryClientBench", dependencies: [
            "WarehouseClient", "GoogleREST", "WireJSON",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], path: "bench/bigquery-client"),
        // bench/sink: the Sink end to end (throughput, publish-to-queryable latency, peak RSS) on the emulator.
        .executableTarget(name: "SinkBench", dependencies: [
            "PubSubClient", "WarehouseClient", "GoogleREST",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], path: "bench/sink", exclude: ["run"]),
        // bench/api: Hummingbird's plain-text route, the baseline the API's routes are measured beside.
        .executableTarget(name: "PlainTextServer", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
        ], path: "bench/api/PlainTextServer"),
        // Helpers for tests only (a clock that records pauses instead of sleeping).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "WireJSONTests", dependencies: ["WireJSON"]),
        .testTarget(name: "GoogleRESTTests", dependencies: ["GoogleREST", "TestSupport"]),
        .testTarget(name: "WarehouseSchemaTests", dependencies: ["WarehouseSchema", "WireJSON"]),
        // The CLI's own parsing and formatting (`--param` specs, result tables).
        .testTarget(name: "WarehouseCLITests", dependencies: [
            "warehouse", "WarehouseClient", "WireJSON", "Sink", "WarehouseSchema", "Operations", "GoogleREST", "API",
            "LocalEmulator", "PubSubClient",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "GoogleSQLTests", dependencies: [
            "GoogleSQL", "WarehouseSchema", "WireJSON",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "GoogleAuthTests", dependencies: [
            "GoogleAuth",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "LocalEmulatorTests", dependencies: [
            "LocalEmulator", "LocalEmulatorGRPC", "GoogleSQL", "WarehouseSchema", "WireJSON", "GoogleAuth", "PubSubGRPC",
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "BigQueryClientTests", dependencies: [
            "WarehouseClient", "LocalEmulator", "GoogleAuth", "GoogleREST", "TestSupport", "WireJSON",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "SinkTests", dependencies: [
            "Sink", "PubSubClient", "WarehouseClient", "WarehouseSchema", "LocalEmulator", "GoogleREST", "TestSupport", "WireJSON",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "MetricsTestKit", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "OperationsTests", dependencies: [
            "Operations", "WireJSON",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        .testTarget(name: "APITests", dependencies: [
            "API", "PubSubClient", "WarehouseClient", "WarehouseSchema", "LocalEmulator", "GoogleAuth", "GoogleREST", "TestSupport", "WireJSON",
            "HTTPServerLimits",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "MetricsTestKit", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "PubSubClientTests", dependencies: [
            "PubSubClient", "GoogleREST", "TestSupport", "LocalEmulator", "WireJSON",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
    ]
)
