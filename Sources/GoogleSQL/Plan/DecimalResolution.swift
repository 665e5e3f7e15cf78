import WarehouseSchema

/// NUMERIC and BIGNUMERIC are canonical decimal TEXT in SQLite, and SQLite's own arithmetic and ordering
/// would treat them as doubles or strings. These lowerings keep them exact, as BigQuery does:
/// arithmetic calls `DecimalFunctions`, comparison, sorting and grouping use the `gsql_decimal`
/// collation, an INT64 operand is converted to the decimal type (BigQuery coerces INT64 to NUMERIC),
/// and a FLOAT64 operand makes the decimal side FLOAT64 instead.
extension SQLType {
    var decimalKind: DecimalKind? {
        guard case .scalar(let type) = self else { return nil }
        return DecimalKind(type)
    }
}

extension Resolver {
    /// `value` converted to `target`, a number type its own type coerces to (NULL coerces to any).
    func converted(_ value: TypedExpression, toNumber target: SQLType) -> TypedExpression {
        if value.type == target { return value }
        if let kind = target.decimalKind, let literal = decimalLiteral(value, as: kind) { return literal }
        if value.type.isNull || target.isNull { return TypedExpression(node: value.node, type: target, location: value.location) }
        if target == .float64 {
            guard value.type.isDecimal else { return value }
            return TypedExpression(node: .decimalAsReal(value), type: .float64, location: value.location)
        }
        guard let kind = target.decimalKind else { return value }
        // NUMERIC text is valid BIGNUMERIC text.
        if value.type.isDecimal { return TypedExpression(node: value.node, type: target, location: value.location) }
        guard value.type == .int64 else { return value }
        if case .constant(.int64(let number)) = value.node {
            let text = String(number)
            let constant: BigQueryValue = kind == .numeric ? .numeric(text) : .bignumeric(text)
            return .constant(constant, target, at: value.location)
        }
        return TypedExpression(node: .call(DecimalFunctions.name(.from, kind), [value]), type: target, location: value.location)
    }

    /// `values` converted to `type` when it is a decimal type or when a decimal meets FLOAT64; other
    /// number mixes (INT64 with FLOAT64) SQLite already handles.
    func convertedNumbers(_ values: [TypedExpression], to type: SQLType) -> [TypedExpression] {
        guard type.isNumber, values.contains(where: \.type.isDecimal) else { return values }
        return values.map { converted($0, toNumber: type) }
    }

    /// A decimal value that compares, sorts and groups by exact value.
    func collated(_ value: TypedExpression) -> TypedExpression {
        guard value.type.isDecimal else { return value }
        if case .decimalCollated = value.node { return value }
        return TypedExpression(node: .decimalCollated(value), type: value.type, location: value.location)
    }

    /// What ORDER BY and GROUP BY use for a decimal: `gsql_decimal_key(x)`, bytes in the value's order,
    /// computed once per row (a collation would run per comparison, n log n times).
    func sortKey(_ value: TypedExpression) -> TypedExpression {
        if value.type == .float64 {
            return TypedExpression(node: .call(FloatSemantics.sortKeyFunctionName, [value]), type: .bytes, location: value.location)
        }
        guard value.type.isDecimal else { return value }
        var inner = value
        if case .decimalCollated(let wrapped) = value.node { inner = wrapped }
        return TypedExpression(node: .call(DecimalOrdering.sortKeyFunctionName, [inner]), type: .bytes, location: value.location)
    }

    /// The two sides of a comparison involving a decimal, brought to their common type.
    func coerceDecimalComparison(_ left: inout TypedExpression, _ right: inout TypedExpression) {
        guard let common = SQLType.common(left.type, right.type), common.isNumber || common.isNull else { return }
        left = converted(left, toNumber: common)
        right = converted(right, toNumber: common)
        if common.isDecimal {
            left = collated(left)
            right = collated(right)
        }
    }

    /// IN lists and BETWEEN compare every operand as one supertype (`x IN (1, 2.5)` compares as FLOAT64,
    /// `price IN (1, 2.5)` as NUMERIC: a FLOAT64 literal takes the decimal type when it can hold it).
    func unifyDecimalOperands(_ values: inout [TypedExpression]) {
        guard values.contains(where: \.type.isDecimal), values.allSatisfy({ $0.type.isNumber || $0.type.isNull }) else { return }
        var type = SQLType.null
        for value in values where value.floatLiteral == nil { type = SQLType.common(type, value.type) ?? type }
        let literalsFit = type.decimalKind.map { kind in
            values.allSatisfy { $0.floatLiteral == nil || decimalLiteral($0, as: kind) != nil }
        }
        if literalsFit != true {
            for value in values where value.floatLiteral != nil { type = SQLType.common(type, value.type) ?? type }
        }
        values = values.map { converted($0, toNumber: type) }
    }

    /// A FLOAT64 literal read as `kind` from its digits as written (rounded past the type's scale), or
    /// nil when `value` is no such literal or the type cannot hold it.
    func decimalLiteral(_ value: TypedExpression, as kind: DecimalKind) -> TypedExpression? {
        guard let digits = context.floatLiteralText(value.floatLiteral), let exact = ExactDecimal(parsing: digits, kind: kind) else { return nil }
        let text = exact.description
        return kind == .numeric
            ? .constant(.numeric(text), .numeric, at: value.location)
            : .constant(.bignumeric(text), .scalar(.bignumeric), at: value.location)
    }

    /// GoogleSQL's literal coercion where a decimal meets a FLOAT64 literal (`price * 1.1`,
    /// `price = 0.1`): the literal takes the decimal's type and the operation stays exact. The
    /// reference implementation's signature matching prefers coercing a literal to coercing a column.
    func coerceFloatLiterals(_ left: inout TypedExpression, _ right: inout TypedExpression) {
        if let kind = left.type.decimalKind, let literal = decimalLiteral(right, as: kind) {
            right = literal
        } else if let kind = right.type.decimalKind, let literal = decimalLiteral(left, as: kind) {
            left = literal
        }
    }

    /// `+ - * /` with a NUMERIC or BIGNUMERIC operand; `type` is the operands' common type.
    func decimalArithmetic(
        _ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression, type: SQLType,
        at location: SourceLocation
    ) -> TypedExpression {
        let a = converted(left, toNumber: type)
        let b = converted(right, toNumber: type)
        guard let kind = type.decimalKind else {
            // FLOAT64 with a decimal: SQLite's double arithmetic on the converted operands.
            if op == .divide { return TypedExpression(node: .call("gsql_divide", [a, b]), type: .float64, location: location) }
            return TypedExpression(node: .binary(op, a, b), type: .float64, location: location)
        }
        let code: DecimalFunctions.ArithmeticOperator =
            switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            default: .divide
            }
        let name = DecimalFunctions.arithmeticName(kind)
        let operator_ = TypedExpression.constant(.int64(code.rawValue), .int64, at: location)
        // A left operand that is already a chain of this kind grows by one step instead of nesting.
        if case .call(name, let operands) = a.node {
            return TypedExpression(node: .call(name, operands + [operator_, b]), type: type, location: location)
        }
        return TypedExpression(node: .call(name, [a, operator_, b]), type: type, location: location)
    }

    /// Unary minus of a decimal; constants are negated here, so `-1.5` literals stay bound values.
    func decimalNegation(_ value: TypedExpression, at location: SourceLocation) -> TypedExpression {
        guard let kind = value.type.decimalKind else { return value }
        if case .constant(let constant) = value.node, case .numeric(let text) = constant,
            let negated = try? ExactDecimal(parsing: text, kind: kind)?.negated()
        {
            return .constant(.numeric(negated.description), value.type, at: location)
        }
        if case .constant(let constant) = value.node, case .bignumeric(let text) = constant,
            let negated = try? ExactDecimal(parsing: text, kind: kind)?.negated()
        {
            return .constant(.bignumeric(negated.description), value.type, at: location)
        }
        return TypedExpression(node: .call(DecimalFunctions.name(.negate, kind), [value]), type: value.type, location: location)
    }

    /// ABS, SIGN, ROUND, TRUNC, FLOOR and CEIL of a decimal, which keep its type.
    func decimalMath(_ name: String, _ arguments: [TypedExpression], at location: SourceLocation) -> TypedExpression? {
        guard let first = arguments.first, let kind = first.type.decimalKind else { return nil }
        let operation: DecimalFunctions.Operation
        switch name {
        case "ABS": operation = .abs
        case "SIGN": operation = .sign
        case "ROUND": operation = .round
        case "TRUNC": operation = .trunc
        case "FLOOR": operation = .floor
        case "CEIL", "CEILING": operation = .ceil
        default: return nil
        }
        var operands = arguments
        if operation == .round || operation == .trunc, operands.count == 1 {
            operands.append(.constant(.int64(0), .int64, at: location))
        }
        return TypedExpression(node: .call(DecimalFunctions.name(operation, kind), operands), type: first.type, location: location)
    }

    /// ROUND(x, places, rounding_mode) of NUMERIC or BIGNUMERIC; the mode is a constant string.
    func decimalRoundWithMode(_ arguments: [TypedExpression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        guard let kind = arguments[0].type.decimalKind, arguments[1].type == .int64 || arguments[1].type.isNull,
            arguments[2].type == .string, case .constant(.string(let mode)) = arguments[2].node
        else { throw functionSignatureError("ROUND", arguments, at: location) }
        let operation: DecimalFunctions.Operation
        switch mode.uppercased() {
        case "ROUND_HALF_AWAY_FROM_ZERO": operation = .round
        case "ROUND_HALF_EVEN": operation = .roundHalfEven
        default: throw fail("Invalid rounding mode for ROUND: \(mode)", arguments[2].location)
        }
        return TypedExpression(
            node: .call(DecimalFunctions.name(operation, kind), Array(arguments.prefix(2))), type: arguments[0].type, location: location)
    }
}
