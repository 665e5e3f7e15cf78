import GRDB
import WireJSON

/// The JSONPath subset of JSON_VALUE / JSON_QUERY: `$`, `.name`, `."quoted name"`, `['name']`, `[name]`, `[index]`.
enum JSONPath {
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    static func parse(_ path: String) throws(GoogleSQLError) -> [Step] {
        let chars = Array(path)
        func invalid() -> GoogleSQLError { .invalidQuery("Invalid JSONPath: \(path)") }
        guard chars.first == "$" else { throw invalid() }
        var steps: [Step] = []
        var i = 1
        while i < chars.count {
            if chars[i] == "." {
                i += 1
                if i < chars.count, chars[i] == "\"" {
                    guard let close = chars[(i + 1)...].firstIndex(of: "\"") else { throw invalid() }
                    steps.append(.key(String(chars[(i + 1)..<close])))
                    i = close + 1
                } else {
                    let start = i
                    while i < chars.count, chars[i] != ".", chars[i] != "[" { i += 1 }
                    guard i > start else { throw invalid() }
                    steps.append(.key(String(chars[start..<i])))
                }
            } else if chars[i] == "[" {
                guard let close = chars[(i + 1)...].firstIndex(of: "]") else { throw invalid() }
                let inner = String(chars[(i + 1)..<close])
                if let index = Int(inner), index >= 0 {
                    steps.append(.index(index))
                } else if inner.count >= 2, let first = inner.first, first == "'" || first == "\"", inner.last == first {
                    steps.append(.key(String(inner.dropFirst().dropLast())))
                } else if let first = inner.first, first.isLetter || first == "_", inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    // `$[fruits]`: the JSON_EXTRACT family documents an unquoted name in brackets as `.fruits`.
                    steps.append(.key(inner))
                } else {
                    throw invalid()
                }
                i = close + 1
            } else {
                throw invalid()
            }
        }
        return steps
    }

    static func locate(_ json: String, path: String) throws(GoogleSQLError) -> JSONValue? {
        let steps = try parse(path)
        guard var node = try? JSONValue(parsing: json) else { return nil }
        for step in steps {
            switch (step, node) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                node = next
            case (.index(let index), .array(let elements)):
                guard index < elements.count else { return nil }
                node = elements[index]
            default:
                return nil
            }
        }
        return node
    }

    /// JSON_VALUE: a scalar as STRING; NULL for objects, arrays, JSON null or a missing path.
    static func value(_ json: String, path: String) throws(GoogleSQLError) -> DatabaseValue {
        switch try locate(json, path: path) {
        case .string(let text)?: return text.databaseValue
        case .int(let number)?: return String(number).databaseValue
        case .double(let number)?: return JSONValue.double(number).encodedString().databaseValue
        case .numberText(let text)?: return text.databaseValue
        case .bool(let flag)?: return (flag ? "true" : "false").databaseValue
        default: return .null
        }
    }

    /// JSON_QUERY: the JSON text at the path.
    /// `jsonNullIsSQLNull`: the STRING forms (JSON_QUERY on a STRING) answer SQL NULL for a JSON null.
    static func query(_ json: String, path: String, jsonNullIsSQLNull: Bool = false) throws(GoogleSQLError) -> DatabaseValue {
        guard let node = try locate(json, path: path) else { return .null }
        if jsonNullIsSQLNull, case .null = node { return .null }
        return node.encodedString().databaseValue
    }
}
