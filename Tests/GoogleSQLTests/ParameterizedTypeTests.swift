import Testing
import WarehouseSchema

@testable import GoogleSQL

/// STRING(L), BYTES(L), NUMERIC(P, S) and BIGNUMERIC(P, S) in casts and column declarations. The
/// expected values and messages are those of the reference implementation's compliance and analyzer
/// tests for parameterized types.
@Suite struct ParameterizedTypeTests {
    let db = try! Fixture.shapes()

    @Test func castsCheckLengthsAndPrecisionsAndRoundToTheScale() throws {
        #expect(try db.value("CAST('abcde' AS STRING(5))") == .string("abcde"))
        // Characters, not bytes: five characters in six bytes fit STRING(5).
        #expect(try db.value("CAST('héllo' AS STRING(5))") == .string("héllo"))
        #expect(try db.value("CAST(b'hey' AS BYTES(3))") == .bytes(Array("hey".utf8)))
        #expect(try db.value("CAST(1.25 AS NUMERIC(3, 1))") == .numeric("1.3"))
        #expect(try db.value("CAST(-1.25 AS NUMERIC(3, 1))") == .numeric("-1.3"))
        #expect(try db.value("CAST(12.5 AS NUMERIC(2))") == .numeric("13"))
        #expect(try db.value("CAST('0.125' AS BIGNUMERIC(3, 2))") == .bignumeric("0.13"))
        #expect(try db.value("CAST(NULL AS STRING(1))") == .null)
        #expect(try db.value("CAST(123 AS STRING(3))") == .string("123"))
    }

    @Test func valuesThatDoNotFitAreErrorsWithTheReferenceWording() {
        let cases = [
            ("CAST(123456 AS STRING(5))", "STRING(5) has maximum length 5 but got a value with length 6"),
            ("CAST(123456 AS NUMERIC(5))", "NUMERIC(5) has precision 5 and scale 0 but got a value that is not in range of [-99999, 99999]"),
            ("CAST(['hello', 'hi'] AS ARRAY<STRING(2)>)", "STRING(2) has maximum length 2 but got a value with length 5"),
            ("CAST((b'hey', 2) AS STRUCT<BYTES(2), INT64>)", "BYTES(2) has maximum length 2 but got a value with length 3"),
            (
                "CAST(9999999999999999999999999999.999999999 AS NUMERIC(29, 1))",
                "NUMERIC(29, 1) has precision 29 and scale 1 but got a value that is not in range of [-9999999999999999999999999999.9, 9999999999999999999999999999.9]"
            ),
            // Rounding first: 0.995 becomes 1.00, which NUMERIC(2, 2) cannot hold.
            ("CAST(0.995 AS NUMERIC(2, 2))", "NUMERIC(2, 2) has precision 2 and scale 2 but got a value that is not in range of [-0.99, 0.99]"),
        ]
        for (expression, message) in cases {
            #expect(db.runFailure(expression) == message, "\(expression)")
        }
    }

    @Test func safeCastGivesNullForTheWholeValueThatDoesNotFit() throws {
        #expect(try db.value("SAFE_CAST('abcdef' AS STRING(5))") == .null)
        #expect(try db.value("SAFE_CAST(['hello', 'hi'] AS ARRAY<STRING(2)>) IS NULL") == .bool(true))
        #expect(try db.value("SAFE_CAST(['he', 'hi'] AS ARRAY<STRING(2)>)") == .array([.string("he"), .string("hi")]))
        #expect(try db.value("SAFE_CAST(1.5 AS NUMERIC(1))") == .numeric("2"))
    }

    @Test func nestedParametersApplyFieldByFieldAndElementByElement() throws {
        // The compliance test's STRUCT of an ARRAY of STRUCTs.
        let value = try db.value(
            """
            CAST(([(BIGNUMERIC '0.12345', 'hey', NULL), (0.9876, 'hi', NUMERIC '0.55')], b'hello')
              AS STRUCT<ARRAY<STRUCT<BIGNUMERIC(2, 2), STRING(4), NUMERIC(2, 1)>>, BYTES(5)>)
            """)
        #expect(
            value
                == .record([
                    .array([
                        .record([.bignumeric("0.12"), .string("hey"), .null]),
                        .record([.bignumeric("0.99"), .string("hi"), .numeric("0.6")]),
                    ]),
                    .bytes(Array("hello".utf8)),
                ]))
        #expect(
            try db.value("CAST([NUMERIC '99999999999999999999999999.999999999'] AS ARRAY<NUMERIC(29, 1)>)")
                == .array([.numeric("100000000000000000000000000")]))
    }

    @Test func declaredParametersFollowTheReferenceRules() {
        let cases = [
            ("CAST(1 AS NUMERIC(100))", "In NUMERIC(P), P must be between 1 and 29"),
            ("CAST(1 AS NUMERIC(20, 10))", "In NUMERIC(P, S), S must be between 0 and 9"),
            ("CAST(1 AS NUMERIC(38, 3))", "In NUMERIC(P, 3), P must be between 3 and 32"),
            ("CAST(1 AS NUMERIC(2, 4))", "In NUMERIC(P, 4), P must be between 4 and 33"),
            ("CAST(1 AS BIGNUMERIC(70))", "In BIGNUMERIC(P), P must be between 1 and 38"),
            ("CAST(1 AS BIGNUMERIC(50, 40))", "In BIGNUMERIC(P, S), S must be between 0 and 38"),
            ("CAST(1 AS BIGNUMERIC(70, 30))", "In BIGNUMERIC(P, 30), P must be between 30 and 68"),
            ("CAST(1 AS NUMERIC(1, 2, 3))", "NUMERIC type can only have 1 or 2 parameters. Found 3 parameters"),
            ("CAST(1 AS STRING(1, 2))", "STRING type can only have one parameter. Found 2 parameters"),
            ("CAST(b'1' AS BYTES(1, 2, 3))", "BYTES type can only have one parameter. Found 3 parameters"),
            ("CAST('1' AS STRING('abc'))", "STRING length parameter must be an integer or MAX keyword"),
            ("CAST(1 AS NUMERIC('random'))", "NUMERIC precision must be an integer"),
            ("CAST('1' AS STRING(0))", "STRING length must be greater than 0"),
            ("CAST(1 AS INT64(10))", "INT64 does not support type parameters"),
            ("ARRAY<STRING(2)>['a']", "Parameterized types are not supported in literal value construction"),
        ]
        for (expression, message) in cases {
            let failure = db.failure(expression) ?? "no error"
            #expect(failure.hasPrefix(message), "\(expression): \(failure)")
        }
    }

    @Test func maxIsThePlainType() throws {
        #expect(try db.value("CAST('a long string' AS STRING(MAX))") == .string("a long string"))
        #expect(try db.value("CAST(b'bytes' AS BYTES(MAX))") == .bytes(Array("bytes".utf8)))
    }

    @Test func columnDeclarationsKeepTheirParameters() throws {
        let statements = try ScriptParser.parse(
            "CREATE TABLE d.t (s STRING(10), b ARRAY<BYTES(4)>, n NUMERIC(10, 2), g BIGNUMERIC(38), r STRUCT<x STRING(3)>, plain STRING)")
        guard case .createTable(let create) = statements.first, let columns = create.columns else {
            Issue.record("not a CREATE TABLE")
            return
        }
        #expect(
            columns.map(\.parameters) == [
                TypeParameters(maxLength: 10), TypeParameters(maxLength: 4), TypeParameters(precision: 10, scale: 2),
                TypeParameters(precision: 38), .none, .none,
            ])
        #expect(columns[1].mode == .repeated)
        #expect(columns[4].fields[0].parameters == TypeParameters(maxLength: 3))
        #expect(throws: GoogleSQLError.self) { try ScriptParser.parse("CREATE TABLE d.t (n NUMERIC(30))") }
    }
}
