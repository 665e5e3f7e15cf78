import GRDB
import WarehouseSchema
import WireJSON

/// The JSON mutators (JSON_SET, JSON_REMOVE, JSON_ARRAY_INSERT, JSON_ARRAY_APPEND,
/// JSON_STRIP_NULLS), JSON_KEYS, and PARSE_JSON's wide_number_mode.
enum JSONMutationLibrary {
    private static func parsed(_ value: DatabaseValue) throws(GoogleSQLError) -> JSONValue {
        guard let json = try? JSONValue(parsing: Library.text(value)) else { throw Library.error("Invalid JSON value") }
        return json
    }

    /// A SQL value given with its type descriptor, as JSON (TO_JSON's encoding). `eachElement`: an
    /// SQL ARRAY gives its elements one by one (insert_each_element, append_each_element).
    private static func values(descriptor: DatabaseValue, value: DatabaseValue, eachElement: Bool) throws(GoogleSQLError) -> [JSONValue] {
        let field = try SQLToJSON.field(fromDescriptor: Library.text(descriptor))
        let json = SQLToJSON.encode(value, field: field, flavor: .json)
        if eachElement, field.mode == .repeated, case .array(let elements) = json { return elements }
        return [json]
    }

    /// (json, flag, descriptor, path, value, descriptor, path, value, ...): the edits one after
    /// another, each on the previous one's result; NULL for a NULL JSON or path.
    private static func pathValueEdits(
        _ a: [DatabaseValue],
        _ edit: (inout JSONValue, String, _ flag: Bool, _ descriptor: DatabaseValue, _ value: DatabaseValue) throws(GoogleSQLError) -> Void
    ) throws(GoogleSQLError) -> DatabaseValue {
        guard !a[0].isNull, !a[1].isNull else { return .null }
        var json = try parsed(a[0])
        let flag = try Library.int(a[1]) != 0
        var index = 2
        while index + 2 < a.count {
            if a[index + 1].isNull { return .null }
            try edit(&json, Library.text(a[index + 1]), flag, a[index], a[index + 2])
            index += 3
        }
        return json.encodedString().databaseValue
    }

    /// JSON_KEYS: the keys of objects down to `maxDepth`, nested ones as `a.b`, sorted and unique.
    /// `mode` is 'strict' (objects in objects), 'lax' (also objects in arrays) or 'lax recursive'
    /// (also in arrays of arrays).
    static func keys(_ json: JSONValue, maxDepth: Int64, mode: String) throws(GoogleSQLError) -> [String] {
        let lax: Bool
        let recursive: Bool
        switch mode.lowercased() {
        case "strict": (lax, recursive) = (false, false)
        case "lax": (lax, recursive) = (true, false)
        case "lax recursive": (lax, recursive) = (true, true)
        default: throw Library.error("JSON_KEYS mode must be 'strict', 'lax' or 'lax recursive', not '\(mode)'")
        }
        guard maxDepth > 0 else { throw Library.error("max_depth must be positive") }
        var found = Set<String>()
        func visit(_ node: JSONValue, prefix: String, depth: Int64, arrayDepth: Int) {
            guard depth <= maxDepth else { return }
            switch node {
            case .object(let object):
                for member in object.members {
                    let key = prefix + quotedKey(member.key)
                    found.insert(key)
                    visit(member.value, prefix: key + ".", depth: depth + 1, arrayDepth: 0)
                }
            case .array(let elements) where lax && (arrayDepth == 0 || recursive):
                for element in elements { visit(element, prefix: prefix, depth: depth, arrayDepth: arrayDepth + 1) }
            default:
                break
            }
        }
        visit(json, prefix: "", depth: 1, arrayDepth: 0)
        return found.sorted()
    }

    /// A key as a JSONPath member: quoted when it is not a plain name.
    private static func quotedKey(_ key: String) -> String {
        let plain =
            !key.isEmpty && key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        return plain ? key : JSONValue.string(key).encodedString()
    }

    /// PARSE_JSON's wide_number_mode: 'exact' refuses a number a FLOAT64 would change (an integer
    /// within INT64 or UINT64 is exact), 'round' rounds it to the nearest FLOAT64.
    static func applyWideNumberMode(_ json: JSONValue, mode: String, input: String) throws(GoogleSQLError) -> JSONValue {
        let round: Bool
        switch mode.lowercased() {
        case "exact": round = false
        case "round": round = true
        default: throw Library.error("Invalid `wide_number_mode` specified: \(mode)")
        }
        func visit(_ node: JSONValue) throws(GoogleSQLError) -> JSONValue {
            switch node {
            case .numberText(let text):
                if !text.contains(where: { ".eE".contains($0) }), UInt64(text) != nil { return node }
                guard round else {
                    throw Library.error("Invalid input to PARSE_JSON: the number \(text) cannot be stored without loss of precision")
                }
                guard let value = Double(text), value.isFinite else {
                    throw Library.error("Invalid input to PARSE_JSON: number \(text) is out of range")
                }
                return .double(value)
            case .array(let elements):
                var result: [JSONValue] = []
                for element in elements { result.append(try visit(element)) }
                return .array(result)
            case .object(let object):
                var members: [(key: String, value: JSONValue)] = []
                for member in object.members { members.append((member.key, try visit(member.value))) }
                return .object(JSONObject(members))
            default:
                return node
            }
        }
        return try visit(json)
    }

    static let implementations: [String: Library.Implementation] = [
        // (json, create_if_missing, descriptor, path, value, ...)
        "gsql_json_set": (
            nil,
            { a in
                try pathValueEdits(a) { json, path, create, descriptor, value throws(GoogleSQLError) in
                    let encoded = try values(descriptor: descriptor, value: value, eachElement: false)[0]
                    try JSONMutation.set(&json, path: path, value: encoded, createIfMissing: create)
                }
            }
        ),
        // (json, insert_each_element, descriptor, path, value, ...)
        "gsql_json_array_insert": (
            nil,
            { a in
                try pathValueEdits(a) { json, path, each, descriptor, value throws(GoogleSQLError) in
                    try JSONMutation.insert(&json, path: path, values: try values(descriptor: descriptor, value: value, eachElement: each))
                }
            }
        ),
        // (json, append_each_element, descriptor, path, value, ...)
        "gsql_json_array_append": (
            nil,
            { a in
                try pathValueEdits(a) { json, path, each, descriptor, value throws(GoogleSQLError) in
                    try JSONMutation.append(&json, path: path, values: try values(descriptor: descriptor, value: value, eachElement: each))
                }
            }
        ),
        // (json, path, ...)
        "gsql_json_remove": Library.strict(nil) { a in
            var json = try parsed(a[0])
            for path in a.dropFirst() { try JSONMutation.remove(&json, path: Library.text(path)) }
            return json.encodedString().databaseValue
        },
        // (json, path, include_arrays, remove_empty)
        "gsql_json_strip_nulls": Library.strict(4) { a in
            var json = try parsed(a[0])
            try JSONMutation.stripNulls(
                &json, path: Library.text(a[1]), includeArrays: try Library.int(a[2]) != 0, removeEmpty: try Library.int(a[3]) != 0)
            return json.encodedString().databaseValue
        },
        // (json, max_depth or NULL, mode)
        "gsql_json_keys": (
            3,
            { a in
                guard !a[0].isNull, !a[2].isNull else { return .null }
                let depth = a[1].isNull ? Int64.max : try Library.int(a[1])
                let found = try keys(try parsed(a[0]), maxDepth: depth, mode: Library.text(a[2]))
                return JSONValue.array(found.map { .string($0) }).encodedString().databaseValue
            }
        ),
        // (text, wide_number_mode)
        "gsql_parse_json_wide": Library.strict(2) { a in
            let text = Library.text(a[0])
            guard case .json(let normalized)? = ValueConversion.convert(.string(text), to: .json), let json = try? JSONValue(parsing: normalized)
            else {
                throw Library.error("Invalid input to PARSE_JSON: \(text.prefix(100))")
            }
            return try applyWideNumberMode(json, mode: Library.text(a[1]), input: text).encodedString().databaseValue
        },
    ]
}
