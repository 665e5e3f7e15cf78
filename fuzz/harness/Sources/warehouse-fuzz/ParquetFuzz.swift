import WarehouseSchema
import WireJSON

@testable import LocalEmulator

/// A Parquet upload read as a load job reads one: the footer, the schema tree and every column's
/// pages must either come out as rows or fail with a `ParquetError`, never trap, loop or allocate
/// past the file's value bound. When the file reads, its BigQuery schema is derived with and without
/// list inference, and every row is converted against each schema that derives (a row may fail with
/// its own error) and checked by insertAll's validator, as the load job does.
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
            var converted = 0
            var failed = 0
            for index in file.rows.indices {
                do {
                    let object = try file.object(row: index, schema: schema, listInference: listInference)
                    require(object.count <= schema.fields.count, "row \(index) has \(object.count) keys: \(body)")
                    _ = validator.validate(object)
                    converted += 1
                } catch {
                    failed += 1
                }
            }
            require(
                converted + failed == file.rows.count,
                "\(converted) rows converted + \(failed) failed of \(file.rows.count) (list inference \(listInference)): \(body)")
        }
    }
}
