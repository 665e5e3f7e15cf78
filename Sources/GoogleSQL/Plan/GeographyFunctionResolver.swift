import WarehouseSchema

/// ST_* functions over GEOGRAPHY values, which SQLite holds as their canonical WKT (see `Geography`).
/// Distances, lengths and areas are on BigQuery's sphere; `use_spheroid => TRUE` (the WGS84
/// ellipsoid) answers "Unsupported", as BigQuery itself supports it only for ST_DISTANCE.
extension Resolver {
    /// A signature: the SQLite function, required and optional argument types, the result, and
    /// whether the one optional argument is `use_spheroid` (only FALSE, the sphere, is computed).
    private struct GeographySignature {
        var function: String
        var arguments: [SQLType]
        var optional: [SQLType]
        var result: SQLType
        var spheroid: Bool

        init(_ function: String, _ arguments: [SQLType], _ optional: [SQLType], _ result: SQLType, spheroid: Bool? = nil) {
            self.function = function
            self.arguments = arguments
            self.optional = optional
            self.result = result
            // Every optional BOOL of the original table is `use_spheroid`.
            self.spheroid = spheroid ?? (optional == [.bool])
        }
    }

    /// ST_BOUNDINGBOX's result.
    private static let boundingBoxType = SQLType.record(["xmin", "ymin", "xmax", "ymax"].map { TableFieldSchema(name: $0, type: .float) })

    /// Functions whose first argument may be STRING or BYTES; the runtime tells them apart by the
    /// SQLite storage class (BYTES are blobs).
    private static let textOrBytesFunctions: Set<String> = ["ST_GEOGFROM", "ST_GEOGFROMWKB"]

    private static let geographyFunctions: [String: GeographySignature] = [
        "ST_GEOHASH": .init("gsql_st_geohash", [.geography], [.int64], .string),
        "ST_GEOGPOINTFROMGEOHASH": .init("gsql_st_geogpointfromgeohash", [.string], [], .geography),
        "ST_AZIMUTH": .init("gsql_st_azimuth", [.geography, .geography], [], .float64),
        "ST_ANGLE": .init("gsql_st_angle", [.geography, .geography, .geography], [], .float64),
        "ST_NUMGEOMETRIES": .init("gsql_st_numgeometries", [.geography], [], .int64),
        "ST_DUMP": .init("gsql_st_dump", [.geography], [.int64], .array(.geography)),
        "ST_DUMPPOINTS": .init("gsql_st_dumppoints", [.geography], [], .array(.geography)),
        "ST_ASBINARY": .init("gsql_st_asbinary", [.geography], [], .bytes),
        "ST_GEOGFROMWKB": .init("gsql_st_geogfromwkb", [.string], [], .geography),
        "ST_BOUNDARY": .init("gsql_st_boundary", [.geography], [], .geography),
        "ST_EXTERIORRING": .init("gsql_st_exteriorring", [.geography], [], .geography),
        "ST_INTERIORRINGS": .init("gsql_st_interiorrings", [.geography], [], .array(.geography)),
        "ST_ISCLOSED": .init("gsql_st_isclosed", [.geography], [], .bool),
        "ST_ISRING": .init("gsql_st_isring", [.geography], [], .bool),
        "ST_CLOSESTPOINT": .init("gsql_st_closestpoint", [.geography, .geography], [.bool], .geography),
        "ST_MAXDISTANCE": .init("gsql_st_maxdistance", [.geography, .geography], [.bool], .float64),
        "ST_TOUCHES": .init("gsql_st_touches", [.geography, .geography], [], .bool),
        "ST_INTERSECTSBOX": .init("gsql_st_intersectsbox", [.geography, .float64, .float64, .float64, .float64], [], .bool),
        "ST_BOUNDINGBOX": .init("gsql_st_boundingbox", [.geography], [], boundingBoxType),
        "ST_CONVEXHULL": .init("gsql_st_convexhull", [.geography], [], .geography),
        "ST_SNAPTOGRID": .init("gsql_st_snaptogrid", [.geography, .float64], [], .geography),
        "ST_LINEINTERPOLATEPOINT": .init("gsql_st_lineinterpolatepoint", [.geography, .float64], [], .geography),
        "ST_LINELOCATEPOINT": .init("gsql_st_linelocatepoint", [.geography, .geography], [], .float64),
        "ST_LINESUBSTRING": .init("gsql_st_linesubstring", [.geography, .float64, .float64], [], .geography),
    ].merging(basicGeographyFunctions.mapValues { GeographySignature($0.function, $0.arguments, $0.optional, $0.result) }) { first, _ in first }

    private static let basicGeographyFunctions: [String: (function: String, arguments: [SQLType], optional: [SQLType], result: SQLType)] = [
        "ST_GEOGPOINT": ("gsql_st_geogpoint", [.float64, .float64], [], .geography),
        "ST_GEOGFROMTEXT": ("gsql_st_geogfromtext", [.string], [], .geography),
        "ST_GEOGFROMGEOJSON": ("gsql_st_geogfromgeojson", [.string], [], .geography),
        "ST_GEOGFROM": ("gsql_st_geogfrom", [.string], [], .geography),
        "ST_ASTEXT": ("gsql_st_astext", [.geography], [], .string),
        "ST_ASGEOJSON": ("gsql_st_asgeojson", [.geography], [], .string),
        "ST_X": ("gsql_st_x", [.geography], [], .float64),
        "ST_Y": ("gsql_st_y", [.geography], [], .float64),
        "ST_GEOMETRYTYPE": ("gsql_st_geometrytype", [.geography], [], .string),
        "ST_DIMENSION": ("gsql_st_dimension", [.geography], [], .int64),
        "ST_NUMPOINTS": ("gsql_st_numpoints", [.geography], [], .int64),
        "ST_NPOINTS": ("gsql_st_numpoints", [.geography], [], .int64),
        "ST_ISEMPTY": ("gsql_st_isempty", [.geography], [], .bool),
        "ST_ISCOLLECTION": ("gsql_st_iscollection", [.geography], [], .bool),
        "ST_STARTPOINT": ("gsql_st_startpoint", [.geography], [], .geography),
        "ST_ENDPOINT": ("gsql_st_endpoint", [.geography], [], .geography),
        "ST_POINTN": ("gsql_st_pointn", [.geography, .int64], [], .geography),
        "ST_CENTROID": ("gsql_st_centroid", [.geography], [], .geography),
        "ST_MAKELINE": ("gsql_st_makeline", [.geography, .geography], [], .geography),
        "ST_MAKEPOLYGON": ("gsql_st_makepolygon", [.geography], [], .geography),
        "ST_DISTANCE": ("gsql_st_distance", [.geography, .geography], [.bool], .float64),
        "ST_DWITHIN": ("gsql_st_dwithin", [.geography, .geography, .float64], [.bool], .bool),
        "ST_LENGTH": ("gsql_st_length", [.geography], [.bool], .float64),
        "ST_PERIMETER": ("gsql_st_perimeter", [.geography], [.bool], .float64),
        "ST_AREA": ("gsql_st_area", [.geography], [.bool], .float64),
        "ST_INTERSECTS": ("gsql_st_intersects", [.geography, .geography], [], .bool),
        "ST_DISJOINT": ("gsql_st_disjoint", [.geography, .geography], [], .bool),
        "ST_CONTAINS": ("gsql_st_contains", [.geography, .geography], [], .bool),
        "ST_WITHIN": ("gsql_st_within", [.geography, .geography], [], .bool),
        "ST_COVERS": ("gsql_st_covers", [.geography, .geography], [], .bool),
        "ST_COVEREDBY": ("gsql_st_coveredby", [.geography, .geography], [], .bool),
        "ST_EQUALS": ("gsql_st_equals", [.geography, .geography], [], .bool),
    ]

    mutating func resolveGeographyFunction(
        _ name: String, _ syntax: [Expression], at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression? {
        guard name.hasPrefix("ST_") else { return nil }
        guard let entry = Self.geographyFunctions[name] else {
            throw fail("Unsupported: \(name) is not supported by the local emulator", location)
        }
        let counts = entry.arguments.count...(entry.arguments.count + entry.optional.count)
        try expectCount(name, syntax, counts, at: location)
        var arguments = try resolveArguments(syntax)
        var expected = entry.arguments + entry.optional
        if Self.textOrBytesFunctions.contains(name), arguments[0].type == .bytes { expected[0] = .bytes }
        for index in arguments.indices {
            guard let coerced = try? coerce(arguments[index], to: expected[index], at: arguments[index].location) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            arguments[index] = coerced
        }
        if entry.spheroid, arguments.count > entry.arguments.count {
            // `use_spheroid`: only FALSE, the sphere, is computed here.
            let spheroid = arguments.removeLast()
            guard case .constant(let value) = spheroid.node, value == .bool(false) || value == .null else {
                throw fail("Unsupported: \(name) with use_spheroid other than FALSE is not supported by the local emulator", spheroid.location)
            }
        }
        return call(entry.function, arguments, entry.result, at: location)
    }
}
