import NIOCore
import Testing
import WireJSON

@testable import LocalEmulator

/// Copy jobs (`jobs.insert` with `configuration.copy`): each write disposition, several sources,
/// failures kept as failed jobs with nothing written, and the job in jobs.get and jobs.list.
@Suite("Copy jobs")
struct CopyJobTests {
    static let jobs = "/bigquery/v2/projects/\(Fixture.project)/jobs"

    static func table(_ id: String) -> JSONValue {
        ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": .string(id)]
    }

    static func copy(_ sources: [String], to destination: String, _ options: JSONObject = [:], jobId: String? = nil) -> JSONValue {
        var copy: JSONObject = ["sourceTables": .array(sources.map(table)), "destinationTable": table(destination)]
        for (key, value) in options.members { copy[key] = value }
        var job: JSONObject = ["configuration": ["copy": .object(copy)]]
        if let jobId { job["jobReference"] = ["projectId": .string(Fixture.project), "jobId": .string(jobId)] }
        return .object(job)
    }

    static func values(_ client: EmulatorClient, _ sql: String) async throws -> [[String?]] {
        let reply = try await client.query(sql)
        #expect(reply.status == 200, "\(sql): \(reply.json)")
        return ScriptRouteTests.rows(reply)
    }

    static func prepare(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client, "ds")
        let created = try await client.query(
            """
            CREATE TABLE ds.src (id INT64, day DATE) PARTITION BY day CLUSTER BY id
              AS SELECT 1 AS id, DATE '2024-01-01' AS day UNION ALL SELECT 2, DATE '2024-01-02';
            CREATE TABLE ds.more AS SELECT 3 AS id, DATE '2024-01-03' AS day;
            CREATE TABLE ds.other AS SELECT 'x' AS name
            """)
        #expect(created.status == 200, "\(created.json)")
    }

    @Test func aCopyCreatesTheDestinationWithTheSourcesRowsAndDefinition() async throws {
        try await withEmulator { client in
            try await Self.prepare(client)
            let reply = try await client.post(Self.jobs, Self.copy(["src", "more"], to: "copied", jobId: "copy_1"))
            #expect(reply.status == 200, "\(reply.json)")
            #expect(reply.json["status"] == ["state": "DONE"])
            #expect(reply.json["configuration"]?["jobType"] == "COPY")
            #expect(reply.json["configuration"]?["copy"]?["writeDisposition"] == "WRITE_EMPTY")
            #expect(reply.json["statistics"]?["copy"]?["copiedRows"] == "3")
            #expect(try await Self.values(client, "SELECT id FROM ds.copied ORDER BY id") == [["1"], ["2"], ["3"]])
            let table = try await client.get("\(Fixture.tables("ds"))/copied")
            #expect(table.json["timePartitioning"]?["field"] == "day")
            #expect(table.json["clustering"]?["fields"] == ["id"])
            #expect(try await client.get("\(Self.jobs)/copy_1").json["statistics"]?["copy"]?["copiedRows"] == "3")
            let listed = try await client.get(Self.jobs).json["jobs"]?.arrayValue ?? []
            #expect(listed.contains { $0["jobReference"]?["jobId"] == "copy_1" && $0["configuration"]?["jobType"] == "COPY" })
            let again = try await client.post(Self.jobs, Self.copy(["src"], to: "x", jobId: "copy_1"))
            #expect(again.status == 409, "\(again.json)")
            let view = try await Self.values(
                client,
                """
                SELECT job_type, state, query, destination_table.table_id, ARRAY_LENGTH(referenced_tables), error_result IS NULL
                FROM `region-us`.INFORMATION_SCHEMA.JOBS WHERE job_id = 'copy_1'
                """)
            #expect(view == [["COPY", "DONE", nil, "copied", "2", "true"]])
        }
    }

    @Test func writeDispositionsEmptyAppendAndTruncate() async throws {
        try await withEmulator { client in
            try await Self.prepare(client)
            #expect(try await client.post(Self.jobs, Self.copy(["src"], to: "dest")).json["status"] == ["state": "DONE"])
            let refused = try await client.post(Self.jobs, Self.copy(["more"], to: "dest"))
            #expect(refused.status == 200)
            #expect(refused.json["status"]?["errorResult"]?["reason"] == "duplicate", "\(refused.json)")
            #expect(refused.json["status"]?["errorResult"]?["message"] == .string("Already Exists: Table \(Fixture.project):ds.dest"))
            let appended = try await client.post(Self.jobs, Self.copy(["more"], to: "dest", ["writeDisposition": "WRITE_APPEND"]))
            #expect(appended.json["status"] == ["state": "DONE"], "\(appended.json)")
            #expect(try await Self.values(client, "SELECT id FROM ds.dest ORDER BY id") == [["1"], ["2"], ["3"]])
            let truncated = try await client.post(Self.jobs, Self.copy(["more"], to: "dest", ["writeDisposition": "WRITE_TRUNCATE"]))
            #expect(truncated.json["status"] == ["state": "DONE"], "\(truncated.json)")
            #expect(try await Self.values(client, "SELECT id FROM ds.dest") == [["3"]])
            // An empty destination takes a WRITE_EMPTY copy.
            #expect(try await client.query("CREATE TABLE ds.empty (id INT64, day DATE)").status == 200)
            #expect(try await client.post(Self.jobs, Self.copy(["more"], to: "empty")).json["status"] == ["state": "DONE"])
            #expect(try await Self.values(client, "SELECT id FROM ds.empty") == [["3"]])
        }
    }

    /// WRITE_EMPTY is decided in the copy's own write: rows another client adds after the copy has
    /// looked at the destination still make it refuse, and the destination keeps only those rows.
    @Test func aWriteEmptyCopyRefusesRowsWrittenAfterItLooked() async throws {
        var configuration = EmulatorConfiguration()
        configuration.beforeCopyWrites = { store in
            let row = ByteBuffer(string: #"{"rows": [{"json": {"id": 9, "day": "2024-02-01"}}]}"#)
            _ = try await store.insertAll(project: Fixture.project, dataset: "ds", table: "target", body: row)
        }
        try await withEmulator(configuration) { client in
            try await Self.prepare(client)
            #expect(try await client.query("CREATE TABLE ds.target (id INT64, day DATE)").status == 200)
            let reply = try await client.post(Self.jobs, Self.copy(["src"], to: "target"))
            #expect(reply.json["status"]?["errorResult"]?["reason"] == "duplicate", "\(reply.json)")
            #expect(reply.json["status"]?["errorResult"]?["message"] == .string("Already Exists: Table \(Fixture.project):ds.target"))
            #expect(try await Self.values(client, "SELECT id FROM ds.target") == [["9"]])
        }
    }

    /// BigQuery copies every partition: a source's partition filter requirement does not apply.
    @Test func sourcesRequiringAPartitionFilterCopyWhole() async throws {
        try await withEmulator { client in
            try await Self.prepare(client)
            #expect(try await client.query("ALTER TABLE ds.src SET OPTIONS (require_partition_filter = true)").status == 200)
            for job in [Self.copy(["src", "src"], to: "twice"), Self.copy(["src"], to: "more", ["writeDisposition": "WRITE_APPEND"])] {
                let reply = try await client.post(Self.jobs, job)
                #expect(reply.json["status"] == ["state": "DONE"], "\(reply.json)")
            }
            // The copy keeps the source's requirement.
            #expect(try await Self.values(client, "SELECT COUNT(*) FROM ds.twice WHERE day >= '2000-01-01'") == [["4"]])
            #expect(try await Self.values(client, "SELECT COUNT(*) FROM ds.more") == [["3"]])
            // Queries still need the filter.
            #expect(try await client.query("SELECT COUNT(*) FROM ds.src").status == 400)
        }
    }

    @Test func aFailedCopyIsAFailedJobAndWritesNothing() async throws {
        try await withEmulator { client in
            try await Self.prepare(client)
            for (job, reason, message) in [
                (Self.copy(["nope"], to: "dest"), "notFound", "Not found: Table \(Fixture.project):ds.nope"),
                (Self.copy(["src"], to: "dest", ["createDisposition": "CREATE_NEVER"]), "notFound", "Not found: Table \(Fixture.project):ds.dest"),
                (Self.copy(["src", "other"], to: "dest"), "invalid", "Copy sources must have the same schema"),
                (Self.copy(["other"], to: "more", ["writeDisposition": "WRITE_APPEND"]), "invalidQuery", ""),
            ] {
                let reply = try await client.post(Self.jobs, job)
                #expect(reply.status == 200, "\(reply.json)")
                #expect(reply.json["status"]?["state"] == "DONE")
                #expect(reply.json["status"]?["errorResult"]?["reason"] == .string(reason), "\(reply.json)")
                #expect(reply.json["status"]?["errorResult"]?["message"]?.stringValue?.hasPrefix(message) == true)
                #expect(reply.json["statistics"]?["copy"] == nil)
            }
            #expect(try await client.get("\(Fixture.tables("ds"))/dest").status == 404)
            #expect(try await Self.values(client, "SELECT id FROM ds.more") == [["3"]])
        }
    }

    @Test func badCopyConfigurationsAreRefusedWithA400() async throws {
        try await withEmulator { client in
            try await Self.prepare(client)
            let noDestination: JSONValue = ["configuration": ["copy": ["sourceTable": Self.table("src")]]]
            for (job, message) in [
                (noDestination, "Required parameter is missing: destinationTable"),
                (["configuration": ["copy": ["destinationTable": Self.table("d")]]], "Required parameter is missing: sourceTable"),
                (Self.copy(["src"], to: "d", ["writeDisposition": "WRITE_SOMETIMES"]), "Invalid value for writeDisposition: WRITE_SOMETIMES"),
                (Self.copy(["src"], to: "d", ["operationType": "SNAPSHOT"]), "Unsupported: copy jobs of operationType SNAPSHOT"),
                (Self.copy(["src"], to: "src"), "cannot be the same table"),
                (Self.copy(Array(repeating: "src", count: 501), to: "d"), "more than 500 source tables"),
                (Self.copy(["src"], to: "bad`name"), "Invalid table ID"),
                (["configuration": ["copy": ["sourceTable": "src", "destinationTable": Self.table("d")]]], "source_table"),
                (["configuration": ["extract": ["sourceTable": Self.table("src")]]], "Only query, copy and load jobs are supported"),
            ] {
                let reply = try await client.post(Self.jobs, job)
                #expect(reply.status == 400, "\(job)")
                #expect(reply.errorMessage?.contains(message) == true, "\(reply.errorMessage ?? "")")
            }
        }
    }
}
