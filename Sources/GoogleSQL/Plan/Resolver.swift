import WarehouseSchema

/// Binds names to the catalog, checks types and turns the syntax tree into `TypedExpression`s.
struct Resolver {
    enum AggregateRule {
        case allowed
        /// Aggregates are refused in this clause (WHERE, GROUP BY, LIMIT ...).
        case forbidden(String)
    }

    /// The names visible here: the FROM clause's relations and, through its parents, enclosing queries.
    let scope: Scope
    /// Plans the subqueries expressions hold, and owns what the whole statement shares.
    let context: PlanningContext
    let parameters: [QueryParameter]
    let now: Int64
    var aggregateRule: AggregateRule = .allowed
    var insideAggregateCall = false
    /// Window functions are allowed only in the SELECT list, ORDER BY and QUALIFY.
    var windowRule: AggregateRule = .forbidden("this clause")
    /// `WINDOW name AS (...)` definitions of the SELECT (lowercased name → specification).
    var namedWindows: [String: WindowSpecification] = [:]
    /// Select-list aliases, visible in HAVING and ORDER BY (lowercased name → expression).
    var selectAliases: [String: TypedExpression] = [:]

    init(scope: Scope, context: PlanningContext) {
        self.scope = scope
        self.context = context
        self.parameters = context.parameters
        self.now = context.now
    }

    func fail(_ message: String, _ location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("\(message) at \(location)")
    }

    func signatureError(_ op: String, _ operands: [TypedExpression], at location: SourceLocation) -> GoogleSQLError {
        fail("No matching signature for operator \(op) for argument types: \(operands.map(\.type.name).joined(separator: ", "))", location)
    }

    // MARK: - Expressions

    mutating func resolve(_ expression: Expression) throws(GoogleSQLError) -> TypedExpression {
        let location = expression.location
        switch expression.kind {
        case .literal(let literal):
            return try resolveLiteral(literal, at: location)
        case .namedParameter(let name):
            guard let parameter = parameters.first(where: { $0.name?.lowercased() == name.lowercased() }) else {
                if name.lowercased() == "@@error" {
                    throw fail("@@error is set only inside an exception handler (BEGIN ... EXCEPTION WHEN ERROR THEN ... END)", location)
                }
                if name.hasPrefix("@@") {
                    throw fail("Unsupported: system variable \(name) is not supported by the local emulator", location)
                }
                throw fail("Query parameter '\(name)' not found", location)
            }
            return parameterValue(parameter, at: location)
        case .positionalParameter(let index):
            let positional = parameters.filter { $0.name == nil || $0.name?.isEmpty == true }
            guard index < positional.count else { throw fail("Query parameter number \(index + 1) is not defined", location) }
            return parameterValue(positional[index], at: location)
        case .path(let parts):
            return try resolvePath(parts, at: location)
        case .fieldAccess(let base, let name):
            return try access(field: name, of: try resolve(base), at: location)
        case .unary(let op, let operand):
            // INT64's least value has no positive literal to negate: `-9223372036854775808` is one literal.
            if op == "-", case .literal(.integer(let digits)) = operand.kind, let number = Int64("-" + digits) {
                return .constant(.int64(number), .int64, at: location)
            }
            let value = try resolve(operand)
            if value.type == .interval, op == "-" { return intervalNegation(value, at: location) }
            guard value.type.isNumber || value.type.isNull else { throw signatureError("\(op)", [value], at: location) }
            if op == "+" { return value }
            if value.type.isDecimal { return decimalNegation(value, at: location) }
            if case .constant(.int64(let number)) = value.node, number != .min { return .constant(.int64(-number), value.type, at: location) }
            if case .constant(.float64(let number)) = value.node {
                var negated = TypedExpression.constant(.float64(-number), value.type, at: location)
                if let digits = context.floatLiteralText(value.floatLiteral) {
                    negated.floatLiteral = context.floatLiteral(digits.hasPrefix("-") ? String(digits.dropFirst()) : "-" + digits)
                }
                return negated
            }
            return TypedExpression(node: .negate(value), type: value.type == .null ? .int64 : value.type, location: location)
        case .binary(let op, let leftSyntax, let rightSyntax):
            return try resolveBinary(op, try resolve(leftSyntax), try resolve(rightSyntax), at: location)
        case .not(let operand):
            let value = try resolve(operand)
            guard value.type == .bool || value.type.isNull else { throw signatureError("NOT", [value], at: location) }
            return TypedExpression(node: .not(value), type: .bool, location: location)
        case .isNull(let operand, let negated):
            return TypedExpression(node: .isNull(try resolve(operand), negated: negated), type: .bool, location: location)
        case .isBool(let operand, let truth, let negated):
            let value = try resolve(operand)
            guard value.type == .bool || value.type.isNull else { throw signatureError("IS", [value], at: location) }
            let compared = TypedExpression(
                node: .binary(.equal, value, .constant(.bool(truth), .bool, at: location)), type: .bool, location: location)
            let test = TypedExpression(
                node: .call("COALESCE", [compared, .constant(.bool(false), .bool, at: location)]), type: .bool, location: location)
            return negated ? TypedExpression(node: .not(test), type: .bool, location: location) : test
        case .inList(let operand, let list, let negated):
            var operands = [try resolve(operand)]
            for syntax in list { operands.append(try resolve(syntax)) }
            if case .record = operands[0].type {
                return try resolveStructIn(operands[0], Array(operands.dropFirst()), negated: negated, at: location)
            }
            unifyDecimalOperands(&operands)
            var value = operands[0]
            var elements: [TypedExpression] = []
            for var element in operands.dropFirst() {
                try coerceForComparison(&value, &element, op: "IN", at: location)
                elements.append(element)
            }
            return TypedExpression(node: .inList(value, elements, negated: negated), type: .bool, location: location)
        case .inUnnest(let operand, let arraySyntax, let negated):
            let value = try resolve(operand)
            let array = try resolveFlattened(arraySyntax)
            guard case .array(let element) = array.type else {
                throw fail("Values referenced in UNNEST must be arrays. UNNEST contains expression of type \(array.type.name)", arraySyntax.location)
            }
            guard SQLType.common(value.type, element) != nil, element.isOrderable, value.type.isOrderable else {
                throw signatureError("IN UNNEST", [value, TypedExpression(node: .constant(.null), type: element, location: location)], at: location)
            }
            if element.isDecimal || value.type.isDecimal {
                return try decimalInArray(value, array, element: element, negated: negated, at: location)
            }
            // A BYTES array holds base64 text (see `embedded`), which is equal exactly when the bytes are.
            let probe = element == .bytes ? embedded(value) : value
            return TypedExpression(node: .inArray(probe, array, negated: negated), type: .bool, location: location)
        case .between(let operand, let lowSyntax, let highSyntax, let negated):
            var operands = [try resolve(operand), try resolve(lowSyntax), try resolve(highSyntax)]
            unifyDecimalOperands(&operands)
            var value = operands[0]
            var low = operands[1]
            var high = operands[2]
            var valueCopy = value
            try coerceForComparison(&value, &low, op: "BETWEEN", at: location)
            try coerceForComparison(&valueCopy, &high, op: "BETWEEN", at: location)
            return TypedExpression(node: .between(value, low, high, negated: negated), type: .bool, location: location)
        case .like(let operand, let patternSyntax, let negated):
            let value = try resolve(operand)
            let pattern = try resolve(patternSyntax)
            let ok =
                [value.type, pattern.type].allSatisfy { $0 == .string || $0.isNull }
                || [value.type, pattern.type].allSatisfy { $0 == .bytes || $0.isNull }
            guard ok else { throw signatureError("LIKE", [value, pattern], at: location) }
            let test = TypedExpression(node: .call("gsql_like", [value, pattern]), type: .bool, location: location)
            return negated ? TypedExpression(node: .not(test), type: .bool, location: location) : test
        case .quantifiedLike(let operand, let like, let negated):
            return try resolveQuantifiedLike(operand, like, negated: negated, at: location)
        case .call(let name, let arguments, let distinct, let star):
            return try resolveCall(name, arguments, distinct: distinct, star: star, at: location)
        case .routineCall(let path, let arguments):
            return try resolveRoutineCall(path, arguments, at: location)
        case .cast(let operand, let typeName, let safe):
            if let digits = Self.floatLiteralDigits(operand), typeName.isDecimal {
                // GoogleSQL converts a literal cast to NUMERIC or BIGNUMERIC from its digits as written,
                // not from the nearest FLOAT64: 9999999999999999999999999999.999999999 stays exact.
                var text = TypedExpression.constant(.string(digits), .string, at: operand.location)
                text.isStringLiteral = true
                return try resolveCast(text, to: typeName, safe: safe, at: location)
            }
            return try resolveCast(try resolve(operand), to: typeName, safe: safe, at: location)
        case .castFormat(let operand, let typeName, let format, let zone, let safe):
            return try resolveCastFormat(operand, to: typeName, format: format, timeZone: zone, safe: safe, at: location)
        case .extract(let part, let operand):
            return try resolveExtract(part, try resolve(operand), at: location)
        case .interval(let amount, let unit):
            return try resolveInterval(amount, unit: unit, at: location)
        case .arrayLiteral(let syntax):
            var elements: [TypedExpression] = []
            for element in syntax { elements.append(try resolve(element)) }
            var type = try supertype(of: elements, function: "array literal", at: location)
            if type == .null { type = .int64 }
            elements = try convertedToSupertype(elements, type)
            if case .array = type {
                throw fail("Cannot construct array with element type \(type.name) because nested arrays are not supported", location)
            }
            var array = TypedExpression(node: .call("json_array", elements.map(embedded)), type: .array(type), location: location)
            array.isUntypedEmptyArray = elements.isEmpty
            return array
        case .typedArrayLiteral(let elementType, let syntax):
            return try resolveTypedArrayLiteral(elementType, syntax, at: location)
        case .structConstructor(let constructor):
            return try resolveStructConstructor(constructor, at: location)
        case .caseWhen(let operandSyntax, let branchSyntax, let otherwiseSyntax):
            return try resolveCase(operandSyntax, branchSyntax, otherwiseSyntax, at: location)
        case .scalarSubquery(let query):
            return try resolveScalarSubquery(query, at: location)
        case .exists(let query):
            return try resolveExists(query, at: location)
        case .arraySubquery(let query):
            return try resolveArraySubquery(query, at: location)
        case .inSubquery(let operand, let query, let negated):
            return try resolveInSubquery(try resolve(operand), query, negated: negated, at: location)
        case .windowCall(let call, let window):
            return try resolveWindowCall(call, window, at: location)
        }
    }

    /// STRING parameters coerce to date/time types like literals do (GoogleSQL "parameter coercion").
    /// The script variable `name` (see `ScriptVariables`), as a constant like a parameter.
    func scriptVariable(_ name: String) -> TypedExpression? {
        guard !parameters.isEmpty else { return nil }
        let key = ScriptVariables.parameterName(name)
        guard let parameter = parameters.first(where: { $0.name == key }) else { return nil }
        return parameterValue(parameter, at: SourceLocation(line: 1, column: 1))
    }

    private func parameterValue(_ parameter: QueryParameter, at location: SourceLocation) -> TypedExpression {
        var value = TypedExpression.constant(parameter.value, SQLType(parameter: parameter.type), at: location)
        if parameter.type == .scalar(.string) { value.isStringLiteral = true }
        return value
    }

    /// The text of a FLOAT64 literal, with a leading minus sign if it has one.
    static func floatLiteralDigits(_ expression: Expression) -> String? {
        switch expression.kind {
        case .literal(.float(let text)): return text
        case .unary("-", let operand):
            guard case .literal(.float(let text)) = operand.kind else { return nil }
            return "-" + text
        default: return nil
        }
    }

    private func resolveLiteral(_ literal: LiteralValue, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        switch literal {
        case .null: return .constant(.null, .null, at: location)
        case .bool(let flag): return .constant(.bool(flag), .bool, at: location)
        case .integer(let text):
            guard let number = Int64(text) else { throw fail("Invalid integer literal: \(text)", location) }
            return .constant(.int64(number), .int64, at: location)
        case .float(let text):
            guard let number = Double(text) else { throw fail("Invalid floating point literal: \(text)", location) }
            var value = TypedExpression.constant(.float64(number), .float64, at: location)
            value.floatLiteral = context.floatLiteral(text)
            return value
        case .string(let text):
            var value = TypedExpression.constant(.string(text), .string, at: location)
            value.isStringLiteral = true
            return value
        case .bytes(let bytes): return .constant(.bytes(bytes), .bytes, at: location)
        case .typed(let typeName, let text):
            if typeName.hasPrefix("RANGE<") { return try rangeLiteral(typeName, text, at: location) }
            guard let type = FieldType(apiName: typeName),
                let value = type == .timestamp ? try timestampConstant(text) : ValueConversion.convert(.string(text), to: type)
            else {
                throw fail("Invalid \(typeName) literal", location)
            }
            return .constant(value, .scalar(type), at: location)
        }
    }

    // MARK: - Names

    func access(field name: String, of base: TypedExpression, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        switch base.type {
        case .record(let fields):
            guard let field = fields.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw fail("Field name \(name) does not exist in \(base.type.name)", location)
            }
            return TypedExpression(node: .field(base, field.name), type: SQLType(field: field), location: location)
        case .scalar(.json):
            // JSON member access yields JSON (NULL when the member is missing), like BigQuery.
            let path = TypedExpression.constant(.string("$.\"" + name + "\""), .string, at: location)
            return TypedExpression(node: .call("gsql_json_query", [base, path]), type: .json, location: location)
        case .array(.record), .array(.scalar(.json)):
            // The array elements field access operator reads through arrays only as FLATTEN's or
            // UNNEST's argument (`ArrayElementsAccess`); BigQuery's words for it anywhere else.
            throw fail(
                "Cannot access field \(name) on a value with type \(base.type.name). You may need an explicit call to FLATTEN, and the flattened argument may only contain 'dot' after the first array",
                location)
        default:
            throw fail("Cannot access field \(name) on a value with type \(base.type.name)", location)
        }
    }

    // MARK: - Operators

    /// Applies BigQuery's implicit coercions for comparisons, or fails with its signature error.
    mutating func coerceForComparison(
        _ left: inout TypedExpression, _ right: inout TypedExpression, op: String,
        at location: SourceLocation
    ) throws(GoogleSQLError) {
        if right.isStringLiteral, case .scalar(let type) = left.type, [.timestamp, .date, .datetime, .time].contains(type) {
            right = try coerceLiteral(right, to: type)
        } else if left.isStringLiteral, case .scalar(let type) = right.type, [.timestamp, .date, .datetime, .time].contains(type) {
            left = try coerceLiteral(left, to: type)
        }
        // DATE coerces to DATETIME (BigQuery's only implicit date/time widening).
        if left.type == .date && right.type == .datetime { left = try castValue(left, to: .datetime, safe: false, at: left.location) }
        if left.type == .datetime && right.type == .date { right = try castValue(right, to: .datetime, safe: false, at: right.location) }
        coerceFloatLiterals(&left, &right)
        guard left.type.isOrderable, right.type.isOrderable, SQLType.common(left.type, right.type) != nil else {
            throw signatureError(op, [left, right], at: location)
        }
        if left.type.isDecimal || right.type.isDecimal { coerceDecimalComparison(&left, &right) }
    }

    func coerceLiteral(_ literal: TypedExpression, to type: FieldType) throws(GoogleSQLError) -> TypedExpression {
        if case .constant(.null) = literal.node { return .constant(.null, .scalar(type), at: literal.location) }
        guard case .constant(.string(let text)) = literal.node else { return literal }
        guard let value = type == .timestamp ? try timestampConstant(text) : ValueConversion.convert(.string(text), to: type) else {
            throw fail("Could not cast literal \"\(text)\" to type \(type.standardSQLName)", literal.location)
        }
        return .constant(value, .scalar(type), at: literal.location)
    }

    private mutating func resolveBinary(
        _ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression,
        at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        var left = left
        var right = right
        switch op {
        case .and, .or:
            guard [left.type, right.type].allSatisfy({ $0 == .bool || $0.isNull }) else {
                throw signatureError(op.rawValue, [left, right], at: location)
            }
            return TypedExpression(node: .binary(op, left, right), type: .bool, location: location)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .distinct, .notDistinct:
            let name = op == .distinct ? "IS DISTINCT FROM" : op == .notDistinct ? "IS NOT DISTINCT FROM" : op.rawValue
            if case .record = left.type { return try resolveStructComparison(op, left, right, at: location) }
            try coerceForComparison(&left, &right, op: name, at: location)
            return TypedExpression(node: .binary(op, left, right), type: .bool, location: location)
        case .concat:
            let type: SQLType
            if [left.type, right.type].allSatisfy({ $0 == .string || $0.isNull }) {
                type = .string
            } else if [left.type, right.type].allSatisfy({ $0 == .bytes || $0.isNull }) {
                type = .bytes
            } else if let array = [left.type, right.type].first(where: { !$0.isNull }), case .array = array,
                [left.type, right.type].allSatisfy({ $0 == array || $0.isNull })
            {
                // ARRAY || ARRAY is ARRAY_CONCAT (NULL when either is NULL).
                return TypedExpression(node: .call("gsql_array_concat", [left, right]), type: array, location: location)
            } else {
                throw signatureError("||", [left, right], at: location)
            }
            return TypedExpression(node: .binary(.concat, left, right), type: type, location: location)
        case .add, .subtract, .multiply, .divide:
            if let arithmetic = try intervalArithmetic(op, left, right, at: location) { return arithmetic }
            coerceFloatLiterals(&left, &right)
            guard (left.type.isNumber || left.type.isNull) && (right.type.isNumber || right.type.isNull),
                var type = SQLType.common(left.type, right.type)
            else {
                throw signatureError(op.rawValue, [left, right], at: location)
            }
            if type == .null { type = .int64 }
            if left.type.isDecimal || right.type.isDecimal { return decimalArithmetic(op, left, right, type: type, at: location) }
            if op == .divide {
                let resultType: SQLType = type.isDecimal ? type : .float64
                return TypedExpression(node: .call("gsql_divide", [left, right]), type: resultType, location: location)
            }
            return TypedExpression(node: .binary(op, left, right), type: type, location: location)
        }
    }

    private mutating func resolveCase(
        _ operandSyntax: Expression?, _ branchSyntax: [(Expression, Expression)],
        _ otherwiseSyntax: Expression?, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        var operand = try operandSyntax.map { (syntax) throws(GoogleSQLError) in try resolve(syntax) }
        var branches: [(TypedExpression, TypedExpression)] = []
        var results: [TypedExpression] = []
        for (conditionSyntax, resultSyntax) in branchSyntax {
            var condition = try resolve(conditionSyntax)
            if var subject = operand {
                try coerceForComparison(&subject, &condition, op: "=", at: conditionSyntax.location)
                operand = subject
                condition = TypedExpression(node: .binary(.equal, subject, condition), type: .bool, location: conditionSyntax.location)
            } else if condition.type != .bool && !condition.type.isNull {
                throw fail("CASE WHEN condition must be BOOL, but has type \(condition.type.name)", conditionSyntax.location)
            }
            let result = try resolve(resultSyntax)
            results.append(result)
            branches.append((condition, result))
        }
        let otherwise = try otherwiseSyntax.map { (syntax) throws(GoogleSQLError) in try resolve(syntax) }
        if let otherwise { results.append(otherwise) }
        let type = try supertype(of: results, function: "CASE", at: location)
        var converted = try convertedToSupertype(results, type)
        let otherwiseConverted = otherwise == nil ? nil : converted.removeLast()
        branches = zip(branches, converted).map { ($0.0.0, $0.1) }
        return TypedExpression(node: .caseWhen(branches, otherwise: otherwiseConverted), type: type, location: location)
    }

    func supertype(of values: [TypedExpression], function: String, at location: SourceLocation) throws(GoogleSQLError) -> SQLType {
        var shape = LiteralShape.anything
        for value in values {
            guard let merged = shape.merged(with: literalShape(of: value)) else {
                throw fail("No matching signature for \(function) for argument types: \(values.map(\.type.name).joined(separator: ", "))", location)
            }
            shape = merged
        }
        return shape.type
    }
}
