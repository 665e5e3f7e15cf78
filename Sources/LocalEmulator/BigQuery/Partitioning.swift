import GRDB
import GoogleSQL
import WarehouseSchema

extension BigQueryValue {
    /// The partitioning key of a TIMESTAMP, DATE or DATETIME value, in micros; nil for NULL.
    var partitionMicros: Int64? {
        switch self {
        case .timestamp(let micros): micros
        case .date(let days): days * CivilTime.microsPerDay
        case .datetime(let days, let time): days * CivilTime.microsPerDay + time
        default: nil
        }
    }

    /// Bytes BigQuery counts for a value (the basis of bytes processed and numBytes).
    var logicalBytes: Int64 {
        switch self {
        case .null: 0
        case .string(let text): 2 + Int64(text.utf8.count)
        case .bytes(let bytes): 2 + Int64(bytes.count)
        case .int64, .float64, .timestamp, .date, .datetime, .time: 8
        case .numeric: 16
        case .bignumeric: 32
        case .range: 16
        case .bool: 1
        case .json(let text): Int64(text.utf8.count)
        case .record(let fields): fields.reduce(0) { $0 + $1.logicalBytes }
        case .array(let elements): elements.reduce(0) { $0 + $1.logicalBytes }
        }
    }
}

extension TableInfo {
    /// The column whose value places a row in its partition: the time partitioning column or the
    /// integer range one; nil for ingestion-time partitioning and unpartitioned tables.
    var partitionColumnIndex: Int? {
        guard let name = catalog.rangePartitioning?.column ?? partitionField?.name else { return nil }
        return schema.fields.firstIndex { $0.name == name }
    }

    /// The partition, as [start, end), a row with `value` in `partitionColumnIndex` is counted in.
    func partitionBounds(of value: BigQueryValue) -> (start: Int64, end: Int64) {
        if let range = catalog.rangePartitioning {
            guard case .int64(let number) = value else { return PartitionSpec.nullPartition }
            return range.bounds(of: number)
        }
        guard let spec = partitioning, let micros = value.partitionMicros else { return PartitionSpec.nullPartition }
        return spec.bounds(ofMicros: micros)
    }
}

extension BigQueryStore {
    /// Rebuilds the table's per-partition row and byte counts (what bytes processed and numRows read)
    /// from its rows: after an UPDATE or DELETE changed them in place, and once for the integer range
    /// partitioned tables stored before their rows were counted per partition.
    static func recountBytes(of info: TableInfo, db: Database) throws {
        let fields = info.schema.fields
        let ingestionTime = info.hasPartitionTimeColumn
        var columns = info.storageColumns
        if columns.isEmpty { columns.append("NULL") }
        let rows = try DirectStatement.fetchAll(
            db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(SQLiteStorage.quote(info.sqliteTable))", arguments: [])
        let partitionIndex = info.partitionColumnIndex
        var counter = PartitionByteCounter(columnCount: fields.count)
        for row in rows {
            let values = fields.enumerated().map { SQLiteStorage.decode(row[$0.offset], field: $0.element) }
            var partition = (start: Int64(0), end: Int64(0))
            if ingestionTime, let spec = info.partitioning {
                partition = Int64.fromDatabaseValue(row[fields.count]).map { spec.bounds(ofMicros: $0) } ?? PartitionSpec.nullPartition
            } else if let partitionIndex {
                partition = info.partitionBounds(of: values[partitionIndex])
            }
            counter.add(values, partition: partition)
        }
        try db.execute(sql: "DELETE FROM bq_partition_bytes WHERE sqlite_name = ?", arguments: [info.sqliteTable])
        try counter.save(sqliteName: info.sqliteTable, fields: fields, db: db)
    }

    /// Migration: the integer range partitioned tables' counts, kept as one unpartitioned entry
    /// before the emulator pruned their partitions, rebuilt per partition.
    static func recountRangePartitionedTables(db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT project, dataset, table_id, sqlite_name, resource FROM bq_tables")
        for row in rows {
            guard
                let info = try? tableInfo(
                    project: row["project"], dataset: row["dataset"], table: row["table_id"], sqliteName: row["sqlite_name"],
                    resourceText: row["resource"]),
                info.catalog.rangePartitioning != nil, !info.isView
            else { continue }
            try recountBytes(of: info, db: db)
        }
    }
}
