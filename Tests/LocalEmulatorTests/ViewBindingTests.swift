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

    /// A view's column drawn by RAND() has one value in each row the query reads, as a derived
    /// table's has (`VolatileValueTests`).
    @Test func aVolatileViewColumnHasOneValuePerRow() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE VIEW ds.draws AS SELECT x, RAND() AS r FROM UNNEST(GENERATE_ARRAY(1, 50)) AS x")
            #expect(try await Self.column(client, "SELECT LOGICAL_AND(r = r) FROM ds.draws") == ["true"])
        }
    }

    /// What a view reads may be gone: the query fails as BigQuery's does, naming the table, not with
    /// SQLite's words for the emulator's storage. A view that would read itself is refused.
    @Test func aViewWhoseTableIsGoneFailsNamingTheTableAndACircleIsRefused() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE TABLE ds.t AS SELECT 1 AS x")
            try await Self.run(client, "CREATE VIEW ds.v AS SELECT x FROM ds.t")
            try await Self.run(client, "DROP TABLE ds.t")
            let gone = try await Self.query(client, "SELECT * FROM ds.v")
            #expect(gone.status == 404)
            #expect(gone.json["error"]?["message"]?.stringValue == "Not found: Table \(Fixture.project):ds.t was not found in location US")
            try await Self.run(client, "CREATE VIEW ds.a AS SELECT 1 AS x")
            try await Self.run(client, "CREATE VIEW ds.b AS SELECT x FROM ds.a")
            let circular = try await Self.query(client, "CREATE OR REPLACE VIEW ds.a AS SELECT x FROM ds.b")
            #expect(circular.status == 400)
            #expect(
                circular.json["error"]?["message"]?.stringValue?.hasPrefix("View \(Fixture.project):ds.a reads itself through other views")
                    == true, "\(circular.json)")
            #expect(try await Self.column(client, "SELECT x FROM ds.b") == ["1"])
            let itself = try await Self.query(client, "CREATE OR REPLACE VIEW ds.b AS SELECT x FROM ds.b")
            #expect(itself.json["error"]?["message"]?.stringValue == "View \(Fixture.project):ds.b reads itself", "\(itself.json)")
        }
    }

    /// The view's columns take the types its tables have now; a column gone from under it is the
    /// error its query would give. (A view used to keep its types from when it was created: "text"
    /// came back typed INT64, which Google's client cannot read.)
    @Test func aViewReadsTheTypesItsTableHasNow() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE TABLE ds.t AS SELECT 1 AS x")
            try await Self.run(client, "CREATE VIEW ds.v AS SELECT x FROM ds.t")
            try await Self.run(client, "CREATE VIEW ds.w AS SELECT CAST(x AS STRING) AS s FROM ds.v")
            try await Self.run(client, "CREATE OR REPLACE TABLE ds.t AS SELECT 'text' AS x")
            let reply = try await Self.query(client, "SELECT x FROM ds.v")
            #expect(reply.json["schema"]?["fields"]?[0]?["type"] == "STRING", "\(reply.json)")
            #expect(ScriptRouteTests.rows(reply) == [["text"]])
            // The same result type, a different translation: a BOOL is cast as BOOL, not as INT64.
            try await Self.run(client, "CREATE OR REPLACE TABLE ds.t AS SELECT TRUE AS x")
            #expect(try await Self.column(client, "SELECT s FROM ds.w") == ["true"])
            try await Self.run(client, "CREATE OR REPLACE TABLE ds.t AS SELECT 2 AS y")
            let missing = try await Self.query(client, "SELECT * FROM ds.v")
            #expect(missing.status == 400)
            #expect(missing.json["error"]?["message"]?.stringValue?.hasPrefix("Unrecognized name: x") == true, "\(missing.json)")
        }
    }

    /// Each view of a query is translated once and given to SQLite once, however often it is read:
    /// twelve levels of views that each read the one below twice is 4,096 reads of the bottom one.
    @Test func viewsReadManyTimesOverAreTranslatedOnce() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE VIEW ds.l0 AS SELECT 1 AS x")
            for level in 1...12 {
                try await Self.run(
                    client, "CREATE VIEW ds.l\(level) AS SELECT a.x + b.x AS x FROM ds.l\(level - 1) AS a CROSS JOIN ds.l\(level - 1) AS b")
            }
            #expect(try await Self.column(client, "SELECT x FROM ds.l12") == ["4096"])
        }
    }

    /// BigQuery nests views up to 16 levels: a deeper one is refused when it is created.
    @Test func viewsNestSixteenLevelsDeep() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE VIEW ds.v1 AS SELECT 1 AS x")
            for level in 2...16 {
                try await Self.run(client, "CREATE VIEW ds.v\(level) AS SELECT x + 1 AS x FROM ds.v\(level - 1)")
            }
            #expect(try await Self.column(client, "SELECT x FROM ds.v16") == ["16"])
            let deeper = try await Self.query(client, "CREATE VIEW ds.v17 AS SELECT x + 1 AS x FROM ds.v16")
            #expect(deeper.status == 400)
            #expect(deeper.json["error"]?["message"]?.stringValue?.contains("16 levels") == true, "\(deeper.json)")
        }
    }

    /// A view read where the query has WITH queries of its own, recursive ones, or inside IFERROR
    /// (whose tried expression SQLite runs as a statement of its own).
    @Test func aViewReadsBesideWithQueriesAndInsideIferror() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE VIEW ds.w AS WITH a AS (SELECT 1 AS x) SELECT x FROM a")
            #expect(
                try await Self.column(
                    client, "WITH RECURSIVE r AS (SELECT x AS n FROM ds.w UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r ORDER BY n")
                    == ["1", "2", "3"])
            #expect(try await Self.column(client, "WITH a AS (SELECT 5 AS x) SELECT a.x + w.x FROM a, ds.w AS w") == ["6"])
            #expect(try await Self.column(client, "SELECT IFERROR((SELECT x FROM ds.w), 0)") == ["1"])
        }
    }

    /// BigQuery bills a query of a view for the table columns the view reads.
    @Test func aQueryOfAViewProcessesTheBytesOfTheTablesUnderIt() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE TABLE ds.t AS SELECT 'abcdef' AS s, 1 AS n UNION ALL SELECT 'ghijkl', 2")
            try await Self.run(client, "CREATE VIEW ds.v AS SELECT s FROM ds.t")
            let direct = try await Self.query(client, "SELECT s FROM ds.t")
            let throughView = try await Self.query(client, "SELECT s FROM ds.v")
            let bytes = direct.json["totalBytesProcessed"]?.stringValue
            #expect(bytes != nil && bytes != "0", "\(direct.json)")
            #expect(throughView.json["totalBytesProcessed"]?.stringValue == bytes, "\(throughView.json)")
        }
    }

    /// CREATE OR REPLACE replaces a view with a view and a table with a table: a view's query never
    /// takes the place of a table's rows (it used to, dropping them), nor a table a view.
    @Test func replacingATableWithAViewOrAViewWithATableIsRefused() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            try await Self.run(client, "CREATE TABLE ds.t AS SELECT 1 AS x")
            try await Self.run(client, "CREATE VIEW ds.v AS SELECT 2 AS x")
            let overTable = try await Self.query(client, "CREATE OR REPLACE VIEW ds.t AS SELECT 3 AS x")
            #expect(overTable.status == 400)
            #expect(
                overTable.json["error"]?["message"]?.stringValue
                    == "\(Fixture.project):ds.t is a table; CREATE OR REPLACE VIEW replaces only a view (use DROP TABLE first)",
                "\(overTable.json)")
            let overView = try await Self.query(client, "CREATE OR REPLACE TABLE ds.v AS SELECT 4 AS x")
            #expect(overView.status == 400)
            #expect(
                overView.json["error"]?["message"]?.stringValue
                    == "\(Fixture.project):ds.v is a view; CREATE OR REPLACE TABLE replaces only a table (use DROP VIEW first)",
                "\(overView.json)")
            #expect(try await Self.column(client, "SELECT x FROM ds.t") == ["1"])
            #expect(try await Self.column(client, "SELECT x FROM ds.v") == ["2"])
            try await Self.run(client, "CREATE OR REPLACE VIEW ds.v AS SELECT 5 AS x")
            try await Self.run(client, "CREATE OR REPLACE TABLE ds.t AS SELECT 6 AS x")
            #expect(try await Self.column(client, "SELECT x FROM ds.v UNION ALL SELECT x FROM ds.t ORDER BY x") == ["5", "6"])
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
