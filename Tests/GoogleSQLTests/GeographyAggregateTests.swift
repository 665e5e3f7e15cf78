import Foundation
import Testing
import WarehouseSchema

@testable import GoogleSQL

/// ST_CENTROID_AGG, ST_EXTENT, ST_UNION_AGG and ST_UNION through the SQL engine: their NULL rules,
/// result types, and the refusal of unions the emulator cannot reproduce exactly.
@Suite struct GeographyAggregateTests {
    let db = try! Fixture.shapes()

    private static func from(_ items: [String]) -> String { " FROM UNNEST([" + items.joined(separator: ", ") + "]) AS g" }

    @Test func centroidAggWeighsEveryInputOfTheHighestDimension() throws {
        let points = Self.from(["ST_GEOGPOINT(1, 5)", "ST_GEOGPOINT(1, 2)", "ST_GEOGPOINT(1, -1)", "ST_GEOGPOINT(1, -1)"])
        // A repeated point counts twice, unlike in ST_CENTROID of the union.
        // The reference writes 15 significant digits (POINT(1 1.24961422620969)); the stored text
        // keeps every digit of the Double, so the test rounds.
        let centroid = try db.rows("SELECT ROUND(ST_X(c), 12), ROUND(ST_Y(c), 12) FROM (SELECT ST_CENTROID_AGG(g) AS c" + points + ")")
        #expect(centroid == [[.float64(1), .float64(1.24961422621)]], "\(centroid)")
        let mixed = Self.from([
            "ST_GEOGPOINT(50, 26)", "ST_GEOGFROMTEXT('LINESTRING(0 -1, 0 1)')", "ST_GEOGFROMTEXT('LINESTRING(0 1, 0 3)')",
        ])
        #expect(try db.column("SELECT ST_CENTROID_AGG(g)" + mixed) == [.string("POINT(0 1)")])
        #expect(try db.compile("SELECT ST_CENTROID_AGG(g)" + mixed).schema.fields.map(\.type) == [.geography])
    }

    @Test func centroidAggIsNullWithoutInputAndEmptyForEmptyInputs() throws {
        #expect(try db.column("SELECT ST_CENTROID_AGG(g)" + Self.from(["CAST(NULL AS GEOGRAPHY)"])) == [.null])
        #expect(try db.column("SELECT ST_CENTROID_AGG(g)" + Self.from(["ST_GEOGFROMTEXT('POINT EMPTY')"])) == [.string("GEOMETRYCOLLECTION EMPTY")])
        let grouped = "SELECT k, ST_CENTROID_AGG(IF(k = 1, ST_GEOGPOINT(k, 0), NULL)) FROM UNNEST([1, 2]) AS k GROUP BY k ORDER BY k"
        #expect(try db.rows(grouped) == [[.int64(1), .string("POINT(1 0)")], [.int64(2), .null]])
        let window = "SELECT k, ST_UNION_AGG(ST_GEOGPOINT(0, k)) OVER (ORDER BY k) FROM UNNEST([1, 2]) AS k ORDER BY k"
        #expect(try db.rows(window) == [[.int64(1), .string("POINT(0 1)")], [.int64(2), .string("MULTIPOINT(0 1, 0 2)")]])
    }

    @Test func extentCrossesTheAntimeridianWhenThatIsNarrower() throws {
        let boxes = Self.from([
            "ST_GEOGFROMTEXT('POLYGON((-125 48, -124 46, -117 46, -117 49, -125 48))')",
            "ST_GEOGFROMTEXT('POLYGON((172 53, -130 55, -141 70, 172 53))')", "ST_GEOGFROMTEXT('POINT EMPTY')",
        ])
        let sql = "SELECT e.xmin, e.ymin, e.xmax, e.ymax FROM (SELECT ST_EXTENT(g) AS e" + boxes + ")"
        #expect(try db.rows(sql) == [[.float64(172), .float64(46), .float64(243), .float64(70)]])
    }

    @Test func extentOfHalfTheCircleOrMoreIsTheWholeCircle() throws {
        let wide = Self.from(["ST_GEOGPOINT(-100, 1)", "ST_GEOGPOINT(0, -2)", "ST_GEOGPOINT(90, 3)"])
        let sql = "SELECT e.xmin, e.ymin, e.xmax, e.ymax FROM (SELECT ST_EXTENT(g) AS e" + wide + ")"
        #expect(try db.rows(sql) == [[.float64(-180), .float64(-2), .float64(180), .float64(3)]])
    }

    @Test func extentIsNullWhenEveryInputIsNullOrEmpty() throws {
        let inputs = Self.from(["CAST(NULL AS GEOGRAPHY)", "ST_GEOGFROMTEXT('POINT EMPTY')"])
        #expect(try db.column("SELECT ST_EXTENT(g)" + inputs) == [.null])
        #expect(try db.compile("SELECT ST_EXTENT(g)" + inputs).schema.fields.first?.type == .record)
    }

    @Test func unionAggOfPointsKeepsEachPointOnce() throws {
        let points = Self.from(["ST_GEOGPOINT(1, 5)", "NULL", "ST_GEOGPOINT(1, 2)", "ST_GEOGPOINT(1, 5)", "ST_GEOGFROMTEXT('POINT EMPTY')"])
        #expect(try db.column("SELECT ST_UNION_AGG(g)" + points) == [.string("MULTIPOINT(1 5, 1 2)")])
        #expect(try db.column("SELECT ST_UNION_AGG(g)" + Self.from(["ST_GEOGPOINT(1, 2)", "ST_GEOGPOINT(1, 2)"])) == [.string("POINT(1 2)")])
        #expect(try db.column("SELECT ST_UNION_AGG(g)" + Self.from(["CAST(NULL AS GEOGRAPHY)"])) == [.null])
        #expect(try db.column("SELECT ST_UNION_AGG(g)" + Self.from(["ST_GEOGFROMTEXT('POINT EMPTY')"])) == [.string("GEOMETRYCOLLECTION EMPTY")])
    }

    @Test func unionsWithLinesOrPolygonsAreRefused() throws {
        let lines = Self.from(["ST_GEOGFROMTEXT('LINESTRING(-122.12 47.67, -122.19 47.69)')", "ST_GEOGPOINT(0, 0)"])
        let aggregate = db.runFailure("ST_UNION_AGG(g)" + lines)
        #expect(
            aggregate?.contains("Unsupported: ST_UNION_AGG of lines or polygons is not supported by the local emulator") == true,
            "\(aggregate ?? "no error")")
        let scalar = db.runFailure("ST_UNION(ST_GEOGPOINT(0, 0), ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 0))'))")
        #expect(
            scalar?.contains("Unsupported: ST_UNION of lines or polygons is not supported by the local emulator") == true, "\(scalar ?? "no error")")
    }

    @Test func unionOfTwoValuesOrAnArrayFollowsItsNullRules() throws {
        #expect(try db.value("ST_UNION(ST_GEOGPOINT(1, 2), ST_GEOGPOINT(3, 4))") == .string("MULTIPOINT(1 2, 3 4)"))
        #expect(try db.value("ST_UNION(ST_GEOGPOINT(1, 2), ST_GEOGPOINT(1, 2))") == .string("POINT(1 2)"))
        #expect(try db.value("ST_UNION(ST_GEOGPOINT(1, 2), NULL)") == .null)
        #expect(try db.value("ST_UNION([ST_GEOGPOINT(1, 2), NULL, ST_GEOGPOINT(1, 2)])") == .string("POINT(1 2)"))
        #expect(try db.value("ST_UNION(CAST(NULL AS ARRAY<GEOGRAPHY>))") == .null)
        #expect(try db.value("ST_UNION(ARRAY<GEOGRAPHY>[])") == .string("GEOMETRYCOLLECTION EMPTY"))
        #expect(db.failure("ST_UNION(1, 2)")?.contains("No matching signature for function ST_UNION") == true)
    }

    @Test func aggregatesCheckTheirArgument() throws {
        #expect(db.failure("ST_EXTENT(x) FROM UNNEST([1]) AS x")?.contains("No matching signature for aggregate function ST_EXTENT") == true)
        let distinct = db.failure("ST_UNION_AGG(DISTINCT g)" + Self.from(["ST_GEOGPOINT(1, 2)"]))
        #expect(distinct?.contains("DISTINCT cannot be used with arguments of type GEOGRAPHY") == true, "\(distinct ?? "no error")")
    }
}
