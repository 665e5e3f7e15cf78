import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// Entry points of the GoogleSQL → SQLite translator.
///
/// Pipeline: `Lexer` (tokens with positions) → `Parser` (syntax tree) → `Resolver` (names bound to
/// the catalog, types checked, BigQuery coercions applied) → `QueryPlanner` (SELECT/GROUP BY/HAVING/
/// ORDER BY/LIMIT rules, partition analysis) → `SQLiteEmitter` (SQL text plus positional arguments).
///
/// The subset is query expressions (WITH, set operations, parenthesised queries) over SELECTs with
/// FROM clauses of tables, subqueries, WITH queries, UNNEST and joins; expression subqueries; window
/// functions; WHERE, GROUP BY, HAVING, QUALIFY, ORDER BY, LIMIT/OFFSET, `*`, `* EXCEPT/REPLACE`,
/// aggregates and the scalar functions in `FunctionResolver`. DML and the rest fail with an
/// "Unsupported: ..." invalidQuery error. Every literal and parameter is a bound argument; identifiers in the SQL text
/// come only from the catalog and are double-quoted.
public enum GoogleSQLCompiler {
    /// The parameter that carries SESSION_USER()'s answer, the email of whoever runs the query. Its
    /// name has a space, so no query can name it as a system variable.
    public static let sessionUserParameter = "@@session user"
    /// SESSION_USER() where no caller is known (the emulator without `--require-auth`).
    public static let defaultSessionUser = "emulator@localhost"
    /// The system variable of the default time zone (`DefaultTimeZone`); UTC unless a script sets it.
    public static let timeZoneParameter = "@@time_zone"

    /// Refuses a time zone name the compiler cannot read, with BigQuery's words.
    public static func checkTimeZone(_ name: String) throws(GoogleSQLError) {
        _ = try TimeZoneRule.named(name)
    }

    /// Looks a table up; returns nil when it does not exist.
    public typealias Catalog = (TableName) throws -> CatalogTable?
    /// Looks a dataset's function up (`table` is the routine's id); nil when it does not exist.
    public typealias Routines = (TableName) throws -> SQLFunction?

    /// Translates one GoogleSQL statement. User values reach the SQL only as bound arguments.
    /// `functions`: the script's temporary SQL functions, which calls may name; `routines`: the
    /// datasets' functions.
    public static func compile(
        _ sql: String, parameters: [QueryParameter], defaultProject: String,
        defaultDataset: String?, catalog: Catalog, functions: [SQLFunction] = [], routines: Routines = { _ in nil }
    ) throws -> CompiledQuery {
        let now = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))
        return try compile(
            sql, parameters: parameters, defaultProject: defaultProject, defaultDataset: defaultDataset,
            catalog: catalog, now: now, functions: functions, routines: routines)
    }

    /// As `compile`, with the query's CURRENT_TIMESTAMP given (microseconds since the epoch).
    public static func compile(
        _ sql: String, parameters: [QueryParameter], defaultProject: String,
        defaultDataset: String?, catalog: Catalog, now: Int64, functions: [SQLFunction] = [],
        routines: Routines = { _ in nil }
    ) throws -> CompiledQuery {
        try checkQueryLength(sql)
        let statement = try Parser.parse(sql)
        let planner = QueryPlanner(
            statement: statement, parameters: parameters, defaultProject: defaultProject,
            defaultDataset: defaultDataset, now: now, functions: functions, text: sql)
        // The catalogs are only used while planning, never kept afterwards.
        return try withoutActuallyEscaping(catalog) { catalog in
            try withoutActuallyEscaping(routines) { routines in try planner.plan(catalog: catalog, routines: routines) }
        }
    }

    /// Parses the REST `queryParameters` array (named or positional) into typed parameters.
    public static func parameters(from json: [JSONValue]) throws -> [QueryParameter] {
        try ParameterDecoding.decode(json)
    }
}
