// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "sha256-bench",
    dependencies: [.package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3")],
    targets: [
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto"),
        .executableTarget(name: "sha256-bench", dependencies: ["COpenSSL", .product(name: "Crypto", package: "swift-crypto")]),
    ])
