import Testing

@testable import WarehouseSchema

/// The geography library's newer functions: encodings (geohash, WKB), directions, parts, boxes,
/// hulls and positions along lines, and the refusals that keep bad input from crashing or hanging.
@Suite struct GeographyShapeTests {
    private func geography(_ wkt: String, sourceLocation: SourceLocation = #_sourceLocation) -> Geography {
        do {
            return try Geography(wkt: wkt)
        } catch {
            Issue.record("\(wkt): \(error.message)", sourceLocation: sourceLocation)
            return Geography()
        }
    }

    private func failure<T>(_ body: () throws(GeographyError) -> T) -> String? {
        do throws(GeographyError) {
            _ = try body()
            return nil
        } catch {
            return error.message
        }
    }

    @Test func geohashEncodesSeattleCenterAsBigQueryDoesAndDecodesToTheCellCentre() throws {
        let seattle = Geography.Point(longitude: -122.35, latitude: 47.62)
        #expect(Geohash.encode(seattle, maxChars: 10) == "c22yzugqw7")
        // Out-of-range lengths mean the default 20, as BigQuery documents; Int64 extremes included.
        #expect(Geohash.encode(seattle, maxChars: .max).count == 20)
        #expect(Geohash.encode(seattle, maxChars: .min).count == 20)
        let centre = try Geohash.decode("C22YZUGQW7")
        #expect(abs(centre.longitude - -122.35) < 1e-4 && abs(centre.latitude - 47.62) < 1e-4)
        #expect(failure { () throws(GeographyError) in try Geohash.decode("") } != nil)
        #expect(failure { () throws(GeographyError) in try Geohash.decode("c2a") }?.contains("position 2") == true)
        #expect(failure { () throws(GeographyError) in try Geohash.decode(String(repeating: "z", count: 1_000)) } != nil)
    }

    @Test func azimuthIsClockwiseFromNorthAndUndefinedForSameOrAntipodalPoints() {
        let origin = Geography.Point(longitude: 0, latitude: 0)
        #expect(Geography.azimuth(from: origin, to: .init(longitude: 0, latitude: 1)) == 0)
        #expect(Geography.azimuth(from: origin, to: .init(longitude: 1, latitude: 0)) == .pi / 2)
        #expect(Geography.azimuth(from: origin, to: origin) == nil)
        #expect(Geography.azimuth(from: .init(longitude: -30, latitude: 0), to: .init(longitude: 150, latitude: 0)) == nil)
        let angle = Geography.angle(.init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 0), .init(longitude: 0, latitude: 1))
        #expect(abs(angle! - 0.78547432161873854) < 1e-12)
    }

    @Test func wkbRoundTripsEveryKindAndRefusesForgedCountsAndZCoordinates() throws {
        for wkt in [
            "POINT(2 4)", "MULTIPOINT(0 0, 1 1)", "LINESTRING(1 1, 3 2)", "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))",
            "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", "GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1))",
            "GEOMETRYCOLLECTION EMPTY",
        ] {
            #expect(try Geography(wkb: geography(wkt).wkb).wkt == wkt)
        }
        #expect(try Geography(wkbHex: "010100000000000000000000400000000000001040").wkt == "POINT(2 4)")
        // A line claiming 2^32 - 1 points in a few bytes is refused before anything is reserved.
        #expect(failure { () throws(GeographyError) in try Geography(wkbHex: "0102000000ffffffff00") }?.contains("count") == true)
        #expect(failure { () throws(GeographyError) in try Geography(wkbHex: "01e9030000") }?.contains("Z and M") == true)
        #expect(failure { () throws(GeographyError) in try Geography(wkbHex: "0101") } != nil)
        #expect(failure { () throws(GeographyError) in try Geography(wkbHex: "zz") } != nil)
        #expect(failure { () throws(GeographyError) in try Geography(wkb: []) } != nil)
        // NaN coordinates are POINT EMPTY alone, an error inside a line.
        let nan = "000000000000f87f000000000000f87f"
        #expect(try Geography(wkbHex: "0101000000" + nan).isEmpty)
        #expect(failure { () throws(GeographyError) in try Geography(wkbHex: "010200000002000000" + nan + nan) } != nil)
    }

    @Test func clockwiseRingsAreStoredWithTheirVertexListReversedAsBigQueryWritesThem() {
        #expect(geography("POLYGON((0 0, 1 4, 2 2, 0 0))").exteriorRing?.wkt == "LINESTRING(2 2, 1 4, 0 0, 2 2)")
        let holed = geography("POLYGON((1 1, 1 10, 5 10, 5 1, 1 1), (2 2.5, 3.5 3, 2.5 2, 2 2.5), (3.5 7, 4 6, 3 3, 3.5 7))")
        #expect(holed.interiorRings?.map(\.wkt) == ["LINESTRING(2.5 2, 3.5 3, 2 2.5, 2.5 2)", "LINESTRING(3 3, 4 6, 3.5 7, 3 3)"])
        #expect(geography("LINESTRING(0 0, 1 1)").exteriorRing == nil)
    }

    @Test func partsDumpsAndClosednessFollowTheReference() {
        let collection = geography("GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(1 2, 2 1))")
        #expect(collection.numGeometries == 2)
        #expect(collection.dump().map(\.wkt) == ["POINT(0 0)", "LINESTRING(1 2, 2 1)"])
        #expect(collection.dump(dimension: 1).map(\.wkt) == ["LINESTRING(1 2, 2 1)"])
        #expect(collection.dumpPoints.map(\.wkt) == ["POINT(0 0)", "POINT(1 2)", "POINT(2 1)"])
        #expect(!collection.isClosed && !Geography().isClosed && geography("LINESTRING(0 1, 4 3, 2 6, 0 1)").isClosed)
        #expect(geography("LINESTRING(0 1, 4 3, 2 6, 0 1)").isRing)
        #expect(!geography("LINESTRING(0 0, 2 2, 2 0, 0 2, 0 0)").isRing)
        #expect(geography("LINESTRING(1 1, 2 1, 3 2)").boundary.wkt == "MULTIPOINT(1 1, 3 2)")
    }

    @Test func boundingBoxCrossesTheAntimeridianWithXmaxBeyond180() {
        let box = geography("POLYGON((172 53, -130 55, -141 70, 172 53))").boundingBox
        #expect(box == Geography.BoundingBox(xmin: 172, ymin: 53, xmax: 230, ymax: 70))
        #expect(geography("POLYGON((-125 48, -124 46, -117 46, -117 49, -125 48))").boundingBox == .init(xmin: -125, ymin: 46, xmax: -117, ymax: 49))
        // An edge along a parallel bulges poleward; a polygon round the pole reaches it.
        #expect(geography("LINESTRING(-60 60, 60 60)").boundingBox!.ymax > 70)
        #expect(geography("POLYGON((0 80, 90 80, 180 80, -90 80, 0 80))").boundingBox == .init(xmin: -180, ymin: 80, xmax: 180, ymax: 90))
        #expect(Geography().boundingBox == nil)
    }

    @Test func intersectsBoxSeesEdgesThroughTheBoxAndRefusesBadBounds() throws {
        let line = geography("LINESTRING(-10 5, 10 5)")
        #expect(try line.intersectsBox(west: -1, south: 0, east: 1, north: 10))
        #expect(try !line.intersectsBox(west: 20, south: 0, east: 30, north: 10))
        // A box wholly inside a polygon.
        #expect(try geography("POLYGON((-10 -10, 10 -10, 10 10, -10 10, -10 -10))").intersectsBox(west: -1, south: -1, east: 1, north: 1))
        #expect(failure { () throws(GeographyError) in try line.intersectsBox(west: .nan, south: 0, east: 1, north: 1) } != nil)
        #expect(failure { () throws(GeographyError) in try line.intersectsBox(west: 200, south: 0, east: 600, north: 1) } != nil)
    }

    @Test func convexHullIsBigQuerysPolygonAndRefusesMoreThanAHemisphere() throws {
        #expect(try geography("MULTIPOINT(2 11, 4 12, 0 15, 1 9, 1 12)").convexHull?.wkt == "POLYGON((1 9, 4 12, 0 15, 1 9))")
        #expect(try geography("MULTIPOINT(0 0, 1 0, 2 0)").convexHull?.wkt == "LINESTRING(2 0, 0 0)")
        #expect(try Geography().convexHull == nil)
        #expect(failure { () throws(GeographyError) in try geography("MULTIPOINT(0 0, 180 0)").convexHull } != nil)
    }

    @Test func snapToGridRoundsToAPowerOfTenAndRefusesNonPositiveSizes() throws {
        #expect(try Geography.gridExponent(0.01) == -2)
        #expect(try Geography.gridExponent(1e300) == -1)
        #expect(try Geography.gridExponent(.leastNonzeroMagnitude) == -9)
        #expect(failure { () throws(GeographyError) in try Geography.gridExponent(-1) } != nil)
        #expect(failure { () throws(GeographyError) in try Geography.gridExponent(.nan) } != nil)
        #expect(geography("POLYGON((0 0, 0.01 0, 0.01 0.01, 0 0))").snappedWKT(exponent: -1) == "LINESTRING(0 0, 0 0)")
    }

    @Test func linearReferencingMatchesTheReferenceFigures() throws {
        let line = geography("LINESTRING(1 1, 5 5)").lines[0]
        let middle = try Geography.interpolate(line, fraction: 0.5).points[0]
        #expect(abs(middle.longitude - 2.99633827268976) < 1e-12 && abs(middle.latitude - 3.00182528336078) < 1e-12)
        #expect(abs(Geography.locate(.init(longitude: 2, latitude: 2), on: line) - 0.25015214685147907) < 1e-12)
        #expect(Geography.locate(.init(longitude: 6, latitude: 5), on: line) == 1)
        let zigzag = geography("LINESTRING(20 70, 70 60, 10 70, 70 70)").lines[0]
        let half = try Geography.substring(zigzag, from: 0.5, to: 1)
        #expect(half.lines.first?.count == 3 && half.lines.first?.last == .init(longitude: 70, latitude: 70))
        #expect(failure { () throws(GeographyError) in try Geography.interpolate(line, fraction: .nan) } != nil)
        #expect(failure { () throws(GeographyError) in try Geography.substring(line, from: 0.6, to: 0.5) } != nil)
    }

    @Test func closestPointMaxDistanceAndTouches() {
        let line = geography("LINESTRING(0 0, 0 2)")
        #expect(line.closestPoint(to: geography("POINT(1 1)"))?.points.first.map { abs($0.longitude) < 1e-12 } == true)
        #expect(line.closestPoint(to: Geography()) == nil)
        let oneDegree = Geography.earthRadius * .pi / 180
        #expect(abs(geography("POINT(0 0)").maxDistance(to: line)! - 2 * oneDegree) < 1e-6)
        // A polygon holding the antipode of a point is half the globe away from it.
        #expect(
            abs(
                geography("POINT(0 0)").maxDistance(to: geography("POLYGON((179 -1, -179 -1, -179 1, 179 1, 179 -1))"))! - .pi * Geography.earthRadius
            ) < 1e-6)
        #expect(geography("POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))").touches(geography("POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))")))
        #expect(!geography("POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))").touches(geography("POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))")))
        #expect(!geography("POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))").touches(geography("POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))")))
        #expect(!geography("LINESTRING(0 0, 2 2)").touches(geography("LINESTRING(0 2, 2 0)")))
    }
}
