import WarehouseSchema

/// Math functions of the library: SAFE_* arithmetic, the transcendental functions, bitwise
/// operators (parsed as `$BIT_*` calls) and BIT_COUNT.
extension Resolver {
    static let floatFunctions: [String: String] = [
        "SQRT": "gsql_sqrt", "CBRT": "gsql_cbrt", "EXP": "gsql_exp", "LN": "gsql_ln", "LOG10": "gsql_log10",
        "SIN": "gsql_sin", "COS": "gsql_cos", "TAN": "gsql_tan", "ASIN": "gsql_asin", "ACOS": "gsql_acos",
        "ATAN": "gsql_atan", "ACOSH": "gsql_acosh", "ASINH": "gsql_asinh", "ATANH": "gsql_atanh", "SINH": "gsql_sinh", "COSH": "gsql_cosh",
        "TANH": "gsql_tanh",
        "COT": "gsql_cot", "COTH": "gsql_coth", "CSC": "gsql_csc", "CSCH": "gsql_csch", "SEC": "gsql_sec", "SECH": "gsql_sech",
    ]

    static let bitwiseOperators: [String: (symbol: String, function: String)] = [
        "$BIT_AND": ("&", "gsql_bit_and"), "$BIT_OR": ("|", "gsql_bit_or"), "$BIT_XOR": ("^", "gsql_bit_xor"),
        "$BIT_NOT": ("~", "gsql_bit_not"), "$SHIFT_LEFT": ("<<", "gsql_shift_left"), "$SHIFT_RIGHT": (">>", "gsql_shift_right"),
    ]

    static let bytesBitwiseFunctions = [
        "$BIT_AND": "gsql_bytes_and", "$BIT_OR": "gsql_bytes_or", "$BIT_XOR": "gsql_bytes_xor", "$BIT_NOT": "gsql_bytes_not",
        "$SHIFT_LEFT": "gsql_bytes_shift_left", "$SHIFT_RIGHT": "gsql_bytes_shift_right",
    ]

    mutating func resolveMathFunction(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression?
    {
        if let op = Self.bitwiseOperators[name] {
            let operands = try resolveArguments(syntax)
            if operands[0].type == .bytes {
                // On BYTES: `&`, `|`, `^` take two BYTES; `~` one; the shifts an INT64 count.
                let shift = name.hasPrefix("$SHIFT")
                guard operands.dropFirst().allSatisfy({ $0.type == (shift ? .int64 : .bytes) || $0.type.isNull }) else {
                    throw signatureError(op.symbol, operands, at: location)
                }
                return call(Self.bytesBitwiseFunctions[name] ?? op.function, operands, .bytes, at: location)
            }
            guard operands.allSatisfy({ $0.type == .int64 || $0.type.isNull }) else { throw signatureError(op.symbol, operands, at: location) }
            return call(op.function, operands, .int64, at: location)
        }
        if let function = Self.floatFunctions[name] {
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            if let kind = arguments[0].type.decimalKind, let operation = Self.decimalFunctions[name] {
                return call(DecimalFunctions.name(operation, kind), arguments, arguments[0].type, at: location)
            }
            guard fits(arguments, [.float64]) || fits(arguments, [.int64]) else {
                if arguments[0].type.isDecimal {
                    throw fail("Unsupported: \(name) of \(arguments[0].type.name) is not supported by the local emulator", location)
                }
                throw functionSignatureError(name, arguments, at: location)
            }
            return call(function, arguments, .float64, at: location)
        }
        switch name {
        case "PI":
            try expectCount(name, syntax, 0...0, at: location)
            return .constant(.float64(Double.pi), .float64, at: location)
        case "RAND":
            // SQLite's random() is not deterministic, so each row draws its own value; the call is
            // not in the library, so the emitter never folds it at compile time.
            try expectCount(name, syntax, 0...0, at: location)
            return call("gsql_rand", [TypedExpression(node: .call("random", []), type: .int64, location: location)], .float64, at: location)
        case "GENERATE_UUID":
            // Like RAND: SQLite's randomblob() draws anew for each row.
            try expectCount(name, syntax, 0...0, at: location)
            let bytes = TypedExpression(node: .call("randomblob", [.constant(.int64(16), .int64, at: location)]), type: .bytes, location: location)
            return call("gsql_uuid", [bytes], .string, at: location)
        case "RANGE_BUCKET":
            try expectCount(name, syntax, 2...2, at: location)
            return try resolveRangeBucket(resolveArguments(syntax), at: location)
        case "COSINE_DISTANCE", "EUCLIDEAN_DISTANCE":
            try expectCount(name, syntax, 2...2, at: location)
            return try resolveVectorDistance(name, resolveArguments(syntax), at: location)
        case "POW", "POWER", "LOG", "ATAN2":
            try expectCount(name, syntax, name == "LOG" ? 1...2 : 2...2, at: location)
            var arguments = try resolveArguments(syntax)
            if name != "ATAN2", let (kind, operands) = decimalOperands(arguments) {
                if name == "LOG" && operands.count == 1 { return call(DecimalFunctions.name(.ln, kind), operands, operands[0].type, at: location) }
                return call(DecimalFunctions.name(name == "LOG" ? .log : .pow, kind), operands, operands[0].type, at: location)
            }
            // A decimal beside a FLOAT64 (or in ATAN2, which takes FLOAT64 only) is converted to FLOAT64.
            if arguments.allSatisfy({ $0.type.isNumber || $0.type.isNull }) { arguments = arguments.map { converted($0, toNumber: .float64) } }
            guard arguments.allSatisfy({ $0.type == .float64 || $0.type == .int64 || $0.type.isNull }) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            if name == "LOG" && arguments.count == 1 { return call("gsql_ln", arguments, .float64, at: location) }
            let function = name == "LOG" ? "gsql_log" : name == "ATAN2" ? "gsql_atan2" : "gsql_pow"
            return call(function, arguments, .float64, at: location)
        case "SIGN":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            if arguments[0].type.isDecimal { return nil }
            guard fits(arguments, [.float64]) || fits(arguments, [.int64]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_sign", arguments, arguments[0].type.isNull ? .int64 : arguments[0].type, at: location)
        case "SAFE_ADD", "SAFE_SUBTRACT", "SAFE_MULTIPLY":
            try expectCount(name, syntax, 2...2, at: location)
            let arguments = try resolveArguments(syntax)
            if let (kind, operands) = decimalOperands(arguments) {
                let operation: DecimalFunctions.Operation = name == "SAFE_ADD" ? .safeAdd : name == "SAFE_SUBTRACT" ? .safeSubtract : .safeMultiply
                return call(DecimalFunctions.name(operation, kind), operands, operands[0].type, at: location)
            }
            guard arguments.allSatisfy({ $0.type.isNumber || $0.type.isNull }), var type = SQLType.common(arguments[0].type, arguments[1].type) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            let operands = convertedNumbers(arguments, to: type)
            if type.isNull { type = .int64 }
            let op = name == "SAFE_ADD" ? "+" : name == "SAFE_SUBTRACT" ? "-" : "*"
            return call(
                "gsql_safe_arithmetic", operands + [text(op, at: location), .constant(.bool(type == .int64), .bool, at: location)], type,
                at: location)
        case "SAFE_NEGATE":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.float64]) || fits(arguments, [.int64]) else {
                if arguments[0].type.isDecimal { return decimalNegation(arguments[0], at: location) }
                throw functionSignatureError(name, arguments, at: location)
            }
            return call("gsql_safe_negate", arguments, arguments[0].type.isNull ? .int64 : arguments[0].type, at: location)
        case "BIT_COUNT":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard fits(arguments, [.int64]) || fits(arguments, [.bytes]) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_bit_count", arguments, .int64, at: location)
        default:
            return nil
        }
    }

    static let decimalFunctions: [String: DecimalFunctions.Operation] = ["SQRT": .sqrt, "EXP": .exp, "LN": .ln, "LOG10": .log10]

    /// Number arguments of which one is NUMERIC or BIGNUMERIC, as their common decimal type (an INT64
    /// or a FLOAT64 literal taking it); nil when another argument makes the call FLOAT64, or none is
    /// a decimal.
    func decimalOperands(_ arguments: [TypedExpression]) -> (DecimalKind, [TypedExpression])? {
        guard arguments.contains(where: \.type.isDecimal), arguments.allSatisfy({ $0.type.isNumber || $0.type.isNull }) else { return nil }
        var operands = arguments
        unifyDecimalOperands(&operands)
        guard let kind = operands.first(where: { !$0.type.isNull })?.type.decimalKind else { return nil }
        return (kind, operands.map { $0.type.isNull ? TypedExpression(node: $0.node, type: .scalar(kind.fieldType), location: $0.location) : $0 })
    }

    /// RANGE_BUCKET(point, array): how many of the sorted boundaries are at most the point.
    private func resolveRangeBucket(_ arguments: [TypedExpression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let point = arguments[0].type
        guard point == .int64 || point == .float64 || point.isNull else {
            if point.isDecimal { throw fail("Unsupported: RANGE_BUCKET of \(point.name) is not supported by the local emulator", location) }
            throw functionSignatureError("RANGE_BUCKET", arguments, at: location)
        }
        switch arguments[1].type {
        case .array(.int64), .array(.float64): break
        case let type where type.isNull: break
        case .array(let element) where element.isDecimal:
            throw fail("Unsupported: RANGE_BUCKET of \(element.name) is not supported by the local emulator", location)
        default: throw functionSignatureError("RANGE_BUCKET", arguments, at: location)
        }
        return call("gsql_range_bucket", arguments, .int64, at: location)
    }

    /// COSINE_DISTANCE and EUCLIDEAN_DISTANCE: two dense vectors (ARRAY<FLOAT64>), or two sparse
    /// ones (ARRAY<STRUCT<dimension, magnitude FLOAT64>>) whose dimensions are both INT64 or both STRING.
    private func resolveVectorDistance(
        _ name: String, _ arguments: [TypedExpression], at location: SourceLocation
    ) throws(GoogleSQLError)
        -> TypedExpression
    {
        var kinds: Set<VectorKind> = []
        for argument in arguments where !argument.type.isNull {
            guard let kind = VectorKind(argument.type) else { throw functionSignatureError(name, arguments, at: location) }
            kinds.insert(kind)
        }
        guard kinds.count <= 1 else { throw functionSignatureError(name, arguments, at: location) }
        let sparse = kinds.contains { if case .sparse = $0 { true } else { false } }
        let operands = arguments + [.constant(.int64(sparse ? 1 : 0), .int64, at: location)]
        return call(name == "COSINE_DISTANCE" ? "gsql_cosine_distance" : "gsql_euclidean_distance", operands, .float64, at: location)
    }
}

/// How a vector argument is written: an ARRAY<FLOAT64>, or the dimension type of an
/// ARRAY<STRUCT<dimension, magnitude>>.
private enum VectorKind: Hashable {
    case dense
    case sparse(dimension: FieldType)

    init?(_ type: SQLType) {
        switch type {
        case .array(.scalar(.float)): self = .dense
        case .array(.record(let fields)) where fields.count == 2 && fields.allSatisfy({ $0.mode != .repeated }):
            guard fields[1].type == .float, fields[0].type == .integer || fields[0].type == .string else { return nil }
            self = .sparse(dimension: fields[0].type)
        default: return nil
        }
    }
}
