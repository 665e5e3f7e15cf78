import WarehouseSchema

/// A table reference as written in a query: `project.dataset.table`, `dataset.table` or `table`,
/// with an optional partition decorator (`table$20240101`).
public struct TableName: Sendable, Hashable, CustomStringConvertible {
    public var project: String?
    public var dataset: String?
    public var table: String
    public var partitionDecorator: String?

    public init(project: String? = nil, dataset: String? = nil, table: String, partitionDecorator: String? = nil) {
        self.project = project
        self.dataset = dataset
        self.table = table
        self.partitionDecorator = partitionDecorator
    }

    public var description: String {
        [project, dataset, table].compactMap { $0 }.joined(separator: ".") + (partitionDecorator.map { "$" + $0 } ?? "")
    }
}

/// How a table is partitioned by time.
public struct PartitionSpec: Sendable, Hashable {
    /// The same type as the client's table definitions, so both read one spelling.
    public typealias Granularity = TableDefinition.TimePartitioning.Granularity

    public var granularity: Granularity
    /// The TIMESTAMP, DATE or DATETIME column; nil for ingestion-time partitioning (`_PARTITIONTIME`).
    public var column: String?

    public init(granularity: Granularity, column: String?) {
        self.granularity = granularity
        self.column = column
    }
}

/// How a table is partitioned by an integer range (`RANGE_BUCKET(column, GENERATE_ARRAY(start, end,
/// interval))`): partitions of `interval` values from `start`; values outside [start, end) share the
/// `__UNPARTITIONED__` partition and NULLs the `__NULL__` one.
public struct RangePartitionSpec: Sendable, Hashable {
    public var column: String
    public var start: Int64
    public var end: Int64
    public var interval: Int64

    public init(column: String, start: Int64, end: Int64, interval: Int64) {
        self.column = column
        self.start = start
        self.end = end
        self.interval = interval
    }

    /// Where the rows outside the range are counted: it spans every value, and a filter that keeps
    /// within the range leaves it out (the bytes scanned, `BigQueryStore.bytesScanned`).
    public static let unpartitioned: (start: Int64, end: Int64) = (Int64.min + 1, Int64.max)

    /// The partition holding `value`, as [start, end).
    public func bounds(of value: Int64) -> (start: Int64, end: Int64) {
        guard value >= start, value < end else { return Self.unpartitioned }
        let first = start + (value - start) / interval * interval
        let (next, overflow) = first.addingReportingOverflow(interval)
        return (first, overflow ? Int64.max : min(next, end))
    }
}

/// Everything the translator needs to know about one stored table.
public struct CatalogTable: Sendable, Hashable {
    public var projectId: String
    public var datasetId: String
    public var tableId: String
    /// Name of the SQLite table that holds the rows (unquoted).
    public var sqliteTable: String
    public var schema: TableSchema
    public var partitioning: PartitionSpec?
    /// Set instead of `partitioning` for a table partitioned by an integer range.
    public var rangePartitioning: RangePartitionSpec?
    public var clustering: [String]
    public var requirePartitionFilter: Bool
    /// A view: its query translated for the query being compiled. Nil for a table.
    public var view: ViewExpansion?

    public init(
        projectId: String, datasetId: String, tableId: String, sqliteTable: String, schema: TableSchema,
        partitioning: PartitionSpec? = nil, rangePartitioning: RangePartitionSpec? = nil, clustering: [String] = [],
        requirePartitionFilter: Bool = false
    ) {
        self.projectId = projectId
        self.datasetId = datasetId
        self.tableId = tableId
        self.sqliteTable = sqliteTable
        self.schema = schema
        self.partitioning = partitioning
        self.rangePartitioning = rangePartitioning
        self.clustering = clustering
        self.requirePartitionFilter = requirePartitionFilter
    }
}
