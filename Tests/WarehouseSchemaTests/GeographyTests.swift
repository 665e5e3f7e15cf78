import Foundation
import Testing
import WireJSON

@testable import WarehouseSchema

@Suite struct GeographyTests {
    /// A fixture's geography; a fixture that does not parse fails the test (and gives an empty one).
    private func geography(_ wkt: String, sourceLocation: SourceLocation = #_sourceLocation) -> Geography {
        do {
            return try Geography(wkt: wkt)
        } catch {
            Issue.record("\(wkt): \(error.message)", sourceLocation: sourceLocation)
            return Geography()
        }
    }

    private func message(of make: () throws(GeographyError) -> Geography) -> String? {
        do throws(GeographyError) {
            _ = try make()
            return nil
        } catch {
            return error.message
        }
    }

    private func isClose(_ value: Double?, _ expected: Double, relative: Double = 1e-9) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= relative * abs(expected)
    }

    // MARK: Measures against BigQuery's own answers

    @Test func distanceBetweenTwoPointsMatchesBigQuery() throws {
        let a = geography("POINT(139.7454316 35.658584)")
        let b = geography("POINT(139.8108103 35.7100069)")
        #expect(isClose(a.distance(to: b), 8219.632821167155))
        #expect(isClose(b.distance(to: a), 8219.632821167155))
    }

    @Test func areaOfALargePolygonMatchesBigQuery() throws {
        let polygon = geography("POLYGON((-179 26, -179 48, -10 48, -10 26, -100 -10.1, -179 26))")
        #expect(isClose(polygon.area, 9.564128913265508E13))
    }

    @Test func polygonIsTheSmallerRegionWhicheverWayItIsWound() throws {
        let counterClockwise = geography("POLYGON((0 0, 1 0, 0 1, 0 0))")
        let clockwise = geography("POLYGON((0 0, 0 1, 1 0, 0 0))")
        #expect(counterClockwise.area > 6e9 && counterClockwise.area < 6.3e9)
        #expect(isClose(clockwise.area, counterClockwise.area, relative: 1e-12))
        // Exteriors are stored counter-clockwise, turned as BigQuery turns them: the open vertex
        // list reversed (its ST_GEOGFROM example writes (0 0, 0 2, 2 2, 2 0) as (2 0, 2 2, 0 2, 0 0)).
        #expect(clockwise.wkt == "POLYGON((1 0, 0 1, 0 0, 1 0))")
        #expect(geography("POLYGON((0 0, 0 2, 2 2, 2 0, 0 0))").wkt == "POLYGON((2 0, 2 2, 0 2, 0 0, 2 0))")
    }

    @Test func lengthAndPerimeterAreGreatCircleMeters() throws {
        let oneDegree = Geography.earthRadius * .pi / 180
        #expect(isClose(geography("LINESTRING(0 0, 1 0, 2 0)").length, 2 * oneDegree, relative: 1e-12))
        #expect(geography("LINESTRING(0 0, 1 0)").perimeter == 0)
        let square = geography("POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")
        #expect(square.length == 0)
        // Two sides along meridians are exactly a degree; the other two are a degree of longitude at
        // latitude 0 and (a bit less, along the great circle) at latitude 1.
        #expect(square.perimeter > 3.99 * oneDegree && square.perimeter < 4 * oneDegree)
        #expect(geography("POINT(1 1)").area == 0)
    }

    @Test func holesAreSubtractedFromArea() throws {
        let outer = geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")
        let hole = geography("POLYGON((2 2, 4 2, 4 4, 2 4, 2 2))")
        let holed = geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        #expect(isClose(holed.area, outer.area - hole.area, relative: 1e-12))
        #expect(isClose(holed.perimeter, outer.perimeter + hole.perimeter, relative: 1e-12))
    }

    @Test func distanceToAnEdgeUsesTheCrossTrackAngle() throws {
        let equator = geography("LINESTRING(0 0, 10 0)")
        let oneDegree = Geography.earthRadius * .pi / 180
        #expect(isClose(equator.distance(to: geography("POINT(5 1)")), oneDegree, relative: 1e-12))
        // Beyond the end of the edge the nearer end point is nearest.
        #expect(isClose(equator.distance(to: geography("POINT(11 0)")), oneDegree, relative: 1e-12))
        #expect(isClose(equator.distance(to: geography("LINESTRING(0 1, 10 1)")), oneDegree, relative: 1e-12))
        #expect(equator.distance(to: geography("LINESTRING(5 -1, 5 1)")) == 0)
        #expect(equator.distance(to: Geography()) == nil)
        let square = geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")
        #expect(square.distance(to: geography("POINT(5 5)")) == 0)
        #expect(isClose(square.distance(to: geography("POINT(5 -1)")), oneDegree, relative: 1e-12))
    }

    // MARK: ST_GEOGPOINT

    @Test func geogPointWrapsLongitudeAndRejectsBadLatitude() throws {
        #expect(try Geography.point(longitude: 190, latitude: 0).wkt == "POINT(-170 0)")
        #expect(try Geography.point(longitude: -190, latitude: 5).wkt == "POINT(170 5)")
        #expect(try Geography.point(longitude: -122.35, latitude: 47.62).wkt == "POINT(-122.35 47.62)")
        #expect(
            message { () throws(GeographyError) in try Geography.point(longitude: 0, latitude: 90.5) }
                == "Latitude must be between -90 and 90 degrees.")
        #expect(message { () throws(GeographyError) in try Geography.point(longitude: .nan, latitude: 0) } != nil)
        #expect(message { () throws(GeographyError) in try Geography.point(longitude: 0, latitude: .infinity) } != nil)
    }

    // MARK: WKT

    @Test func readsEveryWKTKindInBigQuerysSpelling() throws {
        let cases: [(String, String)] = [
            ("point ( 1 2 )", "POINT(1 2)"),
            ("MULTIPOINT(1 2, 3 4)", "MULTIPOINT(1 2, 3 4)"),
            ("MultiPoint((1 2),(3 4))", "MULTIPOINT(1 2, 3 4)"),
            ("LINESTRING(1 2,3 4)", "LINESTRING(1 2, 3 4)"),
            ("MULTILINESTRING((2 2, 3 4), (5 6, 7 7))", "MULTILINESTRING((2 2, 3 4), (5 6, 7 7))"),
            ("POLYGON((1 1, 20 1, 10 20, 1 1))", "POLYGON((1 1, 20 1, 10 20, 1 1))"),
            (
                "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
                "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"
            ),
            ("\tPOINT(-122.35 47.62)\n", "POINT(-122.35 47.62)"),
            ("POINT(1.0 -0.0)", "POINT(1 0)"),
            ("POINT(0.0000001 1e1)", "POINT(0.0000001 10)"),
            ("POINT EMPTY", "GEOMETRYCOLLECTION EMPTY"),
            ("GEOMETRYCOLLECTION EMPTY", "GEOMETRYCOLLECTION EMPTY"),
        ]
        for (input, output) in cases {
            #expect(geography(input).wkt == output, "\(input)")
        }
    }

    @Test func collectionsAreFlattenedPointsFirstThenLinesThenPolygons() throws {
        let mixed = geography("GEOMETRYCOLLECTION(LINESTRING(-2 4, 0 6), POINT(-1 2), GEOMETRYCOLLECTION(POINT(0 12)))")
        #expect(mixed.wkt == "GEOMETRYCOLLECTION(MULTIPOINT(-1 2, 0 12), LINESTRING(-2 4, 0 6))")
        #expect(mixed.points.count == 2 && mixed.lines.count == 1)
        #expect(geography("GEOMETRYCOLLECTION(POINT(1 2))").wkt == "POINT(1 2)")
        // A set holds each point once.
        #expect(geography("MULTIPOINT(1 2, 1 2, 3 4)").points.count == 2)
    }

    @Test func polygonRingsAreStoredOpenAndWrittenClosed() throws {
        let polygon = geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        #expect(polygon.polygons.count == 1 && polygon.polygons[0].count == 2)
        #expect(polygon.polygons[0][0].count == 4)
        #expect(polygon.wkt == "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        #expect(polygon.numPoints == 10)
    }

    @Test func wktErrorsNameTheProblemAndThePosition() {
        let cases: [(String, String)] = [
            ("POLYGON((0 0, 1 0, 1 1, 0 1))", "is not closed"),
            ("POLYGON((0 0, 1 0, 0 0))", "at least 4 points"),
            ("LINESTRING(1 1)", "at least 2 points"),
            ("POINT(1 91)", "Latitude must be between -90 and 90 degrees"),
            ("POINT(1 2) x", "position 11"),
            ("POINT(1,2)", "position 7"),
            ("CIRCLE(1 2)", "unknown geometry type"),
            ("POINT(1 2 3)", "only two coordinates"),
            ("POLYGON((0 0, 1 0, 1 1, 0 0), (5 5, 6 5, 6 6, 5 5))", "outside its exterior"),
        ]
        for (input, fragment) in cases {
            let problem = message { () throws(GeographyError) in try Geography(wkt: input) }
            #expect(problem?.contains(fragment) == true, "\(input): \(problem ?? "no error")")
        }
    }

    /// Found by the geography fuzz target: a hole starting inside the exterior but leaving it was
    /// accepted, and such a polygon did not even intersect itself.
    @Test func aHoleMustLieWithinItsExterior() throws {
        let leaving = message { () throws(GeographyError) in try Geography(wkt: "POLYGON((0 0, 4 3, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))") }
        #expect(leaving?.contains("hole 1 of the polygon is outside its exterior ring") == true, "\(leaving ?? "accepted")")
        // Every vertex inside a U-shaped exterior, an edge across its notch.
        let crossing = message { () throws(GeographyError) in
            try Geography(wkt: "POLYGON((0 0, 10 0, 10 10, 6 10, 6 2, 4 2, 4 10, 0 10, 0 0), (1 5, 1 6, 9 6, 9 5, 1 5))")
        }
        #expect(crossing?.contains("hole 1 of the polygon crosses its exterior ring") == true, "\(crossing ?? "accepted")")
        // Found by the fuzz target too: a ring through one vertex twice has no single orientation.
        let touching = message { () throws(GeographyError) in try Geography(wkt: "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 0, 1 2, 1 1))") }
        #expect(touching?.contains("passes its vertex (1 2) more than once") == true, "\(touching ?? "accepted")")
        // Found by the fuzz target: a ring that turns back along its own edge encloses nothing, so
        // it has no orientation either; it was written back reversed, then read back unreversed.
        let spike = message { () throws(GeographyError) in
            try Geography(wkt: "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 1, 1 0, 1 2, 1 1))")
        }
        #expect(spike?.contains("turns back along its own edge at (1 0)") == true, "\(spike ?? "accepted")")
        let flat = message { () throws(GeographyError) in try Geography(wkt: "POLYGON((0 0, 2 0, 1 0, 0 0))") }
        #expect(flat?.contains("turns back along its own edge") == true, "\(flat ?? "accepted")")
        // A bow tie: BigQuery refuses a ring whose edges cross; it was stored as written.
        let bowTie = message { () throws(GeographyError) in try Geography(wkt: "POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))") }
        #expect(bowTie?.contains("the edge from (0 0) to (2 2) crosses the edge from (2 0) to (0 2)") == true, "\(bowTie ?? "accepted")")
        let valid = try Geography(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 1 2, 2 2, 1 1))")
        #expect(valid.intersects(valid) && valid.equals(valid))
    }

    /// Every edge of a large ring is compared with the edges near it, not only those of a small one.
    @Test func aCrossingDeepInALargeRingIsFound() throws {
        var ring = (0..<20_000).map { index -> String in
            let angle = 2 * Double.pi * Double(index) / 20_000
            return "\(10 * cos(angle)) \(10 * sin(angle))"
        }
        let circle = "POLYGON((" + (ring + [ring[0]]).joined(separator: ", ") + "))"
        #expect(try Geography(wkt: circle).polygons[0][0].count == 20_000)
        ring.swapAt(12_345, 12_346)
        let twisted = message { () throws(GeographyError) in try Geography(wkt: "POLYGON((" + (ring + [ring[0]]).joined(separator: ", ") + "))") }
        // Named as written: to 15 significant digits.
        let written = { (index: Int) throws in try Geography(wkt: "POINT(\(ring[index]))").wkt.dropFirst(6).dropLast() }
        let edge = "the edge from (\(try written(12_344))) to (\(try written(12_345)))"
        #expect(twisted?.contains("a polygon ring crosses itself: " + edge) == true, "\(twisted ?? "accepted")")
    }

    /// BigQuery writes 15 significant digits; a shape is validated as it will be read back, so two
    /// vertices that differ only past the 15th digit are one.
    @Test func coordinatesKeepFifteenSignificantDigits() throws {
        #expect(try Geography(wkt: "POINT(1.1234567890123456 -0.30000000000000004)").wkt == "POINT(1.12345678901235 -0.3)")
        #expect(try Geography(wkt: "POINT(0.000000000012345678901234567 0)").wkt == "POINT(0.0000000000123456789012346 0)")
        let line = try Geography(wkt: "LINESTRING(1 1, 1.0000000000000002 1, 2 2)")
        #expect(line.wkt == "LINESTRING(1 1, 2 2)")
        let text = try Geography(geoJSON: #"{"type": "Point", "coordinates": [2.9963382726897612, 3.0018252833607805]}"#)
        #expect(text.wkt == "POINT(2.99633827268976 3.00182528336078)" && text.geoJSON.contains("[2.99633827268976, 3.00182528336078]"))
    }

    @Test func garbageThrowsWithoutCrashing() {
        let nested = String(repeating: "GEOMETRYCOLLECTION(", count: 33) + "POINT(1 2)" + String(repeating: ")", count: 33)
        let allowed = String(repeating: "GEOMETRYCOLLECTION(", count: 32) + "POINT(1 2)" + String(repeating: ")", count: 32)
        #expect(message { () throws(GeographyError) in try Geography(wkt: allowed) } == nil)
        for input in [
            "", "   ", "POINT", "POINT(", "POINT(nan 1)", "POINT(inf 1)", "POINT(1e400 1)", "POINT(1 2\0)", "\0", "POINT(1e 2)",
            "MULTIPOINT(1 2,)", "POINT((((((((((", "POINT(1 2))", nested, String(repeating: "(", count: 100_000),
        ] {
            #expect(message { () throws(GeographyError) in try Geography(wkt: input) } != nil, "\(input.prefix(60))")
        }
    }

    // MARK: GeoJSON

    @Test func readsGeoJSONGeometriesAndRefusesFeatures() throws {
        #expect(try Geography(geoJSON: #"{"type": "Point", "coordinates": [1, 2]}"#).wkt == "POINT(1 2)")
        let polygon = try Geography(geoJSON: #"{"type":"Polygon","coordinates":[[[1,1],[20,1],[10,20],[1,1]]]}"#)
        #expect(polygon == (geography("POLYGON((1 1, 20 1, 10 20, 1 1))")))
        let collection = try Geography(
            geoJSON: #"{"type":"GeometryCollection","geometries":[{"type":"MultiPoint","coordinates":[[-1,2],[0,12]]},"#
                + #"{"type":"LineString","coordinates":[[-2,4],[0,6]]}]}"#)
        #expect(collection.wkt == "GEOMETRYCOLLECTION(MULTIPOINT(-1 2, 0 12), LINESTRING(-2 4, 0 6))")
        for input in [
            #"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}"#,
            #"{"type":"FeatureCollection","features":[]}"#,
            #"{"type":"Point","coordinates":[1,"2"]}"#,
            #"{"type":"Point","coordinates":[1,95]}"#,
            #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
            #"{"type":"LineString","coordinates":[[0,0]]}"#,
            #"{"type":"Point"}"#,
            "{",
            "[1, 2]",
        ] {
            #expect(message { () throws(GeographyError) in try Geography(geoJSON: input) } != nil, "\(input)")
        }
    }

    @Test func writesGeoJSONThatIsValidAndReadsBack() throws {
        #expect(geography("POINT(-122.35 47.62)").geoJSON == #"{ "type": "Point", "coordinates": [-122.35, 47.62] }"#)
        #expect(geography("LINESTRING(1 2, 3 4)").geoJSON == #"{ "type": "LineString", "coordinates": [[1, 2], [3, 4]] }"#)
        #expect(
            geography("POLYGON((1 1, 20 1, 10 20, 1 1))").geoJSON
                == #"{ "type": "Polygon", "coordinates": [[[1, 1], [20, 1], [10, 20], [1, 1]]] }"#)
        #expect(Geography().geoJSON == #"{ "type": "GeometryCollection", "geometries": [] }"#)
        for input in [
            "MULTIPOINT(1 2, 3 4)", "MULTILINESTRING((2 2, 3 4), (5 6, 7 7))",
            "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5), (5.5 5.2, 5.8 5.6, 5.7 5.2, 5.5 5.2)))",
            "GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1), POLYGON((3 3, 4 3, 4 4, 3 3)))", "GEOMETRYCOLLECTION EMPTY",
        ] {
            let value = geography(input)
            #expect(throws: Never.self) { try JSONValue(parsing: value.geoJSON) }
            #expect(try Geography(geoJSON: value.geoJSON) == value, "\(input)")
        }
    }

    @Test func textIsGeoJSONWhenItStartsWithABrace() throws {
        #expect(try Geography(text: #"  {"type":"Point","coordinates":[3,4]}"#).wkt == "POINT(3 4)")
        #expect(try Geography(text: "POINT(3 4)").wkt == "POINT(3 4)")
        #expect(message { () throws(GeographyError) in try Geography(text: "{POINT(3 4)") }?.contains("GeoJSON") == true)
    }

    // MARK: Shape

    @Test func shapePropertiesFollowTheKindsPresent() throws {
        let cases: [(String, String, Int, Int)] = [
            ("POINT(1 2)", "ST_Point", 0, 1),
            ("MULTIPOINT(1 2, 3 4)", "ST_MultiPoint", 0, 2),
            ("LINESTRING(1 2, 3 4, 5 6)", "ST_LineString", 1, 3),
            ("MULTILINESTRING((1 2, 3 4), (5 6, 7 8))", "ST_MultiLineString", 1, 4),
            ("POLYGON((1 1, 20 1, 10 20, 1 1))", "ST_Polygon", 2, 4),
            ("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", "ST_MultiPolygon", 2, 8),
            ("GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))", "ST_GeometryCollection", 1, 3),
            ("GEOMETRYCOLLECTION EMPTY", "ST_GeometryCollection", -1, 0),
        ]
        for (input, type, dimension, numPoints) in cases {
            let value = geography(input)
            #expect(value.geometryType == type, "\(input)")
            #expect(value.dimension == dimension, "\(input)")
            #expect(value.numPoints == numPoints, "\(input)")
        }
        #expect(geography("POINT(1 2)").x == 1)
        #expect(geography("POINT(1 2)").y == 2)
        #expect(geography("MULTIPOINT(1 2, 3 4)").x == nil)
        #expect(geography("LINESTRING(1 2, 3 4)").y == nil)
        #expect(Geography().isEmpty && Geography().x == nil)
    }

    // MARK: Relations

    @Test func intersectsFindsCrossingsTouchesAndContainment() throws {
        let square = geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")
        #expect(square.intersects(geography("POINT(5 5)")))
        #expect(square.intersects(geography("POINT(0 5)")))
        #expect(!square.intersects(geography("POINT(11 5)")))
        #expect(square.intersects(geography("POLYGON((2 2, 3 2, 3 3, 2 2))")))
        #expect(geography("POLYGON((2 2, 3 2, 3 3, 2 2))").intersects(square))
        #expect(square.intersects(geography("LINESTRING(-5 5, 15 5)")))
        #expect(geography("LINESTRING(0 0, 10 10)").intersects(geography("LINESTRING(0 10, 10 0)")))
        #expect(!geography("LINESTRING(0 0, 10 0)").intersects(geography("LINESTRING(0 1, 10 1)")))
        let holed = geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        #expect(!holed.intersects(geography("POINT(3 3)")))
        #expect(!square.intersects(Geography()))
    }

    @Test func polygonsAcrossTheAntimeridianAndAroundAPoleWork() throws {
        let antimeridian = geography("POLYGON((170 -10, -170 -10, -170 10, 170 10, 170 -10))")
        #expect(antimeridian.contains(geography("POINT(180 0)")))
        #expect(!antimeridian.intersects(geography("POINT(0 0)")))
        #expect(geography("POLYGON((0 80, 90 80, 180 80, -90 80, 0 80))").contains(geography("POINT(0 90)")))
    }

    @Test func coversCountsTheBoundaryButContainsDoesNot() throws {
        let square = geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))")
        let onEdge = geography("POINT(0 5)")
        #expect(square.covers(onEdge) && !square.contains(onEdge))
        let inside = geography("POINT(5 5)")
        #expect(square.covers(inside) && square.contains(inside))
        let alongEdge = geography("LINESTRING(0 0, 10 0)")
        #expect(square.covers(alongEdge) && !square.contains(alongEdge))
        #expect(square.contains(geography("LINESTRING(1 1, 9 9)")))
        #expect(!square.covers(geography("LINESTRING(1 1, 19 9)")))
        #expect(square.contains(square))
        #expect(!geography("POLYGON((2 2, 3 2, 3 3, 2 2))").covers(square))
        let line = geography("LINESTRING(0 0, 10 0)")
        #expect(line.contains(geography("LINESTRING(2 0, 3 0)")))
        #expect(line.covers(geography("POINT(0 0)")) && !line.contains(geography("POINT(0 0)")))
        #expect(!line.covers(geography("LINESTRING(0 0, 11 0)")))
    }

    @Test func holesAndGapsAreNotCovered() throws {
        let holed = geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        #expect(!holed.covers(geography("POLYGON((1 1, 5 1, 5 5, 1 5, 1 1))")))
        #expect(holed.covers(geography("POLYGON((5 5, 6 5, 6 6, 5 5))")))
        // Two halves that share an edge cover what straddles it.
        let halves = geography("MULTIPOLYGON(((0 0, 5 0, 5 10, 0 10, 0 0)), ((5 0, 10 0, 10 10, 5 10, 5 0)))")
        #expect(halves.covers(geography("POLYGON((1 1, 9 1, 9 9, 1 9, 1 1))")))
        let apart = geography("MULTIPOLYGON(((0 0, 4 0, 4 10, 0 10, 0 0)), ((6 0, 10 0, 10 10, 6 10, 6 0)))")
        #expect(!apart.covers(geography("POLYGON((1 1, 9 1, 9 9, 1 9, 1 1))")))
    }

    @Test func equalsComparesPointSetsNotSpellings() throws {
        #expect(geography("MULTIPOINT(1 2, 3 4)").equals(geography("MULTIPOINT(3 4, 1 2, 1 2)")))
        #expect(geography("LINESTRING(0 0, 5 0, 10 0)").equals(geography("LINESTRING(10 0, 0 0)")))
        #expect(
            geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))").equals(geography("POLYGON((10 10, 10 0, 0 0, 0 10, 10 10))")))
        #expect(!geography("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))").equals(geography("POLYGON((0 0, 10 0, 10 10, 0 0))")))
        #expect(!geography("POINT(1 1)").equals(geography("MULTIPOINT(1 1, 2 2)")))
        #expect(Geography().equals(Geography()))
        #expect(!Geography().equals(geography("POINT(1 1)")))
    }

    // MARK: Centroid

    @Test func centroidTakesTheHighestDimensionPresent() throws {
        #expect(geography("LINESTRING(0 0, 10 0)").centroid.wkt == "POINT(5 0)")
        let points = geography("MULTIPOINT(0 0, 10 0)").centroid
        #expect(isClose(points.x, 5, relative: 1e-12) && abs(points.y ?? 1) < 1e-12)
        // The polygon outweighs the far-away point.
        let mixed = geography("GEOMETRYCOLLECTION(POINT(100 50), POLYGON((0 -1, 2 -1, 2 1, 0 1, 0 -1)))").centroid
        #expect(isClose(mixed.x, 1, relative: 1e-9) && abs(mixed.y ?? 1) < 1e-9)
        let aroundPole = geography("POLYGON((0 80, 90 80, 180 80, -90 80, 0 80))").centroid
        #expect(aroundPole.wkt == "POINT(0 90)")
        #expect(Geography().centroid.isEmpty)
    }

    // MARK: Size

    @Test func aMillionVerticesNeedNoRecursion() throws {
        var vertices: [Geography.Point] = []
        vertices.reserveCapacity(1_000_000)
        for index in 0..<1_000_000 {
            vertices.append(Geography.Point(longitude: Double(index % 3_000) / 100 - 15, latitude: Double(index / 3_000) / 100 - 1))
        }
        let line = Geography(lines: [vertices])
        let text = line.wkt
        let reread = try Geography(wkt: text)
        #expect(reread.numPoints == 1_000_000)
        #expect(reread.length > 0)
        #expect(reread.distance(to: geography("POINT(100 0)"))! > 0)
        #expect(reread.intersects(geography("POINT(-15 -1)")))
    }
}
