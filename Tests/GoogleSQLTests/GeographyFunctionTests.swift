import Foundation
import Testing
import WarehouseSchema

@testable import GoogleSQL

/// ST_* functions through the SQL engine: types, the values SQLite carries (canonical WKT), and the
/// bounds that keep one call from holding a query. The reference's own examples run through
/// Google's client in `scripts/sql_conformance/geography.sql`.
@Suite struct GeographyFunctionTests {
    let db = try! Fixture.shapes()

    @Test func constructorsReturnGeographyAndBuiltValuesAreNormalized() throws {
        let sql =
            "SELECT ST_MAKELINE(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 0)) AS same, ST_MAKEPOLYGON(ST_GEOGFROMTEXT('LINESTRING(0 0, 0 1, 1 0, 0 0)')) AS p"
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.geography, .geography])
        // A line that never moves is its point; a ring is stored counter-clockwise, as read ones are.
        #expect(try db.rows(sql) == [[.string("POINT(0 0)"), .string("POLYGON((0 0, 1 0, 0 1, 0 0))")]])
    }

    @Test func relationsAndMeasuresReadTheStoredText() throws {
        let square = "ST_GEOGFROMTEXT('POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))')"
        let sql =
            "SELECT ST_WITHIN(ST_GEOGPOINT(1, 1), \(square)), ST_DISTANCE(ST_GEOGPOINT(1, 1), \(square)), ST_DIMENSION(\(square)), ST_ISEMPTY(\(square))"
        #expect(try db.rows(sql) == [[.bool(true), .float64(0), .int64(2), .bool(false)]])
    }

    @Test func twoLargeGeographiesAreRefusedInsteadOfComparedForMinutes() throws {
        func ring(_ count: Int, centre: Double) -> String {
            let vertices = (0...count).map { index -> String in
                let angle = 2 * Double.pi * Double(index % count) / Double(count)
                return "\(centre + cos(angle)) \(sin(angle))"
            }
            return "ST_GEOGFROMTEXT('POLYGON((" + vertices.joined(separator: ", ") + "))')"
        }
        let message = db.runFailure("ST_INTERSECTS(\(ring(2_100, centre: 0)), \(ring(2_100, centre: 5)))")
        #expect(message?.hasPrefix("Unsupported: ST_INTERSECTS of geographies of 2101 and 2101 vertices") == true, "\(message ?? "no error")")
        #expect(try db.rows("SELECT ST_INTERSECTS(\(ring(2_100, centre: 0)), ST_GEOGPOINT(0, 0))") == [[.bool(true)]])
    }
}
