import Testing
import WarehouseClient
@testable import GoogleSQL

@Suite struct ErrorTests {
    let db = try! Fixture.events()

    @Test func syntaxErrorNamesTheUnexpectedTokenAndPosition() {
        #expect(errorMessage { try db.compile("SELECT * FORM events") } == #"Syntax error: Expected end of input but got identifier "FORM" at [1:10]"#)
        #expect(errorMessage { try db.compile("SELECT event_id FROM events WHERE") } == "Syntax error: Unexpected end of script at [1:34]")
        #expect(errorMessage { try db.compile("SELECT (1") } == #"Syntax error: Expected ")" but got end of script at [1:10]"#)
        #expect(errorMessage { try db.compile("SELECT 'abc") } == "Syntax error: Unclosed string literal at [1:8]")
        #expect(errorMessage { try db.compile("SELECT 1\nFROM events\nWHERE user_id = = 1") } == #"Syntax error: Unexpected "=" at [3:17]"#)
        #expect(errorMessage { try db.compile("") } == "Syntax error: Unexpected end of script at [1:1]")
    }

    @Test func unknownColumnIsUnrecognizedName() {
        #expect(errorMessage { try db.compile("SELECT foo FROM events") } == "Unrecognized name: foo at [1:8]")
        #expect(errorMessage { try db.compile("SELECT event_id FROM events WHERE nope > 1") } == "Unrecognized name: nope at [1:35]")
        #expect(errorMessage { try db.compile("SELECT device.nope FROM events") }?.hasPrefix("Field name nope does not exist in STRUCT<os STRING") == true)
    }

    @Test func unknownTableIsNotFound() {
        #expect(errorKind { try db.compile("SELECT 1 FROM `proj.ds.tbl`") } == .notFound)
        #expect(errorMessage { try db.compile("SELECT 1 FROM `proj.ds.tbl`") } == "Not found: Table proj:ds.tbl was not found in location US")
        #expect(errorMessage { try db.compile("SELECT 1 FROM `my-project`.ds.tbl") } == "Not found: Table my-project:ds.tbl was not found in location US")
        #expect(errorMessage { try db.compile("SELECT 1 FROM my-project.ds.tbl") } == "Not found: Table my-project:ds.tbl was not found in location US")
        #expect(errorKind { try db.compile("SELECT 1 FROM events", dataset: nil) } == .invalidQuery)
    }

    @Test func unsupportedFeaturesSayWhat() {
        #expect(errorMessage { try db.compile("SELECT * FROM events e JOIN events f ON e.user_id = f.user_id") } == "Unsupported: JOIN is not supported by the local emulator at [1:24]")
        #expect(errorMessage { try db.compile("SELECT * FROM events, events") }?.hasPrefix("Unsupported: JOIN") == true)
        #expect(errorMessage { try db.compile("WITH x AS (SELECT 1) SELECT * FROM x") }?.hasPrefix("Unsupported: WITH clauses") == true)
        #expect(errorMessage { try db.compile("SELECT 1 UNION ALL SELECT 2") }?.hasPrefix("Unsupported: set operations") == true)
        #expect(errorMessage { try db.compile("SELECT * FROM (SELECT 1)") }?.hasPrefix("Unsupported: subqueries") == true)
        #expect(errorMessage { try db.compile("SELECT ROW_NUMBER() OVER () FROM events") }?.hasPrefix("Unsupported: window functions") == true)
        #expect(errorMessage { try db.compile("DELETE FROM events WHERE TRUE") }?.hasPrefix("Unsupported: DELETE statements") == true)
        #expect(errorMessage { try db.compile("SELECT NO_SUCH_FN(1)") } == "Function not found: NO_SUCH_FN at [1:8]")
    }

    @Test func typeErrorsUseBigQuerySignatureMessages() {
        #expect(errorMessage { try db.compile("SELECT event_id FROM events WHERE user_id = 'x'") } == "No matching signature for operator = for argument types: INT64, STRING at [1:35]")
        #expect(errorMessage { try db.compile("SELECT event_type + 1 FROM events") } == "No matching signature for operator + for argument types: STRING, INT64 at [1:8]")
        #expect(errorMessage { try db.compile("SELECT 1 FROM events WHERE user_id") } == "WHERE clause should return type BOOL, but returns INT64 at [1:28]")
        #expect(errorMessage { try db.compile("SELECT SUM(event_type) FROM events") }?.hasPrefix("No matching signature for aggregate function SUM") == true)
        #expect(errorMessage { try db.compile("SELECT 1 FROM events WHERE occurred_at > 'not a time'") } == #"Could not cast literal "not a time" to type TIMESTAMP at [1:42]"#)
    }

    @Test func groupingRulesAreEnforced() {
        #expect(errorMessage { try db.compile("SELECT event_type, COUNT(*) FROM events") } == "SELECT list expression references column event_type which is neither grouped nor aggregated at [1:8]")
        #expect(errorMessage { try db.compile("SELECT 1 FROM events WHERE COUNT(*) > 1") } == "Aggregate function COUNT not allowed in WHERE clause at [1:28]")
        #expect(errorMessage { try db.compile("SELECT SUM(COUNT(*)) FROM events") } == "Aggregations of aggregations are not allowed at [1:12]")
        #expect(errorMessage { try db.compile("SELECT 1 AS x, 2 AS X") } == "Duplicate column names in the result are not supported. Found duplicate(s): X")
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
            "SELECT '\\x'", "SELECT '\\u12'", "SELECT 99999999999999999999", "SELECT -9223372036854775808", "SELECT 1.2.3", "SELECT a.b.c.d.e FROM events",
            "SELECT * FROM a.b.c.d", "SELECT 1 ORDER BY 5", "SELECT 1 GROUP BY 0", "SELECT 1 LIMIT -1", "SELECT 1 LIMIT 'a'", "SELECT DATE(1, 2)",
            "SELECT JSON_VALUE('{', '$.')", "SELECT 'é' ß", "SELECT `` FROM events", "SELECT IF(", "SELECT NOT", "SELECT - - -", "SELECT [1]",
        ]
        var bytes = Array("SELECT event_id, COUNT(*) FROM `proj.ds.events` WHERE user_id IN (1, 2) AND occurred_at > TIMESTAMP '2024-01-01' GROUP BY 1 ORDER BY 2 DESC LIMIT 3".utf8)
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
        #expect(errorMessage { try db.compile("SELECT " + String(repeating: "- ", count: 5000) + "1") }?.hasPrefix("Unsupported: expressions nested") == true)
        #expect(errorMessage { try db.compile("SELECT " + String(repeating: "NOT ", count: 5000) + "TRUE") }?.hasPrefix("Unsupported: expressions nested") == true)
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
