import GRDB
import WarehouseSchema
import WireJSON

/// ST_* functions that take a geography apart, measure directions and positions along lines, or
/// encode it (geohash, WKB): the SQLite side of the second half of the resolver's table.
extension GeographyLibrary {
    /// The one point of a geography that must be a single point (ST_AZIMUTH, ST_ANGLE,
    /// ST_GEOHASH, ST_LINELOCATEPOINT); the empty geography is refused unless `allowEmpty`.
    static func singlePoint(_ function: String, _ value: DatabaseValue, allowEmpty: Bool = false) throws(GoogleSQLError) -> Geography.Point? {
        let value = try geography(value)
        if allowEmpty, value.isEmpty { return nil }
        guard value.lines.isEmpty, value.polygons.isEmpty, value.points.count == 1 else {
            throw Library.error("\(function) accepts only a GEOGRAPHY that is a single point")
        }
        return value.points[0]
    }

    /// An ARRAY<GEOGRAPHY> as SQLite holds arrays: JSON text of the elements' storage values,
    /// here each a canonical WKT string.
    static func array(_ parts: [Geography]) -> DatabaseValue {
        JSONValue.array(parts.map { .string($0.wkt) }).encodedString().databaseValue
    }

    /// The arguments of a function with a geography first and a FLOAT64 second.
    static func geographyAndNumber(_ a: [DatabaseValue]) throws(GoogleSQLError) -> (Geography, Double) {
        (try geography(a[0]), try Library.double(a[1]))
    }

    /// A function of the geography library that can fail with a GeographyError, reported under
    /// the SQL function's name.
    static func checked<Result>(_ function: String, _ body: () throws(GeographyError) -> Result) throws(GoogleSQLError) -> Result {
        do {
            return try body()
        } catch {
            throw Library.error("\(function): \(error.message)")
        }
    }

    /// A linestring argument of ST_LINEINTERPOLATEPOINT and ST_LINESUBSTRING: nil for the empty
    /// geography, which gives the empty geography back.
    static func lineOrEmpty(_ function: String, _ value: DatabaseValue) throws(GoogleSQLError) -> [Geography.Point]? {
        if try geography(value).isEmpty { return nil }
        return try line(function, value)
    }

    /// ST_BOUNDINGBOX's STRUCT, stored as records are: a JSON object keyed by field name.
    static func box(_ box: Geography.BoundingBox) -> DatabaseValue {
        let fields: [(key: String, value: JSONValue)] = [
            ("xmin", .double(box.xmin)), ("ymin", .double(box.ymin)), ("xmax", .double(box.xmax)), ("ymax", .double(box.ymax)),
        ]
        return JSONValue.object(JSONObject(fields)).encodedString().databaseValue
    }

    static let shapeImplementations: [String: Library.Implementation] = [
        "gsql_st_geohash": Library.strict(nil) { a in
            guard let point = try singlePoint("ST_GEOHASH", a[0], allowEmpty: true) else { return .null }
            return Geohash.encode(point, maxChars: a.count > 1 ? try Library.int(a[1]) : nil).databaseValue
        },
        "gsql_s2_cellidfrompoint": Library.strict(2) { a in
            let point = try singlePoint("S2_CELLIDFROMPOINT", a[0])!
            let level = try Library.int(a[1])
            guard (0...Int64(S2CellId.maxLevel)).contains(level) else {
                throw Library.error("S2_CELLIDFROMPOINT: level must be between 0 and 30, but was \(level)")
            }
            return S2CellId.id(longitude: point.longitude, latitude: point.latitude, level: Int(level)).databaseValue
        },
        "gsql_st_geogpointfromgeohash": Library.strict(1) { a in
            try parsed("ST_GEOGPOINTFROMGEOHASH") { () throws(GeographyError) in Geography(points: [try Geohash.decode(Library.text(a[0]))]) }
        },
        "gsql_st_azimuth": Library.strict(2) { a in
            let (start, end) = (try singlePoint("ST_AZIMUTH", a[0])!, try singlePoint("ST_AZIMUTH", a[1])!)
            return Geography.azimuth(from: start, to: end)?.databaseValue ?? .null
        },
        "gsql_st_angle": Library.strict(3) { a in
            let points = [try singlePoint("ST_ANGLE", a[0])!, try singlePoint("ST_ANGLE", a[1])!, try singlePoint("ST_ANGLE", a[2])!]
            return Geography.angle(points[0], points[1], points[2])?.databaseValue ?? .null
        },
        "gsql_st_numgeometries": Library.strict(1) { a in Int64(try geography(a[0]).numGeometries).databaseValue },
        "gsql_st_dump": Library.strict(nil) { a in
            let value = try geography(a[0])
            guard a.count > 1 else { return array(value.dump()) }
            let dimension = try Library.int(a[1])
            guard (-1...2).contains(dimension) else {
                throw Library.error("ST_DUMP dimension must be -1, 0, 1 or 2, got \(dimension)")
            }
            return array(value.dump(dimension: dimension == -1 ? nil : Int(dimension)))
        },
        "gsql_st_dumppoints": Library.strict(1) { a in array(try geography(a[0]).dumpPoints) },
        "gsql_st_asbinary": Library.strict(1) { a in Library.blob(try geography(a[0]).wkb) },
        "gsql_st_geogfromwkb": Library.strict(1) { a in
            if case .blob(let data) = a[0].storage {
                return try parsed("ST_GEOGFROMWKB") { () throws(GeographyError) in try Geography(wkb: Array(data)) }
            }
            return try parsed("ST_GEOGFROMWKB") { () throws(GeographyError) in try Geography(wkbHex: Library.text(a[0])) }
        },
        "gsql_st_boundary": Library.strict(1) { a in try normalized("ST_BOUNDARY", try geography(a[0]).boundary) },
        "gsql_st_exteriorring": Library.strict(1) { a in
            guard let ring = try geography(a[0]).exteriorRing else {
                throw Library.error("ST_EXTERIORRING accepts only a GEOGRAPHY that is a single polygon")
            }
            return ring.wkt.databaseValue
        },
        "gsql_st_interiorrings": Library.strict(1) { a in
            guard let rings = try geography(a[0]).interiorRings else {
                throw Library.error("ST_INTERIORRINGS accepts only a GEOGRAPHY that is a single polygon")
            }
            return array(rings)
        },
        "gsql_st_isclosed": Library.strict(1) { a in Library.bool(try geography(a[0]).isClosed) },
        "gsql_st_isring": Library.strict(1) { a in
            // Every edge is compared with every other: the same bound as two geographies' pairs.
            let (value, _) = try pair("ST_ISRING", [a[0], a[0]])
            return Library.bool(value.isRing)
        },
        "gsql_st_closestpoint": Library.strict(2) { a in
            let (first, second) = try pair("ST_CLOSESTPOINT", a)
            return first.closestPoint(to: second)?.wkt.databaseValue ?? .null
        },
        "gsql_st_maxdistance": Library.strict(2) { a in
            let (first, second) = try pair("ST_MAXDISTANCE", a)
            return first.maxDistance(to: second)?.databaseValue ?? .null
        },
        "gsql_st_touches": Library.strict(2) { a in try relation("ST_TOUCHES", a) { $0.touches($1) } },
        "gsql_st_intersectsbox": Library.strict(5) { a in
            let value = try geography(a[0])
            let bounds = [try Library.double(a[1]), try Library.double(a[2]), try Library.double(a[3]), try Library.double(a[4])]
            return Library.bool(
                try checked("ST_INTERSECTSBOX") { () throws(GeographyError) in
                    try value.intersectsBox(west: bounds[0], south: bounds[1], east: bounds[2], north: bounds[3])
                })
        },
        "gsql_st_boundingbox": Library.strict(1) { a in try geography(a[0]).boundingBox.map(box) ?? .null },
        "gsql_st_convexhull": Library.strict(1) { a in
            let value = try geography(a[0])
            do {
                guard let hull = try value.convexHull else { return .null }
                return try normalized("ST_CONVEXHULL", hull)
            } catch let error as GeographyError {
                throw Library.error(
                    "Unsupported: ST_CONVEXHULL of a geography that is not within a hemisphere (\(error.message)) is not supported by the local emulator"
                )
            }
        },
        "gsql_st_snaptogrid": Library.strict(2) { a in
            let (value, size) = try geographyAndNumber(a)
            let exponent = try checked("ST_SNAPTOGRID") { () throws(GeographyError) in try Geography.gridExponent(size) }
            return try parsed("ST_SNAPTOGRID") { () throws(GeographyError) in try Geography(wkt: value.snappedWKT(exponent: exponent)) }
        },
        "gsql_st_lineinterpolatepoint": Library.strict(2) { a in
            let fraction = try Library.double(a[1])
            guard let line = try lineOrEmpty("ST_LINEINTERPOLATEPOINT", a[0]) else { return Geography().wkt.databaseValue }
            return try normalized(
                "ST_LINEINTERPOLATEPOINT",
                try checked("ST_LINEINTERPOLATEPOINT") { () throws(GeographyError) in try Geography.interpolate(line, fraction: fraction) })
        },
        "gsql_st_linelocatepoint": Library.strict(2) { a in
            let line = try line("ST_LINELOCATEPOINT", a[0])
            let point = try singlePoint("ST_LINELOCATEPOINT", a[1])!
            return Geography.locate(point, on: line).databaseValue
        },
        "gsql_st_linesubstring": Library.strict(3) { a in
            let (start, end) = (try Library.double(a[1]), try Library.double(a[2]))
            guard let line = try lineOrEmpty("ST_LINESUBSTRING", a[0]) else { return Geography().wkt.databaseValue }
            return try normalized(
                "ST_LINESUBSTRING",
                try checked("ST_LINESUBSTRING") { () throws(GeographyError) in try Geography.substring(line, from: start, to: end) })
        },
    ]
}
