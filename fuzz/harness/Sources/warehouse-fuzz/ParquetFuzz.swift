import WarehouseSchema
import WireJSON

@testable import LocalEmulator

/// A Parquet upload read as a load job reads one: the footer, the schema tree and every column's
/// pages must either come out as rows or fail with a `ParquetError`, never trap, loop or allocate
/// past the file's bounds. When the file reads, its BigQuery schema is derived with and without list
/// inference, and every row is converted against each schema that derives (a row may fail with its
/// own error) twice: with scalar values read straight into stored values (`ParquetDirect`, the load
/// path) and with every value written as the JSON insertAll takes. The validator must make the same
/// of both.
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
            let direct = file.plan(for: schema, listInference: listInference)
            let viaJSON = file.plan(for: schema, listInference: listInference, direct: false)
            require(!direct.targets.contains(nil), "a column missing from the file's own schema: \(body)")
            // Fields whose names differ only in case land in one slot, whichever way.
            let distinct = Set(file.fields.map { $0.name.lowercased() }).count == file.fields.count
            var converted = 0
            var failed = 0
            for index in file.rows.indices {
                let straight = Result { () throws(ParquetError) in try file.cells(row: index, plan: direct) }
                let json = Result { () throws(ParquetError) in try file.cells(row: index, plan: viaJSON) }
                switch (straight, json) {
                case (.success(let straight), .success(let json)):
                    require(straight.count == schema.fields.count, "row \(index) has \(straight.count) cells: \(body)")
                    // Compared as text: a NaN cell is not equal to itself.
                    let a = "\(validator.validate(cells: straight))"
                    let b = "\(validator.validate(cells: json))"
                    require(!distinct || a == b, "row \(index): read straight \(a), through JSON \(b): \(body)")
                case (.failure, .failure): break
                default: require(!distinct, "row \(index) converts straight \(straight) and through JSON \(json): \(body)")
                }
                if case .success = json { converted += 1 } else { failed += 1 }
            }
            require(
                converted + failed == file.rows.count,
                "\(converted) rows converted + \(failed) failed of \(file.rows.count) (list inference \(listInference)): \(body)")
        }
    }
}
