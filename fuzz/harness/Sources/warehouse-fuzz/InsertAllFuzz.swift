import WarehouseClient
import WireJSON

@testable import LocalEmulator

/// An insertAll body read two ways: the one-pass reader over the bytes (with `RowValidator`'s
/// cursor path) and the reference reading of the parsed tree. Whenever the fast reader answers,
/// it must answer what the reference does, row by row.
enum InsertAllFuzz {
    static let target = FuzzTarget(name: "insertall") { bytes in check(bytes) }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) {
        // The fast reader never refuses: anything it cannot read as the reference would, it declines.
        let fast = InsertAllRequest.reading(bytes, schema: schema)
        let reference = Result { () throws -> InsertAllRequest in
            guard case .object(let body) = try JSONValue(parsing: bytes) else { throw NotAnObject() }
            if let suffix = body["templateSuffix"]?.stringValue, !suffix.isEmpty { throw InsertAllRequest.templateSuffixUnsupported() }
            return try InsertAllRequest(body: body, schema: schema)
        }
        var body: String { String(decoding: bytes.prefix(400), as: UTF8.self).debugDescription }
        switch (fast, reference) {
        case (nil, _):
            break  // The fast reader declined; the reference reading is the answer.
        case (let read?, .success(let expected)):
            require(
                read.skipInvalidRows == expected.skipInvalidRows,
                "skipInvalidRows \(read.skipInvalidRows) by the fast reader, \(expected.skipInvalidRows) by the reference, for \(body)")
            require(
                read.rows.count == expected.rows.count,
                "\(read.rows.count) rows by the fast reader, \(expected.rows.count) by the reference, for \(body)")
            for (index, (row, reference)) in zip(read.rows, expected.rows).enumerated() {
                require(
                    row.insertId == reference.insertId,
                    "row \(index): insertId \(String(describing: row.insertId)) vs \(String(describing: reference.insertId)) for \(body)")
                require(
                    same(row.outcome, reference.outcome),
                    "row \(index): fast reader \(row.outcome), reference \(reference.outcome) for \(body)")
            }
        case (_?, .failure(let error)):
            fatalError("FUZZ PROPERTY VIOLATED: the fast reader accepted a body the reference refuses (\(error)): \(body)")
        }
    }

    struct NotAnObject: Error {}

    /// Equal outcomes; NaN, which is not equal to itself, compares by its description.
    private static func same(_ lhs: RowValidator.Outcome, _ rhs: RowValidator.Outcome) -> Bool {
        lhs == rhs || String(reflecting: lhs) == String(reflecting: rhs)
    }

    /// Every column type, each mode, parameterized types, a nested and a repeated record: what a
    /// validator can be asked.
    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "s", type: .string, mode: .required),
        TableFieldSchema(name: "b", type: .bytes),
        TableFieldSchema(name: "i", type: .integer),
        TableFieldSchema(name: "f", type: .float),
        TableFieldSchema(name: "n", type: .numeric),
        TableFieldSchema(name: "bn", type: .bignumeric),
        TableFieldSchema(name: "ok", type: .boolean),
        TableFieldSchema(name: "ts", type: .timestamp),
        TableFieldSchema(name: "d", type: .date),
        TableFieldSchema(name: "dt", type: .datetime),
        TableFieldSchema(name: "t", type: .time),
        TableFieldSchema(name: "j", type: .json),
        TableFieldSchema(name: "code", type: .string, parameters: TypeParameters(maxLength: 4)),
        TableFieldSchema(name: "price", type: .numeric, parameters: TypeParameters(precision: 6, scale: 2, roundingMode: .halfEven)),
        TableFieldSchema(name: "big", type: .bignumeric, parameters: TypeParameters(precision: 40, scale: 3)),
        TableFieldSchema(name: "raw", type: .bytes, mode: .repeated, parameters: TypeParameters(maxLength: 2)),
        TableFieldSchema(name: "tags", type: .string, mode: .repeated),
        TableFieldSchema(name: "nums", type: .integer, mode: .repeated),
        TableFieldSchema(name: "stay", type: .rangeDate),
        TableFieldSchema(name: "visits", type: .rangeTimestamp, mode: .repeated),
        TableFieldSchema(
            name: "rec", type: .record,
            fields: [
                TableFieldSchema(name: "x", type: .integer, mode: .required),
                TableFieldSchema(name: "inner", type: .record, fields: [TableFieldSchema(name: "y", type: .string)]),
            ]),
        TableFieldSchema(
            name: "recs", type: .record, mode: .repeated,
            fields: [
                TableFieldSchema(name: "k", type: .string),
                TableFieldSchema(name: "v", type: .float),
            ]),
    ])
}
