import GoogleSQL
import WarehouseSchema
import WireJSON

/// Integer range partitioning (`rangePartitioning`, `PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(start,
/// end, interval))`): kept and returned as BigQuery writes it, rows and bytes counted per partition,
/// so a filter on the column prunes what a query is billed for. A partition filter requirement on
/// such a table is refused rather than left unenforced.
enum RangePartitioning {
    /// BigQuery's limit on a table's partitions.
    static let maximumPartitions: Int64 = 10_000

    /// The normalized `rangePartitioning` of a table resource, or nil when it has none.
    static func spec(from resource: JSONObject, schema: TableSchema) throws -> JSONValue? {
        guard let json = resource["rangePartitioning"], !json.isNull else { return nil }
        guard resource["timePartitioning"] == nil || resource["timePartitioning"]?.isNull == true else {
            throw GoogleAPIError.badRequest("A table can be partitioned by time or by an integer range, not both")
        }
        guard let column = json["field"]?.stringValue else {
            throw GoogleAPIError.badRequest("Required parameter is missing: rangePartitioning.field", reason: "required")
        }
        guard let field = schema.field(named: column) else {
            throw GoogleAPIError.badRequest("The field specified for partitioning cannot be found in the schema")
        }
        guard field.type == .integer, field.mode != .repeated else {
            throw GoogleAPIError.badRequest(
                "The field specified for range partitioning can only be of type INT64. The type found is: \(field.type.standardSQLName).")
        }
        func number(_ name: String) throws -> Int64 {
            guard let value = json["range"]?[name], let number = value.int64Value ?? value.stringValue.flatMap({ Int64($0) }) else {
                throw GoogleAPIError.badRequest("Required parameter is missing or not an integer: rangePartitioning.range.\(name)")
            }
            return number
        }
        let start = try number("start")
        let end = try number("end")
        let interval = try number("interval")
        guard interval > 0, start < end else {
            throw GoogleAPIError.badRequest("Invalid range partitioning: the interval must be positive and start less than end")
        }
        // The two lowest INT64 values key the __NULL__ and __UNPARTITIONED__ counts (`RangePartitionSpec`).
        guard start > RangePartitionSpec.unpartitioned.start else {
            throw GoogleAPIError.badRequest("Invalid range partitioning: start must be greater than \(RangePartitionSpec.unpartitioned.start)")
        }
        let (span, overflow) = end.subtractingReportingOverflow(start)
        guard !overflow, span / interval + (span % interval == 0 ? 0 : 1) <= maximumPartitions else {
            throw GoogleAPIError.badRequest("Too many partitions: a table has at most \(maximumPartitions)")
        }
        if TableResourceRules.requirePartitionFilter(from: resource) {
            throw GoogleAPIError.badRequest(
                "Unsupported: require_partition_filter on an integer range partitioned table is not supported by the local emulator")
        }
        return [
            "field": .string(field.name),
            "range": ["start": .string(String(start)), "end": .string(String(end)), "interval": .string(String(interval))],
        ]
    }

    /// The compiler's view of a stored (normalized) `rangePartitioning`.
    static func catalogSpec(_ spec: JSONValue?) -> RangePartitionSpec? {
        guard let spec, let column = spec["field"]?.stringValue, let range = spec["range"],
            let start = range["start"]?.stringValue.flatMap({ Int64($0) }), let end = range["end"]?.stringValue.flatMap({ Int64($0) }),
            let interval = range["interval"]?.stringValue.flatMap({ Int64($0) }), interval > 0, start < end
        else { return nil }
        return RangePartitionSpec(column: column, start: start, end: end, interval: interval)
    }

    /// `PARTITION BY RANGE_BUCKET(...)` as the table's DDL writes it.
    static func ddl(_ spec: JSONValue) -> String? {
        guard let field = spec["field"]?.stringValue, let range = spec["range"],
            let start = range["start"]?.stringValue, let end = range["end"]?.stringValue, let interval = range["interval"]?.stringValue
        else { return nil }
        return "PARTITION BY RANGE_BUCKET(\(field), GENERATE_ARRAY(\(start), \(end), \(interval)))"
    }
}
