import WarehouseSchema

/// The table the Sink writes: the event schema plus the enabled metadata columns, partitioned and
/// clustered as configured.
///
/// One function, because `warehouse serve`, the Sink and Terraform must create the same table; a
/// second spelling of it would drift.
public enum SinkTable {
    public static func definition(for configuration: SinkConfiguration) -> TableDefinition {
        TableDefinition(
            schema: schema(for: configuration),
            timePartitioning: configuration.partitionField.map { .init(granularity: .day, field: $0) },
            clustering: configuration.clusteringFields,
            requirePartitionFilter: configuration.partitionField != nil && configuration.requirePartitionFilter)
    }

    /// The event's fields, then the metadata columns (NULLABLE, as a BigQuery subscription writes them).
    public static func schema(for configuration: SinkConfiguration) -> TableSchema {
        let metadata = MetadataColumn.allCases.filter(configuration.metadataColumns.contains).map { column in
            TableFieldSchema(name: column.rawValue, type: column.fieldType, mode: .nullable)
        }
        return TableSchema(fields: configuration.schema.fields + metadata)
    }
}

extension MetadataColumn {
    var fieldType: FieldType {
        switch self {
        case .subscriptionName, .messageId: .string
        case .publishTime: .timestamp
        case .attributes: .json
        }
    }
}
