import Testing
import WireJSON

/// `/openapi.yaml` says whether a key is needed as the running API does: `warehouse serve` (and
/// `warehouse api --no-auth`) take requests without X-API-Key, so their document must not require one,
/// or a client generated from it, and a contract tester, would be told the truth the wrong way round.
@Suite("OpenAPI security")
struct OpenAPISecurityTests {
    @Test func withKeysTheDocumentRequiresTheAPIKeyHeader() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let document = try await OpenAPIContractTests.document(api)
            #expect(document["security"] == [["apiKey": []]])
            #expect(try await api.read(Events.window, key: nil).status == 401)
        }
    }

    @Test func withoutKeysTheDocumentRequiresNone() async throws {
        try await withAPI(configure: { $0.authentication = .disabled }) { (api: APIHarness) async throws in
            let document = try await OpenAPIContractTests.document(api)
            #expect(document["security"] == [])
            #expect(try await api.read(Events.window, key: nil).status == 200)
            // Still a whole document: the same paths and components as with keys.
            #expect(document["paths"]?["/ingestData"]?["post"]?["operationId"] == "ingestData")
            #expect(document["components"]?["securitySchemes"]?["apiKey"] != nil)
        }
    }
}
