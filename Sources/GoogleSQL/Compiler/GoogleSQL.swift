import Foundation
import GRDB
import WarehouseClient
import WireJSON

/// Entry points of the GoogleSQL → SQLite translator.
public enum GoogleSQLCompiler {
    /// Looks a table up; returns nil when it does not exist.
    public typealias Catalog = (TableName) throws -> CatalogTable?

    /// Translates one GoogleSQL statement. User values reach the SQL only as bound arguments.
    public static func compile(_ sql: String, parameters: [QueryParameter], defaultProject: String,
                               defaultDataset: String?, catalog: Catalog) throws -> CompiledQuery {
        let now = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))
        return try compile(sql, parameters: parameters, defaultProject: defaultProject, defaultDataset: defaultDataset,
                           catalog: catalog, now: now)
    }

    /// As `compile`, with the query's CURRENT_TIMESTAMP given (microseconds since the epoch).
    public static func compile(_ sql: String, parameters: [QueryParameter], defaultProject: String,
                               defaultDataset: String?, catalog: Catalog, now: Int64) throws -> CompiledQuery {
        let statement = try Parser.parse(sql)
        let planner = QueryPlanner(statement: statement, parameters: parameters, defaultProject: defaultProject,
                                   defaultDataset: defaultDataset, now: now)
        return try planner.plan(catalog: catalog)
    }

    /// Parses the REST `queryParameters` array (named or positional) into typed parameters.
    public static func parameters(from json: [JSONValue]) throws -> [QueryParameter] {
        try ParameterDecoding.decode(json)
    }
}
