// The client's API speaks in schema types (TableSchema, BigQueryValue, QueryParameter); callers of
// WarehouseClient see them as part of it, as they did before the schema became a target of its own.
@_exported import WarehouseSchema
