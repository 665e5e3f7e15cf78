import API
import Foundation
import Testing

@testable import warehouse

@Suite struct APICommandTests {
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schemas/events.json").path

    @Test func flagsAndTheEnvironmentMakeTheConfigurationFlagsFirst() throws {
        let command = try APICommand.parse(["--schema", Self.schema, "--topic", "from-flag", "--rate-burst", "7"])
        let configuration = try command.makeConfiguration(environment: [
            "WAREHOUSE_API_KEYS": "first-key-0123456789:ingest+read,second-key-012345678:read", "PORT": "9999",
            "WAREHOUSE_TOPIC": "from-env", "WAREHOUSE_DATASET": "ds", "WAREHOUSE_RATE_BURST": "99", "WAREHOUSE_CACHE_TTL_MS": "0",
            "WAREHOUSE_CORS_ORIGINS": "https://a.example, https://b.example",
        ])
        #expect(configuration.topic == "from-flag")
        #expect(configuration.dataset == "ds")
        #expect(configuration.port == 9999)
        // Cloud Run sets PORT and needs every interface.
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.rateLimit.burst == 7)
        #expect(configuration.cache.ttl == .zero)
        #expect(configuration.corsAllowedOrigins == ["https://a.example", "https://b.example"])
        guard case .apiKeys(let keys) = configuration.authentication else {
            Issue.record("keys were not read")
            return
        }
        #expect(keys.count == 2)
        try configuration.validate()
    }

    @Test func withoutKeysItRefusesToStartUnlessNoAuthIsExplicit() throws {
        let command = try APICommand.parse(["--schema", Self.schema])
        #expect(throws: (any Error).self) { try command.makeConfiguration(environment: [:]) }
        let open = try APICommand.parse(["--schema", Self.schema, "--no-auth"]).makeConfiguration(environment: [:])
        guard case .disabled = open.authentication else {
            Issue.record("--no-auth did not turn authentication off")
            return
        }
        #expect(open.host == "127.0.0.1")
        #expect(throws: (any Error).self) {
            try APICommand.parse(["--schema", Self.schema, "--no-auth"]).makeConfiguration(environment: [
                "WAREHOUSE_API_KEYS": "first-key-0123456789:read"
            ])
        }
    }

    @Test func keysComeFromAFileToo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("api-keys-\(UUID().uuidString)")
        try "# keys\nfile-key-0123456789ab:ingest\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try APICommand.parse(["--schema", Self.schema, "--api-keys-file", file.path]).makeConfiguration(environment: [:])
        guard case .apiKeys(let keys) = configuration.authentication else {
            Issue.record("keys were not read")
            return
        }
        #expect(keys.count == 1)
    }
}
