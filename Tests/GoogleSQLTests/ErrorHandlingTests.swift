import Foundation
import GRDB
import Testing
import WarehouseSchema

@testable import GoogleSQL

/// IFERROR, ISERROR and NULLIFERROR; expected values from BigQuery's debugging functions page.
@Suite struct ErrorHandlingTests {
    let db = try! Fixture.events()

    @Test func iferrorCatchesAnEvaluationErrorOfTheTriedExpression() throws {
        #expect(try db.value("IFERROR(ERROR('x'), 'fallback')") == .string("fallback"))
        #expect(try db.value("IFERROR('a', 'b')") == .string("a"))
        #expect(try db.value("IFERROR((SELECT [1, 2, 3][OFFSET(9)]), -1)") == .int64(-1))
        #expect(try db.value("IFERROR(IFERROR(ERROR('a'), 'b'), 'c')") == .string("b"))
        #expect(try db.value("IFERROR(IFERROR(ERROR('a'), ERROR('b')), 'c')") == .string("c"))
        #expect(try db.value("IFERROR((SELECT e FROM UNNEST([1, 2]) AS e), 3)") == .int64(3))
        #expect(try db.value("IFERROR(CAST(NULL AS INT64), 5)") == .null)
    }

    @Test func iferrorFailsWhenTheCatchExpressionFails() throws {
        #expect(db.failure("IFERROR(ERROR('a'), ERROR('b'))")?.contains("b") == true)
    }

    @Test func iserrorTellsWhetherTheEvaluationFailed() throws {
        #expect(try db.value("ISERROR('a')") == .bool(false))
        #expect(try db.value("ISERROR(2 / 1)") == .bool(false))
        #expect(try db.value("ISERROR(ERROR('a'))") == .bool(true))
        #expect(try db.value("ISERROR(2 / 0)") == .bool(true))
        #expect(try db.value("ISERROR((SELECT [1, 2, 3][OFFSET(9)]))") == .bool(true))
    }

    @Test func nulliferrorAnswersNullForAnEvaluationError() throws {
        #expect(try db.value("NULLIFERROR('a')") == .string("a"))
        #expect(try db.value("NULLIFERROR((SELECT [1, 2, 3][OFFSET(0)]))") == .int64(1))
        #expect(try db.value("NULLIFERROR(ERROR('a'))") == .null)
        #expect(try db.value("NULLIFERROR((SELECT e FROM UNNEST([1, 2]) AS e))") == .null)
    }

    @Test func triedExpressionOnTheRowsColumnsIsUnsupported() throws {
        #expect(errorMessage { try db.rows("SELECT IFERROR(event_id, 'x') FROM events") }?.hasPrefix("Unsupported: IFERROR") == true)
    }

    /// The tried expression runs once per row: run once to test for an error and again for the value,
    /// `IF(RAND() < 0.5, ERROR('x'), 1)` answered NULL whenever the two draws disagreed.
    @Test func theTriedExpressionIsEvaluatedOncePerRow() throws {
        let caught = try db.column("SELECT IFERROR(IF(RAND() < 0.5, ERROR('x'), 1), 2) FROM UNNEST(GENERATE_ARRAY(1, 200))")
        #expect(caught.count == 200)
        #expect(caught.filter { $0 != .int64(1) && $0 != .int64(2) }.isEmpty)
        #expect(caught.contains(.int64(1)) && caught.contains(.int64(2)))
        let nulled = try db.column("SELECT NULLIFERROR(IF(RAND() < 0.5, ERROR('x'), 1)) FROM UNNEST(GENERATE_ARRAY(1, 200))")
        #expect(nulled.filter { $0 != .int64(1) && $0 != .null }.isEmpty)
        let draws = try db.column("SELECT COUNT(DISTINCT x) FROM (SELECT IFERROR(RAND(), 0) AS x FROM UNNEST(GENERATE_ARRAY(1, 100)))")
        #expect(draws == [.int64(100)])
    }

    /// `IFERROR(IFERROR(ERROR('x'), ERROR('1')), ERROR('2')) ...`: every level fails but the last
    /// fallback, so every level runs.
    static func nested(_ levels: Int) -> String {
        (1...levels).reduce("ERROR('x')") { tried, level in
            "IFERROR(\(tried), \(level == levels ? "'caught'" : "ERROR('\(level)')"))"
        }
    }

    /// Each level used to carry its tried statement twice, escaped once more per level, and ran it
    /// twice: 12 levels took 8 s, 60 never finished. Twice the levels must now plan about twice the bytes.
    @Test func nestedTriedExpressionsCostLinearly() throws {
        let five = try plannedBytes("SELECT " + Self.nested(5))
        let ten = try plannedBytes("SELECT " + Self.nested(10))
        try #require(ten < 3 * five)
        #expect(try db.value(Self.nested(Self.deepestNesting)) == .string("caught"))
        #expect(try db.value("ISERROR(\(Self.nested(Self.deepestNesting)))") == .bool(false))
        #expect(try db.value("NULLIFERROR(\(Self.nested(Self.deepestNesting)))") == .string("caught"))
    }

    static let deepestNesting = 20

    /// The planned statement's SQL and bound values, in bytes.
    private func plannedBytes(_ sql: String) throws -> Int {
        let query = try db.compile(sql)
        return query.argumentValues.reduce(query.sql.utf8.count) { total, value in
            switch value.storage {
            case .string(let text): total + text.utf8.count
            case .blob(let data): total + data.count
            default: total + 8
            }
        }
    }

    @Test func aTriedStatementSurvivesItsEncodingAndRefusesBytesItDidNotMake() throws {
        let tried = TriedStatement(
            sql: "SELECT ?, ?, ?, ?, ?",
            arguments: [.null, Int64.min.databaseValue, (-0.0).databaseValue, "a\u{0}é".databaseValue, Data([0, 255]).databaseValue])
        let decoded = try #require(TriedStatement(decoding: tried.encoded))
        #expect(decoded == tried)
        #expect(decoded.arguments.map(\.description) == tried.arguments.map(\.description))
        #expect(Double.fromDatabaseValue(decoded.arguments[2])?.sign == .minus)
        #expect(TriedStatement(decoding: tried.encoded.dropLast()) == nil)
        #expect(TriedStatement(decoding: tried.encoded + Data([0])) == nil)
        #expect(TriedStatement(decoding: Data([255, 255, 255, 255, 255, 255, 255, 255])) == nil)
    }
}
