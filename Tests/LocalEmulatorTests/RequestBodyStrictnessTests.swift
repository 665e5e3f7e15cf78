import Foundation
import Hummingbird
import NIOCore
import Testing
import WireJSON

/// Request bodies are read as strictly as Google's front end reads them: text that is not UTF-8,
/// and optional fields of the wrong type, are refused with a 400 instead of being repaired or ignored.
@Suite("Request bodies read strictly")
struct RequestBodyStrictnessTests {
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"
    static let jobs = "/bigquery/v2/projects/\(Fixture.project)/jobs"
    static var insertAll: String { "\(Fixture.table("analytics", "events"))/insertAll" }

    /// Byte sequences that are not UTF-8: a lone continuation byte, an overlong "/", a UTF-16
    /// surrogate, a sequence cut short, a lead byte beyond U+10FFFF, and a byte never used.
    static let invalidUTF8: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF5, 0x80, 0x80, 0x80], [0xFF]]

    /// `prefix` + bad bytes + `suffix` as one body.
    static func body(_ prefix: String, _ bad: [UInt8], _ suffix: String) -> ByteBuffer {
        ByteBuffer(bytes: Array(prefix.utf8) + bad + Array(suffix.utf8))
    }

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsRefusedOnEveryJSONRoute(bad: [UInt8]) async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let attempts: [(String, ByteBuffer)] = [
                (Self.insertAll, Self.body(#"{"rows":[{"json":{"event_id":"a"#, bad, #"","occurred_at":"2026-01-01T00:00:00Z"}}]}"#)),
                (Self.insertAll, Self.body(#"{"rows":[{"insertId":"x"#, bad, #"","json":{"event_id":"a","occurred_at":"2026-01-01T00:00:00Z"}}]}"#)),
                (Fixture.datasets, Self.body(#"{"datasetReference":{"datasetId":"d"},"description":""#, bad, #""}"#)),
                (Self.queries, Self.body(#"{"query":"SELECT '"#, bad, #"'","useLegacySql":false}"#)),
                (
                    "/v1/projects/\(Fixture.project)/topics/topic-utf8:publish",
                    Self.body(#"{"messages":[{"data":"eA==","attributes":{"k":""#, bad, #""}}]}"#)
                ),
            ]
            _ = try await client.call(.put, "/v1/projects/\(Fixture.project)/topics/topic-utf8")
            for (path, body) in attempts {
                let reply = try await client.call(.post, path, rawBody: body)
                #expect(reply.status == 400, "\(path) \(bad): \(reply.json)")
                #expect(reply.errorMessage?.contains("UTF-8") == true, "\(path) \(bad): \(reply.json)")
            }
            let listed = try await client.get("\(Fixture.table("analytics", "events"))/data")
            #expect(listed.json["totalRows"] == "0")
        }
    }

    @Test func loneSurrogateEscapeIsRefused() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let body = #"{"rows":[{"json":{"event_id":"\ud800","occurred_at":"2026-01-01T00:00:00Z"}}]}"#
            #expect(try await client.call(.post, Self.insertAll, rawBody: ByteBuffer(string: body)).status == 400)
        }
    }

    /// `field: value` bodies that BigQuery refuses with `Invalid value at '<field>'`.
    @Test(arguments: [
        (#"{"query":"SELECT 1","useLegacySql":"str"}"#, "use_legacy_sql"),
        (#"{"query":"SELECT 1","useLegacySql":false,"maxResults":{}}"#, "max_results"),
        (#"{"query":"SELECT 1","useLegacySql":false,"maxResults":-1}"#, "max_results"),
        (#"{"query":"SELECT 1","useLegacySql":false,"maxResults":1.5}"#, "max_results"),
        (#"{"query":"SELECT 1","useLegacySql":false,"dryRun":"yes"}"#, "dry_run"),
        (#"{"query":"SELECT 1","useLegacySql":false,"timeoutMs":"soon"}"#, "timeout_ms"),
        (#"{"query":"SELECT 1","useLegacySql":false,"formatOptions":{"useInt64Timestamp":1}}"#, "use_int64_timestamp"),
        (#"{"query":"SELECT 1","useLegacySql":false,"formatOptions":[]}"#, "format_options"),
        (#"{"query":"SELECT 1","useLegacySql":false,"queryParameters":{}}"#, "query_parameters"),
        (#"{"query":"SELECT 1","useLegacySql":false,"defaultDataset":"analytics"}"#, "default_dataset"),
        (#"{"query":7,"useLegacySql":false}"#, "query"),
    ])
    func wrongTypedQueryFieldsAreInvalid(body: String, field: String) async throws {
        try await withEmulator { client in
            let reply = try await client.call(.post, Self.queries, rawBody: ByteBuffer(string: body))
            #expect(reply.status == 400, "\(body): \(reply.json)")
            #expect(reply.errorReason == "invalid", "\(body): \(reply.json)")
            #expect(reply.errorMessage?.hasPrefix("Invalid value at '") == true, "\(body): \(reply.json)")
            #expect(reply.errorMessage?.contains(field) == true, "\(body): \(reply.json)")
        }
    }

    @Test func int64FieldsTakeDecimalStringsAndNullMeansUnset() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, [Fixture.event("e1"), Fixture.event("e2")])
            let body = #"{"query":"SELECT event_id FROM analytics.events","useLegacySql":false,"maxResults":"1","dryRun":null}"#
            let reply = try await client.call(.post, Self.queries, rawBody: ByteBuffer(string: body))
            #expect(reply.status == 200, "\(reply.json)")
            #expect(reply.json["rows"]?.arrayValue?.count == 1)
        }
    }

    @Test(arguments: [
        #"{"configuration":{"query":{"query":"SELECT 1","useLegacySql":"no"}}}"#,
        #"{"configuration":{"dryRun":"no","query":{"query":"SELECT 1","useLegacySql":false}}}"#,
        #"{"configuration":{"query":{"query":"SELECT 1","useLegacySql":false}},"jobReference":{"jobId":5}}"#,
        #"{"configuration":{"query":{"query":"SELECT 1","useLegacySql":false}},"jobReference":"j"}"#,
    ])
    func wrongTypedJobFieldsAreInvalid(body: String) async throws {
        try await withEmulator { client in
            let reply = try await client.call(.post, Self.jobs, rawBody: ByteBuffer(string: body))
            #expect(reply.status == 400, "\(body): \(reply.json)")
            #expect(reply.errorMessage?.hasPrefix("Invalid value at '") == true, "\(body): \(reply.json)")
        }
    }

    @Test(arguments: [
        #""skipInvalidRows":"x""#, #""ignoreUnknownValues":1"#, #""templateSuffix":true"#,
    ])
    func wrongTypedInsertAllFlagsAreInvalid(flag: String) async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            // Flag first and last: the one-pass reading and the reference reading both see it.
            for body in [
                #"{\#(flag),"rows":[{"json":{"event_id":"a","occurred_at":"2026-01-01T00:00:00Z"}}]}"#,
                #"{"rows":[{"json":{"event_id":"a","occurred_at":"2026-01-01T00:00:00Z"}}],\#(flag)}"#,
            ] {
                let reply = try await client.call(.post, Self.insertAll, rawBody: ByteBuffer(string: body))
                #expect(reply.status == 400, "\(body): \(reply.json)")
                #expect(reply.errorMessage?.hasPrefix("Invalid value at '") == true, "\(body): \(reply.json)")
            }
            #expect(try await client.get("\(Fixture.table("analytics", "events"))/data").json["totalRows"] == "0")
        }
    }

    @Test func insertIdMustBeAString() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let body = #"{"rows":[{"insertId":7,"json":{"event_id":"a","occurred_at":"2026-01-01T00:00:00Z"}}]}"#
            let reply = try await client.call(.post, Self.insertAll, rawBody: ByteBuffer(string: body))
            #expect(reply.status == 400, "\(reply.json)")
        }
    }

    @Test(arguments: ["/data?maxResults=abc", "/data?startIndex=abc", "/data?maxResults=-1", "/data?startIndex=-2"])
    func malformedQueryStringNumbersAreInvalid(suffix: String) async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let reply = try await client.get(Fixture.table("analytics", "events") + suffix)
            #expect(reply.status == 400, "\(suffix): \(reply.json)")
        }
    }

    @Test(arguments: ["?maxResults=abc", "?pageToken=abc"])
    func malformedPagingOfListsIsInvalid(query: String) async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            for path in [Fixture.datasets, Fixture.tables("analytics"), Self.jobs] {
                let reply = try await client.get(path + query)
                #expect(reply.status == 400, "\(path)\(query): \(reply.json)")
            }
        }
    }
}

extension RequestBodyStrictnessTests {
    @Test(arguments: [
        #"{"tableReference":{"tableId":"t"},"requirePartitionFilter":"yes"}"#,
        #"{"tableReference":{"tableId":"t"},"description":5}"#,
        #"{"tableReference":{"tableId":"t"},"expirationTime":"soon"}"#,
        #"{"tableReference":{"tableId":"t"},"timePartitioning":{"type":"DAY","expirationMs":[]}}"#,
        #"{"tableReference":{"tableId":"t"},"clustering":{"fields":"a"}}"#,
    ])
    func wrongTypedTableFieldsAreInvalidNotStored(body: String) async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client)
            let created = try await client.call(.post, Fixture.tables("analytics"), rawBody: ByteBuffer(string: body))
            #expect(created.status == 400, "\(body): \(created.json)")
            #expect(created.errorMessage?.hasPrefix("Invalid value at 'table.") == true, "\(body): \(created.json)")
            #expect(try await client.get(Fixture.table("analytics", "t")).status == 404)
        }
    }

    @Test func wrongTypedDatasetFieldsAreInvalid() async throws {
        try await withEmulator { client in
            let body = #"{"datasetReference":{"datasetId":"d"},"defaultTableExpirationMs":{}}"#
            let created = try await client.call(.post, Fixture.datasets, rawBody: ByteBuffer(string: body))
            #expect(created.status == 400, "\(created.json)")
            #expect(created.errorMessage?.hasPrefix("Invalid value at 'dataset.") == true, "\(created.json)")
        }
    }
}
