import Testing
import WireJSON

/// A BigQuery view names the tables and views it reads, and each query of it reads them as they are
/// then: replacing or re-creating one of them changes what the view reads, never breaks it. The
/// emulator's views read a table's storage by a name that used to change with every CREATE, so a
/// view over a replaced table answered "no such table: main.bqt_…".
@Suite("Views read what their names name now")
struct ViewBindingTests {
    static func query(_ client: EmulatorClient, _ sql: String) async throws -> JSONReply {
        try await ScriptRouteTests.query(client, sql)
    }

    static func column(_ client: EmulatorClient, _ sql: String) async throws -> [String?] {
        let reply = try await query(client, sql)
        guard reply.status == 200 else {
            Issue.record("\(sql): \(reply.json)")
            return []
        }
        return ScriptRouteTests.rows(reply).map { $0.first ?? nil }
    }

    static func run(_ client: EmulatorClient, _ sql: String) async throws {
        let reply = try await query(client, sql)
        #expect(reply.status == 200, "\(sql): \(reply.json)")
    }

    @Test func aViewReadsATableReplacedOrRecreatedUnderIt() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE TABLE ds.t AS SELECT 1 AS x")
            try await Self.run(client, "CREATE VIEW ds.v AS SELECT x * 10 AS y FROM ds.t")
            try await Self.run(client, "CREATE OR REPLACE TABLE ds.t AS SELECT 2 AS x UNION ALL SELECT 3")
            #expect(try await Self.column(client, "SELECT y FROM ds.v ORDER BY y") == ["20", "30"])
            try await Self.run(client, "DROP TABLE ds.t")
            try await Self.run(client, "CREATE TABLE ds.t (x INT64); INSERT ds.t VALUES (4)")
            #expect(try await Self.column(client, "SELECT y FROM ds.v") == ["40"])
        }
    }

    @Test func aViewReadsAViewReplacedUnderIt() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE VIEW ds.a AS SELECT 1 AS x")
            try await Self.run(client, "CREATE VIEW ds.b AS SELECT x + 1 AS x FROM ds.a")
            try await Self.run(client, "CREATE OR REPLACE VIEW ds.a AS SELECT 10 AS x")
            #expect(try await Self.column(client, "SELECT x FROM ds.b") == ["11"])
        }
    }

    /// What a view reads may be gone or changed past its use: the query fails with a 400 that says
    /// so, not with SQLite's words for the emulator's storage.
    @Test func aViewWhoseTableIsGoneFailsNamingTheView() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE TABLE ds.t AS SELECT 1 AS x")
            try await Self.run(client, "CREATE VIEW ds.v AS SELECT x FROM ds.t")
            try await Self.run(client, "DROP TABLE ds.t")
            let gone = try await Self.query(client, "SELECT * FROM ds.v")
            #expect(gone.status == 400)
            let message = gone.json["error"]?["message"]?.stringValue ?? ""
            #expect(message.hasPrefix("A view this query reads"), "\(message)")
            #expect(!message.contains("bqt_"))
            try await Self.run(client, "CREATE VIEW ds.a AS SELECT 1 AS x")
            try await Self.run(client, "CREATE VIEW ds.b AS SELECT x FROM ds.a")
            try await Self.run(client, "CREATE OR REPLACE VIEW ds.a AS SELECT x FROM ds.b")
            let circular = try await Self.query(client, "SELECT * FROM ds.a")
            #expect(circular.status == 400)
            #expect(circular.json["error"]?["message"]?.stringValue?.hasPrefix("A view this query reads") == true, "\(circular.json)")
        }
    }

    /// Views over views, ten deep, as layered models build them. (Expanding each view's translation
    /// as a nested subquery overflowed SQLite's parser past six.)
    @Test func aChainOfViewsTenDeepReads() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE VIEW ds.v0 AS SELECT 1 AS x")
            for level in 1...10 {
                try await Self.run(client, "CREATE VIEW ds.v\(level) AS SELECT x + 1 AS x FROM ds.v\(level - 1)")
            }
            #expect(try await Self.column(client, "SELECT x FROM ds.v10") == ["11"])
        }
    }
}
