import GRDB
import GoogleSQL
import Testing
import WarehouseSchema

/// FLOAT64's NaN and infinities survive a trip through SQLite, which stores a NaN REAL as NULL.
@Suite("Non-finite FLOAT64 storage")
struct NonFiniteStorageTests {
    static let field = TableFieldSchema(name: "f", type: .float)

    @Test func nanAndInfinitiesComeBackFromARealColumn() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (f REAL)")
            for value in [Double.nan, .infinity, -.infinity, 1.5] {
                try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [SQLiteStorage.encode(.float64(value), field: Self.field)])
            }
        }
        let read = try queue.read { db in
            try DatabaseValue.fetchAll(db, sql: "SELECT f FROM t ORDER BY rowid").map { SQLiteStorage.decode($0, field: Self.field) }
        }
        #expect(read.count == 4)
        guard case .float64(let nan) = read[0] else {
            Issue.record("NaN came back as \(read[0])")
            return
        }
        #expect(nan.isNaN)
        #expect(Array(read.dropFirst()) == [.float64(.infinity), .float64(-.infinity), .float64(1.5)])
    }

    /// SQLite's JSON writes an infinite REAL as `Inf`, which no JSON reader takes: an array or STRUCT
    /// built in a query from an infinity failed with "malformed JSON" or came back NULL.
    @Test func nonFiniteValuesBuiltIntoArraysAndStructsInAQueryComeBack() throws {
        let db = try Fixture(tables: [])
        let values = "CAST('inf' AS FLOAT64), CAST('-inf' AS FLOAT64), CAST('nan' AS FLOAT64), 1.5"
        let array = try db.column("SELECT [\(values)]")
        guard case .array(let elements) = array.first, elements.count == 4, case .float64(let nan) = elements[2] else {
            Issue.record("got \(array)")
            return
        }
        #expect(elements[0] == .float64(.infinity) && elements[1] == .float64(-.infinity) && nan.isNaN && elements[3] == .float64(1.5))
        #expect(
            try db.column("SELECT x + 1 FROM UNNEST([\(values)]) x WITH OFFSET o WHERE o IN (0, 1, 3) ORDER BY o") == [
                .float64(.infinity), .float64(-.infinity), .float64(2.5),
            ])
        #expect(try db.column("SELECT STRUCT(CAST('inf' AS FLOAT64) AS v)") == [.record([.float64(.infinity)])])
        #expect(try db.column("SELECT TO_JSON_STRING([CAST('-inf' AS FLOAT64)])") == [.string("[\"-Infinity\"]")])
    }

    @Test func nonFiniteValuesInsideRecordsAndArraysComeBack() throws {
        let array = TableFieldSchema(name: "a", type: .float, mode: .repeated)
        let stored = SQLiteStorage.encode(.array([.float64(.infinity), .float64(-.infinity)]), field: array)
        #expect(SQLiteStorage.decode(stored, field: array) == .array([.float64(.infinity), .float64(-.infinity)]))
    }
}
