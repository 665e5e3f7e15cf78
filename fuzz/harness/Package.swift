// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the parsers of untrusted input, built only by scripts/fuzz with
// `-sanitize=fuzzer,address` into their own build path, so the root package's `swift build` never
// compiles them. One binary holds every target (chosen by its first argument): the sanitized tree
// is linked once instead of once per target.
let package = Package(
    name: "warehouse-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "warehouse", path: "../..")
    ],
    targets: [
        // The declaration of libFuzzer's `LLVMFuzzerRunDriver`, which the sanitizer runtime defines.
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "warehouse-fuzz",
            dependencies: [
                "CLibFuzzer",
                .product(name: "LocalEmulator", package: "warehouse"),
                .product(name: "WarehouseClient", package: "warehouse"),
            ]),
    ]
)
