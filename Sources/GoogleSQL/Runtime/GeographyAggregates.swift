import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// ST_CENTROID_AGG, ST_EXTENT and ST_UNION_AGG, and the scalar ST_UNION (two values, or an
/// array) that shares ST_UNION_AGG's point union. Registered with the library's aggregates; each
/// input arrives as the canonical WKT a GEOGRAPHY is stored as, and NULL inputs are skipped.
enum GeographyAggregates {
    static func register(in db: Database) throws {
        try ExactTextAggregate.register("gsql_st_centroid_agg", arity: 1, in: db) { CentroidAggregate() }
        try ExactTextAggregate.register("gsql_st_extent", arity: 1, in: db) { ExtentAggregate() }
        try ExactTextAggregate.register("gsql_st_union_agg", arity: 1, in: db) { UnionAggregate() }
        // ST_UNION(g1, g2): NULL when either is NULL.
        try ExactTextFunction.register("gsql_st_union", arity: 2, in: db) { arguments in
            if arguments.contains(where: \.isNull) { return .null }
            return try union("ST_UNION", arguments)
        }
        // ST_UNION(array): NULL for a NULL array; NULL elements are left out.
        try ExactTextFunction.register("gsql_st_union_array", arity: 1, in: db) { arguments in
            if arguments[0].isNull { return .null }
            guard case .array(let elements) = try? JSONValue(parsing: Library.text(arguments[0])) else {
                throw Library.error("ST_UNION expects an ARRAY<GEOGRAPHY>")
            }
            var values: [DatabaseValue] = []
            for case .string(let text) in elements { values.append(text.databaseValue) }
            return try union("ST_UNION", values)
        }
    }

    /// The refusal for what the point union cannot answer faithfully.
    static func unsupportedUnion(_ function: String) -> GoogleSQLError {
        Library.error("Unsupported: \(function) of lines or polygons is not supported by the local emulator")
    }

    private static func union(_ function: String, _ values: [DatabaseValue]) throws -> DatabaseValue {
        var accumulator = Geography.PointUnionAccumulator()
        for value in values {
            accumulator.add(try GeographyLibrary.geography(value))
            if accumulator.hasLinesOrPolygons { throw unsupportedUnion(function) }
        }
        return (accumulator.union ?? Geography()).wkt.databaseValue
    }
}

/// `gsql_st_centroid_agg(geography)`: a point, or NULL for no non-NULL input.
struct CentroidAggregate: DatabaseAggregate {
    var accumulator = Geography.CentroidAccumulator()

    mutating func step(_ arguments: [DatabaseValue]) throws {
        if arguments[0].isNull { return }
        accumulator.add(try GeographyLibrary.geography(arguments[0]))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? { accumulator.centroid?.wkt }
}

/// `gsql_st_extent(geography)`: the STRUCT as ST_BOUNDINGBOX encodes it, or NULL when every input
/// is NULL or empty.
struct ExtentAggregate: DatabaseAggregate {
    var accumulator = Geography.ExtentAccumulator()

    mutating func step(_ arguments: [DatabaseValue]) throws {
        if arguments[0].isNull { return }
        accumulator.add(try GeographyLibrary.geography(arguments[0]))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? { accumulator.extent.map(GeographyLibrary.box) }
}

/// `gsql_st_union_agg(geography)`: the union of points, NULL for no non-NULL input; a line or
/// polygon fails the query at once rather than at the end.
struct UnionAggregate: DatabaseAggregate {
    var accumulator = Geography.PointUnionAccumulator()

    mutating func step(_ arguments: [DatabaseValue]) throws {
        if arguments[0].isNull { return }
        accumulator.add(try GeographyLibrary.geography(arguments[0]))
        if accumulator.hasLinesOrPolygons { throw GeographyAggregates.unsupportedUnion("ST_UNION_AGG") }
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard accumulator.sawInput else { return nil }
        return (accumulator.union ?? Geography()).wkt
    }
}
