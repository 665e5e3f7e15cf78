import WarehouseSchema

/// Array functions of the library, and subscripts (`$SUBSCRIPT_<mode>` calls from the parser).
extension Resolver {
    /// The element type of an array argument, or a signature error.
    private func elementType(
        _ value: TypedExpression, of name: String, _ arguments: [TypedExpression], at location: SourceLocation
    ) throws(GoogleSQLError) -> SQLType {
        guard case .array(let element) = value.type else { throw functionSignatureError(name, arguments, at: location) }
        return element
    }

    func elementDescriptor(_ element: SQLType, at location: SourceLocation) -> TypedExpression {
        text(SQLToJSON.descriptor(of: element.field(named: "element")), at: location)
    }

    mutating func resolveArrayFunction(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression?
    {
        if name.hasPrefix("$SUBSCRIPT_") {
            let arguments = try resolveArguments(syntax)
            return try resolveSubscript(arguments[0], arguments[1], mode: String(name.dropFirst("$SUBSCRIPT_".count)), at: location)
        }
        switch name {
        case "FLATTEN":
            guard syntax.count == 1 else {
                throw fail("Number of arguments does not match for function FLATTEN. Supported signature: FLATTEN(ARRAY)", location)
            }
            let value = try resolveFlattened(syntax[0])
            guard case .array = value.type else { throw functionSignatureError(name, [value], at: location) }
            return value
        case "GENERATE_ARRAY":
            try expectCount(name, syntax, 2...3, at: location)
            var arguments = try resolveArguments(syntax)
            guard arguments.allSatisfy({ $0.type.isNumber || $0.type.isNull }), var type = try? supertype(of: arguments, function: name, at: location)
            else {
                throw functionSignatureError(name, arguments, at: location)
            }
            if type.isDecimal { throw fail("Unsupported: GENERATE_ARRAY of \(type.name) is not supported by the local emulator", location) }
            if type.isNull { type = .int64 }
            if arguments.count == 2 { arguments.append(int(1, at: location)) }
            let isFloat = TypedExpression.constant(.bool(type == .float64), .bool, at: location)
            return call("gsql_generate_array", arguments + [isFloat], .array(type), at: location)
        case "GENERATE_DATE_ARRAY", "GENERATE_TIMESTAMP_ARRAY":
            let isDate = name == "GENERATE_DATE_ARRAY"
            try expectCount(name, syntax, isDate ? 2...3 : 3...3, at: location)
            let target: FieldType = isDate ? .date : .timestamp
            var bounds: [TypedExpression] = []
            for argument in syntax.prefix(2) {
                var value = try resolve(argument)
                if value.isStringLiteral { value = try coerceLiteral(value, to: target) }
                guard value.type == .scalar(target) || value.type.isNull else { throw functionSignatureError(name, [value], at: location) }
                bounds.append(value)
            }
            var amount = int(1, at: location)
            var unit = "DAY"
            if syntax.count == 3 {
                guard case .interval(let amountSyntax, let intervalUnit) = syntax[2].kind else {
                    throw fail("Expected INTERVAL expression as the third argument of \(name)", syntax[2].location)
                }
                amount = try resolve(amountSyntax)
                guard amount.type == .int64 || amount.type.isNull else { throw functionSignatureError(name, bounds + [amount], at: location) }
                unit = intervalUnit
            }
            if isDate {
                guard ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"].contains(unit) else {
                    throw fail("Unsupported date part \(unit) for \(name)", syntax[2].location)
                }
                return call("gsql_generate_date_array", bounds + [amount, text(unit, at: location)], .array(.date), at: location)
            }
            guard let size = TimeMath.micros(ofUnit: unit) else { throw fail("Unsupported date part \(unit) for \(name)", syntax[2].location) }
            return call("gsql_generate_timestamp_array", bounds + [amount, int(size, at: location)], .array(.timestamp), at: location)
        case "ARRAY_CONCAT":
            try expectCount(name, syntax, 1...Int.max, at: location)
            let arguments = try resolveArguments(syntax)
            let types = Set(arguments.map(\.type).filter { !$0.isNull })
            guard types.count <= 1, let type = types.first ?? Optional(.array(.int64)), case .array = type else {
                throw functionSignatureError(name, arguments, at: location)
            }
            return call("gsql_array_concat", arguments, type, at: location)
        case "ARRAY_REVERSE":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            _ = try elementType(arguments[0], of: name, arguments, at: location)
            return call("gsql_array_reverse", arguments, arguments[0].type, at: location)
        case "ARRAY_SLICE":
            try expectCount(name, syntax, 3...3, at: location)
            let arguments = try resolveArguments(syntax)
            _ = try elementType(arguments[0], of: name, arguments, at: location)
            guard arguments.dropFirst().allSatisfy({ $0.type == .int64 || $0.type.isNull }) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            return call("gsql_array_slice", arguments, arguments[0].type, at: location)
        case "ARRAY_TO_STRING":
            try expectCount(name, syntax, 2...3, at: location)
            let arguments = try resolveArguments(syntax)
            let element = try elementType(arguments[0], of: name, arguments, at: location)
            guard element == .string || element == .bytes, arguments.dropFirst().allSatisfy({ $0.type == element || $0.type.isNull }) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            return call(
                "gsql_array_to_string", arguments + [.constant(.bool(element == .bytes), .bool, at: location)], element, at: location)
        case "ARRAY_FIRST", "ARRAY_LAST":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            let element = try elementType(arguments[0], of: name, arguments, at: location)
            return call(
                "gsql_array_end",
                [arguments[0], elementDescriptor(element, at: location), .constant(.bool(name == "ARRAY_FIRST"), .bool, at: location)],
                element, at: location)
        default:
            return nil
        }
    }

    /// `base[index]`, `base[OFFSET(index)]`, ...: `mode` is PLAIN, OFFSET, SAFE_OFFSET, ORDINAL or SAFE_ORDINAL.
    func resolveSubscript(
        _ base: TypedExpression, _ index: TypedExpression, mode: String, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        if base.type == .json {
            guard mode == "PLAIN", index.type == .string || index.type == .int64 || index.type.isNull else {
                throw fail("No matching signature for operator [] for argument types: JSON, \(index.type.name)", location)
            }
            return call("gsql_json_subscript", [base, index], .json, at: location)
        }
        if case .record = base.type { return try structSubscript(base, index, mode: mode, at: location) }
        guard case .array(let element) = base.type else {
            throw fail("Array element access is not supported for values of type \(base.type.name)", location)
        }
        guard index.type == .int64 || index.type.isNull else {
            throw fail("Array position in [] must be coercible to INT64 type, but has type \(index.type.name)", index.location)
        }
        return call(
            "gsql_array_subscript",
            [base, index, text(mode == "PLAIN" ? "OFFSET" : mode, at: location), elementDescriptor(element, at: location)],
            element, at: location)
    }
}
