import Foundation
import GoogleSQL
import WarehouseSchema
import WireJSON

/// A stored table: its resource as the API returns it, and what the storage layer needs to know.
struct TableInfo: Sendable {
    var catalog: CatalogTable
    /// The table resource minus computed fields (numRows, numBytes), as last written.
    var resource: JSONObject

    var schema: TableSchema { catalog.schema }
    var sqliteTable: String { catalog.sqliteTable }
    var partitioning: PartitionSpec? { catalog.partitioning }
    var reference: String { "\(catalog.projectId):\(catalog.datasetId).\(catalog.tableId)" }
    /// A logical view (`CREATE VIEW`) or a materialized view, which the emulator reads as a logical
    /// view (always up to date, as BigQuery answers from one): read by queries, never written.
    var isView: Bool { ["VIEW", "MATERIALIZED_VIEW"].contains(resource["type"]?.stringValue) }
    var isMaterializedView: Bool { resource["type"]?.stringValue == "MATERIALIZED_VIEW" }
    /// A view's query.
    var viewQuery: String? { (resource["view"] ?? resource["materializedView"])?["query"]?.stringValue }

    /// The top-level field holding the partitioning column, when partitioned on a column.
    var partitionField: TableFieldSchema? {
        guard let column = partitioning?.column else { return nil }
        return schema.field(named: column)
    }

    /// Partitioned by ingestion time: each row's `_PARTITIONTIME` is kept in a storage column that
    /// no schema field names.
    var hasPartitionTimeColumn: Bool { partitioning != nil && partitioning?.column == nil }

    /// The storage table's columns, quoted: one per top-level field, then `_PARTITIONTIME` if kept.
    var storageColumns: [String] {
        var columns = schema.fields.map { SQLiteStorage.quote($0.name) }
        if hasPartitionTimeColumn { columns.append(SQLiteStorage.quote(SQLiteStorage.partitionTimeColumn)) }
        return columns
    }

    /// How many storage columns the table would need with `schema` as its schema.
    func storageColumnCount(with schema: TableSchema) -> Int {
        schema.fields.count + (hasPartitionTimeColumn ? 1 : 0)
    }
}

/// Checks the parts of a table resource that shape storage, as BigQuery does, on top of
/// `WarehouseClient.TableDefinition`'s reading of them.
enum TableResourceRules {
    static func schema(from json: JSONValue) throws -> TableSchema {
        do {
            return try TableSchema(json: json)
        } catch {
            throw GoogleAPIError.badRequest(error.message)
        }
    }

    static func partitioning(from resource: JSONObject, schema: TableSchema) throws -> PartitionSpec? {
        guard case .object(let spec) = resource["timePartitioning"] ?? .null else { return nil }
        let partitioning: TableDefinition.TimePartitioning
        do {
            partitioning = try TableDefinition.TimePartitioning(json: spec)
        } catch {
            throw GoogleAPIError.badRequest(error.message)
        }
        let granularity = partitioning.granularity
        guard let column = partitioning.field else { return PartitionSpec(granularity: granularity, column: nil) }
        guard let field = schema.field(named: column) else {
            throw GoogleAPIError.badRequest("The field specified for partitioning cannot be found in the schema")
        }
        guard [.timestamp, .date, .datetime].contains(field.type), field.mode != .repeated else {
            throw GoogleAPIError.badRequest(
                "The field specified for time partitioning can only be of type TIMESTAMP, DATE or DATETIME. The type found is: \(field.type.standardSQLName)."
            )
        }
        if field.type == .date, granularity == .hour {
            throw GoogleAPIError.badRequest("HOUR partitioning is not supported on a DATE column")
        }
        return PartitionSpec(granularity: granularity, column: field.name)
    }

    static func clustering(from resource: JSONObject, schema: TableSchema) throws -> [String] {
        let names = TableDefinition.clusteringFields(in: resource)
        guard names.count <= 4 else {
            throw GoogleAPIError.badRequest("Too many clustering fields: \(names.count). Only up to 4 clustering fields are allowed.")
        }
        return try names.map { name in
            guard let field = schema.field(named: name) else {
                throw GoogleAPIError.badRequest("The field named \(name) specified in clustering cannot be found in the schema.")
            }
            guard field.mode != .repeated, ![.float, .record, .json].contains(field.type) else {
                throw GoogleAPIError.badRequest(
                    "Field \(field.name) is of type \(field.type.standardSQLName)\(field.mode == .repeated ? " REPEATED" : "") which is not supported for clustering."
                )
            }
            return field.name
        }
    }

    static func requirePartitionFilter(from resource: JSONObject) -> Bool {
        TableDefinition.requirePartitionFilter(in: resource)
    }

    /// Reserved names BigQuery refuses for user columns.
    static func checkColumnNames(_ schema: TableSchema) throws {
        let reserved = ["_partitiontime", "_partitiondate", "_table_", "_file_", "_row_timestamp", "__root__", "_colidentifier"]
        for field in schema.fields {
            let lower = field.name.lowercased()
            if reserved.contains(where: { lower.hasPrefix($0) }) {
                throw GoogleAPIError.badRequest("Invalid field name \"\(field.name)\". Field names cannot start with reserved prefixes.")
            }
        }
    }
}

/// Milliseconds since the epoch, as BigQuery's creationTime and lastModifiedTime strings.
func epochMillisString(_ date: Date = Date()) -> JSONValue {
    .string(String(Int64(date.timeIntervalSince1970 * 1000)))
}
