import Testing
import WireJSON

/// Errors in scripts as BigQuery's procedural language defines them: each statement is atomic and
/// stays done when a later one fails; BEGIN TRANSACTION ... COMMIT/ROLLBACK; exception handlers with
/// `@@error`; RAISE; RETURN; REPEAT; the system variables a script reads.
@Suite("BigQuery script errors, handlers and transactions")
struct ScriptErrorTests {
    static func query(_ client: EmulatorClient, _ sql: String) async throws -> JSONReply {
        try await ScriptRouteTests.query(client, sql)
    }

    static func values(_ client: EmulatorClient, _ sql: String = "SELECT x FROM ds.t ORDER BY x") async throws -> [String?] {
        let reply = try await query(client, sql)
        guard reply.status == 200 else {
            Issue.record("\(sql): \(reply.json)")
            return []
        }
        return ScriptRouteTests.rows(reply).map { $0.first ?? nil }
    }

    static func table(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client, "ds")
        let created = try await query(client, "CREATE TABLE ds.t (x INT64)")
        precondition(created.status == 200, "\(created.json)")
    }

    /// In BigQuery each statement of a script is a job of its own: a failure ends the script and
    /// keeps what ran before it. The emulator used to roll the whole script back.
    @Test func aFailingStatementKeepsWhatTheStatementsBeforeItDid() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let failed = try await Self.query(client, "CREATE TABLE ds.t (x INT64); INSERT ds.t VALUES (1), (2); SELECT ERROR('boom');")
            #expect(failed.status == 400)
            #expect(failed.json["error"]?["message"]?.stringValue == "boom")
            #expect(try await Self.values(client) == ["1", "2"])
            // The failing statement itself leaves nothing: an INSERT whose second row fails adds neither.
            let half = try await Self.query(client, "INSERT ds.t VALUES (3); INSERT ds.t SELECT IF(x = 2, ERROR('no'), x + 10) FROM ds.t")
            #expect(half.status == 400)
            #expect(try await Self.values(client) == ["1", "2", "3"])
        }
    }

    /// The location in a query statement's error was counted from that statement's start: the third
    /// statement's bad name was reported at [1:8] of the script.
    @Test func aStatementsErrorIsLocatedInTheScript() async throws {
        try await withEmulator { client in
            try await Self.table(client)
            let script = "SELECT 1;\nSELECT 2;\n  SELECT no_such_column FROM ds.t"
            let failed = try await Self.query(client, script)
            #expect(failed.json["error"]?["message"]?.stringValue == "Unrecognized name: no_such_column at [3:10]")
            let sameLine = try await Self.query(client, "SELECT 1; SELECT nope FROM ds.t")
            #expect(sameLine.json["error"]?["message"]?.stringValue == "Unrecognized name: nope at [1:18]")
            let handled = try await Self.query(
                client, "BEGIN\n  SELECT 1;\n  SELECT bad FROM ds.t;\nEXCEPTION WHEN ERROR THEN\n  SELECT @@error.message AS m;\nEND")
            #expect(ScriptRouteTests.rows(handled) == [["Unrecognized name: bad at [3:10]"]])
        }
    }

    @Test func aTransactionCommitsOrRollsBackAsAWhole() async throws {
        try await withEmulator { client in
            try await Self.table(client)
            let committed = try await Self.query(client, "BEGIN TRANSACTION; INSERT ds.t VALUES (1); INSERT ds.t VALUES (2); COMMIT TRANSACTION;")
            #expect(committed.status == 200, "\(committed.json)")
            let rolledBack = try await Self.query(client, "BEGIN; INSERT ds.t VALUES (3); ROLLBACK; SELECT COUNT(*) FROM ds.t")
            #expect(ScriptRouteTests.rows(rolledBack) == [["2"]])
            let failed = try await Self.query(client, "BEGIN TRANSACTION; INSERT ds.t VALUES (4); SELECT 1/0; COMMIT TRANSACTION;")
            #expect(failed.status == 400)
            let unfinished = try await Self.query(client, "BEGIN TRANSACTION; INSERT ds.t VALUES (5);")
            #expect(unfinished.status == 200)
            #expect(try await Self.values(client) == ["1", "2"])
        }
    }

    @Test func transactionMisuseIsRefusedWithItsRule() async throws {
        try await withEmulator { client in
            try await Self.table(client)
            let cases = [
                ("BEGIN TRANSACTION; BEGIN TRANSACTION;", "transactions cannot be nested"),
                ("COMMIT TRANSACTION", "COMMIT TRANSACTION has no transaction in progress"),
                ("ROLLBACK", "ROLLBACK TRANSACTION has no transaction in progress"),
                (
                    "BEGIN TRANSACTION; CREATE TABLE ds.u (x INT64); COMMIT;",
                    "CREATE TABLE on a permanent table or view is not supported inside a transaction"
                ),
                ("BEGIN TRANSACTION; DROP TABLE ds.t; COMMIT;", "DROP TABLE on a permanent table or view is not supported inside a transaction"),
            ]
            for (sql, message) in cases {
                let reply = try await Self.query(client, sql)
                #expect(reply.status == 400, "\(sql)")
                #expect(reply.json["error"]?["message"]?.stringValue?.contains(message) == true, "\(sql): \(reply.json)")
            }
            let temporary = try await Self.query(
                client, "BEGIN TRANSACTION; CREATE TEMP TABLE s (y INT64); INSERT s VALUES (1); DROP TABLE s; COMMIT; SELECT 'ok'")
            #expect(ScriptRouteTests.rows(temporary) == [["ok"]], "\(temporary.json)")
        }
    }

    /// The example of BigQuery's transactions page: the handler reads the error and rolls back.
    @Test func anExceptionHandlerReadsTheErrorAndTheStatementThatRaisedIt() async throws {
        try await withEmulator { client in
            try await Self.table(client)
            let handled = try await Self.query(
                client,
                """
                BEGIN
                  INSERT ds.t VALUES (1);
                  BEGIN TRANSACTION;
                  INSERT ds.t VALUES (2);
                  IF TRUE THEN
                    SELECT 1/0;
                  END IF;
                  COMMIT TRANSACTION;
                EXCEPTION WHEN ERROR THEN
                  ROLLBACK TRANSACTION;
                  SELECT @@error.message, @@error.statement_text, @@error.formatted_stack_trace, @@error.stack_trace[OFFSET(0)].line;
                END
                """)
            #expect(handled.status == 200, "\(handled.json)")
            #expect(ScriptRouteTests.rows(handled) == [["division by zero: 1 / 0", "SELECT 1/0", "At [6:5]", "6"]])
            #expect(try await Self.values(client) == ["1"])
            // An error in the handler goes to the enclosing block's handler.
            let nested = try await Self.query(
                client,
                """
                BEGIN
                  BEGIN SELECT ERROR('first'); EXCEPTION WHEN ERROR THEN SELECT ERROR(CONCAT('handler of ', @@error.message)); END;
                EXCEPTION WHEN ERROR THEN
                  SELECT @@error.message;
                END
                """)
            #expect(ScriptRouteTests.rows(nested) == [["handler of first"]], "\(nested.json)")
            let outside = try await Self.query(client, "SELECT @@error.message")
            #expect(outside.json["error"]?["message"]?.stringValue?.hasPrefix("@@error is set only inside an exception handler") == true)
        }
    }

    @Test func raiseFailsTheScriptOrReachesTheHandler() async throws {
        try await withEmulator { client in
            let raised = try await Self.query(client, "DECLARE n INT64 DEFAULT 3; RAISE USING MESSAGE = FORMAT('%d left', n);")
            #expect(raised.status == 400)
            #expect(raised.json["error"]?["message"]?.stringValue == "3 left")
            let caught = try await Self.query(client, "BEGIN RAISE USING MESSAGE = 'mine'; EXCEPTION WHEN ERROR THEN SELECT @@error.message; END")
            #expect(ScriptRouteTests.rows(caught) == [["mine"]])
            let reraised = try await Self.query(client, "BEGIN SELECT ERROR('inner'); EXCEPTION WHEN ERROR THEN RAISE; END")
            #expect(reraised.json["error"]?["message"]?.stringValue == "inner")
            let bare = try await Self.query(client, "RAISE")
            #expect(bare.json["error"]?["message"]?.stringValue == "RAISE without USING MESSAGE is allowed only inside an exception handler")
        }
    }

    @Test func returnEndsTheScriptAndRepeatRunsUntilItsCondition() async throws {
        try await withEmulator { client in
            let returned = try await Self.query(
                client, "DECLARE i INT64 DEFAULT 5; IF i = 5 THEN SELECT 'before'; RETURN; END IF; SELECT 'not reached'")
            #expect(ScriptRouteTests.rows(returned) == [["before"]], "\(returned.json)")
            let repeated = try await Self.query(
                client, "DECLARE i INT64 DEFAULT 0; REPEAT SET i = i + 1; UNTIL i >= 3 END REPEAT; SELECT i")
            #expect(ScriptRouteTests.rows(repeated) == [["3"]], "\(repeated.json)")
            // The body runs before the condition is read: once, even when the condition already holds.
            let once = try await Self.query(client, "DECLARE i INT64 DEFAULT 10; REPEAT SET i = i + 1; UNTIL TRUE END REPEAT; SELECT i")
            #expect(ScriptRouteTests.rows(once) == [["11"]], "\(once.json)")
        }
    }

    @Test func systemVariablesTellTheRowCountAndTheProject() async throws {
        try await withEmulator { client in
            try await Self.table(client)
            let counted = try await Self.query(
                client, "INSERT ds.t VALUES (1), (2), (3); SELECT @@row_count, @@project_id, @@time_zone, @@dataset_id IS NULL")
            #expect(ScriptRouteTests.rows(counted) == [["3", Fixture.project, "UTC", "true"]], "\(counted.json)")
            let unsupported = try await Self.query(client, "SELECT 1; SELECT @@current_job_id")
            #expect(
                unsupported.json["error"]?["message"]?.stringValue?.hasPrefix(
                    "Unsupported: system variable @@current_job_id is not supported by the local emulator") == true)
        }
    }
}
