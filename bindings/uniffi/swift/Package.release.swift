// swift-tools-version:5.9
// The released Swift package: the same package as Package.swift, with the XCFramework as a
// remote binary target (a zip attached to the GitHub release) pinned by its checksum.
// build-xcframework.sh renders it (with RELEASE_URL set) into build/release/Package.swift, filling
// in @XCFRAMEWORK_URL@ and @XCFRAMEWORK_CHECKSUM@ (`swift package compute-checksum` of the zip);
// the release workflow publishes that folder (Package.swift + Sources/) as the Swift package.
import PackageDescription

let package = Package(
    name: "CodespacesSecrets",
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    products: [
        .library(name: "CodespacesSecrets", targets: ["CodespacesSecrets"]),
    ],
    targets: [
        .binaryTarget(
            name: "CodespacesSecretsFFI",
            url: "@XCFRAMEWORK_URL@",
            checksum: "@XCFRAMEWORK_CHECKSUM@"
        ),
        .target(
            name: "CodespacesSecrets",
            dependencies: ["CodespacesSecretsFFI"],
            path: "Sources/CodespacesSecrets",
            linkerSettings: [
                .linkedFramework("Security"),
                .linkedFramework("SystemConfiguration"),
                .linkedFramework("CoreFoundation"),
            ]
        ),
    ]
)
