import Foundation
import WireJSON

/// What a table should look like: schema, time partitioning, clustering. Read from a schema file in
/// either form BigQuery tools use: a bare field array (`bq mk --schema`), or a table resource
/// (`{"schema": {"fields": [...]}, "timePartitioning": {...}, "clustering": {"fields": [...]}}`).
public struct TableDefinition: Sendable, Hashable {
    public struct TimePartitioning: Sendable, Hashable {
        public enum Granularity: String, Sendable, Hashable, CaseIterable {
            case hour = "HOUR"
            case day = "DAY"
            case month = "MONTH"
            case year = "YEAR"
        }
        public var granularity: Granularity
        /// The partitioning column; nil partitions by ingestion time.
        public var field: String?
        public var expirationMs: Int64?

        public init(granularity: Granularity = .day, field: String?, expirationMs: Int64? = nil) {
            self.granularity = granularity
            self.field = field
            self.expirationMs = expirationMs
        }

        /// Reads the REST `timePartitioning` object; `type` defaults to DAY, as in BigQuery.
        public init(json spec: JSONObject) throws(SchemaError) {
            let typeName = spec["type"]?.stringValue ?? "DAY"
            guard let granularity = Granularity(rawValue: typeName.uppercased()) else {
                throw SchemaError("Invalid value for timePartitioning.type: \(typeName) is not a valid value")
            }
            self.init(granularity: granularity, field: spec["field"]?.stringValue, expirationMs: spec["expirationMs"]?.int64Value)
        }
    }

    public var schema: TableSchema
    public var timePartitioning: TimePartitioning?
    public var clustering: [String]
    public var requirePartitionFilter: Bool
    public var description: String?

    public init(
        schema: TableSchema, timePartitioning: TimePartitioning? = nil, clustering: [String] = [],
        requirePartitionFilter: Bool = false, description: String? = nil
    ) {
        self.schema = schema
        self.timePartitioning = timePartitioning
        self.clustering = clustering
        self.requirePartitionFilter = requirePartitionFilter
        self.description = description
    }

    /// Reads a field array or a table resource (the REST form `tables.get` returns).
    public init(json: JSONValue) throws(SchemaError) {
        guard case .object(let resource) = json, let schemaJSON = resource["schema"] else {
            self.init(schema: try TableSchema(json: json))
            return
        }
        let partitioning = try resource["timePartitioning"]?.objectValue.map { spec throws(SchemaError) in
            try TimePartitioning(json: spec)
        }
        self.init(
            schema: try TableSchema(json: schemaJSON), timePartitioning: partitioning,
            clustering: Self.clusteringFields(in: resource),
            requirePartitionFilter: Self.requirePartitionFilter(in: resource),
            description: resource["description"]?.stringValue)
    }

    /// The clustering column names of a table resource, as given.
    public static func clusteringFields(in resource: JSONObject) -> [String] {
        resource["clustering"]?["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// A table resource's `requirePartitionFilter`, or the older spelling inside `timePartitioning`.
    public static func requirePartitionFilter(in resource: JSONObject) -> Bool {
        resource["requirePartitionFilter"]?.boolValue ?? resource["timePartitioning"]?["requirePartitionFilter"]?.boolValue ?? false
    }

    /// Reads a schema file (JSON): see the type's documentation for the accepted forms.
    public init(contentsOfFile path: String) throws(SchemaError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw SchemaError("Cannot read schema file \(path)") }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Array(data))
        } catch {
            throw SchemaError("Schema file \(path) is not valid JSON: \(error)")
        }
        try self.init(json: json)
    }

    /// The table resource for `tables.insert`, without `tableReference`.
    public var resource: JSONObject {
        var resource: JSONObject = ["schema": schema.json]
        if let timePartitioning {
            var spec: JSONObject = ["type": .string(timePartitioning.granularity.rawValue)]
            if let field = timePartitioning.field { spec["field"] = .string(field) }
            if let expiration = timePartitioning.expirationMs { spec["expirationMs"] = .string(String(expiration)) }
            resource["timePartitioning"] = .object(spec)
        }
        if !clustering.isEmpty { resource["clustering"] = ["fields": .array(clustering.map { .string($0) })] }
        if requirePartitionFilter { resource["requirePartitionFilter"] = true }
        if let description { resource["description"] = .string(description) }
        return resource
    }
}
