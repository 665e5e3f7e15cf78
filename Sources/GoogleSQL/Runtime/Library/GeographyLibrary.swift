import GRDB
import WarehouseSchema

/// ST_* functions on GEOGRAPHY values. SQLite holds a geography as its canonical WKT, so each call
/// reads its arguments back into `Geography` and writes a geography result as WKT again.
enum GeographyLibrary {
    static func geography(_ value: DatabaseValue) throws(GoogleSQLError) -> Geography {
        do {
            return try Geography(wkt: Library.text(value))
        } catch {
            // Only a value that did not come from a GEOGRAPHY can fail here.
            throw Library.error(error.message)
        }
    }

    static func parsed(_ function: String, _ body: () throws(GeographyError) -> Geography) throws(GoogleSQLError) -> DatabaseValue {
        do {
            return try body().wkt.databaseValue
        } catch {
            throw Library.error("\(function): \(error.message)")
        }
    }

    /// The one point of a single-point geography, as ST_X and ST_Y require.
    static func coordinate(_ function: String, _ value: DatabaseValue, _ read: (Geography) -> Double?) throws(GoogleSQLError) -> DatabaseValue {
        guard let coordinate = read(try geography(value)) else {
            throw Library.error("\(function) accepts only a GEOGRAPHY that is a single point")
        }
        return coordinate.databaseValue
    }

    /// The one linestring of a geography, as ST_STARTPOINT, ST_ENDPOINT and ST_POINTN read it.
    static func line(_ function: String, _ value: DatabaseValue) throws(GoogleSQLError) -> [Geography.Point] {
        let value = try geography(value)
        guard value.points.isEmpty, value.polygons.isEmpty, value.lines.count == 1 else {
            throw Library.error("\(function) accepts only a GEOGRAPHY that is a single linestring")
        }
        return value.lines[0]
    }

    /// The most vertex pairs one relation or distance compares: the library tests every edge of
    /// one side against every edge of the other (no spatial index), so two large polygons would
    /// hold a query for minutes; past this a clear 400 answers instead.
    static let maximumVertexPairs = 4_000_000

    /// Both arguments of ST_DISTANCE, ST_INTERSECTS and the like, within `maximumVertexPairs`.
    static func pair(_ function: String, _ arguments: [DatabaseValue]) throws(GoogleSQLError) -> (Geography, Geography) {
        let (first, second) = (try geography(arguments[0]), try geography(arguments[1]))
        let pairs = first.numPoints.multipliedReportingOverflow(by: second.numPoints)
        guard !pairs.overflow, pairs.partialValue <= maximumVertexPairs else {
            throw Library.error(
                "Unsupported: \(function) of geographies of \(first.numPoints) and \(second.numPoints) vertices (more than \(maximumVertexPairs) vertex pairs) is not supported by the local emulator"
            )
        }
        return (first, second)
    }

    /// A geography built here goes through the WKT reader, which normalizes it as every stored value
    /// is normalized (repeated points dropped, exterior rings counter-clockwise).
    static func normalized(_ function: String, _ value: Geography) throws(GoogleSQLError) -> DatabaseValue {
        try parsed(function) { () throws(GeographyError) in try Geography(wkt: value.wkt) }
    }

    static func relation(
        _ function: String, _ arguments: [DatabaseValue], _ test: (Geography, Geography) -> Bool
    ) throws(GoogleSQLError) -> DatabaseValue {
        let (first, second) = try pair(function, arguments)
        return Library.bool(test(first, second))
    }

    static func point(_ point: Geography.Point) -> DatabaseValue {
        Geography(points: [point]).wkt.databaseValue
    }

    /// ST_MAKELINE: the points, and the vertices of the lines, of both arguments in order.
    static func makeLine(_ first: Geography, _ second: Geography) throws(GoogleSQLError) -> DatabaseValue {
        var vertices: [Geography.Point] = []
        for part in [first, second] {
            guard part.polygons.isEmpty, part.points.isEmpty || part.lines.isEmpty else {
                throw Library.error("ST_MAKELINE accepts only points and linestrings")
            }
            vertices += part.points
            for line in part.lines { vertices += line }
        }
        guard vertices.count >= 2 else { throw Library.error("ST_MAKELINE needs at least two points") }
        return try normalized("ST_MAKELINE", Geography(lines: [vertices]))
    }

    /// ST_MAKEPOLYGON: a closed linestring's interior.
    static func makePolygon(_ shell: Geography) throws(GoogleSQLError) -> DatabaseValue {
        guard shell.points.isEmpty, shell.polygons.isEmpty, shell.lines.count == 1, var ring = shell.lines.first else {
            throw Library.error("ST_MAKEPOLYGON accepts only a single linestring")
        }
        guard ring.count >= 4, ring.first == ring.last else {
            throw Library.error("ST_MAKEPOLYGON needs a closed linestring of at least four points")
        }
        ring.removeLast()
        return try normalized("ST_MAKEPOLYGON", Geography(polygons: [[ring]]))
    }

    static let implementations: [String: Library.Implementation] = core.merging(GeographyLibrary.shapeImplementations) { first, _ in first }

    private static let core: [String: Library.Implementation] = [
        "gsql_st_geogpoint": Library.strict(2) { a in
            let (longitude, latitude) = (try Library.double(a[0]), try Library.double(a[1]))
            return try parsed("ST_GEOGPOINT") { () throws(GeographyError) in try Geography.point(longitude: longitude, latitude: latitude) }
        },
        "gsql_st_geogfromtext": Library.strict(1) { a in
            try parsed("ST_GEOGFROMTEXT") { () throws(GeographyError) in try Geography(wkt: Library.text(a[0])) }
        },
        "gsql_st_geogfromgeojson": Library.strict(1) { a in
            try parsed("ST_GEOGFROMGEOJSON") { () throws(GeographyError) in try Geography(geoJSON: Library.text(a[0])) }
        },
        "gsql_st_geogfrom": Library.strict(1) { a in
            // BYTES is WKB; a STRING is WKT, GeoJSON or hexadecimal WKB.
            if case .blob(let data) = a[0].storage {
                return try parsed("ST_GEOGFROM") { () throws(GeographyError) in try Geography(wkb: Array(data)) }
            }
            return try parsed("ST_GEOGFROM") { () throws(GeographyError) in try Geography(text: Library.text(a[0])) }
        },
        "gsql_st_astext": Library.strict(1) { a in try geography(a[0]).wkt.databaseValue },
        "gsql_st_asgeojson": Library.strict(1) { a in try geography(a[0]).geoJSON.databaseValue },
        "gsql_st_x": Library.strict(1) { a in try coordinate("ST_X", a[0]) { $0.x } },
        "gsql_st_y": Library.strict(1) { a in try coordinate("ST_Y", a[0]) { $0.y } },
        "gsql_st_geometrytype": Library.strict(1) { a in try geography(a[0]).geometryType.databaseValue },
        "gsql_st_dimension": Library.strict(1) { a in Int64(try geography(a[0]).dimension).databaseValue },
        "gsql_st_numpoints": Library.strict(1) { a in Int64(try geography(a[0]).numPoints).databaseValue },
        "gsql_st_isempty": Library.strict(1) { a in Library.bool(try geography(a[0]).isEmpty) },
        "gsql_st_iscollection": Library.strict(1) { a in
            let value = try geography(a[0])
            return Library.bool(value.points.count + value.lines.count + value.polygons.count > 1)
        },
        "gsql_st_startpoint": Library.strict(1) { a in point(try line("ST_STARTPOINT", a[0])[0]) },
        "gsql_st_endpoint": Library.strict(1) { a in point(try line("ST_ENDPOINT", a[0]).last!) },
        "gsql_st_pointn": Library.strict(2) { a in
            let vertices = try line("ST_POINTN", a[0])
            let index = try Library.int(a[1])
            // 1-based; -1 is the last point, as BigQuery counts.
            let position = index > 0 ? Int(clamping: index) - 1 : vertices.count + Int(clamping: index)
            guard index != 0, vertices.indices.contains(position) else {
                throw Library.error("ST_POINTN index \(index) is out of range for a linestring of \(vertices.count) points")
            }
            return point(vertices[position])
        },
        "gsql_st_centroid": Library.strict(1) { a in try geography(a[0]).centroid.wkt.databaseValue },
        "gsql_st_makeline": Library.strict(2) { a in try makeLine(try geography(a[0]), try geography(a[1])) },
        "gsql_st_makepolygon": Library.strict(1) { a in try makePolygon(try geography(a[0])) },
        "gsql_st_distance": Library.strict(2) { a in
            let (first, second) = try pair("ST_DISTANCE", a)
            return first.distance(to: second)?.databaseValue ?? .null
        },
        "gsql_st_dwithin": Library.strict(3) { a in
            let (first, second) = try pair("ST_DWITHIN", a)
            guard let distance = first.distance(to: second) else { return Library.bool(false) }
            return Library.bool(distance <= (try Library.double(a[2])))
        },
        "gsql_st_length": Library.strict(1) { a in try geography(a[0]).length.databaseValue },
        "gsql_st_perimeter": Library.strict(1) { a in try geography(a[0]).perimeter.databaseValue },
        "gsql_st_area": Library.strict(1) { a in try geography(a[0]).area.databaseValue },
        "gsql_st_intersects": Library.strict(2) { a in try relation("ST_INTERSECTS", a) { $0.intersects($1) } },
        "gsql_st_disjoint": Library.strict(2) { a in try relation("ST_DISJOINT", a) { !$0.intersects($1) } },
        "gsql_st_contains": Library.strict(2) { a in try relation("ST_CONTAINS", a) { $0.contains($1) } },
        "gsql_st_within": Library.strict(2) { a in try relation("ST_WITHIN", a) { $1.contains($0) } },
        "gsql_st_covers": Library.strict(2) { a in try relation("ST_COVERS", a) { $0.covers($1) } },
        "gsql_st_coveredby": Library.strict(2) { a in try relation("ST_COVEREDBY", a) { $1.covers($0) } },
        "gsql_st_equals": Library.strict(2) { a in try relation("ST_EQUALS", a) { $0.equals($1) } },
    ]
}
