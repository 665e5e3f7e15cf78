import WarehouseSchema
import WireJSON

@testable import LocalEmulator

/// A Parquet upload read as a load job reads one: the footer, the schema tree and every column's
/// pages must either come out as rows or fail with a `ParquetError`, never trap, loop or allocate
/// past the file's bounds. When the file reads, its BigQuery schema is derived with and without list
/// inference, and every row is converted against each schema that derives (a row may fail with its
/// own error), as an object for insertAll's validator and as the positional values a load job
/// validates: the two must agree on each row.
enum ParquetFuzz {
    static let target = FuzzTarget(name: "parquet") { bytes in check(bytes) }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let file = try? ParquetFile(Array(bytes)) else { return }
        var body: String { "\(bytes.count) bytes, \(file.fields.count) fields, \(file.rows.count) rows" }
        for row in file.rows {
            require(row.count == file.fields.count, "a row of \(row.count) values: \(body)")
        }
        for listInference in [false, true] {
            guard let schema = try? file.schema(listInference: listInference) else { continue }
            require(schema.fields.count == file.fields.count, "\(schema.fields.count) schema fields: \(body)")
            let validator = RowValidator(schema: schema, ignoreUnknownValues: false)
            let columns = file.columnIndices(in: schema)
            require(!columns.contains(nil), "a column missing from the file's own schema: \(body)")
            // Fields whose names differ only in case land in one key of an object, in one slot by position.
            let distinct = Set(file.fields.map { $0.name.lowercased() }).count == file.fields.count
            var converted = 0
            var failed = 0
            for index in file.rows.indices {
                let object = Result { () throws(ParquetError) in try file.object(row: index, schema: schema, listInference: listInference) }
                let values = Result { () throws(ParquetError) in
                    try file.values(row: index, schema: schema, columns: columns, listInference: listInference)
                }
                switch (object, values) {
                case (.success(let object), .success(let values)):
                    require(object.count <= schema.fields.count, "row \(index) has \(object.count) keys: \(body)")
                    require(values.count == schema.fields.count, "row \(index) has \(values.count) values: \(body)")
                    let byName = validator.validate(object)
                    let byPosition = validator.validate(positional: values)
                    // Compared as text: a NaN cell is not equal to itself.
                    require(!distinct || "\(byName)" == "\(byPosition)", "row \(index): by name \(byName), by position \(byPosition): \(body)")
                case (.failure, .failure): break
                default: require(!distinct, "row \(index) converts as an object \(object) and by position \(values): \(body)")
                }
                if case .success = object { converted += 1 } else { failed += 1 }
            }
            require(
                converted + failed == file.rows.count,
                "\(converted) rows converted + \(failed) failed of \(file.rows.count) (list inference \(listInference)): \(body)")
        }
    }
}
