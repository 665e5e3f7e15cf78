import Foundation
import WireJSON

extension QueryParameter {
    public static func string(_ name: String, _ value: String?) -> Self { scalar(name, .string, value.map { .string($0) }) }
    public static func int64(_ name: String, _ value: Int64?) -> Self { scalar(name, .integer, value.map { .int64($0) }) }
    public static func float64(_ name: String, _ value: Double?) -> Self { scalar(name, .float, value.map { .float64($0) }) }
    public static func bool(_ name: String, _ value: Bool?) -> Self { scalar(name, .boolean, value.map { .bool($0) }) }
    /// Microseconds since the Unix epoch.
    public static func timestamp(_ name: String, micros: Int64?) -> Self { scalar(name, .timestamp, micros.map { .timestamp($0) }) }
    public static func timestamp(_ name: String, _ date: Date) -> Self {
        timestamp(name, micros: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }
    /// An ARRAY of `elementType`; `values` must be of that type.
    public static func array(_ name: String, of elementType: FieldType, _ values: [BigQueryValue]) -> Self {
        QueryParameter(name: name, type: .array(.scalar(elementType)), value: .array(values))
    }

    private static func scalar(_ name: String, _ type: FieldType, _ value: BigQueryValue?) -> Self {
        QueryParameter(name: name, type: .scalar(type), value: value ?? .null)
    }

    /// The REST `queryParameters[]` entry.
    public var json: JSONValue {
        var entry: JSONObject = [:]
        if let name { entry["name"] = .string(name) }
        entry["parameterType"] = type.json
        entry["parameterValue"] = Self.valueJSON(value, type: type)
        return .object(entry)
    }

    private static func valueJSON(_ value: BigQueryValue, type: ParameterType) -> JSONValue {
        switch (value, type) {
        case (.null, _): return .object([:])
        case (.array(let items), .array(let element)):
            return ["arrayValues": .array(items.map { valueJSON($0, type: element) })]
        case (.record(let members), .structure(let fields)):
            var values: JSONObject = [:]
            for (index, (member, field)) in zip(members, fields).enumerated() {
                values[field.name ?? "_field_\(index + 1)"] = valueJSON(member, type: field.type)
            }
            return ["structValues": .object(values)]
        case (.range(let range), _):
            func bound(_ value: Int64?) -> JSONValue {
                guard let value else { return .object([:]) }
                if range.element == .timestamp { return ["value": .string(CivilTime.formatTimestamp(micros: value))] }
                return ["value": .string(range.cellBound(value))]
            }
            return ["rangeValue": ["start": bound(range.start), "end": bound(range.end)]]
        default:
            return ["value": .string(scalarText(value))]
        }
    }

    /// Scalars as BigQuery reads parameter values: TIMESTAMP as canonical text, not epoch seconds.
    private static func scalarText(_ value: BigQueryValue) -> String {
        switch value {
        case .timestamp(let micros): CivilTime.formatTimestamp(micros: micros)
        default: value.cell().stringValue ?? ""
        }
    }
}

extension ParameterType {
    /// The REST `parameterType`.
    public var json: JSONValue {
        switch self {
        case .scalar(let type):
            if let element = type.rangeElement {
                ["type": "RANGE", "rangeElementType": ["type": .string(element.fieldType.standardSQLName)]]
            } else {
                ["type": .string(type.standardSQLName)]
            }
        case .array(let element): ["type": "ARRAY", "arrayType": element.json]
        case .structure(let fields):
            [
                "type": "STRUCT",
                "structTypes": .array(
                    fields.map { field in
                        var entry: JSONObject = ["type": field.type.json]
                        if let name = field.name { entry["name"] = .string(name) }
                        return .object(entry)
                    }),
            ]
        }
    }
}
