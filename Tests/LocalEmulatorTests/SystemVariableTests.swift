import Testing
import WireJSON

@testable import LocalEmulator

/// `@@` system variables: read by a single query as by a script, and `SET @@dataset_id` moving a
/// script's default dataset.
@Suite("System variables")
struct SystemVariableTests {
    /// A single statement used to answer "Unsupported: system variable @@project_id"; only scripts had them.
    @Test func aSingleQueryReadsTheSystemVariables() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let reply = try await client.query("SELECT @@project_id, @@dataset_id, @@time_zone, @@location")
            #expect(reply.status == 200, "\(reply.json)")
            #expect(ScriptRouteTests.rows(reply) == [[Fixture.project, nil, "UTC", "US"]])
        }
    }

    @Test func setDatasetIdNamesTheDatasetOfBareTableNamesAfterIt() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let script = "SET @@dataset_id = 'ds'; CREATE TABLE t (x INT64); INSERT t VALUES (7); SELECT x, @@dataset_id FROM t"
            let reply = try await client.query(script)
            #expect(reply.status == 200, "\(reply.json)")
            #expect(ScriptRouteTests.rows(reply) == [["7", "ds"]])
            #expect(ScriptRouteTests.rows(try await client.query("SELECT x FROM ds.t")) == [["7"]])
        }
    }

    /// `SET @@time_zone`: the statements after it read TIMESTAMPs' civil parts, and TIMESTAMP text
    /// without a zone, in that zone; the ones before it in UTC.
    @Test func setTimeZoneIsTheDefaultZoneOfTheStatementsAfterIt() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let script = """
                CREATE TABLE ds.t (ts TIMESTAMP);
                INSERT ds.t VALUES (TIMESTAMP '2024-01-15 00:00:00');
                SET @@time_zone = 'America/Los_Angeles';
                INSERT ds.t VALUES (TIMESTAMP '2024-01-15 00:00:00');
                SELECT @@time_zone, CAST(ts AS STRING), EXTRACT(HOUR FROM ts), DATE(ts), UNIX_SECONDS(ts) FROM ds.t ORDER BY ts
                """
            let reply = try await client.query(script)
            #expect(reply.status == 200, "\(reply.json)")
            #expect(
                ScriptRouteTests.rows(reply) == [
                    ["America/Los_Angeles", "2024-01-14 16:00:00-08", "16", "2024-01-14", "1705276800"],
                    ["America/Los_Angeles", "2024-01-15 00:00:00-08", "0", "2024-01-15", "1705305600"],
                ])
            // Each job starts in UTC again.
            #expect(
                ScriptRouteTests.rows(try await client.query("SELECT @@time_zone, CAST(MIN(ts) AS STRING) FROM ds.t")) == [
                    ["UTC", "2024-01-15 00:00:00+00"]
                ])
        }
    }

    /// The `time_zone` connection property (the clients' `ConnectionProperty("time_zone", ...)`) is
    /// the job's default time zone, in a single query and as a script's first @@time_zone.
    @Test func theTimeZoneConnectionPropertyIsTheJobsDefaultZone() async throws {
        try await withEmulator { client in
            let path = "/bigquery/v2/projects/\(Fixture.project)/queries"
            let tokyo: JSONValue = [["key": "time_zone", "value": "Asia/Tokyo"]]
            for sql in [
                "SELECT @@time_zone, EXTRACT(HOUR FROM TIMESTAMP '2024-01-15 05:00:00+00')",
                "SELECT 1; SELECT @@time_zone, EXTRACT(HOUR FROM TIMESTAMP '2024-01-15 05:00:00+00')",
            ] {
                let reply = try await client.post(path, ["query": .string(sql), "useLegacySql": false, "connectionProperties": tokyo])
                #expect(reply.status == 200, "\(reply.json)")
                #expect(ScriptRouteTests.rows(reply) == [["Asia/Tokyo", "14"]], "\(sql)")
            }
            let refused = try await client.post(
                path, ["query": "SELECT 1", "useLegacySql": false, "connectionProperties": [["key": "time_zone", "value": "Nowhere/Else"]]])
            #expect(refused.status == 400)
            #expect(refused.errorMessage == "Invalid time zone: Nowhere/Else")
            // A huge name is not echoed whole; a malformed list is refused.
            let huge = try await client.post(
                path,
                [
                    "query": "SELECT 1", "useLegacySql": false,
                    "connectionProperties": [["key": "time_zone", "value": .string(String(repeating: "x", count: 100_000))]],
                ])
            #expect(huge.status == 400)
            #expect((huge.errorMessage?.utf8.count ?? 0) < 200)
            let malformed = try await client.post(path, ["query": "SELECT 1", "useLegacySql": false, "connectionProperties": ["key": "time_zone"]])
            #expect(malformed.status == 400)
        }
    }

    @Test(arguments: [
        ("SET @@project_id = 'p'", "System variable @@project_id is read-only"),
        ("SET @@query_label = 'a:b'", "Unsupported: SET @@query_label is not supported by the local emulator"),
        ("SET @@time_zone = 'Mars/Olympus_Mons'", "Invalid time zone: Mars/Olympus_Mons"),
        ("SET @@time_zone = NULL", "System variable @@time_zone must be set to a non-NULL, non-empty STRING"),
        ("SET @@dataset_id = NULL", "System variable @@dataset_id must be set to a non-NULL, non-empty STRING"),
        ("SET @@no_such_variable = 1", "Unrecognized system variable name: @@no_such_variable"),
        (
            "SET @@dataset_id = 'ds\"; DROP'",
            "Invalid dataset ID \"ds\"; DROP\". Dataset IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long."
        ),
    ])
    func variablesTheEmulatorDoesNotModelAreRefused(sql: String, message: String) async throws {
        try await withEmulator { client in
            let reply = try await client.query(sql)
            #expect(reply.status == 400)
            #expect(reply.errorMessage == message)
        }
    }
}
