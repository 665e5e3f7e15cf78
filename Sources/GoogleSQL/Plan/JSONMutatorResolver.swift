/// JSON mutators (JSON_SET, JSON_REMOVE, JSON_ARRAY_INSERT, JSON_ARRAY_APPEND, JSON_STRIP_NULLS)
/// and JSON_KEYS (Runtime/Library/JSONMutationLibrary.swift).
extension Resolver {
    /// A JSON first argument.
    private mutating func jsonArgument(_ name: String, _ syntax: Expression, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let value = try resolve(syntax)
        guard value.type == .json || value.type.isNull else { throw functionSignatureError(name, [value], at: location) }
        return value
    }

    private mutating func pathArgument(_ name: String, _ syntax: Expression, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let path = try resolve(syntax)
        guard path.type == .string || path.type.isNull else { throw functionSignatureError(name, [path], at: location) }
        return path
    }

    /// `(json, path, value, path, value, ...)`, lowered to (json, flag, descriptor, path, value, ...).
    private mutating func pathValueCall(
        _ name: String, _ function: String, _ syntax: [Expression], flagName: String, flagDefault: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let (positional, named) = try namedArguments(name, syntax, allowed: [flagName], at: location)
        guard positional.count >= 3, positional.count % 2 == 1 else {
            throw fail("Number of arguments does not match for function \(name): it takes a JSON value and pairs of a path and a value", location)
        }
        var operands = [
            try jsonArgument(name, positional[0], at: location), try namedBool(named[flagName], name, default: flagDefault, at: location),
        ]
        for index in stride(from: 1, to: positional.count, by: 2) {
            let path = try pathArgument(name, positional[index], at: location)
            let value = try resolve(positional[index + 1])
            let type: SQLType = value.type.isNull ? .int64 : value.type
            operands += [text(SQLToJSON.descriptor(of: type.field(named: "value")), at: location), path, value]
        }
        return call(function, operands, .json, at: location)
    }

    mutating func resolveJSONMutator(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression? {
        switch name {
        case "JSON_SET":
            return try pathValueCall(name, "gsql_json_set", syntax, flagName: "create_if_missing", flagDefault: true, at: location)
        case "JSON_ARRAY_INSERT":
            return try pathValueCall(name, "gsql_json_array_insert", syntax, flagName: "insert_each_element", flagDefault: true, at: location)
        case "JSON_ARRAY_APPEND":
            return try pathValueCall(name, "gsql_json_array_append", syntax, flagName: "append_each_element", flagDefault: true, at: location)
        case "JSON_REMOVE":
            try expectCount(name, syntax, 2...Int.max, at: location)
            var operands = [try jsonArgument(name, syntax[0], at: location)]
            for path in syntax.dropFirst() { operands.append(try pathArgument(name, path, at: location)) }
            return call("gsql_json_remove", operands, .json, at: location)
        case "JSON_STRIP_NULLS":
            let (positional, named) = try namedArguments(name, syntax, allowed: ["include_arrays", "remove_empty"], at: location)
            try expectCount(name, positional, 1...2, at: location)
            let json = try jsonArgument(name, positional[0], at: location)
            let path = positional.count == 2 ? try pathArgument(name, positional[1], at: location) : text("$", at: location)
            let includeArrays = try namedBool(named["include_arrays"], name, default: true, at: location)
            let removeEmpty = try namedBool(named["remove_empty"], name, default: false, at: location)
            return call("gsql_json_strip_nulls", [json, path, includeArrays, removeEmpty], .json, at: location)
        case "JSON_KEYS":
            let (positional, named) = try namedArguments(name, syntax, allowed: ["mode"], at: location)
            try expectCount(name, positional, 1...2, at: location)
            let json = try jsonArgument(name, positional[0], at: location)
            var depth = TypedExpression.constant(.null, .null, at: location)
            if positional.count == 2 {
                depth = try resolve(positional[1])
                guard depth.type == .int64 || depth.type.isNull else { throw functionSignatureError(name, [json, depth], at: location) }
            }
            var mode = text("strict", at: location)
            if let syntax = named["mode"] { mode = try namedString(syntax, name, at: location) }
            return call("gsql_json_keys", [json, depth, mode], .array(.string), at: location)
        default:
            return nil
        }
    }
}
