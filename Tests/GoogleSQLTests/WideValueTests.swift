import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Array literals, STRUCTs and pattern lists longer than one SQLite call takes (127 arguments in the
/// SQLite build here): BigQuery has no such limit, so they are built in chunks. A 128-element array
/// literal and a 64-field STRUCT used to be a 400 "too many arguments on function json_array".
@Suite struct WideValueTests {
    let db = try! Fixture.shapes()

    @Test func arrayLiteralsOfThousandsOfElementsKeepEveryElementInOrder() throws {
        for count in [127, 128, 201, 25_000] {
            let literal = "[" + (0..<count).map(String.init).joined(separator: ", ") + "]"
            #expect(try db.value("ARRAY_LENGTH(\(literal))") == .int64(Int64(count)), "\(count)")
            #expect(try db.value("\(literal)[OFFSET(\(count - 1))]") == .int64(Int64(count - 1)), "\(count)")
            #expect(
                try db.value("(SELECT SUM(x * o) FROM UNNEST(\(literal)) AS x WITH OFFSET AS o)")
                    == .int64((0..<Int64(count)).reduce(0) { $0 + $1 * $1 }), "\(count)")
        }
        let strings = "[" + (0..<300).map { "'s\($0)'" }.joined(separator: ", ") + "]"
        #expect(try db.value("'s299' IN UNNEST(\(strings))") == .bool(true))
    }

    @Test func structsOfHundredsOfFieldsKeepEveryField() throws {
        let fields = (0..<200).map { "\($0) AS f\($0)" }.joined(separator: ", ")
        let query = try db.compile("SELECT STRUCT(\(fields)) AS s")
        #expect(query.schema.fields[0].fields.map(\.name) == (0..<200).map { "f\($0)" })
        #expect(try db.value("STRUCT(\(fields))") == .record((0..<200).map { .int64(Int64($0)) }))
        let nested = (0..<70).map { "STRUCT(\($0) AS x, NULL AS y, b'z' AS b) AS n\($0)" }.joined(separator: ", ")
        #expect(try db.value("STRUCT(\(nested)).n69") == .record([.int64(69), .null, .bytes([122])]))
        #expect(try db.value("ARRAY_LENGTH(ARRAY(SELECT AS STRUCT \(fields)))") == .int64(1))
    }

    @Test func aQuantifiedLikeOfTwentyThousandPatternsIsOneCall() throws {
        // Was a chain of ORs 20,000 levels deep, which overflowed the stack and ended the process.
        let patterns = (0..<20_000).map { "'p\($0)%'" }.joined(separator: ", ")
        #expect(try db.value("'p19999x' LIKE ANY (\(patterns))") == .bool(true))
        #expect(try db.value("'p19999x' NOT LIKE ALL (\(patterns))") == .bool(false))
    }
}
