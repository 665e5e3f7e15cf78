import GRDB
import WarehouseSchema
import WireJSON

/// A GoogleSQL failure, mapped by the emulator to BigQuery's error reasons.
public struct GoogleSQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Syntax, semantic or unsupported-feature errors: HTTP 400, reason `invalidQuery`.
        case invalidQuery
        /// A table or dataset that does not exist: HTTP 404, reason `notFound`.
        case notFound
        /// A table of a project the caller may not read (refused by the catalog before any lookup, so
        /// that whether it exists stays hidden): HTTP 403, reason `accessDenied`.
        case accessDenied
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func invalidQuery(_ message: String) -> Self { .init(.invalidQuery, message) }
    public static func notFound(_ message: String) -> Self { .init(.notFound, message) }

    public var description: String { message }

    /// The error of a query that starts at `start` in a longer text (a script's statement): the
    /// location its message ends with, `at [line:column]` within the query, moved to that text's.
    public func relocated(to start: SourceLocation) -> GoogleSQLError {
        guard message.hasSuffix("]"), let open = message.range(of: " at [", options: .backwards) else { return self }
        let parts = message[open.upperBound..<message.index(before: message.endIndex)].split(separator: ":")
        guard parts.count == 2, let line = Int(parts[0]), let column = Int(parts[1]), line >= 1, column >= 1 else { return self }
        let moved = SourceLocation(line: start.line + line - 1, column: line == 1 ? start.column + column - 1 : column)
        return GoogleSQLError(kind, String(message[..<open.lowerBound]) + " at " + moved.description)
    }
}

/// Which part of one stored table a query reads: the basis of `totalBytesProcessed`.
public struct TableScan: Sendable, Hashable {
    public var table: CatalogTable
    /// Top-level columns the query reads (for `SELECT *`, all of them).
    public var columns: [String]
    /// Smallest partition-column value that can match, in microseconds (DATE as days × 86,400,000,000);
    /// nil when unbounded below. Likewise `partitionUpperMicros`, inclusive, unbounded above when nil.
    public var partitionLowerMicros: Int64?
    public var partitionUpperMicros: Int64?

    public init(table: CatalogTable, columns: [String], partitionLowerMicros: Int64? = nil, partitionUpperMicros: Int64? = nil) {
        self.table = table
        self.columns = columns
        self.partitionLowerMicros = partitionLowerMicros
        self.partitionUpperMicros = partitionUpperMicros
    }
}

/// A query translated to SQLite: the SQL, its bound arguments, and what it returns and reads.
public struct CompiledQuery: Sendable {
    public var sql: String
    /// The values bound to the SQL's `?`s, in order. Kept as values, not only as GRDB's
    /// `StatementArguments`: GRDB binds text up to its first NUL, so the emulator binds them itself.
    public var argumentValues: [DatabaseValue]
    public var arguments: StatementArguments { StatementArguments(argumentValues) }
    /// The result columns, with BigQuery types as the REST API reports them.
    public var schema: TableSchema
    public var scans: [TableScan]
    /// `SELECT` for every query the translator accepts today.
    public var statementType: String
    /// The views the query reads, defined at the head of `sql` (see `ViewExpansion`).
    public var views: [ViewExpansion.Definition] = []
    /// `sql` without the views' definitions (it reads them by name): what a view's own definition holds.
    public var ownSQL: String

    public init(sql: String, arguments: [DatabaseValue], schema: TableSchema, scans: [TableScan], statementType: String = "SELECT") {
        self.sql = sql
        self.ownSQL = sql
        self.argumentValues = arguments
        self.schema = schema
        self.scans = scans
        self.statementType = statementType
    }
}
