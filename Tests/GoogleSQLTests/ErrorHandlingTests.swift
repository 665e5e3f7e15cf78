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
}
