import Foundation
import WarehouseClient
import WireJSON

extension QueryParameter {
    /// Reads `name:TYPE:value`, the form of `bq query --parameter`. TYPE is a GoogleSQL type as
    /// `ParameterType(parsing:)` reads it; empty means STRING. A scalar's value is its text as it
    /// stands, an ARRAY's a JSON array and a STRUCT's a JSON object by field name (or an array by
    /// position); `NULL` is a null of any type.
    init(parsing spec: String) throws(QueryParameterError) {
        let parts = spec.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty else {
            throw QueryParameterError("Parameter \"\(spec)\" must be name:TYPE:value (TYPE may be empty for STRING)")
        }
        let (name, typeText, text) = (parts[0], parts[1].trimmingCharacters(in: .whitespaces), parts[2])
        let type: ParameterType
        do {
            type = typeText.isEmpty ? .scalar(.string) : try ParameterType(parsing: typeText)
        } catch {
            throw QueryParameterError("Parameter \(name): \(error.message)")
        }
        if text == "NULL" {
            self.init(name: name, type: type, value: .null)
            return
        }
        if case .scalar(let scalar) = type {
            guard let value = ValueConversion.convert(.string(text), to: scalar) else {
                throw QueryParameterError("Parameter \(name): \"\(text)\" is not a valid \(scalar.standardSQLName)")
            }
            self.init(name: name, type: type, value: value)
            return
        }
        guard let json = try? JSONValue(parsing: text) else {
            let example = if case .array = type { "an ARRAY, like [1,2,3]" } else { #"a STRUCT, like {"a":1,"b":"x"}"# }
            throw QueryParameterError("Parameter \(name): the value of \(example), must be JSON")
        }
        self.init(name: name, type: type, value: try Self.value(json, as: type, at: name))
    }

    private static func value(_ json: JSONValue, as type: ParameterType, at path: String) throws(QueryParameterError) -> BigQueryValue {
        if json.isNull { return .null }
        switch type {
        case .scalar(let scalar):
            guard let value = ValueConversion.convert(json, to: scalar) else {
                throw QueryParameterError("Parameter \(path): \(json.encodedString()) is not a valid \(scalar.standardSQLName)")
            }
            return value
        case .array(let element):
            guard case .array(let items) = json else {
                throw QueryParameterError("Parameter \(path): an ARRAY value must be a JSON array, like [1,2,3]")
            }
            var values: [BigQueryValue] = []
            for (position, item) in items.enumerated() {
                values.append(try value(item, as: element, at: "\(path)[\(position)]"))
            }
            return .array(values)
        case .structure(let fields):
            return .record(try members(json, of: fields, at: path))
        }
    }

    private static func members(
        _ json: JSONValue, of fields: [(name: String?, type: ParameterType)],
        at path: String
    ) throws(QueryParameterError) -> [BigQueryValue] {
        switch json {
        case .array(let items):
            guard items.count == fields.count else {
                throw QueryParameterError("Parameter \(path): the STRUCT has \(fields.count) fields, the array \(items.count) values")
            }
            var values: [BigQueryValue] = []
            for (position, (item, field)) in zip(items, fields).enumerated() {
                values.append(try value(item, as: field.type, at: "\(path).\(field.name ?? "_field_\(position + 1)")"))
            }
            return values
        case .object(let object):
            let names = fields.map { $0.name?.lowercased() }
            if let unknown = object.keys.first(where: { !names.contains($0.lowercased()) }) {
                throw QueryParameterError("Parameter \(path): the STRUCT has no field \(unknown)")
            }
            var values: [BigQueryValue] = []
            for field in fields {
                guard let name = field.name else {
                    throw QueryParameterError("Parameter \(path): a STRUCT with unnamed fields takes a JSON array of values")
                }
                let member = object.members.first { $0.key.lowercased() == name.lowercased() }?.value ?? .null
                values.append(try value(member, as: field.type, at: "\(path).\(name)"))
            }
            return values
        default:
            throw QueryParameterError("Parameter \(path): a STRUCT value must be a JSON object, like {\"a\":1,\"b\":\"x\"}")
        }
    }
}

extension ParameterType {
    /// A GoogleSQL type as `bq` writes it: `INT64`, `ARRAY<STRING>`, `STRUCT<id INT64, tags ARRAY<STRING>>`
    /// (fields may be unnamed: `STRUCT<INT64, STRING>`). Keywords in any case; field names keep theirs.
    init(parsing text: String) throws(QueryParameterError) {
        var reader = TypeTextReader(rest: Substring(text))
        self = try reader.type()
        reader.skipSpaces()
        guard reader.rest.isEmpty else { throw QueryParameterError("unexpected \"\(reader.rest)\" in type \(text)") }
    }
}

private struct TypeTextReader {
    var rest: Substring

    mutating func skipSpaces() { rest = rest.drop(while: \.isWhitespace) }

    mutating func word() -> Substring {
        skipSpaces()
        let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        rest = rest.dropFirst(word.count)
        return word
    }

    mutating func expect(_ character: Character) throws(QueryParameterError) {
        skipSpaces()
        guard rest.first == character else {
            throw QueryParameterError("expected \"\(character)\"" + (rest.isEmpty ? " at the end of the type" : " before \"\(rest)\""))
        }
        rest = rest.dropFirst()
    }

    mutating func type() throws(QueryParameterError) -> ParameterType {
        let name = word()
        switch name.uppercased() {
        case "ARRAY":
            try expect("<")
            let element = try type()
            if case .array = element { throw QueryParameterError("an ARRAY cannot hold an ARRAY directly") }
            try expect(">")
            return .array(element)
        case "STRUCT":
            try expect("<")
            var fields: [(name: String?, type: ParameterType)] = []
            while true {
                let start = rest
                let first = word()
                skipSpaces()
                if first.isEmpty || rest.first == "," || rest.first == ">" || rest.first == "<" {
                    rest = start
                    fields.append((nil, try type()))
                } else {
                    fields.append((String(first), try type()))
                }
                skipSpaces()
                if rest.first == "," {
                    rest = rest.dropFirst()
                    continue
                }
                try expect(">")
                return .structure(fields)
            }
        case "":
            throw QueryParameterError(rest.isEmpty ? "a type is missing" : "expected a type before \"\(rest)\"")
        default:
            guard let scalar = FieldType(apiName: name.uppercased()), scalar != .record else {
                throw QueryParameterError("unknown type \(name)")
            }
            return .scalar(scalar)
        }
    }
}

/// A `--param` spec that cannot be read, with what is wrong in it.
struct QueryParameterError: Error, Sendable, Hashable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
