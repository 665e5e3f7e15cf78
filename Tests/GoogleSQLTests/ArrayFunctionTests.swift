import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Expected values are the examples of BigQuery's array functions documentation.
@Suite struct ArrayFunctionTests {
    let db = try! Fixture.events()

    func ints(_ values: Int64...) -> BigQueryValue { .array(values.map { .int64($0) }) }
    func dates(_ values: String...) -> BigQueryValue { .array(values.map { .date(Fixture.day($0)) }) }

    @Test func generateArray() throws {
        #expect(try db.value("GENERATE_ARRAY(1, 5)") == ints(1, 2, 3, 4, 5))
        #expect(try db.value("GENERATE_ARRAY(0, 10, 3)") == ints(0, 3, 6, 9))
        #expect(try db.value("GENERATE_ARRAY(10, 0, -3)") == ints(10, 7, 4, 1))
        #expect(try db.value("GENERATE_ARRAY(4, 4, 10)") == ints(4))
        #expect(try db.value("GENERATE_ARRAY(10, 0, 3)") == ints())
        #expect(try db.value("GENERATE_ARRAY(0.0, 1.0, 0.5)") == .array([.float64(0), .float64(0.5), .float64(1)]))
        #expect(db.failure("GENERATE_ARRAY(1, 5, 0)") != nil)
    }

    @Test func generateDateAndTimestampArrays() throws {
        #expect(try db.value("GENERATE_DATE_ARRAY('2016-10-05', '2016-10-08')") == dates("2016-10-05", "2016-10-06", "2016-10-07", "2016-10-08"))
        #expect(try db.value("GENERATE_DATE_ARRAY('2016-10-05', '2016-10-09', INTERVAL 2 DAY)") == dates("2016-10-05", "2016-10-07", "2016-10-09"))
        #expect(try db.value("GENERATE_DATE_ARRAY('2016-10-05', '2016-10-01', INTERVAL -3 DAY)") == dates("2016-10-05", "2016-10-02"))
        #expect(try db.value("GENERATE_DATE_ARRAY('2016-10-05', '2016-10-05', INTERVAL 8 DAY)") == dates("2016-10-05"))
        #expect(try db.value("GENERATE_DATE_ARRAY('2016-10-05', '2016-10-01', INTERVAL 1 DAY)") == dates())
        #expect(
            try db.value("GENERATE_DATE_ARRAY('2016-01-01', '2016-12-31', INTERVAL 2 MONTH)")
                == dates("2016-01-01", "2016-03-01", "2016-05-01", "2016-07-01", "2016-09-01", "2016-11-01"))
        #expect(
            try db.value("GENERATE_TIMESTAMP_ARRAY('2016-10-05 00:00:00', '2016-10-07 00:00:00', INTERVAL 1 DAY)")
                == .array(["2016-10-05 00:00:00", "2016-10-06 00:00:00", "2016-10-07 00:00:00"].map { .timestamp(Fixture.ts($0)) }))
    }

    @Test func concatReverseAndJoin() throws {
        #expect(try db.value("ARRAY_CONCAT([1, 2], [3, 4], [5, 6])") == ints(1, 2, 3, 4, 5, 6))
        #expect(try db.value("ARRAY_REVERSE([1, 2, 3])") == ints(3, 2, 1))
        #expect(try db.value("ARRAY_TO_STRING(['coffee', 'tea', 'milk', NULL], '--', 'MISSING')") == .string("coffee--tea--milk--MISSING"))
        #expect(try db.value("ARRAY_TO_STRING(['coffee', 'tea', 'milk', NULL], '--')") == .string("coffee--tea--milk"))
        #expect(try db.value("ARRAY_FIRST(['a', 'b', 'c', 'd'])") == .string("a"))
        #expect(try db.value("ARRAY_LAST(['a', 'b', 'c', 'd'])") == .string("d"))
        #expect(try db.value("ARRAY_LENGTH(ARRAY_CONCAT([1], [2, 3]))") == .int64(3))
    }

    @Test func concatenationOperatorJoinsArraysLikeArrayConcat() throws {
        #expect(try db.value("[1, 2] || [3]") == ints(1, 2, 3))
        #expect(try db.value("[1] || [2] || [3, 4]") == ints(1, 2, 3, 4))
        #expect(db.failure("[1] || ['a']")?.hasPrefix("No matching signature for operator ||") == true)
    }

    @Test func subscripts() throws {
        #expect(try db.value("[0, 1, 1, 2, 3, 5][OFFSET(1)]") == .int64(1))
        #expect(try db.value("[0, 1, 1, 2, 3, 5][ORDINAL(1)]") == .int64(0))
        #expect(try db.value("['a', 'b'][1]") == .string("b"))
        #expect(try db.value("[1, 2][SAFE_OFFSET(5)]") == .null)
        #expect(try db.value("[1, 2][SAFE_ORDINAL(0)]") == .null)
        #expect(try db.value("[DATE '2024-01-02'][OFFSET(0)]") == .date(Fixture.day("2024-01-02")))
        #expect(db.failure("[1, 2][OFFSET(2)]") != nil)
        // INT64's least value as an ORDINAL is out of bounds, not an overflow that ends the process.
        #expect(try db.value("[1, 2][SAFE_ORDINAL(-9223372036854775808)]") == .null)
        #expect(db.failure("[1, 2][ORDINAL(-9223372036854775808)]")?.contains("out of bounds") == true)
        #expect(
            try db.column("SELECT tags[SAFE_OFFSET(0)] FROM events ORDER BY event_id") == [.string("a"), .string("b"), .null, .string("c"), .null])
    }
}
