import GRDB
import WarehouseSchema
import WireJSON

/// JSON functions of the library: extractors on STRING input, the array extractors, the
/// SQL ↔ JSON conversions and JSON_TYPE.
enum JSONLibrary {
    /// JSON_QUERY_ARRAY / JSON_EXTRACT_ARRAY: each element's JSON text (an ARRAY<STRING> or
    /// ARRAY<JSON> storing its elements as text); NULL when the path selects no array.
    private static func queryArray(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        guard case .array(let elements)? = try JSONPath.locate(Library.text(a[0]), path: Library.text(a[1])) else { return .null }
        return JSONValue.array(elements.map { .string($0.encodedString()) }).encodedString().databaseValue
    }

    /// JSON_VALUE_ARRAY / JSON_EXTRACT_STRING_ARRAY: scalars as strings, JSON null as NULL; NULL
    /// when the path selects no array or one holding an object or array.
    private static func valueArray(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        guard case .array(let elements)? = try JSONPath.locate(Library.text(a[0]), path: Library.text(a[1])) else { return .null }
        var values: [JSONValue] = []
        for element in elements {
            switch element {
            case .null: values.append(.null)
            case .string(let text): values.append(.string(text))
            case .bool(let flag): values.append(.string(flag ? "true" : "false"))
            case .int, .double, .numberText: values.append(.string(element.encodedString()))
            case .array, .object: return .null
            }
        }
        return JSONValue.array(values).encodedString().databaseValue
    }

    /// A JSON number as a Double; JSON's number text may be wider than an INT64.
    private static func number(_ json: JSONValue) -> Double? {
        switch json {
        case .int(let value): Double(value)
        case .double(let value): value
        case .numberText(let text): Double(text)
        default: nil
        }
    }

    private static func roundedInt(_ value: Double) -> DatabaseValue {
        let rounded = value.rounded(.toNearestOrAwayFromZero)
        guard rounded.isFinite, rounded >= -9.223_372_036_854_775_808e18, rounded < 9.223_372_036_854_775_808e18 else { return .null }
        return Int64(rounded).databaseValue
    }

    /// LAX_BOOL / LAX_INT64 / LAX_FLOAT64 / LAX_STRING: (kind, json); NULL where no conversion applies.
    private static func lax(_ kind: String, _ json: JSONValue) -> DatabaseValue {
        switch (kind, json) {
        case ("BOOL", .bool(let flag)): return Library.bool(flag)
        case ("BOOL", .string(let text)):
            switch text.lowercased() {
            case "true": return Library.bool(true)
            case "false": return Library.bool(false)
            default: return .null
            }
        case ("BOOL", _): return number(json).map { Library.bool($0 != 0) } ?? .null
        case ("INT64", .bool(let flag)): return (flag ? 1 : 0).databaseValue
        case ("INT64", .int(let value)): return value.databaseValue
        case ("INT64", .string(let text)):
            if let exact = Int64(text) { return exact.databaseValue }
            guard let value = Double(text), value.isFinite else { return .null }
            return roundedInt(value)
        case ("INT64", _): return number(json).map(roundedInt) ?? .null
        case ("FLOAT64", .string(let text)):
            guard let value = Double(text.lowercased() == "inf" || text.lowercased() == "-inf" || text.lowercased() == "+inf" ? text + "inity" : text)
            else { return .null }
            return FloatSemantics.stored(value)
        case ("FLOAT64", _): return number(json).map(FloatSemantics.stored) ?? .null
        case ("STRING", .string(let text)): return text.databaseValue
        case ("STRING", .bool(let flag)): return (flag ? "true" : "false").databaseValue
        case ("STRING", .int(let value)): return String(value).databaseValue
        case ("STRING", _):
            guard let value = number(json) else { return .null }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)).databaseValue }
            return JSONValue.double(value).encodedString().databaseValue
        default: return .null
        }
    }

    static let implementations: [String: Library.Implementation] = [
        "gsql_lax": Library.strict(2) { a in
            guard let json = try? JSONValue(parsing: Library.text(a[1])) else { return .null }
            return lax(Library.text(a[0]), json)
        },
        "gsql_json_query_string": Library.strict(2) { a in
            try JSONPath.query(Library.text(a[0]), path: Library.text(a[1]), jsonNullIsSQLNull: true)
        },
        "gsql_json_query_array": Library.strict(2) { a in try queryArray(a) },
        "gsql_json_value_array": Library.strict(2) { a in try valueArray(a) },
        // (value, type descriptor, pretty): TO_JSON_STRING; a NULL value is the text null.
        "gsql_to_json_string": (
            3,
            { a in
                let field = try SQLToJSON.field(fromDescriptor: Library.text(a[1]))
                let json = SQLToJSON.encode(a[0], field: field, flavor: .jsonString)
                if a[2].isNull { return .null }
                return ((try Library.int(a[2])) == 1 ? SQLToJSON.pretty(json) : json.encodedString()).databaseValue
            }
        ),
        // (value, type descriptor[, stringify_wide_numbers]): TO_JSON; stringified wide numbers are
        // the ones TO_JSON_STRING writes as strings.
        "gsql_to_json": (
            nil,
            { a in
                let field = try SQLToJSON.field(fromDescriptor: Library.text(a[1]))
                var stringify = false
                if a.count > 2, !a[2].isNull { stringify = try Library.int(a[2]) != 0 }
                return SQLToJSON.encode(a[0], field: field, flavor: stringify ? .jsonString : .json).encodedString().databaseValue
            }
        ),
        // (descriptor, value, descriptor, value, ...): JSON_ARRAY.
        "gsql_json_array": (
            nil,
            { a in
                var elements: [JSONValue] = []
                var index = 0
                while index + 1 < a.count {
                    elements.append(SQLToJSON.encode(a[index + 1], field: try SQLToJSON.field(fromDescriptor: Library.text(a[index])), flavor: .json))
                    index += 2
                }
                return JSONValue.array(elements).encodedString().databaseValue
            }
        ),
        // (key, descriptor, value, ...): JSON_OBJECT; a later duplicate key is dropped.
        "gsql_json_object": (
            nil,
            { a in
                var members: [(key: String, value: JSONValue)] = []
                var seen: Set<String> = []
                var index = 0
                while index + 2 < a.count {
                    guard !a[index].isNull else { throw Library.error("A key of JSON_OBJECT cannot be NULL") }
                    let key = Library.text(a[index])
                    if seen.insert(key).inserted {
                        let field = try SQLToJSON.field(fromDescriptor: Library.text(a[index + 1]))
                        members.append((key, SQLToJSON.encode(a[index + 2], field: field, flavor: .json)))
                    }
                    index += 3
                }
                return JSONValue.object(JSONObject(members)).encodedString().databaseValue
            }
        ),
        // (keys descriptor, keys, values descriptor, values): JSON_OBJECT of a key array and a value
        // array, paired in order; a later duplicate key is dropped.
        "gsql_json_object_arrays": (
            4,
            { a in
                guard !a[1].isNull else { throw Library.error("The keys array of JSON_OBJECT cannot be NULL") }
                guard !a[3].isNull else { throw Library.error("The values array of JSON_OBJECT cannot be NULL") }
                let keys = SQLToJSON.encode(a[1], field: try SQLToJSON.field(fromDescriptor: Library.text(a[0])), flavor: .json)
                let values = SQLToJSON.encode(a[3], field: try SQLToJSON.field(fromDescriptor: Library.text(a[2])), flavor: .json)
                guard case .array(let keyList) = keys, case .array(let valueList) = values else {
                    throw Library.error("JSON_OBJECT takes an array of keys and an array of values")
                }
                guard keyList.count == valueList.count else {
                    throw Library.error("The number of keys and values of JSON_OBJECT must match: \(keyList.count) keys, \(valueList.count) values")
                }
                // A set of the keys seen: the arrays may come from ARRAY_AGG over a whole table.
                var members: [(key: String, value: JSONValue)] = []
                var seen: Set<String> = []
                for (key, value) in zip(keyList, valueList) {
                    guard case .string(let name) = key else { throw Library.error("A key of JSON_OBJECT cannot be NULL") }
                    if seen.insert(name).inserted { members.append((name, value)) }
                }
                return JSONValue.object(JSONObject(members)).encodedString().databaseValue
            }
        ),
        "gsql_parse_json": Library.strict(1) { a in
            let text = Library.text(a[0])
            guard case .json(let normalized)? = ValueConversion.convert(.string(text), to: .json) else {
                throw Library.error("Invalid input to PARSE_JSON: \(text.prefix(100))")
            }
            return normalized.databaseValue
        },
        "gsql_json_type": Library.strict(1) { a in
            guard let json = try? JSONValue(parsing: Library.text(a[0])) else { throw Library.error("Invalid JSON value") }
            switch json {
            case .null: return "null".databaseValue
            case .bool: return "boolean".databaseValue
            case .int, .double, .numberText: return "number".databaseValue
            case .string: return "string".databaseValue
            case .array: return "array".databaseValue
            case .object: return "object".databaseValue
            }
        },
    ]
}
