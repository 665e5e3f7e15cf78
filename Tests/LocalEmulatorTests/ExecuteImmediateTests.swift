import Testing
import WireJSON

/// `EXECUTE IMMEDIATE ... [INTO ...] USING ...`: the values USING gives are the dynamic statement's
/// query parameters, by position (`?`) or by name (`@name`). The first test is the example of
/// BigQuery's procedural language reference (its `Books` table).
@Suite("EXECUTE IMMEDIATE with USING")
struct ExecuteImmediateTests {
    @Test func usingBindsPositionalAndNamedValuesAsTheReferenceShows() async throws {
        try await withEmulator { client in
            let script = """
                DECLARE book_name STRING DEFAULT 'Ulysses';
                DECLARE book_year INT64 DEFAULT 1922;
                DECLARE first_date INT64;
                EXECUTE IMMEDIATE "CREATE TEMP TABLE Books (title STRING, publish_date INT64)";
                EXECUTE IMMEDIATE "INSERT INTO Books (title, publish_date) VALUES('Hamlet', 1599)";
                EXECUTE IMMEDIATE "INSERT INTO Books (title, publish_date) VALUES(?, ?)" USING book_name, book_year;
                EXECUTE IMMEDIATE "INSERT INTO Books (title, publish_date) VALUES(@name, @year)" USING 1815 as year, "Emma" as name;
                EXECUTE IMMEDIATE CONCAT("INSERT INTO Books (title, publish_date)", "VALUES('Middlemarch', 1871)");
                EXECUTE IMMEDIATE "SELECT publish_date FROM Books LIMIT 1" INTO first_date;
                SELECT title, publish_date, first_date FROM Books ORDER BY publish_date
                """
            let reply = try await ScriptRouteTests.query(client, script)
            #expect(
                ScriptRouteTests.rows(reply) == [
                    ["Hamlet", "1599", "1599"], ["Emma", "1815", "1599"], ["Middlemarch", "1871", "1599"], ["Ulysses", "1922", "1599"],
                ], "\(reply.json)")
        }
    }

    @Test func usingValuesKeepTheirTypesAndMayBeAnyExpression() async throws {
        try await withEmulator { client in
            let typed = try await ScriptRouteTests.query(
                client,
                """
                EXECUTE IMMEDIATE 'SELECT ARRAY_LENGTH(?), @d + 1, @s.a, ? IS NULL'
                USING [1, 2, 3], DATE '2024-02-28' AS d, STRUCT(7 AS a) AS s, CAST(NULL AS STRING)
                """)
            // Named and positional may not mix: the check comes before anything runs.
            #expect(typed.json["error"]?["message"]?.stringValue?.contains("cannot mix named") == true, "\(typed.json)")
            let positional = try await ScriptRouteTests.query(
                client,
                "EXECUTE IMMEDIATE 'SELECT ARRAY_LENGTH(?), ? + 1, ?.a, ? IS NULL' USING [1, 2, 3], (SELECT 41), STRUCT(7 AS a), CAST(NULL AS STRING)"
            )
            #expect(ScriptRouteTests.rows(positional) == [["3", "42", "7", "true"]], "\(positional.json)")
            let named = try await ScriptRouteTests.query(
                client, "EXECUTE IMMEDIATE 'SELECT @d + 1, @s.a' USING DATE '2024-02-28' AS d, STRUCT(7 AS a) AS s")
            #expect(ScriptRouteTests.rows(named) == [["2024-02-29", "7"]], "\(named.json)")
        }
    }

    @Test func aMissingOrRepeatedParameterIsA400() async throws {
        try await withEmulator { client in
            let missing = try await ScriptRouteTests.query(client, "EXECUTE IMMEDIATE 'SELECT ? + ?' USING 1")
            #expect(missing.status == 400)
            #expect(missing.json["error"]?["message"]?.stringValue?.hasPrefix("Query parameter number 2 is not defined") == true, "\(missing.json)")
            let twice = try await ScriptRouteTests.query(client, "EXECUTE IMMEDIATE 'SELECT @a' USING 1 AS a, 2 AS A")
            #expect(twice.status == 400)
            #expect(twice.json["error"]?["message"]?.stringValue == "EXECUTE IMMEDIATE ... USING names the parameter A twice", "\(twice.json)")
            let empty = try await ScriptRouteTests.query(client, "EXECUTE IMMEDIATE 'SELECT ?' USING")
            #expect(empty.status == 400)
            // The values belong to that one statement: the next one does not see them.
            let after = try await ScriptRouteTests.query(client, "EXECUTE IMMEDIATE 'SELECT @a' USING 1 AS a; SELECT @a")
            #expect(after.json["error"]?["message"]?.stringValue?.hasPrefix("Query parameter 'a' not found") == true, "\(after.json)")
        }
    }
}
