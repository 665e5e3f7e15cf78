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

    static let implementations: [String: Library.Implementation] = [
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
        // (value, type descriptor): TO_JSON.
        "gsql_to_json": (
            2,
            { a in
                let field = try SQLToJSON.field(fromDescriptor: Library.text(a[1]))
                return SQLToJSON.encode(a[0], field: field, flavor: .json).encodedString().databaseValue
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
                var index = 0
                while index + 2 < a.count {
                    guard !a[index].isNull else { throw Library.error("A key of JSON_OBJECT cannot be NULL") }
                    let key = Library.text(a[index])
                    if !members.contains(where: { $0.key == key }) {
                        let field = try SQLToJSON.field(fromDescriptor: Library.text(a[index + 1]))
                        members.append((key, SQLToJSON.encode(a[index + 2], field: field, flavor: .json)))
                    }
                    index += 3
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
