import GoogleSQL
import WarehouseSchema

/// BigQuery holds an ARRAY with NULL elements inside a query but cannot write one out: a result row
/// that has one fails the job ("Array cannot have a null element; error in writing field a"), where a
/// NULL array itself goes out as an empty one. Checked on each result row, only when the schema has an
/// ARRAY somewhere, so plain results pay nothing.
struct ResultArrayNulls {
    private let fields: [TableFieldSchema]

    /// nil when no field of `schema` is or holds an ARRAY.
    init?(_ schema: TableSchema) {
        guard schema.fields.contains(where: Self.holdsArray) else { return nil }
        fields = schema.fields
    }

    func check(_ row: [BigQueryValue]) throws(GoogleSQLError) {
        for (value, field) in zip(row, fields) { try Self.check(value, field: field, path: field.name) }
    }

    private static func holdsArray(_ field: TableFieldSchema) -> Bool {
        field.mode == .repeated || field.fields.contains(where: holdsArray)
    }

    private static func check(_ value: BigQueryValue, field: TableFieldSchema, path: String) throws(GoogleSQLError) {
        switch value {
        case .array(let elements):
            for element in elements {
                if element == .null {
                    throw .invalidQuery("Array cannot have a null element; error in writing field \(path)")
                }
                try checkRecord(element, field: field, path: path)
            }
        default:
            try checkRecord(value, field: field, path: path)
        }
    }

    private static func checkRecord(_ value: BigQueryValue, field: TableFieldSchema, path: String) throws(GoogleSQLError) {
        guard case .record(let members) = value else { return }
        for (member, child) in zip(members, field.fields) {
            try check(member, field: child, path: path + "." + child.name)
        }
    }
}
