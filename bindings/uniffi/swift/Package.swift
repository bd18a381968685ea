// swift-tools-version:5.9
// The Swift package of codespaces-secrets: the uniffi-generated `CodespacesSecrets.swift` over
// the Rust library, shipped as the static `CodespacesSecretsFFI.xcframework`. Both are made by
// `./build-xcframework.sh` on macOS; see ../README.md for what was verified where.
import PackageDescription

let package = Package(
    name: "CodespacesSecrets",
    // async/await back-deploys to these.
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    products: [
        .library(name: "CodespacesSecrets", targets: ["CodespacesSecrets"]),
    ],
    targets: [
        .binaryTarget(name: "CodespacesSecretsFFI", path: "CodespacesSecretsFFI.xcframework"),
        .target(
            name: "CodespacesSecrets",
            dependencies: ["CodespacesSecretsFFI"],
            path: "Sources/CodespacesSecrets",
            linkerSettings: [
                // rustls-platform-verifier checks certificates with the Security framework;
                // reqwest reads the system proxy settings through SystemConfiguration.
                .linkedFramework("Security"),
                .linkedFramework("SystemConfiguration"),
                .linkedFramework("CoreFoundation"),
            ]
        ),
    ]
)
