import Testing
import WireJSON

/// `CREATE TEMP FUNCTION` (SQL user-defined functions) through jobs.query, with functions from
/// BigQuery's user-defined functions reference and the DML reference's `dataset.Inventory`.
@Suite("BigQuery temporary SQL functions")
struct TemporaryFunctionTests {
    static func query(_ client: EmulatorClient, _ sql: String) async throws -> JSONReply {
        try await ScriptRouteTests.query(client, sql)
    }

    static func rows(_ client: EmulatorClient, _ sql: String) async throws -> [[String?]] {
        let reply = try await query(client, sql)
        try #require(reply.status == 200, "\(reply.json)")
        return ScriptRouteTests.rows(reply)
    }

    static func message(_ client: EmulatorClient, _ sql: String) async throws -> String {
        let reply = try await query(client, sql)
        #expect(reply.status == 400, "\(reply.json)")
        return reply.json["error"]?["message"]?.stringValue ?? ""
    }

    @Test func typedParametersConvertTheirArgumentsAndReturnsConvertsTheBody() async throws {
        try await withEmulator { client in
            let answer = try await Self.rows(
                client,
                """
                CREATE TEMP FUNCTION AddFourAndDivide(x INT64, y INT64) RETURNS FLOAT64 AS ((x + 4) / y);
                SELECT val, AddFourAndDivide(val, 2) FROM UNNEST([2, 3, 5, 8]) AS val
                """)
            #expect(answer == [["2", "3"], ["3", "3.5"], ["5", "4.5"], ["8", "6"]])
            // An INT64 argument widens to a FLOAT64 parameter; NULL takes the parameter's type.
            let widened = try await Self.rows(
                client, "CREATE TEMP FUNCTION half(x FLOAT64) AS (x / 2); SELECT half(3), half(NULL), half(CAST(NULL AS INT64))")
            #expect(widened == [["1.5", nil, nil]])
            // INT64 returned as NUMERIC: exact digits.
            let numeric = try await Self.rows(client, "CREATE TEMP FUNCTION n(x INT64) RETURNS NUMERIC AS (x); SELECT n(9007199254740993)")
            #expect(numeric == [["9007199254740993"]])
        }
    }

    @Test func anyTypeParametersTakeEachCallsArgumentType() async throws {
        try await withEmulator { client in
            let answer = try await Self.rows(
                client,
                """
                CREATE TEMP FUNCTION addFourAndDivideAny(x ANY TYPE, y ANY TYPE) AS ((x + 4) / y);
                CREATE TEMP FUNCTION lastElement(arr ANY TYPE) AS (arr[ORDINAL(ARRAY_LENGTH(arr))]);
                SELECT addFourAndDivideAny(3, 4), addFourAndDivideAny(1.59, 3.14), lastElement(['a', 'b']), lastElement([1, 2, 3])
                """)
            #expect(answer.count == 1)
            #expect(answer.first?[0] == "1.75")
            #expect(answer.first.flatMap { $0[1] }.flatMap(Double.init).map { abs($0 - 5.59 / 3.14) < 1e-12 } == true)
            #expect(answer.first.map { Array($0[2...]) } == ["b", "3"])
            let reply = try await Self.query(client, "CREATE TEMP FUNCTION lastElement(arr ANY TYPE) AS (arr[ORDINAL(1)]); SELECT 1")
            #expect(reply.status == 200, "an ANY TYPE body is checked at its calls")
        }
    }

    /// The function reads the calling query's rows through its arguments: a stored table's columns
    /// (bare in the single-table SELECT), also from a subquery of the body, where a column of the
    /// subquery's own FROM with the same name must not be confused with the argument.
    @Test func argumentsFromATablesRowsReachTheBodyAndItsSubqueries() async throws {
        try await withEmulator { client in
            try await ScriptRouteTests.inventory(client)
            let doubled = try await Self.rows(
                client,
                """
                CREATE TEMP FUNCTION restock(q INT64) AS (IF(q < 10, q * 2, q));
                SELECT product, restock(quantity) FROM dataset.Inventory WHERE restock(quantity) > 15 ORDER BY product
                """)
            #expect(doubled == [["dishwasher", "30"], ["dryer", "30"], ["front load washer", "20"], ["microwave", "20"]])
            let shadowed = try await Self.rows(
                client,
                """
                CREATE TEMP FUNCTION plusHundred(q INT64) AS ((SELECT q + MAX(quantity) FROM UNNEST([100]) AS quantity));
                SELECT product, plusHundred(quantity) FROM dataset.Inventory WHERE product IN ('oven', 'dryer') ORDER BY product
                """)
            #expect(shadowed == [["dryer", "130"], ["oven", "105"]])
            // The same argument passed on through another function's body.
            let passedOn = try await Self.rows(
                client,
                """
                CREATE TEMP FUNCTION plusHundred(q INT64) AS ((SELECT q + MAX(quantity) FROM UNNEST([100]) AS quantity));
                CREATE TEMP FUNCTION viaAnother(q INT64) AS (plusHundred(q));
                SELECT product, viaAnother(quantity) FROM dataset.Inventory WHERE product IN ('oven', 'dryer') ORDER BY product
                """)
            #expect(passedOn == [["dryer", "130"], ["oven", "105"]])
            let summed = try await Self.rows(
                client, "CREATE TEMP FUNCTION restock(q INT64) AS (IF(q < 10, q * 2, q)); SELECT SUM(restock(quantity)) FROM dataset.Inventory")
            #expect(summed == [["130"]])
        }
    }

    @Test func functionsCallEarlierFunctionsAndAreReplacedOnlyWhenAsked() async throws {
        try await withEmulator { client in
            let chained = try await Self.rows(
                client,
                """
                CREATE TEMP FUNCTION inc(x INT64) AS (x + 1);
                CREATE TEMP FUNCTION incTwiceTimesTen(x INT64) AS (inc(inc(x)) * 10);
                SELECT incTwiceTimesTen(1), INC(5)
                """)
            #expect(chained == [["30", "6"]])
            let replaced = try await Self.rows(
                client,
                """
                CREATE TEMP FUNCTION f(x INT64) AS (x);
                CREATE OR REPLACE TEMP FUNCTION f(x INT64) AS (x * 3);
                CREATE TEMP FUNCTION IF NOT EXISTS f(x INT64) AS (x * 100);
                SELECT f(2)
                """)
            #expect(replaced == [["6"]])
            let twice = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64) AS (x); CREATE TEMP FUNCTION f(x INT64) AS (x); SELECT 1")
            #expect(twice == "Temporary function f already exists")
            let dropped = try await Self.message(
                client, "CREATE TEMP FUNCTION f(x INT64) AS (x); DROP FUNCTION f; DROP FUNCTION IF EXISTS f; SELECT f(1)")
            #expect(dropped.hasPrefix("Function not found: f at"), "\(dropped)")
            let missing = try await Self.message(client, "DROP FUNCTION f; SELECT 1")
            #expect(missing == "Temporary function f does not exist")
            // A temporary function lives as long as its script.
            let gone = try await Self.message(client, "SELECT f(2)")
            #expect(gone.hasPrefix("Function not found: f at"), "\(gone)")
        }
    }

    /// A body that cannot resolve fails at CREATE, before any later statement runs, and a call that
    /// does not match fails where it stands.
    @Test func badDefinitionsAndBadCallsAre400sThatSayWhere() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "dataset")
            try #require(try await Self.query(client, "CREATE TABLE dataset.log (x INT64)").status == 200)
            let unknown = try await Self.message(
                client, "CREATE TEMP FUNCTION f(x INT64) AS (y + 1); INSERT dataset.log (x) VALUES (1)")
            #expect(unknown == "Unrecognized name: y at [1:37] (in the body of SQL function f)")
            #expect(try await Self.rows(client, "SELECT COUNT(*) FROM dataset.log") == [["0"]])
            let returned = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64) RETURNS DATE AS (x + 1); SELECT 1")
            #expect(returned.hasPrefix("Function f's body has type INT64, which cannot be returned as DATE"))
            let argument = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64) AS (x + 1); SELECT f('a')")
            #expect(argument.hasPrefix("No matching signature for function f: argument x must be INT64, got STRING"))
            let count = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64) AS (x + 1); SELECT f(1, 2)")
            #expect(count.hasPrefix("No matching signature for function f: it takes 1 argument(s), got 2"))
            let anyType = try await Self.message(client, "CREATE TEMP FUNCTION twice(x ANY TYPE) AS (x * 2); SELECT twice('a')")
            #expect(anyType.contains("(in the body of SQL function twice, called at [1:8])"), "\(anyType)")
            let selfCall = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64) AS (f(x)); SELECT 1")
            #expect(selfCall.hasPrefix("Function not found: f at"), "\(selfCall)")
            let aggregate = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64) AS (SUM(x)); SELECT 1")
            #expect(aggregate.hasPrefix("Aggregate function SUM not allowed in a SQL function's body"))
            let duplicate = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64, X STRING) AS (1); SELECT 1")
            #expect(duplicate.hasPrefix("Duplicate argument name X"))
            let misspelled = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64) AS (\n  Bar(x)); SELECT f(1)")
            #expect(misspelled == "Function not found: Bar at [2:3] (in the body of SQL function f)", "\(misspelled)")
            let distinct = try await Self.message(client, "CREATE TEMP FUNCTION f(x INT64) AS (x); SELECT f(DISTINCT 1)")
            #expect(distinct.hasPrefix("Non-aggregate function f cannot be called with DISTINCT"))
        }
    }

    @Test(arguments: [
        ("CREATE TEMP FUNCTION f(x STRING) RETURNS STRING LANGUAGE js AS r'return x;'; SELECT 1", "JavaScript functions"),
        ("CREATE FUNCTION dataset.f(x STRING) RETURNS STRING LANGUAGE js AS r'return x;'; SELECT 1", "JavaScript functions"),
        ("CREATE TEMP AGGREGATE FUNCTION f(x INT64) AS (SUM(x)); SELECT 1", "aggregate functions"),
        ("CREATE TEMP TABLE FUNCTION f(x INT64) AS (SELECT x); SELECT 1", "temporary table functions"),
    ])
    func functionsTheEmulatorDoesNotRunAreRefusedByName(sql: String, feature: String) async throws {
        try await withEmulator { client in
            let message = try await Self.message(client, sql)
            #expect(message.hasPrefix("Unsupported: \(feature)"), "\(message)")
        }
    }

    /// Functions that each call the one before twice grow as 2^levels, and a chain of deep bodies
    /// nests as deep as all of them together: both are refused with a 400, not run out of memory or stack.
    @Test func expansionIsBoundedInCallsAndInDepth() async throws {
        try await withEmulator { client in
            let doubling = { (levels: Int) in
                (1...levels).reduce("CREATE TEMP FUNCTION f0(x INT64) AS (x);\n") { script, level in
                    script + "CREATE TEMP FUNCTION f\(level)(x INT64) AS (f\(level - 1)(x) + f\(level - 1)(x));\n"
                }
            }
            let fanOut = try await Self.message(client, doubling(12) + "SELECT f12(1)")
            #expect(fanOut.contains("Unsupported: statements that expand more than 1000 SQL function calls"), "\(fanOut)")
            #expect(fanOut.components(separatedBy: "in the body of SQL function").count == 2, "named once: \(fanOut)")
            // Within the bound (2^9 - 1 calls) the same functions answer 2^level.
            #expect(try await Self.rows(client, doubling(8) + "SELECT f8(1)") == [["256"]])

            let deepBody = { (levels: Int, inner: String) in String(repeating: "(1 + ", count: levels) + inner + String(repeating: ")", count: levels)
            }
            let chain = { (functions: Int, levels: Int) in
                (1...functions).reduce("CREATE TEMP FUNCTION d0(x INT64) AS (\(deepBody(levels, "x")));\n") { script, function in
                    script + "CREATE TEMP FUNCTION d\(function)(x INT64) AS (\(deepBody(levels, "d\(function - 1)(x)")));\n"
                }
            }
            let deep = try await Self.message(client, chain(6, 60) + "SELECT d6(0)")
            #expect(deep.contains("Unsupported: SQL functions nested more than 256 expression levels deep"), "\(deep)")
            // SQLite's own parser holds about 30 nested `(1 + ...)` (a 400 past that): shallower
            // bodies run.
            #expect(try await Self.rows(client, chain(2, 9) + "SELECT d2(0)") == [["27"]])
        }
    }
}
