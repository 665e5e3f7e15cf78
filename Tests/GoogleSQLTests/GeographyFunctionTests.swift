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
        // A line that never moves is its point; a ring is stored counter-clockwise (its vertex list
        // reversed), as read ones are.
        #expect(try db.rows(sql) == [[.string("POINT(0 0)"), .string("POLYGON((1 0, 0 1, 0 0, 1 0))")]])
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

/// The ST_* functions whose results are not plain scalars travel through SQLite as the engine's
/// own encodings: ARRAY<GEOGRAPHY> as a JSON array of WKT, STRUCT as a JSON object, BYTES as a blob.
@Suite struct GeographyShapeFunctionTests {
    let db = try! Fixture.shapes()

    @Test func dumpReturnsAnArrayOfGeographyThatUnnests() throws {
        let sql = "SELECT ST_DUMP(ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))')) AS parts"
        #expect(try db.compile(sql).schema.fields.first?.mode == .repeated)
        #expect(try db.rows(sql) == [[.array([.string("POINT(0 0)"), .string("LINESTRING(1 2, 2 1)")])]])
        let unnested = "SELECT ST_GEOMETRYTYPE(g) FROM UNNEST(ST_DUMPPOINTS(ST_GEOGFROMTEXT('LINESTRING(1 2, 2 1)'))) AS g"
        #expect(try db.rows(unnested) == [[.string("ST_Point")], [.string("ST_Point")]])
    }

    @Test func boundingBoxIsAStructOfFourFloats() throws {
        let sql =
            "SELECT ST_BOUNDINGBOX(ST_GEOGFROMTEXT('LINESTRING(1 2, 3 4)')).xmax AS xmax, ST_BOUNDINGBOX(ST_GEOGFROMTEXT('POINT EMPTY')) AS none"
        #expect(try db.rows(sql) == [[.float64(3), .null]])
    }

    @Test func asBinaryIsBytesAndGeogFromAcceptsThemBack() throws {
        let sql = "SELECT ST_ASBINARY(ST_GEOGPOINT(2, 4)) AS wkb, ST_GEOGFROM(ST_ASBINARY(ST_GEOGPOINT(2, 4))) AS back"
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.bytes, .geography])
        #expect(try db.rows(sql)[0][1] == .string("POINT(2 4)"))
    }

    @Test func badArgumentsGiveClearErrorsOrNull() throws {
        #expect(db.runFailure("ST_AZIMUTH(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)'), ST_GEOGPOINT(0, 0))")?.contains("single point") == true)
        #expect(db.runFailure("ST_DUMP(ST_GEOGPOINT(0, 0), 9223372036854775807)")?.contains("dimension") == true)
        #expect(
            db.runFailure("ST_LINESUBSTRING(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)'), 0, CAST('NaN' AS FLOAT64))")?.contains("between 0 and 1") == true
        )
        #expect(db.runFailure("ST_GEOGFROMWKB(b'\\x01\\x02')")?.contains("WKB") == true)
        #expect(db.runFailure("ST_SIMPLIFY(ST_GEOGPOINT(0, 0), 1)")?.hasPrefix("Unsupported") == true)
        #expect(db.runFailure("ST_CLOSESTPOINT(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 1), TRUE)")?.hasPrefix("Unsupported") == true)
        #expect(try db.rows("SELECT ST_LINEINTERPOLATEPOINT(ST_GEOGFROMTEXT('LINESTRING EMPTY'), 0.5)") == [[.string("GEOMETRYCOLLECTION EMPTY")]])
    }
}
