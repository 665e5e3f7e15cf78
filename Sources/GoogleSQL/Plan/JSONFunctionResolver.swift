import WarehouseSchema

/// JSON functions of the library: array extractors, SQL ↔ JSON conversions, JSON_TYPE.
extension Resolver {
    /// A JSON (or JSON-formatted STRING) first argument and an optional STRING path.
    private mutating func jsonAndPath(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> [TypedExpression]
    {
        try expectCount(name, syntax, 1...2, at: location)
        let arguments = try resolveArguments(syntax)
        guard arguments[0].type == .json || arguments[0].type == .string || arguments[0].type.isNull,
            arguments.dropFirst().allSatisfy({ $0.type == .string })
        else { throw functionSignatureError(name, arguments, at: location) }
        return [arguments[0], arguments.count == 2 ? arguments[1] : text("$", at: location)]
    }

    /// A value and its type descriptor, as the SQL → JSON encoders read them.
    private func described(_ value: TypedExpression) -> [TypedExpression] {
        let type: SQLType = value.type.isNull ? .int64 : value.type
        return [text(SQLToJSON.descriptor(of: type.field(named: "value")), at: value.location), value]
    }

    mutating func resolveJSONFunction(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression?
    {
        switch name {
        case "JSON_QUERY_ARRAY", "JSON_EXTRACT_ARRAY":
            let arguments = try jsonAndPath(name, syntax, at: location)
            return call("gsql_json_query_array", arguments, .array(arguments[0].type == .json ? .json : .string), at: location)
        case "JSON_VALUE_ARRAY", "JSON_EXTRACT_STRING_ARRAY":
            let arguments = try jsonAndPath(name, syntax, at: location)
            return call("gsql_json_value_array", arguments, .array(.string), at: location)
        case "TO_JSON_STRING":
            try expectCount(name, syntax, 1...2, at: location)
            let arguments = try resolveArguments(syntax)
            guard arguments.dropFirst().allSatisfy({ $0.type == .bool || $0.type.isNull }) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            let pretty = arguments.count == 2 ? arguments[1] : .constant(.bool(false), .bool, at: location)
            let pair = described(arguments[0])
            return call("gsql_to_json_string", [pair[1], pair[0], pretty], .string, at: location)
        case "TO_JSON":
            let (positional, named) = try namedArguments(name, syntax, allowed: ["stringify_wide_numbers"], at: location)
            try expectCount(name, positional, 1...1, at: location)
            let pair = described(try resolve(positional[0]))
            let stringify = try namedBool(named["stringify_wide_numbers"], name, default: false, at: location)
            return call("gsql_to_json", [pair[1], pair[0], stringify], .json, at: location)
        case "PARSE_JSON":
            let (positional, named) = try namedArguments(name, syntax, allowed: ["wide_number_mode"], at: location)
            try expectCount(name, positional, 1...1, at: location)
            let arguments = try resolveArguments(positional)
            guard fits(arguments, [.string]) else { throw functionSignatureError(name, arguments, at: location) }
            guard let mode = named["wide_number_mode"] else { return call("gsql_parse_json", arguments, .json, at: location) }
            return call("gsql_parse_json_wide", arguments + [try namedString(mode, name, at: location)], .json, at: location)
        case "JSON_TYPE":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.json]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_json_type", arguments, .string, at: location)
        case "JSON_ARRAY":
            let arguments = try resolveArguments(syntax)
            return call("gsql_json_array", arguments.flatMap { described($0) }, .json, at: location)
        case "JSON_OBJECT":
            guard syntax.count % 2 == 0 else { throw fail("Number of arguments to JSON_OBJECT must be even", location) }
            let arguments = try resolveArguments(syntax)
            // JSON_OBJECT(keys, values): an ARRAY<STRING> of keys and an array of values.
            if arguments.count == 2, case .array(let keyType) = arguments[0].type {
                guard keyType == .scalar(.string), case .array = arguments[1].type else {
                    throw functionSignatureError(name, arguments, at: location)
                }
                return call("gsql_json_object_arrays", described(arguments[0]) + described(arguments[1]), .json, at: location)
            }
            var operands: [TypedExpression] = []
            for index in stride(from: 0, to: arguments.count, by: 2) {
                guard arguments[index].type == .string || arguments[index].type.isNull else {
                    throw functionSignatureError(name, arguments, at: location)
                }
                operands.append(arguments[index])
                operands += described(arguments[index + 1])
            }
            return call("gsql_json_object", operands, .json, at: location)
        default:
            if let resolved = try resolveJSONConverter(name, syntax, at: location) { return resolved }
            return try resolveJSONMutator(name, syntax, at: location)
        }
    }
}
