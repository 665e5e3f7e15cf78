import WarehouseSchema

/// Typing and lowering of function calls, CAST and EXTRACT.
extension Resolver {
    func call(_ name: String, _ arguments: [TypedExpression], _ type: SQLType, at location: SourceLocation) -> TypedExpression {
        TypedExpression(node: .call(name, arguments), type: type, location: location)
    }

    func text(_ value: String, at location: SourceLocation) -> TypedExpression {
        .constant(.string(value), .string, at: location)
    }

    func functionSignatureError(_ name: String, _ arguments: [TypedExpression], at location: SourceLocation) -> GoogleSQLError {
        fail("No matching signature for function \(name) for argument types: \(arguments.map(\.type.name).joined(separator: ", "))", location)
    }

    /// The REGEXP_ functions take their first `count` arguments all STRING or all BYTES: that type
    /// (STRING when all are NULL), which is also what they extract.
    func regexpTextType(_ name: String, _ arguments: [TypedExpression], count: Int, at location: SourceLocation) throws(GoogleSQLError) -> SQLType {
        let types = arguments.prefix(count).map(\.type).filter { !$0.isNull }
        let type = types.first ?? .string
        guard type == .string || type == .bytes, types.allSatisfy({ $0 == type }) else { throw functionSignatureError(name, arguments, at: location) }
        return type
    }

    /// Date part arguments (`DAY` in TIMESTAMP_TRUNC(ts, DAY)) arrive as bare names.
    func datePart(_ syntax: Expression, allowed: Set<String>) throws(GoogleSQLError) -> String {
        // `WEEK(MONDAY)` arrives as a call of WEEK; its unit text keeps the weekday: "WEEK(MONDAY)".
        if case .call("WEEK", let arguments, false, false) = syntax.kind, allowed.contains("WEEK") {
            guard arguments.count == 1, case .path(let day) = arguments[0].kind, day.count == 1,
                TimeMath.weekdays.contains(day[0].uppercased())
            else { throw fail("A valid date part name is required", syntax.location) }
            return "WEEK(\(day[0].uppercased()))"
        }
        guard case .path(let parts) = syntax.kind, parts.count == 1 else {
            throw fail("A valid date part name is required", syntax.location)
        }
        let part = parts[0].uppercased()
        guard allowed.contains(part) else { throw fail("A valid date part name is required but found \(parts[0])", syntax.location) }
        return part
    }

    static let microUnits: Set<String> = ["MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY"]
    static let truncUnits: Set<String> = microUnits.union(["WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "ISOYEAR"])
    static let dateUnits: Set<String> = ["DAY", "WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "ISOYEAR"]

    func expectCount(_ name: String, _ arguments: [Expression], _ counts: ClosedRange<Int>, at location: SourceLocation) throws(GoogleSQLError) {
        guard counts.contains(arguments.count) else {
            throw fail(
                "Number of arguments does not match for function \(name). Supported signature\(counts.count > 1 ? "s" : ""): \(name) with \(counts.lowerBound == counts.upperBound ? "\(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)") argument(s)",
                location)
        }
    }

    mutating func resolveCall(
        _ name: String, _ syntax: [Expression], distinct: Bool, star: Bool,
        at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        if let function = context.temporaryFunction(name) {
            return try resolveSQLFunction(function, syntax, distinct: distinct, star: star, at: location)
        }
        if name == "GROUPING", !distinct, !star { return try resolveGrouping(syntax, at: location) }
        if !distinct, !star, let interval = try resolveIntervalFunction(name, syntax, at: location) { return interval }
        if let aggregate = Self.aggregates[name] {
            return try resolveAggregate(aggregate, name: name, syntax, distinct: distinct, star: star, at: location)
        }
        if star { throw fail("Syntax error: Unexpected \"*\"", location) }
        if distinct { throw fail("Non-aggregate function \(name) cannot be called with DISTINCT", location) }
        if let resolved = try resolveLibraryCall(name, syntax, at: location) { return resolved }

        // Functions whose arguments are not all plain expressions.
        switch name {
        case "TIMESTAMP_ADD", "TIMESTAMP_SUB", "DATETIME_ADD", "DATETIME_SUB", "DATE_ADD", "DATE_SUB":
            try expectCount(name, syntax, 2...2, at: location)
            let base = try resolve(syntax[0])
            guard case .interval(let amountSyntax, let unit) = syntax[1].kind else {
                throw fail("Expected INTERVAL expression as the second argument of \(name)", syntax[1].location)
            }
            var amount = try resolve(amountSyntax)
            guard amount.type == .int64 || amount.type.isNull else { throw functionSignatureError(name, [base, amount], at: location) }
            if name.hasSuffix("_SUB") { amount = TypedExpression(node: .negate(amount), type: .int64, location: amount.location) }
            let expected: SQLType = name.hasPrefix("TIMESTAMP") ? .timestamp : name.hasPrefix("DATETIME") ? .datetime : .date
            let base2 =
                base.isStringLiteral ? try coerceLiteral(base, to: expected == .date ? .date : expected == .datetime ? .datetime : .timestamp) : base
            guard base2.type == expected || base2.type.isNull else { throw functionSignatureError(name, [base2, amount], at: location) }
            if expected == .date {
                guard Self.dateUnits.contains(unit) && unit != "ISOWEEK" && unit != "ISOYEAR" else {
                    throw fail("Unsupported date part \(unit) for \(name)", syntax[1].location)
                }
                return call("gsql_date_add", [base2, amount, text(unit, at: location)], .date, at: location)
            }
            guard let size = TimeMath.micros(ofUnit: unit) else {
                throw fail("Unsupported: \(name) with date part \(unit) is not supported by the local emulator", syntax[1].location)
            }
            return call("gsql_add_micros", [base2, amount, .constant(.int64(size), .int64, at: location)], expected, at: location)
        case "TIMESTAMP_DIFF", "DATETIME_DIFF", "DATE_DIFF":
            // Each behaves as the type of its arguments says (DATE_DIFF of TIMESTAMPs is TIMESTAMP_DIFF);
            // string literals take the other argument's type, or the name's own.
            try expectCount(name, syntax, 3...3, at: location)
            var a = try resolve(syntax[0])
            var b = try resolve(syntax[1])
            let named: FieldType = name == "TIMESTAMP_DIFF" ? .timestamp : name == "DATE_DIFF" ? .date : .datetime
            let given = [a, b].first { !$0.isStringLiteral && !$0.type.isNull }.flatMap { value -> FieldType? in
                guard case .scalar(let type) = value.type, [.date, .datetime, .timestamp].contains(type) else { return nil }
                return type
            }
            var kind = given ?? named
            if a.type == .date && b.type == .datetime || a.type == .datetime && b.type == .date { kind = .datetime }
            for index in [0, 1] {
                var value = index == 0 ? a : b
                if value.isStringLiteral { value = try coerceLiteral(value, to: kind) }
                if value.type == .date && kind == .datetime { value = try castValue(value, to: .datetime, safe: false, at: value.location) }
                if index == 0 { a = value } else { b = value }
            }
            guard [a.type, b.type].allSatisfy({ $0 == .scalar(kind) || $0.isNull }) else {
                throw functionSignatureError(name, [a, b], at: location)
            }
            if kind == .date {
                let unit = try datePart(syntax[2], allowed: Self.dateUnits)
                return call("gsql_date_diff", [a, b, text(unit, at: location)], .int64, at: location)
            }
            if kind == .datetime {
                let unit = try datePart(syntax[2], allowed: Self.truncUnits)
                return call("gsql_datetime_diff", [a, b, text(unit, at: location)], .int64, at: location)
            }
            let unit = try datePart(syntax[2], allowed: Self.microUnits)
            return call(
                "gsql_micros_diff", [a, b, .constant(.int64(TimeMath.micros(ofUnit: unit) ?? 1), .int64, at: location)], .int64, at: location)
        default:
            break
        }

        var arguments: [TypedExpression] = []
        for argument in syntax { arguments.append(try resolve(argument)) }
        func expect(_ counts: ClosedRange<Int>) throws(GoogleSQLError) { try expectCount(name, syntax, counts, at: location) }
        func require(_ allowed: (SQLType) -> Bool) throws(GoogleSQLError) {
            guard arguments.allSatisfy({ allowed($0.type) || $0.type.isNull }) else { throw functionSignatureError(name, arguments, at: location) }
        }

        if arguments.first?.type.isDecimal == true, ["ABS", "SIGN", "ROUND", "TRUNC", "FLOOR", "CEIL", "CEILING"].contains(name) {
            try expect(name == "ROUND" ? 1...3 : name == "TRUNC" ? 1...2 : 1...1)
            if arguments.count == 3 { return try decimalRoundWithMode(arguments, at: location) }
            guard arguments.dropFirst().allSatisfy({ $0.type == .int64 || $0.type.isNull }),
                let math = decimalMath(name, arguments, at: location)
            else { throw functionSignatureError(name, arguments, at: location) }
            return math
        }

        switch name {
        case "CURRENT_TIMESTAMP":
            try expect(0...0)
            return .constant(.timestamp(now), .timestamp, at: location)
        case "SESSION_USER":
            try expect(0...0)
            let user = parameters.first { $0.name == GoogleSQLCompiler.sessionUserParameter }?.value
            return .constant(user ?? .string(GoogleSQLCompiler.defaultSessionUser), .string, at: location)
        case "CURRENT_DATE", "CURRENT_DATETIME", "CURRENT_TIME":
            try expect(0...0)
            // The civil time now in the default zone.
            let civil = try defaultTimeZone().map { zone throws(GoogleSQLError) in try TimeZoneRule.named(zone).civil(fromUTC: now) } ?? now
            let days = CivilTime.floorDiv(civil, CivilTime.microsPerDay)
            if name == "CURRENT_DATE" { return .constant(.date(days), .date, at: location) }
            if name == "CURRENT_TIME" { return .constant(.time(civil - days * CivilTime.microsPerDay), .time, at: location) }
            return .constant(.datetime(days: days, timeMicros: civil - days * CivilTime.microsPerDay), .datetime, at: location)
        case "DATE":
            if arguments.count == 3 {
                try require { $0 == .int64 }
                return call("gsql_date_from_parts", arguments, .date, at: location)
            }
            try expect(1...1)
            if arguments.count == 1, arguments[0].isStringLiteral { return try coerceLiteral(arguments[0], to: .date) }
            switch arguments[0].type {
            case .timestamp, .datetime: return call("gsql_date_from_micros", [try civilTimeInDefaultZone(arguments[0])], .date, at: location)
            case .date, .null: return TypedExpression(node: arguments[0].node, type: .date, location: location)
            case .string: return try castValue(arguments[0], to: .date, safe: false, at: location)
            default: throw functionSignatureError(name, arguments, at: location)
            }
        case "TIMESTAMP", "DATETIME":
            let target: FieldType = name == "TIMESTAMP" ? .timestamp : .datetime
            try expect(1...1)
            if arguments[0].isStringLiteral { return try coerceLiteral(arguments[0], to: target) }
            switch arguments[0].type {
            case .string, .date, .datetime, .timestamp, .null: return try castValue(arguments[0], to: target, safe: false, at: location)
            default: throw functionSignatureError(name, arguments, at: location)
            }
        case "UNIX_MICROS", "UNIX_MILLIS", "UNIX_SECONDS":
            try expect(1...1)
            try require { $0 == .timestamp }
            let divisor: Int64 = name == "UNIX_MICROS" ? 1 : name == "UNIX_MILLIS" ? 1_000 : 1_000_000
            if divisor == 1 { return TypedExpression(node: arguments[0].node, type: .int64, location: location) }
            return call("gsql_floor_div", [arguments[0], .constant(.int64(divisor), .int64, at: location)], .int64, at: location)
        case "TIMESTAMP_MICROS", "TIMESTAMP_MILLIS", "TIMESTAMP_SECONDS", "TIMESTAMP_FROM_UNIX_MICROS", "TIMESTAMP_FROM_UNIX_MILLIS",
            "TIMESTAMP_FROM_UNIX_SECONDS":
            try expect(1...1)
            // The TIMESTAMP_FROM_UNIX_ spellings also take a TIMESTAMP, which they return unchanged.
            if name.hasPrefix("TIMESTAMP_FROM_UNIX_"), arguments[0].type == .timestamp { return arguments[0] }
            try require { $0 == .int64 }
            let factor: Int64 = name.hasSuffix("_MICROS") ? 1 : name.hasSuffix("_MILLIS") ? 1_000 : 1_000_000
            return call(
                "gsql_add_micros", [.constant(.int64(0), .int64, at: location), arguments[0], .constant(.int64(factor), .int64, at: location)],
                .timestamp, at: location)
        case "UNIX_DATE":
            try expect(1...1)
            try require { $0 == .date }
            return TypedExpression(node: arguments[0].node, type: .int64, location: location)
        case "DATE_FROM_UNIX_DATE":
            try expect(1...1)
            try require { $0 == .int64 }
            return call("gsql_checked_date", arguments, .date, at: location)
        case "COALESCE", "IFNULL":
            try expect(name == "IFNULL" ? 2...2 : 1...Int.max)
            let type = try supertype(of: arguments, function: "function \(name)", at: location)
            return call("COALESCE", try convertedToSupertype(arguments, type), type, at: location)
        case "NULLIF":
            try expect(2...2)
            var a = arguments[0]
            var b = arguments[1]
            try coerceForComparison(&a, &b, op: "NULLIF", at: location)
            return call("NULLIF", [arguments[0], b], arguments[0].type, at: location)
        case "PARSE_NUMERIC", "PARSE_BIGNUMERIC":
            try expect(1...1)
            try require { $0 == .string }
            let target: FieldType = name == "PARSE_NUMERIC" ? .numeric : .bignumeric
            let typeName = name == "PARSE_NUMERIC" ? "NUMERIC" : "BIGNUMERIC"
            let canonical = call("gsql_parse_numeric_text", [arguments[0], text(typeName, at: location)], .string, at: location)
            return try castValue(canonical, to: target, safe: false, at: location)
        case "NULLIFZERO":
            try expect(1...1)
            try require(\.isNumber)
            var a = arguments[0]
            var zero = TypedExpression.constant(.int64(0), .int64, at: location)
            try coerceForComparison(&a, &zero, op: "NULLIFZERO", at: location)
            return call("NULLIF", [arguments[0], zero], arguments[0].type.isNull ? .int64 : arguments[0].type, at: location)
        case "ZEROIFNULL":
            try expect(1...1)
            try require(\.isNumber)
            let zero = TypedExpression.constant(.int64(0), .int64, at: location)
            let type = try supertype(of: [arguments[0], zero], function: "function ZEROIFNULL", at: location)
            return call("COALESCE", convertedNumbers([arguments[0], zero], to: type), type, at: location)
        case "ERROR":
            // Typed like a NULL literal so it fits any branch; SQLite's CASE and COALESCE evaluate it
            // only when reached, as BigQuery does.
            try expect(1...1)
            try require { $0 == .string }
            return call("gsql_error", arguments, .null, at: location)
        case "IF":
            try expect(3...3)
            guard arguments[0].type == .bool || arguments[0].type.isNull else { throw functionSignatureError(name, arguments, at: location) }
            let type = try supertype(of: [arguments[1], arguments[2]], function: "function IF", at: location)
            let results = try convertedToSupertype([arguments[1], arguments[2]], type)
            return TypedExpression(node: .caseWhen([(arguments[0], results[0])], otherwise: results[1]), type: type, location: location)
        case "LOWER", "UPPER":
            try expect(1...1)
            try require { $0 == .string }
            return call(name == "LOWER" ? "gsql_lower" : "gsql_upper", arguments, .string, at: location)
        case "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH":
            try expect(1...1)
            try require { $0 == .string || $0 == .bytes }
            return call("gsql_length", arguments, .int64, at: location)
        case "TRIM", "LTRIM", "RTRIM":
            try expect(1...2)
            try require { $0 == .string }
            return call(name.lowercased(), arguments, .string, at: location)
        case "SUBSTR", "SUBSTRING":
            try expect(2...3)
            guard arguments[0].type == .string || arguments[0].type.isNull,
                arguments.dropFirst().allSatisfy({ $0.type == .int64 || $0.type.isNull })
            else {
                throw functionSignatureError(name, arguments, at: location)
            }
            return call("gsql_substr", arguments, .string, at: location)
        case "CONCAT":
            try expect(1...Int.max)
            // Values of other types that cast to STRING join as their CAST text (BYTES never mix in).
            for (index, argument) in arguments.enumerated() {
                guard case .scalar(let type) = argument.type, type != .string else { continue }
                guard type != .bytes, Casts.isSupported(from: type, to: .string) else { throw functionSignatureError(name, arguments, at: location) }
                arguments[index] = try castValue(argument, to: .string, safe: false, at: argument.location)
            }
            try require { $0 == .string }
            // Balanced, so hundreds of arguments still make a shallow tree.
            func join(_ parts: ArraySlice<TypedExpression>) -> TypedExpression {
                if parts.count == 1 { return parts[parts.startIndex] }
                let middle = parts.startIndex + parts.count / 2
                return TypedExpression(node: .binary(.concat, join(parts[..<middle]), join(parts[middle...])), type: .string, location: location)
            }
            return TypedExpression(node: join(arguments[...]).node, type: .string, location: location)
        case "STARTS_WITH", "ENDS_WITH":
            try expect(2...2)
            try require { $0 == .string }
            return call(name == "STARTS_WITH" ? "gsql_starts_with" : "gsql_ends_with", arguments, .bool, at: location)
        case "REPLACE":
            try expect(3...3)
            try require { $0 == .string }
            return call("replace", arguments, .string, at: location)
        case "ABS":
            try expect(1...1)
            try require { $0 == .int64 || $0 == .float64 }
            return call("abs", arguments, arguments[0].type == .null ? .int64 : arguments[0].type, at: location)
        case "ROUND", "TRUNC":
            try expect(1...2)
            guard arguments[0].type == .float64 || arguments[0].type == .int64 || arguments[0].type.isNull,
                arguments.dropFirst().allSatisfy({ $0.type == .int64 || $0.type.isNull })
            else { throw functionSignatureError(name, arguments, at: location) }
            return call(name == "ROUND" ? "gsql_round" : "gsql_trunc", arguments, .float64, at: location)
        case "FLOOR", "CEIL", "CEILING":
            try expect(1...1)
            try require { $0 == .float64 || $0 == .int64 }
            return call(name == "FLOOR" ? "gsql_floor" : "gsql_ceil", arguments, .float64, at: location)
        case "FORMAT_TIMESTAMP", "FORMAT_DATETIME", "FORMAT_DATE", "FORMAT_TIME":
            try expect(2...2)
            let kind = String(name.dropFirst("FORMAT_".count))
            guard let type = FieldType(apiName: kind) else { throw fail("Function not found: \(name)", location) }
            var value = arguments[1]
            if value.isStringLiteral { value = try coerceLiteral(value, to: type) }
            guard arguments[0].type == .string || arguments[0].type.isNull, value.type == .scalar(type) || value.type.isNull else {
                throw functionSignatureError(name, arguments, at: location)
            }
            if type == .timestamp, let zone = try defaultTimeZoneArgument(at: location) {
                return call("gsql_format_timestamp_tz", [arguments[0], value, zone], .string, at: location)
            }
            return call("gsql_format_time", [arguments[0], value, text(kind, at: location)], .string, at: location)
        case "SAFE_DIVIDE", "IEEE_DIVIDE":
            try expect(2...2)
            try require { $0.isNumber }
            // Decimals divide exactly (SAFE_DIVIDE only); IEEE_DIVIDE and any FLOAT64 operand make FLOAT64.
            if name == "SAFE_DIVIDE", let (kind, operands) = decimalOperands(arguments) {
                return call(DecimalFunctions.name(.safeDivide, kind), operands, operands[0].type, at: location)
            }
            let operands = arguments.map { converted($0, toNumber: .float64) }
            return call(name == "SAFE_DIVIDE" ? "gsql_safe_divide" : "gsql_ieee_divide", operands, .float64, at: location)
        case "DIV":
            try expect(2...2)
            try require { $0 == .int64 }
            return call("gsql_div", arguments, .int64, at: location)
        case "REGEXP_CONTAINS":
            try expect(2...2)
            _ = try regexpTextType(name, arguments, count: 2, at: location)
            return call("gsql_regexp_contains", arguments, .bool, at: location)
        case "REGEXP_EXTRACT", "REGEXP_SUBSTR":
            try expect(2...4)
            let type = try regexpTextType(name, arguments, count: 2, at: location)
            guard arguments.dropFirst(2).allSatisfy({ $0.type == .int64 || $0.type.isNull }) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            if arguments.count == 2 { return call("gsql_regexp_extract", arguments, type, at: location) }
            let occurrence = arguments.count > 3 ? arguments[3] : int(1, at: location)
            return call("gsql_regexp_extract_at", Array(arguments.prefix(3)) + [occurrence], type, at: location)
        case "REGEXP_INSTR":
            try expect(2...5)
            _ = try regexpTextType(name, arguments, count: 2, at: location)
            guard arguments.dropFirst(2).allSatisfy({ $0.type == .int64 || $0.type.isNull }) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            let defaults = [int(1, at: location), int(1, at: location), int(0, at: location)]
            return call("gsql_regexp_instr", arguments + defaults.dropFirst(arguments.count - 2), .int64, at: location)
        case "REGEXP_EXTRACT_ALL":
            try expect(2...2)
            let type = try regexpTextType(name, arguments, count: 2, at: location)
            return call("gsql_regexp_extract_all", arguments, .array(type), at: location)
        case "REGEXP_REPLACE":
            try expect(3...3)
            let type = try regexpTextType(name, arguments, count: 3, at: location)
            return call("gsql_regexp_replace", arguments, type, at: location)
        case "MOD":
            try expect(2...2)
            if let (kind, operands) = decimalOperands(arguments), operands.allSatisfy({ $0.type.isDecimal || $0.type.isNull }) {
                return call(DecimalFunctions.name(.mod, kind), operands, operands[0].type, at: location)
            }
            try require { $0 == .int64 }
            return call("gsql_mod", arguments, .int64, at: location)
        case "GREATEST", "LEAST":
            try expect(1...Int.max)
            let type = try supertype(of: arguments, function: "function \(name)", at: location)
            guard type.isOrderable else { throw functionSignatureError(name, arguments, at: location) }
            // SQLite's max()/min() use the first argument's collation: decimals compare by value.
            var operands = convertedNumbers(arguments, to: type)
            if type.isDecimal { operands[0] = collated(operands[0]) }
            return call(name == "GREATEST" ? "max" : "min", operands.count == 1 ? operands + operands : operands, type, at: location)
        case "JSON_VALUE", "JSON_EXTRACT_SCALAR", "JSON_QUERY", "JSON_EXTRACT":
            try expect(1...2)
            guard arguments[0].type == .json || arguments[0].type == .string || arguments[0].type.isNull,
                arguments.dropFirst().allSatisfy({ $0.type == .string })
            else { throw functionSignatureError(name, arguments, at: location) }
            let path = arguments.count == 2 ? arguments[1] : text("$", at: location)
            if name == "JSON_VALUE" || name == "JSON_EXTRACT_SCALAR" {
                return call("gsql_json_value", [arguments[0], path], .string, at: location)
            }
            // On STRING input a JSON null is SQL NULL; on JSON input it stays JSON 'null' (BigQuery's docs).
            if arguments[0].type == .string { return call("gsql_json_query_string", [arguments[0], path], .string, at: location) }
            return call("gsql_json_query", [arguments[0], path], .json, at: location)
        case "IS_NAN", "IS_INF":
            try expect(1...1)
            try require { $0 == .float64 || $0 == .int64 }
            return call(name == "IS_NAN" ? "gsql_is_nan" : "gsql_is_inf", arguments, .bool, at: location)
        case "ARRAY_LENGTH":
            try expect(1...1)
            guard case .array = arguments[0].type else { throw functionSignatureError(name, arguments, at: location) }
            return call("json_array_length", arguments, .int64, at: location)
        default:
            throw fail("Function not found: \(context.spelling(of: name, at: location))", location)
        }
    }
}
