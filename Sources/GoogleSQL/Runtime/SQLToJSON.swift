import Foundation
import GRDB
import WarehouseSchema
import WireJSON

/// GoogleSQL's SQL → JSON encodings (TO_JSON_STRING, TO_JSON, JSON_ARRAY, JSON_OBJECT).
///
/// The translator passes a value's type as a field descriptor (`descriptor(of:)`), so the runtime
/// can read the value's storage form back into a typed value (and apply its type parameters).
enum SQLToJSON {
    enum Flavor {
        /// TO_JSON_STRING: INT64 and NUMERIC outside ±2^53 (NUMERIC also with a fraction) as strings.
        case jsonString
        /// TO_JSON: numbers stay numbers.
        case json
    }

    static func descriptor(of field: TableFieldSchema) -> String {
        descriptorJSON(field).encodedString()
    }

    private static func descriptorJSON(_ field: TableFieldSchema) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("n", .string(field.name)), ("t", .string(field.type.rawValue)), ("r", .bool(field.mode == .repeated)),
        ]
        if !field.fields.isEmpty { members.append(("f", .array(field.fields.map(descriptorJSON)))) }
        let parameters = field.parameters
        for (key, value) in [("l", parameters.maxLength), ("p", parameters.precision), ("s", parameters.scale)] {
            if let value { members.append((key, .int(value))) }
        }
        if parameters.roundingMode == .halfEven { members.append(("e", .bool(true))) }
        return .object(JSONObject(members))
    }

    static func field(fromDescriptor text: String) throws(GoogleSQLError) -> TableFieldSchema {
        guard let json = try? JSONValue(parsing: text), let field = field(json) else { throw GoogleSQLError.invalidQuery("Bad type descriptor") }
        return field
    }

    private static func field(_ json: JSONValue) -> TableFieldSchema? {
        guard case .object(let object) = json, case .string(let name)? = object["n"], case .string(let typeName)? = object["t"],
            let type = FieldType(rawValue: typeName)
        else { return nil }
        var fields: [TableFieldSchema] = []
        if case .array(let children)? = object["f"] {
            for child in children {
                guard let childField = field(child) else { return nil }
                fields.append(childField)
            }
        }
        let repeated = object["r"] == .bool(true)
        let parameters = TypeParameters(
            maxLength: object["l"]?.int64Value, precision: object["p"]?.int64Value, scale: object["s"]?.int64Value,
            roundingMode: object["e"] == .bool(true) ? .halfEven : nil)
        return TableFieldSchema(name: name, type: type, mode: repeated ? .repeated : .nullable, fields: fields, parameters: parameters)
    }

    /// A stored value of the described type, as JSON.
    static func encode(_ stored: DatabaseValue, field: TableFieldSchema, flavor: Flavor) -> JSONValue {
        if stored.isNull { return .null }
        return encode(SQLiteStorage.decode(stored, field: field), field: field, flavor: flavor)
    }

    private static let wideInteger: Int64 = 9_007_199_254_740_992

    static func encode(_ value: BigQueryValue, field: TableFieldSchema, flavor: Flavor) -> JSONValue {
        switch value {
        case .null: return .null
        case .array(let elements):
            var element = field
            element.mode = .nullable
            return .array(elements.map { encode($0, field: element, flavor: flavor) })
        case .record(let values):
            return .object(JSONObject(zip(field.fields, values).map { (key: $0.name, value: encode($1, field: $0, flavor: flavor)) }))
        case .bool(let flag): return .bool(flag)
        case .int64(let number):
            if flavor == .jsonString, number > wideInteger || number < -wideInteger { return .string(String(number)) }
            return .int(number)
        case .float64(let number):
            if number.isNaN { return .string("NaN") }
            if number.isInfinite { return .string(number < 0 ? "-Infinity" : "Infinity") }
            if number == number.rounded(), abs(number) < 1e15, let exact = Int64(exactly: number) { return .int(exact) }
            return .double(number)
        case .numeric(let text), .bignumeric(let text):
            if let integer = Int64(text), integer <= wideInteger, integer >= -wideInteger { return .int(integer) }
            return flavor == .jsonString ? .string(text) : .numberText(text)
        case .string(let text): return .string(text)
        case .bytes(let bytes): return .string(Data(bytes).base64EncodedString())
        case .date(let days): return .string(CivilTime.formatDate(days: days))
        case .timestamp(let micros):
            let days = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
            return .string(CivilTime.formatDateTime(days: days, timeMicros: micros - days * CivilTime.microsPerDay) + "Z")
        case .datetime(let days, let time): return .string(CivilTime.formatDateTime(days: days, timeMicros: time))
        case .time(let micros): return .string(CivilTime.formatTimeOfDay(micros: micros))
        case .json(let text): return (try? JSONValue(parsing: text)) ?? .null
        case .range(let range):
            // `{"start": ..., "end": ...}`, each bound as TO_JSON writes its element, null when UNBOUNDED.
            let element = TableFieldSchema(name: field.name, type: range.element.fieldType)
            func bound(_ value: Int64?) -> JSONValue {
                guard let value else { return .null }
                return encode(SQLiteStorage.decode(value.databaseValue, field: element), field: element, flavor: flavor)
            }
            return ["start": bound(range.start), "end": bound(range.end)]
        }
    }

    /// TO_JSON_STRING(value, true): two-space indentation, `"key": value`.
    static func pretty(_ json: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch json {
        case .array(let elements) where !elements.isEmpty:
            return "[\n" + elements.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let object) where !object.members.isEmpty:
            let members = object.members.map { inner + JSONValue.string($0.key).encodedString() + ": " + pretty($0.value, indent: inner) }
            return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        default:
            return json.encodedString()
        }
    }
}
