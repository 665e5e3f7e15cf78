import WarehouseSchema

/// ST_* functions over GEOGRAPHY values, which SQLite holds as their canonical WKT (see `Geography`).
/// Distances, lengths and areas are on BigQuery's sphere; `use_spheroid => TRUE` (the WGS84
/// ellipsoid) answers "Unsupported", as BigQuery itself supports it only for ST_DISTANCE.
extension Resolver {
    private static let geographyFunctions: [String: (function: String, arguments: [SQLType], optional: [SQLType], result: SQLType)] = [
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
        let expected = entry.arguments + entry.optional
        for index in arguments.indices {
            guard let coerced = try? coerce(arguments[index], to: expected[index], at: arguments[index].location) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            arguments[index] = coerced
        }
        if arguments.count > entry.arguments.count {
            // `use_spheroid`: only FALSE, the sphere, is computed here.
            let spheroid = arguments.removeLast()
            guard case .constant(let value) = spheroid.node, value == .bool(false) || value == .null else {
                throw fail("Unsupported: \(name) with use_spheroid other than FALSE is not supported by the local emulator", spheroid.location)
            }
        }
        return call(entry.function, arguments, entry.result, at: location)
    }
}
