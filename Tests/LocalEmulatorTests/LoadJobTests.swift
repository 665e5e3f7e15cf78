import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WireJSON

@testable import LocalEmulator

/// Load jobs with their data uploaded (`/upload/bigquery/v2/.../jobs`): multipart and resumable
/// uploads, CSV and newline-delimited JSON, autodetect, dispositions and bad records.
@Suite("Load jobs")
struct LoadJobTests {
    static let uploads = "/upload/bigquery/v2/projects/\(Fixture.project)/jobs"

    static func job(_ table: String, _ options: JSONObject = [:], jobId: String? = nil) -> JSONObject {
        var load: JSONObject = ["destinationTable": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": .string(table)]]
        for (key, value) in options.members { load[key] = value }
        var job: JSONObject = ["configuration": ["load": .object(load)]]
        if let jobId { job["jobReference"] = ["projectId": .string(Fixture.project), "jobId": .string(jobId)] }
        return job
    }

    static func schema(_ fields: [(String, String)]) -> JSONValue {
        ["fields": .array(fields.map { ["name": .string($0.0), "type": .string($0.1)] })]
    }

    /// A multipart/related upload as google-resumable-media builds one (CRLF line ends), or as
    /// Python's email package does (LF) when `lineEnd` is "\n".
    static func multipart(_ client: EmulatorClient, _ job: JSONObject, _ data: String, lineEnd: String = "\r\n") async throws -> JSONReply {
        try await multipart(client, job, bytes: Array(data.utf8), lineEnd: lineEnd)
    }

    static func multipart(_ client: EmulatorClient, _ job: JSONObject, bytes data: [UInt8], lineEnd: String = "\r\n") async throws -> JSONReply {
        let boundary = "===============7330845974216740156=="
        var head = "--\(boundary)\(lineEnd)content-type: application/json; charset=UTF-8\(lineEnd)\(lineEnd)"
        head += JSONValue.object(job).encodedString() + lineEnd
        head += "--\(boundary)\(lineEnd)content-type: */*\(lineEnd)\(lineEnd)"
        let body = Array(head.utf8) + data + Array("\(lineEnd)--\(boundary)--".utf8)
        return try await send(
            client, .post, "\(uploads)?uploadType=multipart", body: body, headers: [.contentType: "multipart/related; boundary=\"\(boundary)\""])
    }

    static func send(
        _ client: EmulatorClient, _ method: HTTPRequest.Method, _ uri: String, body: [UInt8], headers: HTTPFields
    ) async throws -> JSONReply {
        try await client.client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: body)) { response in
            let bytes = Array(response.body.readableBytesView)
            return JSONReply(status: Int(response.status.code), json: bytes.isEmpty ? .null : try JSONValue(parsing: bytes))
        }
    }

    static func values(_ client: EmulatorClient, _ sql: String) async throws -> [[String?]] {
        let reply = try await client.query(sql)
        #expect(reply.status == 200, "\(sql): \(reply.json)")
        return ScriptRouteTests.rows(reply)
    }

    @Test func aJSONLoadCreatesThePartitionedTableAndStoresItsRows() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let options: JSONObject = [
                "sourceFormat": "NEWLINE_DELIMITED_JSON", "schema": Self.schema([("id", "INTEGER"), ("day", "DATE"), ("note", "STRING")]),
                "timePartitioning": ["type": "DAY", "field": "day"], "clustering": ["fields": ["id"]],
            ]
            let data = "{\"id\": 1, \"day\": \"2024-01-01\", \"note\": \"a\"}\n\n{\"id\": \"2\", \"day\": \"2024-01-02\"}\r\n"
            let reply = try await Self.multipart(client, Self.job("events", options, jobId: "load_1"), data)
            #expect(reply.status == 200, "\(reply.json)")
            #expect(reply.json["status"] == ["state": "DONE"], "\(reply.json)")
            #expect(reply.json["configuration"]?["jobType"] == "LOAD")
            #expect(reply.json["configuration"]?["load"]?["writeDisposition"] == "WRITE_APPEND")
            #expect(reply.json["statistics"]?["load"]?["outputRows"] == "2")
            #expect(reply.json["statistics"]?["load"]?["inputFileBytes"] == .string(String(data.utf8.count)))
            #expect(
                try await Self.values(client, "SELECT id, day, note FROM ds.events ORDER BY id") == [
                    ["1", "2024-01-01", "a"], ["2", "2024-01-02", nil],
                ])
            let table = try await client.get(Fixture.table("ds", "events"))
            #expect(table.json["timePartitioning"]?["field"] == "day")
            #expect(table.json["clustering"]?["fields"] == ["id"])
            #expect(try await client.get("/bigquery/v2/projects/\(Fixture.project)/jobs/load_1").json["configuration"]?["jobType"] == "LOAD")
            let jobs = try await Self.values(
                client, "SELECT job_type, destination_table.table_id FROM `region-us`.INFORMATION_SCHEMA.JOBS WHERE job_id = 'load_1'")
            #expect(jobs == [["LOAD", "events"]])
            // LF line ends, as bq's API client writes the body.
            let again = try await Self.multipart(client, Self.job("events", ["sourceFormat": "NEWLINE_DELIMITED_JSON"]), "{\"id\": 3}", lineEnd: "\n")
            #expect(again.json["statistics"]?["load"]?["outputRows"] == "1", "\(again.json)")
            let reused = try await Self.multipart(
                client, Self.job("events", ["sourceFormat": "NEWLINE_DELIMITED_JSON"], jobId: "load_1"), "{\"id\": 4}")
            #expect(reused.status == 409, "\(reused.json)")
        }
    }

    @Test func csvOptionsAreReadAsBigQueryReadsThem() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let schema = Self.schema([("id", "INTEGER"), ("flag", "BOOLEAN"), ("text", "STRING")])
            let quoted = "id,flag,text\r\n1,yes,\"a \"\"quoted\"\"\nline\"\r\n2,N,\r\n3,t\n"
            let reply = try await Self.multipart(
                client, Self.job("csv", ["schema": schema, "skipLeadingRows": "1", "allowQuotedNewlines": true, "allowJaggedRows": true]), quoted)
            #expect(reply.json["statistics"]?["load"]?["outputRows"] == "3", "\(reply.json)")
            #expect(
                try await Self.values(client, "SELECT id, flag, text FROM ds.csv ORDER BY id")
                    == [["1", "true", "a \"quoted\"\nline"], ["2", "false", nil], ["3", "true", nil]])
            // Tabs, a null marker of its own (an empty STRING stays empty), no quoting, ISO-8859-1.
            let latin1: [UInt8] = Array("4\t0\t\"caf".utf8) + [0xE9] + Array("\n5\tNULL\t\n".utf8)
            let options: JSONObject = [
                "fieldDelimiter": "\\t", "nullMarker": "NULL", "quote": "", "encoding": "ISO-8859-1", "writeDisposition": "WRITE_APPEND",
            ]
            let boundary = "b"
            var body = Array(
                "--b\r\ncontent-type: application/json\r\n\r\n\(JSONValue.object(Self.job("csv", options)).encodedString())\r\n--b\r\n\r\n".utf8)
            body += latin1 + Array("\r\n--b--".utf8)
            let tabbed = try await Self.send(
                client, .post, "\(Self.uploads)?uploadType=multipart", body: body, headers: [.contentType: "multipart/related; boundary=\(boundary)"])
            #expect(tabbed.json["statistics"]?["load"]?["outputRows"] == "2", "\(tabbed.json)")
            #expect(try await Self.values(client, "SELECT flag, text FROM ds.csv WHERE id >= 4 ORDER BY id") == [["false", "\"café"], [nil, ""]])
        }
    }

    @Test func autodetectReadsTheSchemaFromTheFile() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let header = "id,name,price,day,seen at\n1,ada,2.5,2024-01-01,2024-01-01 10:00:00\n2,bob,3,2024-01-02,\n"
            let reply = try await Self.multipart(client, Self.job("with_header", ["autodetect": true]), header)
            #expect(reply.status == 200, "\(reply.json)")
            #expect(reply.json["statistics"]?["load"]?["outputRows"] == "2", "\(reply.json)")
            let fields = try await client.get(Fixture.table("ds", "with_header")).json["schema"]?["fields"]?.arrayValue ?? []
            #expect(
                fields.map { "\($0["name"]!.stringValue!):\($0["type"]!.stringValue!)" } == [
                    "id:INTEGER", "name:STRING", "price:FLOAT", "day:DATE", "seen_at:TIMESTAMP",
                ])
            let bare = try await Self.multipart(client, Self.job("no_header", ["autodetect": true]), "x,1,true\ny,2,false\n")
            #expect(bare.json["configuration"]?["load"]?["schema"] != nil, "\(bare.json)")
            let names = try await client.get(Fixture.table("ds", "no_header")).json["schema"]?["fields"]?.arrayValue?.map { $0["name"]! }
            #expect(names == ["string_field_0", "int64_field_1", "bool_field_2"])
            let json = "{\"user\": {\"id\": 7, \"tags\": [\"x\"]}, \"at\": \"2024-05-01T10:00:00Z\", \"ok\": true}\n{\"n\": 1.5}\n"
            let unreadable = try await Self.multipart(
                client, Self.job("unreadable", ["autodetect": true, "sourceFormat": "NEWLINE_DELIMITED_JSON"]), "{\"a\": \n")
            #expect(
                unreadable.json["status"]?["errorResult"]?["message"]?.stringValue?.contains("JSON parsing error in row starting at position 0")
                    == true)
            let nested = try await Self.multipart(client, Self.job("nested", ["autodetect": true, "sourceFormat": "NEWLINE_DELIMITED_JSON"]), json)
            #expect(nested.json["status"] == ["state": "DONE"], "\(nested.json)")
            #expect(
                try await Self.values(client, "SELECT user.id, user.tags[OFFSET(0)], `at`, ok, n FROM ds.nested ORDER BY n NULLS FIRST")
                    == [["7", "x", "1.7145576E9", "true", nil], [nil, nil, nil, nil, "1.5"]])
        }
    }

    @Test func badRecordsFailTheJobUnlessMaxBadRecordsAllowsThem() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let schema = Self.schema([("id", "INTEGER"), ("name", "STRING")])
            let data = "1,a\nnot a number,b\n3,\"unclosed\n4,d,extra\n5\n"
            let failed = try await Self.multipart(client, Self.job("bad", ["schema": schema], jobId: "bad_1"), data)
            #expect(failed.status == 200, "\(failed.json)")
            let status = failed.json["status"]
            #expect(status?["errorResult"]?["reason"] == "invalid")
            #expect(status?["errorResult"]?["message"]?.stringValue?.contains("CSV table encountered too many errors") == true, "\(failed.json)")
            #expect(status?["errors"]?.arrayValue?.count == 5, "\(failed.json)")
            let messages = status?["errors"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
            #expect(messages.contains { $0.contains("Cannot convert value to integer (bad value): not a number") })
            #expect(messages.contains { $0.contains("Quoted value holds a line break") })
            #expect(messages.contains { $0.contains("Too many values") })
            #expect(messages.contains { $0.contains("Too few values") })
            // Nothing was written, not even the table the job would have created.
            #expect(try await client.get(Fixture.table("ds", "bad")).status == 404)
            #expect(try await client.get("/bigquery/v2/projects/\(Fixture.project)/jobs/bad_1").json["status"]?["errorResult"] != nil)
            let allowed = try await Self.multipart(client, Self.job("bad", ["schema": schema, "maxBadRecords": 4]), data)
            #expect(allowed.json["status"]?["errorResult"] == nil, "\(allowed.json)")
            #expect(allowed.json["status"]?["errors"]?.arrayValue?.count == 4)
            #expect(allowed.json["statistics"]?["load"]?["badRecords"] == "4")
            #expect(try await Self.values(client, "SELECT id, name FROM ds.bad") == [["1", "a"]])
        }
    }

    @Test func writeAndCreateDispositionsDecideWhatHappensToTheTable() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await client.query("CREATE TABLE ds.t AS SELECT 1 AS id")
            #expect(created.status == 200, "\(created.json)")
            let empty = try await Self.multipart(client, Self.job("t", ["writeDisposition": "WRITE_EMPTY"]), "2\n")
            #expect(empty.json["status"]?["errorResult"]?["reason"] == "duplicate", "\(empty.json)")
            let never = try await Self.multipart(client, Self.job("missing", ["createDisposition": "CREATE_NEVER", "autodetect": true]), "2\n")
            #expect(never.json["status"]?["errorResult"]?["reason"] == "notFound", "\(never.json)")
            let noSchema = try await Self.multipart(client, Self.job("missing", [:]), "2\n")
            #expect(noSchema.json["status"]?["errorResult"]?["message"]?.stringValue?.contains("No schema specified") == true, "\(noSchema.json)")
            let changed = try await Self.multipart(client, Self.job("t", ["schema": Self.schema([("id", "STRING")])]), "2\n")
            #expect(
                changed.json["status"]?["errorResult"]?["message"]?.stringValue?.contains("changed type from INT64 to STRING") == true,
                "\(changed.json)")
            let appended = try await Self.multipart(client, Self.job("t", [:]), "2\n")
            #expect(appended.json["statistics"]?["load"]?["outputRows"] == "1", "\(appended.json)")
            #expect(try await Self.values(client, "SELECT id FROM ds.t ORDER BY id") == [["1"], ["2"]])
            let truncated = try await Self.multipart(
                client, Self.job("t", ["writeDisposition": "WRITE_TRUNCATE", "schema": Self.schema([("label", "STRING")])]), "x\n")
            #expect(truncated.json["status"] == ["state": "DONE"], "\(truncated.json)")
            #expect(try await Self.values(client, "SELECT * FROM ds.t") == [["x"]])
            let kept = try await Self.multipart(client, Self.job("t", ["writeDisposition": "WRITE_TRUNCATE"]), "y\n")
            #expect(kept.json["status"] == ["state": "DONE"], "\(kept.json)")
            #expect(try await Self.values(client, "SELECT label FROM ds.t") == [["y"]])
        }
    }

    @Test func schemaUpdateOptionsLetAnAppendAddAndRelaxFields() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await client.query("CREATE TABLE ds.grow (id INT64 NOT NULL, name STRING)")
            #expect(created.status == 200, "\(created.json)")
            let widened = Self.schema([("id", "INTEGER"), ("name", "STRING"), ("score", "FLOAT")])
            let refused = try await Self.multipart(client, Self.job("grow", ["schema": widened]), "1,a,0.5\n")
            #expect(
                refused.json["status"]?["errorResult"]?["message"]?.stringValue?.contains("Field id has changed mode from REQUIRED to NULLABLE")
                    == true, "\(refused.json)")
            let added = try await Self.multipart(client, Self.job("grow", ["schema": Self.schema([("score", "FLOAT")])]), "0.5\n")
            #expect(
                added.json["status"]?["errorResult"]?["message"]?.stringValue?.contains("Cannot add fields (field: score)") == true, "\(added.json)")
            let options: JSONObject = ["schema": widened, "schemaUpdateOptions": ["ALLOW_FIELD_ADDITION", "ALLOW_FIELD_RELAXATION"]]
            let grown = try await Self.multipart(client, Self.job("grow", options), "1,a,0.5\n,b,\n")
            #expect(grown.json["status"] == ["state": "DONE"], "\(grown.json)")
            let fields = try await client.get(Fixture.table("ds", "grow")).json["schema"]?["fields"]?.arrayValue ?? []
            #expect(fields.map { "\($0["name"]!.stringValue!):\($0["mode"]!.stringValue!)" } == ["id:NULLABLE", "name:NULLABLE", "score:NULLABLE"])
            #expect(try await Self.values(client, "SELECT id, name, score FROM ds.grow ORDER BY name") == [["1", "a", "0.5"], [nil, "b", nil]])
            // A detected schema adds fields too when the job allows it.
            let detected = try await Self.multipart(
                client,
                Self.job("grow", ["sourceFormat": "NEWLINE_DELIMITED_JSON", "autodetect": true, "schemaUpdateOptions": ["ALLOW_FIELD_ADDITION"]]),
                "{\"id\": 2, \"tag\": \"new\"}\n")
            #expect(detected.json["status"] == ["state": "DONE"], "\(detected.json)")
            #expect(try await Self.values(client, "SELECT tag FROM ds.grow WHERE id = 2") == [["new"]])
            let required = try await Self.multipart(
                client,
                Self.job(
                    "grow",
                    [
                        "schema": ["fields": [["name": "must", "type": "STRING", "mode": "REQUIRED"]]],
                        "schemaUpdateOptions": ["ALLOW_FIELD_ADDITION"],
                    ]),
                "x\n")
            #expect(
                required.json["status"]?["errorResult"]?["message"]?.stringValue?.contains("Cannot add required fields") == true, "\(required.json)")
            let truncating = try await Self.multipart(
                client, Self.job("grow", ["writeDisposition": "WRITE_TRUNCATE", "schemaUpdateOptions": ["ALLOW_FIELD_ADDITION"]]), "1\n")
            #expect(truncating.status == 400, "\(truncating.json)")
            let unknown = try await Self.multipart(client, Self.job("grow", ["schemaUpdateOptions": ["ALLOW_EVERYTHING"]]), "1\n")
            #expect(unknown.status == 400 && unknown.errorMessage?.contains("schemaUpdateOptions") == true, "\(unknown.json)")
        }
    }

    @Test func aResumableUploadTakesItsFileInChunks() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let job = Self.job("chunked", ["schema": Self.schema([("id", "INTEGER")])])
            var location: String?
            let opened = try await client.client.execute(
                uri: "\(Self.uploads)?uploadType=resumable", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: JSONValue.object(job).encodedBytes())
            ) { response in
                location = response.headers[.location]
                return Int(response.status.code)
            }
            #expect(opened == 200)
            let url = try #require(location.flatMap(URL.init(string:)))
            #expect(url.host == "127.0.0.1" || url.host == "localhost")
            let path = url.path + "?" + (url.query ?? "")
            func put(_ bytes: String, range: String) async throws -> (Int, String?, JSONValue) {
                try await client.client.execute(uri: path, method: .put, headers: [.contentRange: range], body: ByteBuffer(string: bytes)) {
                    response in
                    let body = Array(response.body.readableBytesView)
                    return (Int(response.status.code), response.headers[.range], body.isEmpty ? .null : try JSONValue(parsing: body))
                }
            }
            // A range whose length does not fit in an Int is refused, not a crash.
            let huge = try await put("1\n", range: "bytes 0-9223372036854775807/*")
            #expect(huge.0 == 400, "\(huge.2)")
            let first = try await put("1\n2\n", range: "bytes 0-3/*")
            #expect(first.0 == 308 && first.1 == "bytes=0-3")
            // A chunk that does not start where the upload stands is not taken; the reply says where it stands.
            let misplaced = try await put("9\n", range: "bytes 10-11/*")
            #expect(misplaced.0 == 308 && misplaced.1 == "bytes=0-3")
            let status = try await put("", range: "bytes */6")
            #expect(status.0 == 308 && status.1 == "bytes=0-3")
            let last = try await put("3\n", range: "bytes 4-5/6")
            #expect(last.0 == 200, "\(last.2)")
            #expect(last.2["statistics"]?["load"]?["outputRows"] == "3")
            #expect(try await Self.values(client, "SELECT id FROM ds.chunked ORDER BY id") == [["1"], ["2"], ["3"]])
            let finished = try await put("4\n", range: "bytes 6-7/8")
            #expect(finished.0 == 404, "\(finished.2)")
        }
    }

    /// Opens a resumable upload session for `job`, sending `headers` too; the session URL it answers with.
    static func openSession(_ client: EmulatorClient, _ job: JSONObject, headers: HTTPFields = [:]) async throws -> URL {
        var headers = headers
        headers[.contentType] = "application/json"
        let location = try await client.client.execute(
            uri: "\(uploads)?uploadType=resumable", method: .post, headers: headers, body: ByteBuffer(bytes: JSONValue.object(job).encodedBytes())
        ) { response in
            #expect(response.status.code == 200)
            return response.headers[.location]
        }
        return try #require(location.flatMap(URL.init(string:)))
    }

    @Test func resumableSessionsAreBoundedAndTheirURLNamesOnlyAPlainHost() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let job = Self.job("sessions", ["schema": Self.schema([("id", "INTEGER")])])
            var sessions: [URL] = []
            for _ in 0...ResumableUploads.maxSessions { sessions.append(try await Self.openSession(client, job)) }
            func put(_ url: URL, _ body: String, headers: HTTPFields = [:]) async throws -> JSONReply {
                try await Self.send(client, .put, url.path + "?" + (url.query ?? ""), body: Array(body.utf8), headers: headers)
            }
            // Past the bound the oldest session is dropped: the client is told to start again.
            #expect(try await put(sessions[0], "1\n", headers: [.contentRange: "bytes 0-1/2"]).status == 404)
            // A PUT without Content-Range is the whole file.
            let whole = try await put(sessions[1], "1\n2\n")
            #expect(whole.status == 200, "\(whole.json)")
            #expect(whole.json["statistics"]?["load"]?["outputRows"] == "2")
            let newest = try await put(sessions[ResumableUploads.maxSessions], "3\n", headers: [.contentRange: "bytes 0-1/2"])
            #expect(newest.status == 200, "\(newest.json)")
            #expect(try await Self.values(client, "SELECT id FROM ds.sessions ORDER BY id") == [["1"], ["2"], ["3"]])

            // The URL names the host the client called (the test client calls it localhost).
            #expect(sessions[0].host == "localhost", "\(sessions[0])")
        }
        #expect(BigQueryAPI.sessionHost("warehouse.test:8080") == "warehouse.test:8080")
        #expect(BigQueryAPI.sessionHost("[::1]:9050") == "[::1]:9050")
        // Anything else is not echoed back into a URL the client will follow.
        for authority in ["evil.test/phish?x=", "user@evil.test", "evil.test\"><", "", nil] {
            #expect(BigQueryAPI.sessionHost(authority) == "127.0.0.1", "\(authority ?? "nil")")
        }
    }

    @Test func aCreatedTableTakesDestinationTablePropertiesAndLatin1JSONLoadsAsText() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let options: JSONObject = [
                "sourceFormat": "NEWLINE_DELIMITED_JSON", "encoding": "ISO-8859-1", "schema": Self.schema([("name", "STRING")]),
                "destinationTableProperties": ["description": "loaded", "friendlyName": "Loaded rows", "labels": ["team": "data"]],
            ]
            let boundary = "b"
            var body = Array("--\(boundary)\r\n\r\n\(JSONValue.object(Self.job("props", options)).encodedString())\r\n--\(boundary)\r\n\r\n".utf8)
            // "café" and "Ä" in ISO-8859-1: one byte each for é and Ä, which UTF-8 would refuse.
            body += Array("{\"name\": \"caf".utf8) + [0xE9] + Array("\"}\n{\"name\": \"".utf8) + [0xC4] + Array("\"}\r\n--\(boundary)--".utf8)
            let reply = try await Self.send(
                client, .post, "\(Self.uploads)?uploadType=multipart", body: body, headers: [.contentType: "multipart/related; boundary=b"])
            #expect(reply.status == 200 && reply.json["status"]?["errorResult"] == nil, "\(reply.json)")
            #expect(try await Self.values(client, "SELECT name FROM ds.props ORDER BY name") == [["café"], ["Ä"]])
            let table = try await client.get(Fixture.table("ds", "props"))
            #expect(table.json["description"] == "loaded")
            #expect(table.json["friendlyName"] == "Loaded rows")
            #expect(table.json["labels"] == ["team": "data"])
            // Appending to the table leaves its properties as they are.
            var appended = options
            appended["encoding"] = .none
            appended["destinationTableProperties"] = ["description": "other"]
            let again = try await Self.multipart(client, Self.job("props", appended), "{\"name\": \"z\"}")
            #expect(again.json["status"]?["errorResult"] == nil, "\(again.json)")
            #expect(try await client.get(Fixture.table("ds", "props")).json["description"] == "loaded")
        }
    }

    @Test func uploadsPastTheLimitAreRefusedWith413() async throws {
        var configuration = EmulatorConfiguration()
        configuration.maxUploadBytes = 1024
        try await withEmulator(configuration) { client in
            try await Fixture.createDataset(client, "ds")
            let big = String(repeating: "1\n", count: 10_000)
            let reply = try await Self.multipart(client, Self.job("big", ["schema": Self.schema([("id", "INTEGER")])]), big)
            #expect(reply.status == 413, "\(reply.json)")
            #expect(reply.errorMessage?.contains("maxUploadBytes") == true)
            #expect(try await client.get(Fixture.table("ds", "big")).status == 404)
        }
    }

    @Test func malformedUploadsAndConfigurationsAre400s() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let job = Self.job("t", ["autodetect": true])
            let bodies: [(String, HTTPFields, String, String)] = [
                ("\(Self.uploads)", [.contentType: "application/json"], "{}", "uploadType"),
                ("\(Self.uploads)?uploadType=media", [.contentType: "text/csv"], "1\n", "multipart or uploadType=resumable"),
                ("\(Self.uploads)?uploadType=multipart", [.contentType: "text/csv"], "1\n", "multipart/related"),
                ("\(Self.uploads)?uploadType=multipart", [.contentType: "multipart/related; boundary=x"], "no parts", "no part"),
                (
                    "\(Self.uploads)?uploadType=multipart", [.contentType: "multipart/related; boundary=x"],
                    "--x\r\n\r\n\(JSONValue.object(job).encodedString())\r\n--x--", "two parts"
                ),
                (
                    "\(Self.uploads)?uploadType=multipart", [.contentType: "multipart/related; boundary=x"],
                    "--x\r\n\r\n{\"configuration\": {\"query\": {}}}\r\n--x\r\n\r\n1\r\n--x--", "configuration.load"
                ),
            ]
            for (uri, headers, body, expected) in bodies {
                let reply = try await Self.send(client, .post, uri, body: Array(body.utf8), headers: headers)
                #expect(reply.status == 400, "\(uri) \(body): \(reply.json)")
                #expect(reply.errorMessage?.contains(expected) == true, "\(reply.errorMessage ?? "")")
            }
            let configurations: [(JSONObject, String)] = [
                (["sourceUris": ["gs://bucket/file.csv"]], "Cloud Storage"),
                (["sourceFormat": "AVRO"], "AVRO"),
                (["sourceFormat": "XML"], "sourceFormat"),
                (["fieldDelimiter": "ab"], "fieldDelimiter"),
                (["maxBadRecords": -1], "maxBadRecords"),
                (["writeDisposition": "WRITE_SOMETIMES"], "writeDisposition"),
                (["encoding": "UTF-16"], "encoding"),
                (["allowJaggedRows": "yes"], "job.configuration.load.allow_jagged_rows"),
                (["autodetect": 1], "job.configuration.load.autodetect"),
                (["quote": 39], "job.configuration.load.quote"),
                (["skipLeadingRows": "one"], "job.configuration.load.skip_leading_rows"),
            ]
            for (options, expected) in configurations {
                let reply = try await Self.multipart(client, Self.job("t", options), "1\n")
                #expect(reply.status == 400, "\(options): \(reply.json)")
                #expect(reply.errorMessage?.contains(expected) == true, "\(reply.errorMessage ?? "")")
            }
            let direct = try await client.post("/bigquery/v2/projects/\(Fixture.project)/jobs", .object(job))
            #expect(direct.status == 400 && direct.errorMessage?.contains("upload it with the job") == true, "\(direct.json)")
            let unknown = try await Self.send(
                client, .put, "\(Self.uploads)?uploadType=resumable&upload_id=nope", body: Array("1\n".utf8), headers: [.contentRange: "bytes 0-1/2"])
            #expect(unknown.status == 404)
            let nested = try await Self.multipart(
                client, Self.job("n", ["schema": ["fields": [["name": "r", "type": "RECORD", "fields": [["name": "x", "type": "STRING"]]]]]]), "1\n")
            #expect(nested.json["status"]?["errorResult"]?["message"]?.stringValue?.contains("nested or repeated") == true, "\(nested.json)")
        }
    }

    /// gzip-compressed CSV and JSON load as BigQuery loads them: inflated (several members in turn),
    /// held to the upload bound once inflated; a damaged stream fails the job and writes nothing.
    @Test func gzipCompressedFilesLoadInflated() async throws {
        // gzip.compress(..., mtime=0) of "1,a\n2,b\n", "3,c\n", {"n": 4, "s": "d"} and 2,000 lines "5,e".
        let csv: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 51, 212, 73, 228, 50, 210, 73, 226, 2, 0, 169, 116, 43, 113, 8, 0, 0, 0]
        let more: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 51, 214, 73, 230, 2, 0, 173, 230, 136, 92, 4, 0, 0, 0]
        let json: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 202, 83, 178, 82, 48, 209, 81, 80, 42, 6, 210, 74, 41, 74, 181, 92, 0, 175, 61, 244,
            180, 19, 0, 0, 0,
        ]
        let expands: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 237, 195, 49, 13, 0, 0, 8, 3, 176, 31, 45, 188, 147, 52, 255, 22, 16, 66, 155, 52, 219, 137,
            170, 170, 170, 170, 170, 170, 170, 62, 127, 246, 121, 119, 83, 64, 31, 0, 0,
        ]
        let schema: JSONObject = ["schema": ["fields": [["name": "n", "type": "INTEGER"], ["name": "s", "type": "STRING"]]]]
        var configuration = EmulatorConfiguration()
        configuration.maxUploadBytes = 4_000
        try await withEmulator(configuration) { client in
            try await Fixture.createDataset(client, "ds")
            let loaded = try await Self.multipart(client, Self.job("t", schema), bytes: csv + more)
            #expect(loaded.json["status"]?["errorResult"] == nil, "\(loaded.json)")
            #expect(loaded.json["statistics"]?["load"]?["inputFileBytes"] == .string(String(csv.count + more.count)))
            var appendJSON = schema
            appendJSON["sourceFormat"] = "NEWLINE_DELIMITED_JSON"
            appendJSON["writeDisposition"] = "WRITE_APPEND"
            let appended = try await Self.multipart(client, Self.job("t", appendJSON), bytes: json)
            #expect(appended.json["status"]?["errorResult"] == nil, "\(appended.json)")
            #expect(try await Self.values(client, "SELECT n, s FROM ds.t ORDER BY n") == [["1", "a"], ["2", "b"], ["3", "c"], ["4", "d"]])
            // 8,000 bytes inflated from 49, past the 4,000-byte bound; a stream cut short; a stream damaged.
            var damaged = csv
            damaged[12] ^= 0xFF
            for (name, bytes, expected) in [
                ("bomb", expands, "inflates to more than 4000 bytes"), ("truncated", Array(csv.prefix(20)), "corrupt or truncated"),
                ("damaged", damaged, "corrupt or truncated"),
            ] {
                let reply = try await Self.multipart(client, Self.job("bad_\(name)", schema), bytes: bytes)
                #expect(reply.status == 200, "\(name): \(reply.json)")
                #expect(reply.json["status"]?["errorResult"]?["message"]?.stringValue?.contains(expected) == true, "\(name): \(reply.json)")
                #expect(try await client.get(Fixture.table("ds", "bad_\(name)")).status == 404)
            }
        }
    }
}
