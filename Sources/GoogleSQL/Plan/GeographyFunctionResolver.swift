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

    /// ST_BOUNDINGBOX's and ST_EXTENT's result; computed, for the reason `geographySignature` gives.
    static var boundingBoxType: SQLType {
        .record(["xmin", "ymin", "xmax", "ymax"].map { TableFieldSchema(name: $0, type: .float) })
    }

    /// Functions whose first argument may be STRING or BYTES; the runtime tells them apart by the
    /// SQLite storage class (BYTES are blobs).
    private static let textOrBytesFunctions: Set<String> = ["ST_GEOGFROM", "ST_GEOGFROMWKB"]

    /// A switch rather than a static dictionary: a static holding ARRAY or STRUCT types keeps their
    /// boxed payloads behind tagged pointers, which LeakSanitizer reports as leaked in the fuzz runs.
    private static func geographySignature(_ name: String) -> GeographySignature? {
        switch name {
        case "ST_GEOHASH": .init("gsql_st_geohash", [.geography], [.int64], .string)
        case "ST_GEOGPOINTFROMGEOHASH": .init("gsql_st_geogpointfromgeohash", [.string], [], .geography)
        case "ST_AZIMUTH": .init("gsql_st_azimuth", [.geography, .geography], [], .float64)
        case "ST_ANGLE": .init("gsql_st_angle", [.geography, .geography, .geography], [], .float64)
        case "ST_NUMGEOMETRIES": .init("gsql_st_numgeometries", [.geography], [], .int64)
        case "ST_DUMP": .init("gsql_st_dump", [.geography], [.int64], .array(.geography))
        case "ST_DUMPPOINTS": .init("gsql_st_dumppoints", [.geography], [], .array(.geography))
        case "ST_ASBINARY": .init("gsql_st_asbinary", [.geography], [], .bytes)
        case "ST_GEOGFROMWKB": .init("gsql_st_geogfromwkb", [.string], [], .geography)
        case "ST_BOUNDARY": .init("gsql_st_boundary", [.geography], [], .geography)
        case "ST_EXTERIORRING": .init("gsql_st_exteriorring", [.geography], [], .geography)
        case "ST_INTERIORRINGS": .init("gsql_st_interiorrings", [.geography], [], .array(.geography))
        case "ST_ISCLOSED": .init("gsql_st_isclosed", [.geography], [], .bool)
        case "ST_ISRING": .init("gsql_st_isring", [.geography], [], .bool)
        case "ST_CLOSESTPOINT": .init("gsql_st_closestpoint", [.geography, .geography], [.bool], .geography)
        case "ST_MAXDISTANCE": .init("gsql_st_maxdistance", [.geography, .geography], [.bool], .float64)
        case "ST_TOUCHES": .init("gsql_st_touches", [.geography, .geography], [], .bool)
        case "ST_INTERSECTSBOX": .init("gsql_st_intersectsbox", [.geography, .float64, .float64, .float64, .float64], [], .bool)
        case "ST_BOUNDINGBOX":
            .init(
                "gsql_st_boundingbox", [.geography], [], boundingBoxType)
        case "ST_CONVEXHULL": .init("gsql_st_convexhull", [.geography], [], .geography)
        case "ST_SNAPTOGRID": .init("gsql_st_snaptogrid", [.geography, .float64], [], .geography)
        case "ST_LINEINTERPOLATEPOINT": .init("gsql_st_lineinterpolatepoint", [.geography, .float64], [], .geography)
        case "ST_LINELOCATEPOINT": .init("gsql_st_linelocatepoint", [.geography, .geography], [], .float64)
        case "ST_LINESUBSTRING": .init("gsql_st_linesubstring", [.geography, .float64, .float64], [], .geography)
        case "ST_GEOGPOINT": .init("gsql_st_geogpoint", [.float64, .float64], [], .geography)
        case "ST_GEOGFROMTEXT": .init("gsql_st_geogfromtext", [.string], [], .geography)
        case "ST_GEOGFROMGEOJSON": .init("gsql_st_geogfromgeojson", [.string], [], .geography)
        case "ST_GEOGFROM": .init("gsql_st_geogfrom", [.string], [], .geography)
        case "ST_ASTEXT": .init("gsql_st_astext", [.geography], [], .string)
        case "ST_ASGEOJSON": .init("gsql_st_asgeojson", [.geography], [], .string)
        case "ST_X": .init("gsql_st_x", [.geography], [], .float64)
        case "ST_Y": .init("gsql_st_y", [.geography], [], .float64)
        case "ST_GEOMETRYTYPE": .init("gsql_st_geometrytype", [.geography], [], .string)
        case "ST_DIMENSION": .init("gsql_st_dimension", [.geography], [], .int64)
        case "ST_NUMPOINTS": .init("gsql_st_numpoints", [.geography], [], .int64)
        case "ST_NPOINTS": .init("gsql_st_numpoints", [.geography], [], .int64)
        case "ST_ISEMPTY": .init("gsql_st_isempty", [.geography], [], .bool)
        case "ST_ISCOLLECTION": .init("gsql_st_iscollection", [.geography], [], .bool)
        case "ST_STARTPOINT": .init("gsql_st_startpoint", [.geography], [], .geography)
        case "ST_ENDPOINT": .init("gsql_st_endpoint", [.geography], [], .geography)
        case "ST_POINTN": .init("gsql_st_pointn", [.geography, .int64], [], .geography)
        case "ST_CENTROID": .init("gsql_st_centroid", [.geography], [], .geography)
        case "ST_MAKELINE": .init("gsql_st_makeline", [.geography, .geography], [], .geography)
        case "ST_MAKEPOLYGON": .init("gsql_st_makepolygon", [.geography], [], .geography)
        case "ST_DISTANCE": .init("gsql_st_distance", [.geography, .geography], [.bool], .float64)
        case "ST_DWITHIN": .init("gsql_st_dwithin", [.geography, .geography, .float64], [.bool], .bool)
        case "ST_LENGTH": .init("gsql_st_length", [.geography], [.bool], .float64)
        case "ST_PERIMETER": .init("gsql_st_perimeter", [.geography], [.bool], .float64)
        case "ST_AREA": .init("gsql_st_area", [.geography], [.bool], .float64)
        case "ST_INTERSECTS": .init("gsql_st_intersects", [.geography, .geography], [], .bool)
        case "ST_DISJOINT": .init("gsql_st_disjoint", [.geography, .geography], [], .bool)
        case "ST_CONTAINS": .init("gsql_st_contains", [.geography, .geography], [], .bool)
        case "ST_WITHIN": .init("gsql_st_within", [.geography, .geography], [], .bool)
        case "ST_COVERS": .init("gsql_st_covers", [.geography, .geography], [], .bool)
        case "ST_COVEREDBY": .init("gsql_st_coveredby", [.geography, .geography], [], .bool)
        case "ST_EQUALS": .init("gsql_st_equals", [.geography, .geography], [], .bool)
        default: nil
        }
    }

    mutating func resolveGeographyFunction(
        _ name: String, _ syntax: [Expression], at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression? {
        if name == "S2_CELLIDFROMPOINT" { return try resolveCellId(syntax, at: location) }
        if name == "S2_COVERINGCELLIDS" { throw fail("Unsupported: S2_COVERINGCELLIDS is not supported by the local emulator", location) }
        guard name.hasPrefix("ST_") else { return nil }
        if name == "ST_UNION" { return try resolveUnion(syntax, at: location) }
        guard let entry = Self.geographySignature(name) else {
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

    /// S2_CELLIDFROMPOINT(point[, level => n]): the level defaults to 30.
    private mutating func resolveCellId(_ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let name = "S2_CELLIDFROMPOINT"
        let (positional, named) = try namedArguments(name, syntax, allowed: ["level"], at: location)
        let levelSyntax = named["level"] ?? (positional.count > 1 ? positional[1] : nil)
        guard (1...2).contains(positional.count), named.isEmpty || positional.count == 1 else {
            throw fail("Number of arguments does not match for function \(name). Supported signature: \(name)(GEOGRAPHY, [INT64])", location)
        }
        var arguments = [try resolve(positional[0])]
        arguments.append(try levelSyntax.map { (syntax) throws(GoogleSQLError) in try resolve(syntax) } ?? int(30, at: location))
        for (index, expected) in [SQLType.geography, .int64].enumerated() {
            guard let coerced = try? coerce(arguments[index], to: expected, at: arguments[index].location) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            arguments[index] = coerced
        }
        return call("gsql_s2_cellidfrompoint", arguments, .int64, at: location)
    }

    /// ST_UNION(g1, g2), NULL when either is, or ST_UNION(array), which leaves NULL elements out.
    /// Only unions of points are computed (Runtime/GeographyAggregates.swift says why).
    private mutating func resolveUnion(_ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        try expectCount("ST_UNION", syntax, 1...2, at: location)
        var arguments = try resolveArguments(syntax)
        let expected: SQLType = arguments.count == 1 ? .array(.geography) : .geography
        for index in arguments.indices {
            guard let coerced = try? coerce(arguments[index], to: expected, at: arguments[index].location) else {
                throw functionSignatureError("ST_UNION", arguments, at: location)
            }
            arguments[index] = coerced
        }
        return call(arguments.count == 1 ? "gsql_st_union_array" : "gsql_st_union", arguments, .geography, at: location)
    }

    /// The SQLite aggregate of ST_CENTROID_AGG, ST_EXTENT or ST_UNION_AGG, once its one argument
    /// is checked to be a GEOGRAPHY (or an untyped NULL). GEOGRAPHY has no equality to group by,
    /// so DISTINCT is refused as BigQuery refuses it.
    func geographyAggregateFunction(
        _ name: String, _ value: TypedExpression, distinct: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> String {
        guard value.type == .geography || value.type.isNull else {
            throw fail("No matching signature for aggregate function \(name) for argument types: \(value.type.name)", location)
        }
        if distinct {
            throw fail("Aggregate functions with DISTINCT cannot be used with arguments of type GEOGRAPHY", value.location)
        }
        return "gsql_" + name.lowercased()
    }

    /// ST_EXTENT answers ST_BOUNDINGBOX's STRUCT; the other two a GEOGRAPHY.
    func geographyAggregateType(_ name: String) -> SQLType { name == "ST_EXTENT" ? Self.boundingBoxType : .geography }
}
