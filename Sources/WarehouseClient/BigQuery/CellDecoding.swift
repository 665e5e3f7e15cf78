import Foundation
import WireJSON

/// Turns `f`/`v` row cells back into typed values, by the schema the response carries.
enum CellDecoding {
    static func row(_ json: JSONValue, fields: [TableFieldSchema], timestamps: TimestampCellFormat) throws -> [BigQueryValue] {
        guard let cells = json["f"]?.arrayValue, cells.count == fields.count else {
            throw BigQueryError.invalidResponse("row has \(json["f"]?.arrayValue?.count ?? 0) cells for \(fields.count) columns")
        }
        return try zip(cells, fields).map { cell, field in try value(cell["v"] ?? .null, field: field, timestamps: timestamps) }
    }

    static func value(_ cell: JSONValue, field: TableFieldSchema, timestamps: TimestampCellFormat) throws -> BigQueryValue {
        if case .null = cell { return field.mode == .repeated ? .array([]) : .null }
        if field.mode == .repeated {
            guard let items = cell.arrayValue else { throw mismatch(cell, field) }
            var element = field
            element.mode = .nullable
            return .array(try items.map { try value($0["v"] ?? .null, field: element, timestamps: timestamps) })
        }
        if field.type == .record { return .record(try row(cell, fields: field.fields, timestamps: timestamps)) }
        guard let text = cell.stringValue else { throw mismatch(cell, field) }
        let decoded: BigQueryValue? =
            switch field.type {
            case .string: .string(text)
            case .bytes: Data(base64Encoded: text).map { .bytes(Array($0)) }
            case .integer: Int64(text).map { .int64($0) }
            case .float: Double(text).map { .float64($0) }
            case .numeric: .numeric(text)
            case .bignumeric: .bignumeric(text)
            case .boolean: text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
            case .timestamp: timestampMicros(text, format: timestamps).map { .timestamp($0) }
            case .date: CivilTime.parseDate(text).map { .date($0) }
            case .datetime: CivilTime.parseDateTime(text).map { .datetime(days: $0.days, timeMicros: $0.timeMicros) }
            case .time: CivilTime.parseTime(text).map { .time($0) }
            case .json: .json(text)
            case .interval, .geography: .string(text)
            case .rangeDate, .rangeDatetime, .rangeTimestamp: range(text, element: field.type.rangeElement!, timestamps: timestamps)
            case .record: nil
            }
        guard let decoded else { throw mismatch(cell, field) }
        return decoded
    }

    /// `[2024-01-01, UNBOUNDED)`, each bound as a cell of the element type writes it (a TIMESTAMP
    /// bound in the response's timestamp format).
    private static func range(_ text: String, element: RangeValue.Element, timestamps: TimestampCellFormat) -> BigQueryValue? {
        (try? RangeValue.parse(text, element: element, timestamp: { timestampMicros($0, format: timestamps) })).map { .range($0) }
    }

    private static func timestampMicros(_ text: String, format: TimestampCellFormat) -> Int64? {
        switch format {
        case .int64Micros: Int64(text)
        case .floatSeconds: Double(text).map { Int64(($0 * 1_000_000).rounded()) }
        }
    }

    private static func mismatch(_ cell: JSONValue, _ field: TableFieldSchema) -> BigQueryError {
        .invalidResponse("cell \(cell.encodedString().prefix(80)) is not a \(field.type.rawValue) \(field.mode.rawValue) value for \(field.name)")
    }
}
