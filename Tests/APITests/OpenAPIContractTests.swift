import Foundation
import Synchronization
import TestSupport
import Testing
import WireJSON

/// Holds the hand-written handlers to `/openapi.yaml`: every route, method and status the handlers
/// give must be documented, every documented one must be given by some request here, and bodies
/// carry the fields the document says they require.
@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    final class Observed: Sendable {
        let triples = Mutex<Set<String>>([])
        func add(_ method: String, _ path: String, _ status: Int) { _ = triples.withLock { $0.insert("\(method) \(path) \(status)") } }
    }

    static func document(_ api: APIHarness) async throws -> JSONValue {
        let answer = try await api.call(.GET, "/openapi.yaml")
        #expect(answer.status == 200)
        #expect(answer.headers.first(name: "Content-Type") == "application/yaml")
        return try JSONValue(parsing: answer.bytes)
    }

    /// Checks one answer against the document and records it.
    static func check(_ answer: APIAnswer, _ method: String, _ path: String, document: JSONValue, observed: Observed) {
        observed.add(method, path, answer.status)
        let response = document["paths"]?[path]?[method.lowercased()]?["responses"]?[String(answer.status)]
        #expect(response != nil, "\(method) \(path) answered \(answer.status), which /openapi.yaml does not document")
        if answer.status >= 400, path != "/readyz" {
            let required = document["components"]?["schemas"]?["ErrorBody"]?["properties"]?["error"]?["required"]?.arrayValue ?? []
            #expect(!required.isEmpty)
            for field in required.compactMap(\.stringValue) {
                #expect(answer.json["error"]?[field] != nil, "\(method) \(path) \(answer.status) lacks error.\(field)")
            }
            let detailRequired = document["components"]?["schemas"]?["ErrorDetail"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for detail in answer.errorDetails {
                for field in detailRequired { #expect(detail[field] != nil, "\(method) \(path) \(answer.status): an error lacks \(field)") }
            }
        }
        let schemaName: String? =
            switch (path, answer.status) {
            case ("/getData", 200): "EventsPage"
            case ("/ingestData", 202): "IngestAccepted"
            case ("/readyz", _): "Readiness"
            case ("/healthz", _): "Status"
            default: nil
            }
        if let schemaName {
            for field in document["components"]?["schemas"]?[schemaName]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                #expect(answer.json[field] != nil, "\(method) \(path) \(answer.status) lacks \(field)")
            }
        }
        if path == "/getData", answer.status == 200 {
            let required = document["components"]?["schemas"]?["StoredEvent"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for row in answer.json["rows"]?.arrayValue ?? [] {
                for field in required { #expect(row[field] != nil, "a row lacks \(field)") }
            }
        }
    }

    @Test func everyAnswerTheHandlersGiveIsDocumentedAndEveryDocumentedOneIsGiven() async throws {
        let observed = Observed()
        let documented = Mutex<Set<String>>([])
        try await withAPI(
            clock: RecordingClock(),
            configure: {
                $0.rateLimit = .init(requestsPerSecond: 0.001, burst: 30)
                $0.ingest = .init(maxEvents: 500, maxBodyBytes: 4096)
                $0.readinessCacheTTL = .zero
            }
        ) { (api: APIHarness) async throws in
            let document = try await Self.document(api)
            #expect(document["openapi"] == "3.1.0")
            #expect(document["components"]?["securitySchemes"]?["apiKey"]?["name"] == "X-API-Key")
            try await api.insert((0..<3).map { Events.event($0) })
            func ingest(_ body: JSONValue, key: String? = APIHarness.ingestKey, contentType: String = "application/json") async throws {
                var headers = [("Content-Type", contentType)]
                if let key { headers.append(("X-API-Key", key)) }
                let answer = try await api.call(.POST, "/ingestData", headers: headers, body: body.encodedBytes())
                Self.check(answer, "POST", "/ingestData", document: document, observed: observed)
            }
            func read(_ query: String, key: String? = APIHarness.readKey) async throws {
                Self.check(try await api.read(query, key: key), "GET", "/getData", document: document, observed: observed)
            }
            func get(_ path: String) async throws { Self.check(try await api.call(.GET, path), "GET", path, document: document, observed: observed) }

            try await ingest(.object(Events.event(1)))
            try await ingest(["event_id": 1])
            try await ingest(.object(Events.event(1)), key: nil)
            try await ingest(.object(Events.event(1)), key: APIHarness.readKey)
            try await ingest(.array((0..<40).map { .object(Events.event($0)) }))
            try await ingest(.object(Events.event(1)), contentType: "text/plain")
            try await read(Events.window + "&limit=2")
            try await read("limit=0")
            try await read(Events.window, key: nil)
            try await read(Events.window, key: APIHarness.ingestKey)
            for path in ["/healthz", "/readyz", "/metrics", "/openapi.yaml"] { try await get(path) }
            // A head past the server's limit (16 KiB) is refused before any route sees it.
            let padding = String(repeating: "p", count: 17 * 1024)
            let bigHead = try await api.call(
                .POST, "/ingestData", headers: [("Content-Type", "application/json"), ("X-Padding", padding)],
                body: JSONValue.object(Events.event(1)).encodedBytes())
            Self.check(bigHead, "POST", "/ingestData", document: document, observed: observed)
            try await read(Events.window + "&pad=" + padding)

            try await api.injectFault(path: ":publish$", status: 503, times: 1)
            try await ingest(.object(Events.event(9)))
            try await api.injectFault(path: "/queries", status: 503, times: 1)
            try await read(Events.window + "&limit=7")
            try await api.injectFault(path: "/tables/", status: 503, times: 1)
            try await get("/readyz")
            try await api.clearFaults()

            // Use up the buckets (30 requests each) to meet the 429s.
            for index in 0..<31 { try await ingest(.object(Events.event(100 + index))) }
            for index in 0..<31 { try await read(Events.window + "&limit=\(index + 1)") }

            for (path, item) in document["paths"]?.objectValue ?? [:] {
                for (method, operation) in item.objectValue ?? [:] {
                    for (status, _) in operation["responses"]?.objectValue ?? [:] {
                        _ = documented.withLock { $0.insert("\(method.uppercased()) \(path) \(status)") }
                    }
                }
            }
        }
        try await withAPI(configure: { $0.renderMetrics = nil }) { (api: APIHarness) async throws in
            let document = try await Self.document(api)
            Self.check(try await api.call(.GET, "/metrics"), "GET", "/metrics", document: document, observed: observed)
        }
        let given = observed.triples.withLock { $0 }
        let inDocument = documented.withLock { $0 }
        #expect(inDocument.subtracting(given).sorted() == [], "documented but never given")
        #expect(given.subtracting(inDocument).sorted() == [], "given but not documented")
    }
}
