import AsyncHTTPClient
import Foundation
import GoogleAuth
import Logging
import Testing

/// Which credentials the default chain picks from the environment.
@Suite struct DefaultCredentialProviderTests {
    let logger = Logger(label: "test")

    @Test func emulatorWithoutKeyFileMeansNoCredentials() async throws {
        let chain = DefaultCredentialProvider(httpClient: .shared, environment: ["BIGQUERY_EMULATOR_HOST": "127.0.0.1:9050"])
        #expect(try await chain.accessToken(logger: logger) == nil)
        #expect(try await chain.selectedProvider(logger: logger) is NoCredentialProvider)
        let pubsub = DefaultCredentialProvider(httpClient: .shared, environment: ["PUBSUB_EMULATOR_HOST": "localhost:8085"])
        #expect(try await pubsub.accessToken(logger: logger) == nil)
    }

    @Test func aCallerPointedAtAnEmulatorWithoutKeyFileGetsNoCredentials() async throws {
        let chain = DefaultCredentialProvider(
            configuration: .init(talksToEmulator: true, probeMetadataServer: false),
            httpClient: .shared, environment: [:])
        let token = try await chain.accessToken(logger: logger)
        #expect(token == nil)
        let selected = try await chain.selectedProvider(logger: logger)
        #expect(selected is NoCredentialProvider)
        try await withKeyFile { path in
            let withKey = DefaultCredentialProvider(
                configuration: .init(talksToEmulator: true), httpClient: .shared,
                environment: ["GOOGLE_APPLICATION_CREDENTIALS": path])
            let keyed = try await withKey.selectedProvider(logger: self.logger)
            #expect(keyed is CachingCredentialProvider)
        }
    }

    @Test func keyFileWinsEvenWithAnEmulator() async throws {
        try await withKeyFile { path in
            let chain = DefaultCredentialProvider(
                httpClient: .shared, environment: ["GOOGLE_APPLICATION_CREDENTIALS": path, "BIGQUERY_EMULATOR_HOST": "x:1"])
            let selected = try await chain.selectedProvider(logger: logger)
            let cache = try #require(selected as? CachingCredentialProvider)
            let source = try #require(cache.source as? ServiceAccountCredentialProvider)
            #expect(source.key.clientEmail == "a@p.iam.gserviceaccount.com")
            #expect(source.key.privateKey == (try TestKeys.shared().privatePEM))
            #expect(source.mode == .tokenExchange)
        }
    }

    @Test func selfSignedModeWhenAnAudienceIsGiven() async throws {
        try await withKeyFile { path in
            let chain = DefaultCredentialProvider(
                configuration: .init(selfSignedJWTAudience: "https://bigquery.googleapis.com/"),
                httpClient: .shared, environment: ["GOOGLE_APPLICATION_CREDENTIALS": path])
            let token = try #require(try await chain.accessToken(logger: logger))
            #expect(token.value.split(separator: ".").count == 3)
        }
    }

    @Test func nothingFoundIsATypedError() async throws {
        let chain = DefaultCredentialProvider(configuration: .init(probeMetadataServer: false), httpClient: .shared, environment: [:])
        await #expect(throws: GoogleAuthError.noCredentialsFound) { try await chain.accessToken(logger: logger) }
    }

    @Test func missingKeyFileIsATypedError() async throws {
        let chain = DefaultCredentialProvider(httpClient: .shared, environment: ["GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent/key.json"])
        await #expect(throws: GoogleAuthError.invalidKeyFile) { try await chain.accessToken(logger: logger) }
    }

    private func withKeyFile(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("key.json").path
        let key = ServiceAccountKey(
            projectID: "p", privateKeyID: "k", privateKey: try TestKeys.shared().privatePEM,
            clientEmail: "a@p.iam.gserviceaccount.com")
        try key.jsonData().write(to: URL(fileURLWithPath: path))
        try await body(path)
    }
}
