import API
import Testing

@Suite("API configuration")
struct ConfigurationTests {
    @Test func keysAreReadFromKeyScopeEntries() throws {
        let keys = try APIKeys(
            parsing: "# operators' keys\nfirst-key-0123456789:ingest+read, second-key-012345678:read\n\nthird-key-0123456789:ingest")
        #expect(keys.count == 3)
    }

    @Test(arguments: ["short:read", "no-scope-key-0123456789", "a-long-enough-key-123:write", "a-long-enough-key-123:"])
    func badKeyEntriesAreRefused(_ text: String) {
        #expect(throws: APIConfigurationError.self) { try APIKeys(parsing: text) }
    }

    @Test func anAPIWithoutKeysRefusesToStartUnlessAuthIsOffExplicitly() throws {
        var configuration = try APIHarness.configuration()
        configuration.authentication = .apiKeys(APIKeys([]))
        #expect(throws: APIConfigurationError.self) { try configuration.validate() }
        configuration.authentication = .disabled
        try configuration.validate()
    }

    @Test(arguments: ["events; DROP TABLE x", "", "a.b", "`x`"])
    func tableNamesMustBePlainIdentifiers(_ table: String) throws {
        var configuration = try APIHarness.configuration()
        configuration.table = table
        #expect(throws: APIConfigurationError.self) { try configuration.validate() }
    }

    /// A request's events are published in one Pub/Sub request, all or none: the limits cannot pass
    /// what one publish request carries.
    @Test func ingestLimitsStayWithinOnePublishRequest() throws {
        var configuration = try APIHarness.configuration()
        configuration.ingest = IngestLimits(maxEvents: 1000, maxBodyBytes: 6 << 20)
        try configuration.validate()
        configuration.ingest = IngestLimits(maxEvents: 1001)
        #expect(throws: APIConfigurationError.self) { try configuration.validate() }
        configuration.ingest = IngestLimits(maxBodyBytes: (6 << 20) + 1)
        #expect(throws: APIConfigurationError.self) { try configuration.validate() }
    }
}
