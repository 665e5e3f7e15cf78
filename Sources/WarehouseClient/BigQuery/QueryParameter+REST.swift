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

    /// Reads `name:TYPE:value`, the form of `bq query --parameter`: TYPE is a GoogleSQL scalar type
    /// or `ARRAY<TYPE>` (the value then a JSON array), empty TYPE means STRING, `NULL` is a null.
    public init(parsing spec: String) throws(QueryParameterError) {
        let parts = spec.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty else {
            throw QueryParameterError("Parameter \"\(spec)\" must be name:TYPE:value (TYPE may be empty for STRING)")
        }
        let (name, typeName, text) = (parts[0], parts[1].trimmingCharacters(in: .whitespaces).uppercased(), parts[2])
        if typeName.hasPrefix("ARRAY<"), typeName.hasSuffix(">") {
            let elementName = String(typeName.dropFirst(6).dropLast())
            guard let element = FieldType(apiName: elementName), element != .record else {
                throw QueryParameterError("Parameter \(name): unsupported array element type \(elementName)")
            }
            guard case .array(let items)? = try? JSONValue(parsing: Array(text.utf8)) else {
                throw QueryParameterError("Parameter \(name): an ARRAY value must be a JSON array, like [1,2,3]")
            }
            var values: [BigQueryValue] = []
            for item in items {
                guard let value = ValueConversion.convert(item, to: element) else {
                    throw QueryParameterError("Parameter \(name): \(item.encodedString()) is not a valid \(element.standardSQLName)")
                }
                values.append(value)
            }
            self.init(name: name, type: .array(.scalar(element)), value: .array(values))
            return
        }
        guard let type = typeName.isEmpty ? .string : FieldType(apiName: typeName), type != .record else {
            throw QueryParameterError("Parameter \(name): unknown type \(typeName)")
        }
        if text == "NULL" {
            self.init(name: name, type: .scalar(type), value: .null)
            return
        }
        guard let value = ValueConversion.convert(.string(text), to: type) else {
            throw QueryParameterError("Parameter \(name): \"\(text)\" is not a valid \(type.standardSQLName)")
        }
        self.init(name: name, type: .scalar(type), value: value)
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
        case .scalar(let type): ["type": .string(type.standardSQLName)]
        case .array(let element): ["type": "ARRAY", "arrayType": element.json]
        case .structure(let fields):
            ["type": "STRUCT", "structTypes": .array(fields.map { field in
                var entry: JSONObject = ["type": field.type.json]
                if let name = field.name { entry["name"] = .string(name) }
                return .object(entry)
            })]
        }
    }
}

public struct QueryParameterError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
