import Foundation
import WireJSON

/// How TIMESTAMP cells are written in REST responses.
public enum TimestampCellFormat: Sendable {
    /// Float seconds in a string, e.g. `"1.7672256E9"`: BigQuery's default.
    case floatSeconds
    /// Integer microseconds in a string: with `formatOptions.useInt64Timestamp=true`.
    case int64Micros
}

extension BigQueryValue {
    /// The `v` of an `f`/`v` cell: scalars as strings, records as `{"f": [...]}`, arrays as `[{"v": ...}]`.
    public func cell(_ timestampFormat: TimestampCellFormat = .floatSeconds) -> JSONValue {
        switch self {
        case .null: return .null
        case .string(let text): return .string(text)
        case .bytes(let bytes): return .string(Data(bytes).base64EncodedString())
        case .int64(let number): return .string(String(number))
        case .float64(let number): return .string(BigQueryValue.floatText(number))
        case .numeric(let text), .bignumeric(let text): return .string(text)
        case .bool(let flag): return .string(flag ? "true" : "false")
        case .timestamp(let micros):
            switch timestampFormat {
            case .floatSeconds: return .string(BigQueryValue.scientificSeconds(micros))
            case .int64Micros: return .string(String(micros))
            }
        case .date(let days): return .string(CivilTime.formatDate(days: days))
        case .datetime(let days, let time): return .string(CivilTime.formatDateTime(days: days, timeMicros: time))
        case .time(let micros): return .string(CivilTime.formatTimeOfDay(micros: micros))
        case .json(let text): return .string(text)
        case .range(let range):
            switch (range.element, timestampFormat) {
            case (.timestamp, .floatSeconds): return .string(range.text(BigQueryValue.scientificSeconds))
            default: return .string(range.text(range.cellBound))
            }
        case .record(let fields): return ["f": .array(fields.map { ["v": $0.cell(timestampFormat)] })]
        case .array(let elements): return .array(elements.map { ["v": $0.cell(timestampFormat)] })
        }
    }

    /// The value as a plain JSON value (records as objects), for `--format json` and row exports.
    public func plainJSON(fields: [TableFieldSchema]) -> JSONValue {
        switch self {
        case .null: return .null
        case .int64(let number): return .int(number)
        case .float64(let number): return number.isFinite ? .double(number) : .string(BigQueryValue.floatText(number))
        case .bool(let flag): return .bool(flag)
        case .timestamp(let micros): return .string(CivilTime.formatTimestamp(micros: micros))
        case .json(let text): return (try? JSONValue(parsing: text)) ?? .string(text)
        case .range(let range):
            if range.element == .timestamp { return .string(range.text { CivilTime.formatTimestamp(micros: $0) }) }
            return .string(range.text(range.cellBound))
        case .record(let values):
            return .object(JSONObject(zip(fields, values).map { (key: $0.name, value: $1.plainJSON(fields: $0.fields)) }))
        case .array(let elements): return .array(elements.map { $0.plainJSON(fields: fields) })
        default: return cell()
        }
    }

    static func floatText(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
        return JSONValue.double(number).encodedString()
    }

    /// Seconds in the `d.dddE<exp>` form BigQuery uses for TIMESTAMP cells, e.g. `1.7672256E9`.
    static func scientificSeconds(_ micros: Int64) -> String {
        if micros == 0 { return "0.0" }
        let negative = micros < 0
        var digits = String(micros.magnitude)
        // micros = digits × 10^-6, so the decimal exponent of the leading digit is count - 7.
        let exponent = digits.count - 7
        while digits.count > 1, digits.hasSuffix("0") { digits.removeLast() }
        let mantissa = digits.count == 1 ? "\(digits).0" : "\(digits.prefix(1)).\(digits.dropFirst())"
        return "\(negative ? "-" : "")\(mantissa)E\(exponent)"
    }
}
