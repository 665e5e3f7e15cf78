import Foundation
import WarehouseSchema
import WireJSON

/// Typed cells as `/getData` answers them: strings as strings, TIMESTAMP as RFC 3339 text in UTC,
/// JSON columns as JSON (not a string holding JSON), INT64 as a string (as BigQuery's own JSON does,
/// since JavaScript numbers lose digits past 2^53), NULL as null.
enum EventRows {
    static func row(_ values: [BigQueryValue], columns: [String]) -> JSONValue {
        .object(JSONObject(zip(columns, values).map { (key: $0.0, value: json($0.1)) }))
    }

    static func json(_ value: BigQueryValue) -> JSONValue {
        switch value {
        case .null: .null
        case .string(let text): .string(text)
        case .int64(let number): .string(String(number))
        case .float64(let number): number.isFinite ? .double(number) : .string(String(number))
        case .numeric(let text), .bignumeric(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .timestamp(let micros): .string(rfc3339(micros: micros))
        case .date(let days): .string(CivilTime.formatDate(days: days))
        case .datetime(let days, let time): .string(CivilTime.formatDateTime(days: days, timeMicros: time))
        case .time(let micros): .string(CivilTime.formatTimeOfDay(micros: micros))
        case .json(let text): (try? JSONValue(parsing: text)) ?? .string(text)
        case .bytes(let bytes): .string(Data(bytes).base64EncodedString())
        case .range(let range): .string(range.element == .timestamp ? range.text(rfc3339(micros:)) : range.text(range.cellBound))
        case .record(let members): .array(members.map(json))
        case .array(let items): .array(items.map(json))
        }
    }

    /// `2026-11-22T10:00:00.25Z`: fractions only as long as they need to be.
    static func rfc3339(micros: Int64) -> String {
        let days = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
        return CivilTime.formatDate(days: days) + "T" + CivilTime.formatTimeOfDay(micros: micros - days * CivilTime.microsPerDay) + "Z"
    }
}
