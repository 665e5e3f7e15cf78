import WireJSON

/// Edits of a JSON value at a JSONPath, as JSON_SET, JSON_REMOVE, JSON_ARRAY_INSERT,
/// JSON_ARRAY_APPEND and JSON_STRIP_NULLS make them. A path that does not lead where the edit
/// applies (a key into an array, an index into a scalar, a missing member) leaves the value as it
/// was: BigQuery ignores such an operation rather than failing.
enum JSONMutation {
    typealias Step = JSONPath.Step

    /// Calls `edit` on the value at `steps`, if there is one; `throughNull` makes a JSON null
    /// (or a missing member or element) on the way an empty object or array, as JSON_SET's
    /// create_if_missing does, padding arrays with nulls.
    static func modify(
        _ node: inout JSONValue, _ steps: ArraySlice<Step>, creating: Bool, _ edit: (inout JSONValue) throws(GoogleSQLError) -> Void
    ) throws(GoogleSQLError) {
        guard let step = steps.first else { return try edit(&node) }
        let rest = steps.dropFirst()
        if creating, case .null = node {
            switch step {
            case .key: node = .object(JSONObject())
            case .index: node = .array([])
            }
        }
        switch (step, node) {
        case (.key(let key), .object(var object)):
            guard var child = object[key] ?? (creating ? .some(.null) : nil) else { return }
            node = .null  // drops the reference so the edit does not copy the object
            try modify(&child, rest, creating: creating, edit)
            object[key] = child
            node = .object(object)
        case (.index(let index), .array(var elements)):
            if index >= elements.count {
                guard creating else { return }
                elements += Array(repeating: .null, count: index + 1 - elements.count)
            }
            node = .null
            try modify(&elements[index], rest, creating: creating, edit)
            node = .array(elements)
        default:
            return
        }
    }

    /// JSON_SET: the value at each path replaced, or created when `createIfMissing`.
    static func set(_ json: inout JSONValue, path: String, value: JSONValue, createIfMissing: Bool) throws(GoogleSQLError) {
        let steps = try JSONPath.parse(path)
        try modify(&json, steps[...], creating: createIfMissing) { node in node = value }
    }

    /// JSON_REMOVE: the member or element at the path removed; `$` itself cannot be.
    static func remove(_ json: inout JSONValue, path: String) throws(GoogleSQLError) {
        let steps = try JSONPath.parse(path)
        guard let last = steps.last else { throw GoogleSQLError.invalidQuery("The JSONPath cannot be '$'") }
        try modify(&json, steps.dropLast(), creating: false) { parent in
            switch (last, parent) {
            case (.key(let key), .object(var object)):
                object[key] = nil
                parent = .object(object)
            case (.index(let index), .array(var elements)) where index < elements.count:
                elements.remove(at: index)
                parent = .array(elements)
            default:
                break
            }
        }
    }

    /// JSON_ARRAY_INSERT: `values` inserted at the path's final index (the array padded with nulls
    /// up to it); a JSON null there becomes an array.
    static func insert(_ json: inout JSONValue, path: String, values: [JSONValue]) throws(GoogleSQLError) {
        let steps = try JSONPath.parse(path)
        guard case .index(let index)? = steps.last else {
            throw GoogleSQLError.invalidQuery("A JSONPath of JSON_ARRAY_INSERT must end with an array index: \(path)")
        }
        try modify(&json, steps.dropLast(), creating: false) { parent in
            var elements: [JSONValue]
            switch parent {
            case .array(let existing): elements = existing
            case .null: elements = []
            default: return
            }
            if index > elements.count { elements += Array(repeating: .null, count: index - elements.count) }
            elements.insert(contentsOf: values, at: index)
            parent = .array(elements)
        }
    }

    /// JSON_ARRAY_APPEND: `values` appended to the array at the path; a JSON null there becomes an array.
    static func append(_ json: inout JSONValue, path: String, values: [JSONValue]) throws(GoogleSQLError) {
        let steps = try JSONPath.parse(path)
        try modify(&json, steps[...], creating: false) { target in
            switch target {
            case .array(let elements): target = .array(elements + values)
            case .null: target = .array(values)
            default: break
            }
        }
    }

    /// JSON_STRIP_NULLS below the path: members whose value is JSON null removed, array elements
    /// too when `includeArrays`; with `removeEmpty`, objects and arrays left empty as well (and a
    /// value left wholly empty is JSON null).
    static func stripNulls(_ json: inout JSONValue, path: String, includeArrays: Bool, removeEmpty: Bool) throws(GoogleSQLError) {
        let steps = try JSONPath.parse(path)
        try modify(&json, steps[...], creating: false) { node in
            node = stripped(node, includeArrays: includeArrays, removeEmpty: removeEmpty) ?? .null
        }
    }

    /// The value without its nulls; nil when it is itself to be removed.
    private static func stripped(_ node: JSONValue, includeArrays: Bool, removeEmpty: Bool) -> JSONValue? {
        switch node {
        case .null:
            return nil
        case .object(let object):
            let members = object.members.compactMap { member in
                stripped(member.value, includeArrays: includeArrays, removeEmpty: removeEmpty).map { (key: member.key, value: $0) }
            }
            if removeEmpty, members.isEmpty { return nil }
            return .object(JSONObject(members))
        case .array(let elements):
            guard includeArrays else {
                return .array(
                    elements.map { element in
                        element.isNull ? element : stripped(element, includeArrays: false, removeEmpty: removeEmpty) ?? element
                    })
            }
            let kept = elements.compactMap { stripped($0, includeArrays: true, removeEmpty: removeEmpty) }
            if removeEmpty, kept.isEmpty { return nil }
            return .array(kept)
        default:
            return node
        }
    }
}
