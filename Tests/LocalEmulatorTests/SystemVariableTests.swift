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

    @Test(arguments: [
        ("SET @@project_id = 'p'", "System variable @@project_id is read-only"),
        ("SET @@time_zone = 'America/New_York'", "Unsupported: SET @@time_zone is not supported by the local emulator"),
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
