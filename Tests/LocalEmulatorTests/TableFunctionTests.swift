import Testing
import WireJSON

@testable import LocalEmulator

/// Table functions: `CREATE TABLE FUNCTION dataset.f(...) AS (query)` (or routines.insert with
/// routineType TABLE_VALUED_FUNCTION), read anywhere a table can be, as the table functions page
/// describes them (https://cloud.google.com/bigquery/docs/table-functions).
@Suite("Table functions")
struct TableFunctionTests {
    /// The page's usa_names, in miniature.
    static func names(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client, "ds")
        let created = try await client.query(
            """
            CREATE TABLE ds.names AS
            SELECT 1950 AS year, 'James' AS name, 5 AS number UNION ALL SELECT 1950, 'Mary', 3
            UNION ALL SELECT 1950, 'James', 2 UNION ALL SELECT 1951, 'James', 7
            """)
        precondition(created.status == 200, "\(created.json)")
    }

    @Test func aTableFunctionIsReadWhereATableCanBe() async throws {
        try await withEmulator { client in
            try await Self.names(client)
            let created = try await client.query(
                """
                CREATE OR REPLACE TABLE FUNCTION ds.names_by_year(y INT64)
                AS (
                  SELECT year, name, SUM(number) AS total
                  FROM ds.names
                  WHERE year = y
                  GROUP BY year, name
                )
                """)
            #expect(created.status == 200, "\(created.json)")
            let read = try await client.query("SELECT * FROM ds.names_by_year(1950) ORDER BY total DESC LIMIT 5")
            #expect(ScriptRouteTests.rows(read) == [["1950", "James", "7"], ["1950", "Mary", "3"]], "\(read.json)")
            #expect(read.json["schema"]?["fields"]?.arrayValue?.map { $0["name"]?.stringValue } == ["year", "name", "total"])
            let joined = try await client.query(
                "SELECT n.name, n.total FROM ds.names AS s JOIN ds.names_by_year(1951) AS n ON n.name = s.name AND s.year = 1951")
            #expect(ScriptRouteTests.rows(joined) == [["James", "7"]], "\(joined.json)")
            let nested = try await client.query("SELECT ARRAY(SELECT name FROM ds.names_by_year(1950) ORDER BY total DESC LIMIT 5) AS a")
            #expect(nested.status == 200, "\(nested.json)")
            let parameter = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries",
                [
                    "query": .string("SELECT COUNT(*) FROM `\(Fixture.project).ds.names_by_year`(@y)"), "useLegacySql": false,
                    "queryParameters": [["name": "y", "parameterType": ["type": "INT64"], "parameterValue": ["value": "1951"]]],
                ])
            #expect(ScriptRouteTests.rows(parameter) == [["1"]], "\(parameter.json)")
            _ = try await client.query("CREATE VIEW ds.recent AS SELECT name FROM ds.names_by_year(1951)")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT * FROM ds.recent")) == [["James"]])

            let scalar = try await client.query("SELECT ds.names_by_year(1950)")
            #expect(
                scalar.errorMessage?.hasPrefix("Table-valued function \(Fixture.project).ds.names_by_year cannot be called in an expression") == true)
            let missing = try await client.query("SELECT * FROM ds.no_such_function(1)")
            #expect(missing.errorMessage == "Table-valued function not found: ds.no_such_function at [1:15]")
            let wrongType = try await client.query("SELECT * FROM ds.names_by_year('1950')")
            #expect(wrongType.errorMessage?.hasPrefix("No matching signature for function \(Fixture.project).ds.names_by_year") == true)
            let correlated = try await client.query("SELECT (SELECT COUNT(*) FROM ds.names_by_year(s.year)) FROM ds.names AS s")
            #expect(correlated.status == 400, "\(correlated.json)")
        }
    }

    @Test func aColumnNamedLikeAParameterMeansTheColumnAndDeclaredColumnsAreChecked() async throws {
        try await withEmulator { client in
            try await Self.names(client)
            // As the page warns: `year = year` compares the column with itself.
            _ = try await client.query("CREATE TABLE FUNCTION ds.shadowed(year INT64) AS (SELECT name FROM ds.names WHERE year = year)")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT COUNT(*) FROM ds.shadowed(1)")) == [["4"]])

            let typed = try await client.query(
                "CREATE TABLE FUNCTION ds.typed(y INT64) RETURNS TABLE<who STRING, total INT64> AS SELECT name, SUM(number) FROM ds.names WHERE year = y GROUP BY name"
            )
            #expect(typed.status == 200, "\(typed.json)")
            let read = try await client.query("SELECT who, total FROM ds.typed(1950) ORDER BY who")
            #expect(ScriptRouteTests.rows(read) == [["James", "7"], ["Mary", "3"]], "\(read.json)")
            let mismatch = try await client.query("CREATE TABLE FUNCTION ds.bad(y INT64) RETURNS TABLE<name STRING> AS (SELECT 1 AS name)")
            #expect(mismatch.status == 400)
            #expect(
                mismatch.errorMessage?.hasPrefix(
                    "Table function \(Fixture.project).ds.bad declares column name as STRING but its query returns INT64") == true)
            let templated = try await client.query("CREATE TABLE FUNCTION ds.twice(v ANY TYPE) AS (SELECT v AS v, v * 2 AS w)")
            #expect(templated.status == 200)
            #expect(ScriptRouteTests.rows(try await client.query("SELECT * FROM ds.twice(2.5)")) == [["2.5", "5"]])
            let recursive = try await client.query("CREATE OR REPLACE TABLE FUNCTION ds.twice(v INT64) AS (SELECT * FROM ds.twice(v))")
            #expect(recursive.status == 400, "\(recursive.json)")

            let routines = try await client.query(
                "SELECT routine_name, routine_type, data_type FROM ds.INFORMATION_SCHEMA.ROUTINES ORDER BY routine_name")
            #expect(
                ScriptRouteTests.rows(routines) == [
                    ["shadowed", "TABLE FUNCTION", nil], ["twice", "TABLE FUNCTION", nil],
                    ["typed", "TABLE FUNCTION", "TABLE<who STRING, total INT64>"],
                ], "\(routines.json)")
            #expect(try await client.query("DROP TABLE FUNCTION ds.twice").status == 200)
            #expect(try await client.query("SELECT * FROM ds.twice(1)").status == 400)
            #expect(try await client.query("DROP TABLE FUNCTION IF EXISTS ds.twice").status == 200)
        }
    }

    @Test func aTableFunctionsBodyPassesItsParametersToTheTableFunctionsItReads() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE FUNCTION ds.base(x INT64) AS (SELECT x AS v)")
            let chained = try await client.query("CREATE TABLE FUNCTION ds.next(x INT64) AS (SELECT v + 1 AS v FROM ds.base(x * 10))")
            #expect(chained.status == 200, "\(chained.json)")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT v FROM ds.next(4)")) == [["41"]])
            // And a SQL function's body passes its parameters the same way.
            let function = try await client.query("CREATE TEMP FUNCTION top(y INT64) AS ((SELECT MAX(v) FROM ds.next(y))); SELECT top(7)")
            #expect(ScriptRouteTests.rows(function) == [["71"]], "\(function.json)")
        }
    }

    @Test func routinesInsertStoresATableFunctionWithItsReturnTableType() async throws {
        try await withEmulator { client in
            try await Self.names(client)
            let body: JSONValue = [
                "routineReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "routineId": "by_name"],
                "routineType": "TABLE_VALUED_FUNCTION", "language": "SQL",
                "definitionBody": "SELECT year, number FROM ds.names WHERE name = who",
                "arguments": [["name": "who", "dataType": ["typeKind": "STRING"]]],
                "returnTableType": [
                    "columns": [["name": "year", "type": ["typeKind": "INT64"]], ["name": "number", "type": ["typeKind": "INT64"]]]
                ],
            ]
            let inserted = try await client.post(RoutineTests.routines(), body)
            #expect(inserted.status == 200, "\(inserted.json)")
            #expect(inserted.json["returnTableType"] == body["returnTableType"])
            let read = try await client.query("SELECT SUM(number) FROM ds.by_name('James')")
            #expect(ScriptRouteTests.rows(read) == [["14"]], "\(read.json)")

            guard case .object(var refused) = body else { return }
            refused["routineReference"] = ["projectId": .string(Fixture.project), "datasetId": "ds", "routineId": "refused"]
            refused["returnType"] = ["typeKind": "INT64"]
            #expect(
                try await client.post(RoutineTests.routines(), .object(refused)).errorMessage
                    == "A table function has a returnTableType, not a returnType")
            refused["returnType"] = nil
            refused["returnTableType"] = ["columns": [["name": "year", "type": ["typeKind": "STRING"]]]]
            let mismatch = try await client.post(RoutineTests.routines(), .object(refused))
            #expect(mismatch.status == 400)
            #expect(mismatch.errorMessage?.contains("declares 1 column(s) but its query returns 2") == true, "\(mismatch.json)")
        }
    }
}
