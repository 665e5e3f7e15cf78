import GRDB
import Testing
import WarehouseSchema

@testable import GoogleSQL

@Suite struct ErrorTests {
    let db = try! Fixture.events()

    @Test func syntaxErrorNamesTheUnexpectedTokenAndPosition() {
        #expect(
            errorMessage { try db.compile("SELECT * FORM events") } == #"Syntax error: Expected end of input but got identifier "FORM" at [1:10]"#)
        #expect(errorMessage { try db.compile("SELECT event_id FROM events WHERE") } == "Syntax error: Unexpected end of script at [1:34]")
        #expect(errorMessage { try db.compile("SELECT (1") } == #"Syntax error: Expected ")" but got end of script at [1:10]"#)
        #expect(errorMessage { try db.compile("SELECT 'abc") } == "Syntax error: Unclosed string literal at [1:8]")
        #expect(errorMessage { try db.compile("SELECT 1\nFROM events\nWHERE user_id = = 1") } == #"Syntax error: Unexpected "=" at [3:17]"#)
        #expect(errorMessage { try db.compile("") } == "Syntax error: Unexpected end of script at [1:1]")
    }

    @Test func unknownColumnIsUnrecognizedName() {
        #expect(errorMessage { try db.compile("SELECT foo FROM events") } == "Unrecognized name: foo at [1:8]")
        #expect(errorMessage { try db.compile("SELECT event_id FROM events WHERE nope > 1") } == "Unrecognized name: nope at [1:35]")
        #expect(
            errorMessage { try db.compile("SELECT device.nope FROM events") }?.hasPrefix("Field name nope does not exist in STRUCT<os STRING") == true
        )
    }

    @Test func unknownTableIsNotFound() {
        #expect(errorKind { try db.compile("SELECT 1 FROM `proj.ds.tbl`") } == .notFound)
        #expect(errorMessage { try db.compile("SELECT 1 FROM `proj.ds.tbl`") } == "Not found: Table proj:ds.tbl was not found in location US")
        #expect(
            errorMessage { try db.compile("SELECT 1 FROM `my-project`.ds.tbl") } == "Not found: Table my-project:ds.tbl was not found in location US")
        #expect(
            errorMessage { try db.compile("SELECT 1 FROM my-project.ds.tbl") } == "Not found: Table my-project:ds.tbl was not found in location US")
        #expect(errorKind { try db.compile("SELECT 1 FROM events", dataset: nil) } == .invalidQuery)
    }

    /// The parser upper-cases call names; the error names the function as the query spells it, as
    /// BigQuery does, also for `SAFE.`, aggregates and calls on a later line.
    @Test func functionNotFoundNamesTheFunctionAsWritten() {
        #expect(errorMessage { try db.compile("SELECT no_such_fn(1)") } == "Function not found: no_such_fn at [1:8]")
        #expect(errorMessage { try db.compile("SELECT\n  1 + myFunc(2)") } == "Function not found: myFunc at [2:7]")
        #expect(errorMessage { try db.compile("SELECT SAFE.Nothing(1)") } == "Function not found: Nothing at [1:8]")
        #expect(errorMessage { try db.compile("SELECT Net.Nope('x')") } == "Function not found: Net.Nope at [1:8]")
        #expect(
            errorMessage { try db.compile("SELECT APPROX_Whatever(x) FROM UNNEST([1]) AS x") }?.hasPrefix("Function not found: APPROX_Whatever")
                == true)
    }

    @Test func unsupportedFeaturesSayWhat() {
        #expect(
            errorMessage { try db.compile("SELECT * FROM events e NATURAL JOIN events f") }
                == "Unsupported: NATURAL JOIN is not supported by the local emulator at [1:24]")
        #expect(
            errorMessage { try db.compile("SELECT * FROM events TABLESAMPLE SYSTEM (10 PERCENT) REPEATABLE (5)") }?.hasPrefix(
                "Unsupported: TABLESAMPLE ... REPEATABLE") == true)
        #expect(errorMessage { try db.compile("DELETE FROM events WHERE TRUE") }?.hasPrefix("Unsupported: DELETE statements") == true)
        #expect(errorMessage { try db.compile("SELECT NO_SUCH_FN(1)") } == "Function not found: NO_SUCH_FN at [1:8]")
        // The array elements field access operator outside FLATTEN and UNNEST, as BigQuery words it
        // (`ArrayElementsAccessTests`); a field no element has stays a type error.
        let items = "(SELECT [STRUCT(1 AS price)] AS items)"
        #expect(
            errorMessage { try db.compile("SELECT items.price FROM \(items)") }?
                .hasPrefix("Cannot access field price on a value with type ARRAY<STRUCT<price INT64>>. You may need an explicit call to FLATTEN")
                == true)
        #expect(
            errorMessage { try db.compile("SELECT items.cost FROM \(items)") }?
                .hasPrefix("Cannot access field cost on a value with type ARRAY<STRUCT<price INT64>>") == true)
    }

    @Test func typeErrorsUseBigQuerySignatureMessages() {
        #expect(
            errorMessage { try db.compile("SELECT event_id FROM events WHERE user_id = 'x'") }
                == "No matching signature for operator = for argument types: INT64, STRING at [1:35]")
        #expect(
            errorMessage { try db.compile("SELECT event_type + 1 FROM events") }
                == "No matching signature for operator + for argument types: STRING, INT64 at [1:8]")
        #expect(
            errorMessage { try db.compile("SELECT 1 FROM events WHERE user_id") }
                == "WHERE clause should return type BOOL, but returns INT64 at [1:28]")
        #expect(
            errorMessage { try db.compile("SELECT SUM(event_type) FROM events") }?.hasPrefix("No matching signature for aggregate function SUM")
                == true)
        #expect(
            errorMessage { try db.compile("SELECT 1 FROM events WHERE occurred_at > 'not a time'") }
                == #"Could not cast literal "not a time" to type TIMESTAMP at [1:42]"#)
    }

    @Test func groupingRulesAreEnforced() {
        #expect(
            errorMessage { try db.compile("SELECT event_type, COUNT(*) FROM events") }
                == "SELECT list expression references column event_type which is neither grouped nor aggregated at [1:8]")
        #expect(
            errorMessage { try db.compile("SELECT 1 FROM events WHERE COUNT(*) > 1") }
                == "Aggregate function COUNT not allowed in WHERE clause at [1:28]")
        #expect(errorMessage { try db.compile("SELECT SUM(COUNT(*)) FROM events") } == "Aggregations of aggregations are not allowed at [1:12]")
        #expect(
            errorMessage { try db.compile("SELECT 1 AS x, 2 AS X") }
                == "Duplicate column names in the result are not supported. Found duplicate(s): X")
    }

    @Test func unknownParameterIsReported() {
        #expect(errorMessage { try db.compile("SELECT event_id FROM events WHERE user_id = @x") } == "Query parameter 'x' not found at [1:45]")
    }

    @Test func garbageAndTruncatedInputNeverCrash() {
        let corpus = [
            "SELECT", "SELECT *", "SELECT * FROM", "SELECT * FROM `", "SELECT * FROM `a.b", "SELECT 'a", "SELECT \"", "SELECT '''",
            "SELECT /* never closed", "SELECT @", "SELECT @@x", "SELECT ?", "SELECT 0x", "SELECT 1e", "SELECT CAST(", "SELECT CAST(1 AS",
            "SELECT EXTRACT(", "SELECT CASE", "SELECT CASE WHEN", "SELECT x FROM t WHERE a IN (", "SELECT 1 FROM events$", "SELECT 1 FROM events$abc",
            "SELECT 1 FROM ds.events$2024", "SELECT TIMESTAMP_ADD(occurred_at, 1) FROM events", "SELECT COUNT(*", ";", "))))", "SELECT \u{0}",
            "SELECT '\\x'", "SELECT '\\u12'", "SELECT 99999999999999999999", "SELECT -9223372036854775808", "SELECT 1.2.3",
            "SELECT a.b.c.d.e FROM events",
            "SELECT * FROM a.b.c.d", "SELECT 1 ORDER BY 5", "SELECT 1 GROUP BY 0", "SELECT 1 LIMIT -1", "SELECT 1 LIMIT 'a'", "SELECT DATE(1, 2)",
            "SELECT JSON_VALUE('{', '$.')", "SELECT 'é' ß", "SELECT `` FROM events", "SELECT IF(", "SELECT NOT", "SELECT - - -", "SELECT [1]",
        ]
        var bytes = Array(
            "SELECT event_id, COUNT(*) FROM `proj.ds.events` WHERE user_id IN (1, 2) AND occurred_at > TIMESTAMP '2024-01-01' GROUP BY 1 ORDER BY 2 DESC LIMIT 3"
                .utf8)
        var truncations: [String] = []
        while !bytes.isEmpty {
            bytes.removeLast()
            truncations.append(String(decoding: bytes, as: UTF8.self))
        }
        for query in corpus + truncations {
            do {
                _ = try db.compile(query)
            } catch is GoogleSQLError {
            } catch {
                Issue.record("\(query) threw a non-GoogleSQL error: \(error)")
            }
        }
    }
}

@Suite struct NestingTests {
    let db = try! Fixture.events()

    @Test func deeplyNestedInputFailsCleanly() {
        let parens = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(errorMessage { try db.compile("SELECT " + parens) }?.hasPrefix("Unsupported: expressions nested more than") == true)
        #expect(
            errorMessage { try db.compile("SELECT " + String(repeating: "- ", count: 5000) + "1") }?.hasPrefix("Unsupported: expressions nested")
                == true)
        #expect(
            errorMessage { try db.compile("SELECT " + String(repeating: "NOT ", count: 5000) + "TRUE") }?.hasPrefix("Unsupported: expressions nested")
                == true)
        let chain = Array(repeating: "1", count: 5000).joined(separator: " + ")
        #expect(errorMessage { try db.compile("SELECT " + chain) }?.hasPrefix("Unsupported: expressions nested") == true)
    }

    @Test func longGeneratedFiltersStillWork() throws {
        let ors = (0..<3000).map { "user_id = \($0)" }.joined(separator: " OR ")
        #expect(try db.column("SELECT event_id FROM events WHERE \(ors) ORDER BY 1").count == 4)
        let list = (0..<5000).map(String.init).joined(separator: ", ")
        #expect(try db.column("SELECT event_id FROM events WHERE user_id IN (\(list)) ORDER BY 1").count == 4)
        let sum = Array(repeating: "1", count: 60).joined(separator: " + ")
        #expect(try db.column("SELECT " + sum) == [.int64(60)])
        let deepest = "SELECT event_id FROM events WHERE " + Array(repeating: "price", count: 60).joined(separator: " + ") + " > 0 IS TRUE"
        #expect(try db.column(deepest + " ORDER BY 1").count == 4)
        let nested = String(repeating: "(", count: 35) + "2" + String(repeating: ")", count: 35)
        #expect(try db.column("SELECT " + nested) == [.int64(2)])
    }
}

@Suite struct FuzzTests {
    /// Deterministic pseudo-random generator so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomTokenSoupYieldsResultsOrGoogleSQLErrors() throws {
        let db = try Fixture.events()
        let vocabulary = [
            "SELECT", "*", "FROM", "events", "ds.events", "`proj.ds.events$20240101`", "WHERE", "GROUP", "BY", "HAVING", "ORDER",
            "LIMIT", "OFFSET", "AND", "OR", "NOT", "IN", "UNNEST", "(", ")", "[", "]", ",", ".", "=", "<", ">=", "!=", "+", "-",
            "/", "||", "IS", "NULL", "TRUE", "BETWEEN", "LIKE", "COUNT", "SUM", "DATE", "TIMESTAMP_TRUNC", "TIMESTAMP_ADD",
            "INTERVAL", "DAY", "EXTRACT", "CAST", "AS", "INT64", "STRING", "CASE", "WHEN", "THEN", "ELSE", "END", "user_id",
            "occurred_at", "device", "os", "tags", "payload", "'x'", "'2024-01-01'", "1", "0", "2.5", "@p", "@arr", "?", "DISTINCT",
            "JSON_VALUE", "'$.a'", "COALESCE", "IF", "DESC", "NULLS", "FIRST", "EXCEPT", "REPLACE", "FORMAT_TIMESTAMP", "'%Y'",
        ]
        let parameters = [
            named("p", .integer, .int64(1)),
            QueryParameter(name: "arr", type: .array(.scalar(.integer)), value: .array([.int64(1)])),
        ]
        let seeds = [
            "SELECT event_type , COUNT ( * ) AS n FROM events WHERE occurred_at >= TIMESTAMP '2024-01-01' AND user_id IN UNNEST ( @arr ) GROUP BY 1 HAVING n > 0 ORDER BY n DESC LIMIT 10",
            "SELECT DATE ( occurred_at ) AS d , SUM ( amount ) , AVG ( price ) FROM ds.events WHERE device.os = 'ios' OR tags IS NULL GROUP BY d ORDER BY d",
            "SELECT * EXCEPT ( tags ) FROM `proj.ds.events` e WHERE e.user_id BETWEEN 1 AND @p AND NOT is_test ORDER BY e.occurred_at NULLS LAST LIMIT ? OFFSET 1",
            "SELECT CASE WHEN user_id > 1 THEN 'a' ELSE event_type END , CAST ( user_id AS STRING ) , JSON_VALUE ( payload , '$.page' ) FROM events",
            "SELECT TIMESTAMP_TRUNC ( occurred_at , HOUR ) , EXTRACT ( DAY FROM occurred_at ) , FORMAT_TIMESTAMP ( '%F' , occurred_at ) FROM events WHERE event_type LIKE 'c%'",
        ]
        var random = SplitMix(state: 42)
        var executed = 0
        for iteration in 0..<6000 {
            var words: [String]
            if iteration < 2000 {
                let length = Int.random(in: 1...14, using: &random)
                words = ["SELECT"]
                for _ in 0..<length { words.append(vocabulary.randomElement(using: &random) ?? "1") }
            } else {
                // Mutations of valid queries reach deeper into the resolver and the emitter.
                words = (seeds.randomElement(using: &random) ?? seeds[0]).split(separator: " ").map(String.init)
                for _ in 0..<Int.random(in: 1...2, using: &random) where !words.isEmpty {
                    let index = Int.random(in: 0..<words.count, using: &random)
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: words.remove(at: index)
                    case 1: words.insert(words[index], at: index)
                    case 2: words[index] = vocabulary.randomElement(using: &random) ?? "1"
                    default: if index + 1 < words.count { words.swapAt(index, index + 1) }
                    }
                }
            }
            let sql = words.joined(separator: " ")
            do {
                let query = try db.compile(sql, parameters)
                executed += 1
                do {
                    _ = try db.queue.read { db in try Row.fetchAll(db, sql: query.sql, arguments: query.arguments) }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                    // Our runtime functions may fail on data; malformed SQL from the emitter may not.
                    let message = error.message ?? ""
                    if message.contains("syntax error") || message.contains("no such") || message.contains("misuse") {
                        Issue.record("\(sql) produced invalid SQLite: \(message) in \(query.sql)")
                    }
                }
            } catch is GoogleSQLError {
            } catch {
                Issue.record("\(sql) threw \(error)")
            }
        }
        #expect(executed > 0)
    }
}
