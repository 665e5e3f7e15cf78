import Testing
import WireJSON

@testable import LocalEmulator

/// Stored procedures: `CREATE PROCEDURE dataset.p(...) BEGIN ... END` (or routines.insert with
/// routineType PROCEDURE) and `CALL dataset.p(...)`, as the procedures page describes them
/// (https://cloud.google.com/bigquery/docs/procedures).
@Suite("Stored procedures and CALL")
struct ProcedureTests {
    @Test func callRunsTheBodyAndCopiesOutAndInoutArgumentsBack() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE ds.log (msg STRING, n INT64)")
            let created = try await client.query(
                """
                CREATE PROCEDURE ds.add_log(msg STRING, IN n INT64, OUT total INT64, INOUT counter INT64)
                OPTIONS(description = 'logs a message')
                BEGIN
                  INSERT ds.log VALUES (msg, n);
                  SET total = (SELECT SUM(n) FROM ds.log);
                  SET counter = counter + 1;
                END
                """)
            #expect(created.status == 200, "\(created.json)")
            let called = try await client.query(
                """
                DECLARE total INT64;
                DECLARE calls INT64 DEFAULT 10;
                CALL ds.add_log('a', 5, total, calls);
                CALL ds.add_log('b', 7, total, calls);
                SELECT total, calls
                """)
            #expect(ScriptRouteTests.rows(called) == [["12", "12"]], "\(called.json)")
            let log = try await client.query("SELECT msg, n FROM ds.log ORDER BY n")
            #expect(ScriptRouteTests.rows(log) == [["a", "5"], ["b", "7"]])

            let routine = try await client.get("\(RoutineTests.routines())/add_log")
            #expect(routine.json["routineType"] == "PROCEDURE")
            #expect(routine.json["description"] == "logs a message")
            #expect(routine.json["arguments"]?[2] == ["name": "total", "mode": "OUT", "dataType": ["typeKind": "INT64"]])
            #expect(routine.json["definitionBody"]?.stringValue?.contains("SET counter = counter + 1;") == true)

            let literalOut = try await client.query("CALL ds.add_log('x', 1, 2, 3)")
            #expect(literalOut.status == 400)
            #expect(
                literalOut.errorMessage?.hasPrefix("The OUT argument total of procedure \(Fixture.project).ds.add_log must be a declared variable")
                    == true)
            let wrongCount = try await client.query("CALL ds.add_log('x')")
            #expect(wrongCount.errorMessage?.hasPrefix("Procedure \(Fixture.project).ds.add_log takes 4 argument(s), but 1 were given") == true)
            let wrongType = try await client.query("DECLARE t INT64; DECLARE c INT64; CALL ds.add_log('x', 'one', t, c)")
            #expect(wrongType.status == 400, "\(wrongType.json)")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT COUNT(*) FROM ds.log")) == [["2"]])
            #expect(try await client.query("CALL ds.missing()").status == 404)
        }
    }

    @Test func aProcedureSeesOnlyItsArgumentsAndReturnEndsOnlyTheProcedure() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE PROCEDURE ds.reads_outer() BEGIN SELECT outer_variable; END")
            let outer = try await client.query("DECLARE outer_variable INT64 DEFAULT 1; CALL ds.reads_outer()")
            #expect(outer.status == 400)
            #expect(outer.errorMessage?.contains("Unrecognized name: outer_variable") == true, "\(outer.json)")
            _ = try await client.query("CREATE PROCEDURE ds.early() BEGIN SELECT 1 AS a; RETURN; SELECT 2 AS a; END")
            let early = try await client.query("CALL ds.early(); SELECT 'after' AS s")
            #expect(ScriptRouteTests.rows(early) == [["after"]], "\(early.json)")
            #expect(ScriptRouteTests.rows(try await client.query("CALL ds.early()")) == [["1"]])
            // A procedure's failure reaches the caller's exception handler, and its own handler works.
            _ = try await client.query(
                "CREATE PROCEDURE ds.fails() BEGIN SELECT ERROR('inner failure'); END")
            let handled = try await client.query(
                "BEGIN CALL ds.fails(); EXCEPTION WHEN ERROR THEN SELECT @@error.message AS m; END")
            #expect(ScriptRouteTests.rows(handled) == [["inner failure"]], "\(handled.json)")
            _ = try await client.query(
                "CREATE PROCEDURE ds.handles() BEGIN SELECT 1/0; EXCEPTION WHEN ERROR THEN SELECT 'caught' AS m; END")
            #expect(ScriptRouteTests.rows(try await client.query("CALL ds.handles()")) == [["caught"]])
        }
    }

    @Test func recursionIsBoundedAndDropProcedureRemovesIt() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query(
                "CREATE PROCEDURE ds.countdown(n INT64) BEGIN IF n > 0 THEN CALL ds.countdown(n - 1); END IF; SELECT n AS last; END")
            #expect(ScriptRouteTests.rows(try await client.query("CALL ds.countdown(20)")) == [["20"]])
            let deep = try await client.query("CALL ds.countdown(1000)")
            #expect(deep.status == 400)
            #expect(deep.errorMessage?.hasPrefix("Unsupported: procedure calls nested more than 50 levels deep") == true, "\(deep.json)")

            #expect(try await client.query("SELECT ds.countdown(1)").errorMessage?.hasPrefix("Function not found: ds.countdown") == true)
            _ = try await client.query("CREATE FUNCTION ds.f(x INT64) AS (x)")
            #expect(try await client.query("CALL ds.f(1)").errorMessage?.hasSuffix("is a function, not a procedure; call it in a query") == true)
            #expect(try await client.query("DROP PROCEDURE ds.f").status == 400)
            #expect(try await client.query("DROP PROCEDURE ds.countdown").status == 200)
            #expect(try await client.query("CALL ds.countdown(1)").status == 404)
            #expect(try await client.query("DROP PROCEDURE ds.countdown").status == 404)
            #expect(try await client.query("DROP PROCEDURE IF EXISTS ds.countdown").status == 200)
            let syntax = try await client.query("CREATE PROCEDURE ds.bad(x INT64) BEGIN SELEC 1; END")
            #expect(syntax.status == 400)
            #expect(syntax.errorMessage?.hasPrefix("Syntax error") == true)
            let inTransaction = try await client.query("BEGIN TRANSACTION; CREATE PROCEDURE ds.p() BEGIN SELECT 1; END; COMMIT;")
            #expect(inTransaction.errorMessage?.hasPrefix("CREATE PROCEDURE on a permanent procedure is not supported inside a transaction") == true)
        }
    }

    @Test func routinesInsertStoresAProcedureThatCallRuns() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let body: JSONValue = [
                "routineReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "routineId": "double_it"],
                "routineType": "PROCEDURE", "language": "SQL",
                "definitionBody": "SET x = x * 2;",
                "arguments": [["name": "x", "mode": "INOUT", "dataType": ["typeKind": "INT64"]]],
            ]
            let inserted = try await client.post(RoutineTests.routines(), body)
            #expect(inserted.status == 200, "\(inserted.json)")
            #expect(ScriptRouteTests.rows(try await client.query("DECLARE v INT64 DEFAULT 21; CALL ds.double_it(v); SELECT v")) == [["42"]])
            let routines = try await client.query(
                "SELECT routine_name, routine_type, ddl FROM ds.INFORMATION_SCHEMA.ROUTINES")
            #expect(
                ScriptRouteTests.rows(routines) == [
                    ["double_it", "PROCEDURE", "CREATE PROCEDURE `\(Fixture.project).ds.double_it`(INOUT x INT64)\nBEGIN\nSET x = x * 2;\nEND;"]
                ], "\(routines.json)")
            let parameters = try await client.query("SELECT parameter_mode, parameter_name, data_type FROM ds.INFORMATION_SCHEMA.PARAMETERS")
            #expect(ScriptRouteTests.rows(parameters) == [["INOUT", "x", "INT64"]])

            let refusals: [RoutineTests.Refusal] = [
                .init("definitionBody", "SELEC 1", "Syntax error"),
                .init("returnType", ["typeKind": "INT64"], "A procedure has no returnType"),
                .init("arguments", [["name": "x", "argumentKind": "ANY_TYPE"]], "procedure arguments of ANY_TYPE"),
                .init("arguments", [["name": "x", "mode": "SIDEWAYS", "dataType": ["typeKind": "INT64"]]], "arguments[0].mode: SIDEWAYS"),
            ]
            for refusal in refusals {
                guard case .object(var refused) = body else { continue }
                refused["routineReference"] = ["projectId": .string(Fixture.project), "datasetId": "ds", "routineId": "refused"]
                refused[refusal.member] = refusal.value
                let reply = try await client.post(RoutineTests.routines(), .object(refused))
                #expect(reply.status == 400, "\(refusal.member): \(reply.json)")
                #expect(reply.errorMessage?.contains(refusal.message) == true, "\(reply.errorMessage ?? "")")
            }
        }
    }
}
