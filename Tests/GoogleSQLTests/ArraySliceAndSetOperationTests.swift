import Testing
import WarehouseSchema

@testable import GoogleSQL

/// ARRAY_SLICE (array_functions#array_slice) and the set operations that match columns by name or
/// count duplicates (query-syntax#set_operators); expected values from those pages' examples.
@Suite struct ArraySliceAndSetOperationTests {
    let db = try! Fixture.shapes()

    private func letters(_ text: String) -> BigQueryValue { .array(text.map { .string(String($0)) }) }

    @Test func arraySliceTakesInclusiveOffsetsCountingNegativeOnesFromTheEnd() throws {
        let array = "['a', 'b', 'c', 'd', 'e']"
        #expect(try db.value("ARRAY_SLICE(\(array), 1, 3)") == letters("bcd"))
        #expect(try db.value("ARRAY_SLICE(\(array), -1, 3)") == letters(""))
        #expect(try db.value("ARRAY_SLICE(\(array), 1, -3)") == letters("bc"))
        #expect(try db.value("ARRAY_SLICE(\(array), -3, -1)") == letters("cde"))
        #expect(try db.value("ARRAY_SLICE(\(array), 1, 30)") == letters("bcde"))
        #expect(try db.value("ARRAY_SLICE(\(array), -30, -5)") == letters("a"))
        #expect(try db.value("ARRAY_SLICE(\(array), 5, 30)") == letters(""))
        #expect(try db.value("ARRAY_SLICE(['a', 'b', NULL, 'd', 'e'], 1, 3)") == .array([.string("b"), .null, .string("d")]))
        #expect(try db.value("ARRAY_SLICE([STRUCT(1 AS a), STRUCT(2 AS a)], 1, 1)") == .array([.record([.int64(2)])]))
    }

    @Test func intersectAllAndExceptAllCountDuplicates() throws {
        let left = "SELECT * FROM UNNEST([1, 1, 1, 2, 3]) AS n"
        #expect(try db.column("\(left) INTERSECT ALL SELECT * FROM UNNEST([1, 1, 3, 4]) AS n ORDER BY n") == [.int64(1), .int64(1), .int64(3)])
        #expect(try db.column("\(left) EXCEPT ALL SELECT * FROM UNNEST([1, 3]) AS n ORDER BY n") == [.int64(1), .int64(1), .int64(2)])
        #expect(
            try db.column("\(left) EXCEPT ALL SELECT * FROM UNNEST([1, 3]) AS n EXCEPT ALL SELECT 1 ORDER BY n") == [.int64(1), .int64(2)])
    }

    @Test func byNameMatchesColumnsByName() throws {
        let sql = "SELECT 1 AS one_digit, 10 AS two_digit UNION ALL BY NAME SELECT 20 AS two_digit, 2 AS one_digit"
        #expect(try db.compile(sql).schema.fields.map(\.name) == ["one_digit", "two_digit"])
        #expect(try db.rows(sql + " ORDER BY one_digit") == [[.int64(1), .int64(10)], [.int64(2), .int64(20)]])
        let strict = "SELECT 1 AS one_digit, 10 AS two_digit UNION ALL STRICT CORRESPONDING SELECT 20 AS two_digit, 2 AS one_digit"
        #expect(try db.rows(strict + " ORDER BY one_digit") == [[.int64(1), .int64(10)], [.int64(2), .int64(20)]])
    }

    @Test func innerFullAndLeftByNameChooseTheColumns() throws {
        let left = "SELECT 1 AS one_digit, 10 AS two_digit, 100 AS three_digit"
        let right = "SELECT 20 AS two_digit, 2 AS one_digit, 1000 AS four_digit"
        #expect(try db.rows("\(left) INNER UNION ALL BY NAME \(right) ORDER BY 1") == [[.int64(1), .int64(10)], [.int64(2), .int64(20)]])
        let full = try db.compile("\(left) FULL OUTER UNION ALL BY NAME \(right)")
        #expect(full.schema.fields.map(\.name) == ["one_digit", "two_digit", "three_digit", "four_digit"])
        #expect(
            try db.rows("\(left) FULL OUTER UNION ALL BY NAME \(right) ORDER BY 1")
                == [[.int64(1), .int64(10), .int64(100), .null], [.int64(2), .int64(20), .null, .int64(1000)]])
        #expect(
            try db.rows("\(left) LEFT OUTER UNION ALL BY NAME \(right) ORDER BY 1")
                == [[.int64(1), .int64(10), .int64(100)], [.int64(2), .int64(20), .null]])
        #expect(
            try db.rows("\(left) FULL OUTER UNION ALL BY NAME ON (three_digit, two_digit) \(right) ORDER BY 2")
                == [[.int64(100), .int64(10)], [.null, .int64(20)]])
        #expect(errorMessage { try db.compile("\(left) UNION ALL BY NAME \(right)") }?.contains("must have the same column names") == true)
    }
}
