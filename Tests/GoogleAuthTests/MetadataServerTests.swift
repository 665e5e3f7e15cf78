import AsyncHTTPClient
import Foundation
import GoogleAuth
import Logging
import Testing

/// The metadata-server flow against a fake metadata endpoint on loopback.
@Suite struct MetadataServerTests {
    let logger = Logger(label: "test")

    @Test func fetchesTheDefaultServiceAccountToken() async throws {
        let server = FakeGoogleServer()
        let clock = ManualWallClock()
        try await server.run { port in
            let provider = MetadataServerCredentialProvider(host: "127.0.0.1:\(port)", httpClient: .shared, clock: clock)
            let token = try #require(try await provider.accessToken(logger: logger))
            #expect(token.value == "metadata-token")
            #expect(token.expiresAt == clock.now.addingTimeInterval(1800))
            #expect(await provider.isAvailable(timeout: .seconds(10), logger: logger))
        }
        #expect(server.metadataHits == 1)
        #expect(server.recorded.withLock { $0.lastMetadataQuery } == nil)
    }

    @Test func asksForScopesWhenGiven() async throws {
        let server = FakeGoogleServer()
        try await server.run { port in
            let provider = MetadataServerCredentialProvider(host: "127.0.0.1:\(port)", scopes: ["a:b", "c"], httpClient: .shared)
            _ = try await provider.accessToken(logger: logger)
        }
        #expect(server.recorded.withLock { $0.lastMetadataQuery } == "scopes=a%3Ab%2Cc")
    }

    @Test func defaultChainUsesGCEMetadataHost() async throws {
        let server = FakeGoogleServer()
        try await server.run { port in
            let chain = DefaultCredentialProvider(httpClient: .shared, environment: ["GCE_METADATA_HOST": "127.0.0.1:\(port)"])
            let first = try await chain.accessToken(logger: logger)
            let second = try await chain.accessToken(logger: logger)
            #expect(first?.value == "metadata-token")
            #expect(second?.value == "metadata-token")
            let selected = try await chain.selectedProvider(logger: logger)
            #expect(selected is CachingCredentialProvider)
            // Cached: the second call did not go back to the server.
            #expect(server.metadataHits == 1)
            // After a 401 a client invalidates; the next call fetches again.
            await chain.invalidate()
            _ = try await chain.accessToken(logger: logger)
            #expect(server.metadataHits == 2)
        }
    }

    @Test func unreachableMetadataServerIsTyped() async throws {
        let provider = MetadataServerCredentialProvider(host: "127.0.0.1:9", httpClient: .shared, timeout: .seconds(2))
        await #expect(throws: GoogleAuthError.metadataServerUnavailable) { try await provider.accessToken(logger: logger) }
        #expect(await provider.isAvailable(logger: logger) == false)
    }
}
