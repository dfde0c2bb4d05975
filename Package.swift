// swift-tools-version:6.0
// ssotguard: keeps security-critical operations in their single source of truth.
// No package dependencies: toolchain only (stdlib, Foundation, Dispatch, Swift Testing).
import PackageDescription

let package = Package(
    name: "ssotguard",
    products: [
        .executable(name: "ssotguard", targets: ["ssotguard"]),
        .library(name: "SSOTGuardKit", targets: ["Pipeline"]),
    ],
    targets: [
        // Data flows one way: Discovery → Lexing → Facts → RuleEngine → PhaseMapping → Baselines → Reporting, driven by Pipeline.
        .target(name: "JSONC"),
        .target(name: "Model"),
        .target(name: "Discovery", dependencies: ["Model"]),
        .target(name: "Lexing", dependencies: ["Model"]),
        .target(name: "Facts", dependencies: ["Model", "Lexing"]),
        .target(name: "RuleEngine", dependencies: ["Model", "Lexing", "Facts", "JSONC"]),
        .target(name: "PhaseMapping", dependencies: ["Model", "JSONC"]),
        .target(name: "Baselines", dependencies: ["Model", "JSONC", "PhaseMapping"]),
        .target(name: "Reporting", dependencies: ["Model", "RuleEngine", "PhaseMapping", "Baselines"]),
        .target(name: "Pipeline", dependencies: ["Model", "Discovery", "Lexing", "Facts", "RuleEngine", "PhaseMapping", "Baselines", "Reporting", "JSONC"]),
        .executableTarget(name: "ssotguard", dependencies: ["Pipeline", "Model", "Reporting", "RuleEngine", "Baselines", "JSONC"]),

        .testTarget(name: "JSONCTests", dependencies: ["JSONC"]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "Model"]),
        .testTarget(name: "LexingTests", dependencies: ["Lexing", "Model"]),
        .testTarget(name: "FactsTests", dependencies: ["Facts", "Lexing", "Model"]),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "Facts", "Lexing", "Model", "JSONC"]),
        .testTarget(name: "PhaseMappingTests", dependencies: ["PhaseMapping", "Model"]),
        .testTarget(name: "BaselinesTests", dependencies: ["Baselines", "Model", "PhaseMapping"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "RuleEngine", "Model", "PhaseMapping"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "RuleEngine", "Model"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ssotguard"], exclude: ["Expected"]),
    ]
)
