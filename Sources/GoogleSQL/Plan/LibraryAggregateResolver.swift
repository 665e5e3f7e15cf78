import WarehouseSchema

/// Aggregates of the library (Runtime/LibraryAggregates.swift) and the modifiers inside aggregate
/// calls, which the parser passes as trailing `$IGNORE_NULLS()`, `$RESPECT_NULLS()`, `$ORDER_ASC(e)`,
/// `$ORDER_DESC(e)` and `$LIMIT(n)` arguments.
extension Resolver {
    static let libraryAggregates: Set<String> = [
        "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE", "VAR_SAMP", "VAR_POP", "CORR", "COVAR_POP", "COVAR_SAMP",
        "BIT_AND", "BIT_OR", "BIT_XOR", "APPROX_COUNT_DISTINCT", "APPROX_QUANTILES", "APPROX_TOP_COUNT", "APPROX_TOP_SUM",
        "ARRAY_CONCAT_AGG", "MAX_BY", "MIN_BY", "HLL_COUNT.INIT", "HLL_COUNT.MERGE", "HLL_COUNT.MERGE_PARTIAL",
        "ST_CENTROID_AGG", "ST_EXTENT", "ST_UNION_AGG",
    ]

    struct AggregateModifiers {
        var ignoreNulls: Bool?
        var orderBy: [(expression: Expression, descending: Bool)] = []
        var limit: Expression?
        /// `HAVING MAX e` (greatest) or `HAVING MIN e`.
        var having: (expression: Expression, greatest: Bool)?
        var isEmpty: Bool { ignoreNulls == nil && orderBy.isEmpty && limit == nil && having == nil }
    }

    static func isModifier(_ syntax: Expression) -> Bool {
        if case .call(let name, _, _, _) = syntax.kind {
            return name.hasPrefix("$") && !name.hasPrefix("$BIT") && !name.hasPrefix("$SHIFT") && !name.hasPrefix("$SUBSCRIPT")
                && !name.hasPrefix("$NAMED_")
        }
        return false
    }

    static func splitModifiers(_ syntax: [Expression]) -> (arguments: [Expression], modifiers: AggregateModifiers) {
        var modifiers = AggregateModifiers()
        var arguments: [Expression] = []
        for argument in syntax {
            guard isModifier(argument), case .call(let name, let inner, _, _) = argument.kind else {
                arguments.append(argument)
                continue
            }
            switch name {
            case "$IGNORE_NULLS": modifiers.ignoreNulls = true
            case "$RESPECT_NULLS": modifiers.ignoreNulls = false
            case "$ORDER_ASC", "$ORDER_DESC": modifiers.orderBy.append((inner[0], name == "$ORDER_DESC"))
            case "$HAVING_MAX", "$HAVING_MIN": modifiers.having = (inner[0], name == "$HAVING_MAX")
            default: modifiers.limit = inner.first
            }
        }
        return (arguments, modifiers)
    }

    /// A value ordered as GoogleSQL orders its type: FLOAT64 and decimals through their sort keys.
    func sortKey(_ value: TypedExpression, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        guard value.type.isOrderable else { throw fail("Aggregate ORDER BY does not support expressions of type \(value.type.name)", location) }
        if value.type == .float64 { return call(FloatSemantics.sortKeyFunctionName, [value], .bytes, at: value.location) }
        if value.type.isDecimal { return call(DecimalOrdering.sortKeyFunctionName, [value], .bytes, at: value.location) }
        return value
    }

    private mutating func constantInt(_ syntax: Expression, _ what: String) throws(GoogleSQLError) -> TypedExpression {
        let value = try resolve(syntax)
        guard case .constant = value.node, value.type == .int64 else {
            throw fail("\(what) must be an INT64 literal or query parameter", syntax.location)
        }
        if case .constant(.int64(let number)) = value.node, number < 0 { throw fail("\(what) must not be negative", syntax.location) }
        return value
    }

    private func flag(_ value: Bool, at location: SourceLocation) -> TypedExpression { .constant(.bool(value), .bool, at: location) }

    /// ARRAY_AGG, STRING_AGG and the library's aggregates; called by `resolveAggregate` once the
    /// clause rules are checked.
    mutating func resolveLibraryAggregate(
        _ name: String, _ syntax: [Expression], distinct: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let (argumentSyntax, modifiers) = Self.splitModifiers(syntax)
        if modifiers.having != nil { throw fail("Unsupported: HAVING MAX/MIN in \(name) is not supported by the local emulator", location) }
        let ordered = name == "ARRAY_AGG" || name == "STRING_AGG" || name == "ARRAY_CONCAT_AGG"
        if !ordered, !modifiers.orderBy.isEmpty || modifiers.limit != nil {
            throw fail("\(name) does not support ORDER BY or LIMIT in its arguments", location)
        }
        if modifiers.ignoreNulls != nil, name != "ARRAY_AGG", name != "APPROX_QUANTILES" {
            throw fail("IGNORE NULLS and RESPECT NULLS are not allowed for aggregate function \(name)", location)
        }
        let counts: [String: ClosedRange<Int>] = [
            "STRING_AGG": 1...2, "CORR": 2...2, "COVAR_POP": 2...2, "COVAR_SAMP": 2...2, "APPROX_QUANTILES": 2...2, "APPROX_TOP_COUNT": 2...2,
            "APPROX_TOP_SUM": 3...3, "MAX_BY": 2...2, "MIN_BY": 2...2, "HLL_COUNT.INIT": 1...2,
        ]
        try expectCount(name, argumentSyntax, counts[name] ?? 1...1, at: location)
        insideAggregateCall = true
        defer { insideAggregateCall = false }
        let arguments = try resolveArguments(argumentSyntax)
        func signature() -> GoogleSQLError {
            fail(
                "No matching signature for aggregate function \(name) for argument types: \(arguments.map(\.type.name).joined(separator: ", "))",
                location)
        }
        func library(_ function: String, _ operands: [TypedExpression], _ type: SQLType, distinct: Bool = false) -> TypedExpression {
            TypedExpression(
                node: .aggregate(.library, call(function, operands, type, at: location), distinct: distinct), type: type, location: location)
        }
        var orderTerms: [(key: TypedExpression, descending: Bool)] = []
        for term in modifiers.orderBy {
            orderTerms.append((try sortKey(try resolve(term.expression), at: term.expression.location), term.descending))
        }
        let limit =
            try modifiers.limit.map { (syntax) throws(GoogleSQLError) in try constantInt(syntax, "LIMIT in \(name)") } ?? int(-1, at: location)
        var valueKey: String?
        if distinct { valueKey = (try? sortKey(arguments[0], at: location))?.key }
        if distinct, !orderTerms.isEmpty, orderTerms.count != 1 || orderTerms[0].key.key != valueKey {
            throw fail(
                "An aggregate function that has both DISTINCT and ORDER BY arguments can only ORDER BY expressions that are arguments to the function",
                location)
        }
        let orderOperands = orderTerms.map { flag($0.descending, at: location) } + orderTerms.map(\.key)
        let value = arguments[0]
        switch name {
        case "ARRAY_AGG":
            if case .record = value.type {
                // The aggregate collects each STRUCT's JSON text as a string; the strings become objects.
                let collected = library(
                    "gsql_array_agg",
                    [value, flag(modifiers.ignoreNulls ?? false, at: location), flag(distinct, at: location), limit] + orderOperands,
                    .array(value.type))
                return call("gsql_array_parse_elements", [collected], .array(value.type), at: location)
            }
            guard case .scalar(let scalar) = value.type, scalar != .json else {
                if value.type.isNull {
                    return library(
                        "gsql_array_agg",
                        [value, flag(modifiers.ignoreNulls ?? false, at: location), flag(distinct, at: location), limit] + orderOperands,
                        .array(.int64))
                }
                throw fail("Unsupported: ARRAY_AGG of \(value.type.name) is not supported by the local emulator", location)
            }
            return library(
                "gsql_array_agg", [value, flag(modifiers.ignoreNulls ?? false, at: location), flag(distinct, at: location), limit] + orderOperands,
                .array(value.type))
        case "STRING_AGG":
            let type: SQLType = value.type == .bytes ? .bytes : .string
            guard arguments.allSatisfy({ $0.type == type || $0.type.isNull }) else { throw signature() }
            let separator =
                arguments.count == 2 ? arguments[1] : .constant(type == .bytes ? .bytes(Array(",".utf8)) : .string(","), type, at: location)
            return library("gsql_string_agg", [value, separator, flag(distinct, at: location), limit] + orderOperands, type)
        case "ARRAY_CONCAT_AGG":
            guard case .array = value.type, !distinct else { throw signature() }
            return library("gsql_array_concat_agg", [value, limit] + orderOperands, value.type)
        case "APPROX_TOP_COUNT":
            guard case .scalar(let scalar) = value.type.isNull ? .int64 : value.type, scalar != .json, scalar != .float else { throw signature() }
            let number = try constantInt(argumentSyntax[1], "The number of elements of APPROX_TOP_COUNT")
            let element = SQLType.record([TableFieldSchema(name: "value", type: scalar), TableFieldSchema(name: "count", type: .integer)])
            return library("gsql_approx_top_count", [value, try sortKey(value, at: location), number], .array(element))
        case "APPROX_TOP_SUM":
            guard case .scalar(let scalar) = value.type.isNull ? .int64 : value.type, value.type.isGroupable, !distinct else { throw signature() }
            let weight = arguments[1]
            let kinds: [SQLType: Int64] = [.int64: 0, .float64: 1, .numeric: 2, .scalar(.bignumeric): 3]
            guard let kind = kinds[weight.type.isNull ? .int64 : weight.type] else { throw signature() }
            let number = try constantInt(argumentSyntax[2], "The number of elements of APPROX_TOP_SUM")
            let sumType: FieldType =
                weight.type.isNull
                ? .integer : (weight.type == .float64 ? .float : weight.type == .numeric ? .numeric : kind == 3 ? .bignumeric : .integer)
            let element = SQLType.record([TableFieldSchema(name: "value", type: scalar), TableFieldSchema(name: "sum", type: sumType)])
            return library(
                "gsql_approx_top_sum", [value, try sortKey(value, at: location), weight, number, int(kind, at: location)], .array(element))
        case "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE", "VAR_SAMP", "VAR_POP":
            guard value.type.isNumber || value.type.isNull else { throw signature() }
            let function =
                switch name {
                case "STDDEV", "STDDEV_SAMP": "gsql_stddev_samp"
                case "STDDEV_POP": "gsql_stddev_pop"
                case "VAR_POP": "gsql_var_pop"
                default: "gsql_var_samp"
                }
            return library(function, [distinct ? collated(value) : value], .float64, distinct: distinct)
        case "CORR", "COVAR_POP", "COVAR_SAMP":
            guard arguments.allSatisfy({ $0.type.isNumber || $0.type.isNull }), !distinct else { throw signature() }
            return library("gsql_" + name.lowercased(), arguments, .float64)
        case "MAX_BY", "MIN_BY":
            // ANY_VALUE(x HAVING MAX y): the x of a row with the greatest (least) non-NULL y.
            guard arguments[1].type.isOrderable || arguments[1].type.isNull, !distinct else { throw signature() }
            let type: SQLType = value.type.isNull ? .int64 : value.type
            return library("gsql_" + name.lowercased(), [value, try sortKey(arguments[1], at: location)], type)
        case "BIT_AND", "BIT_OR", "BIT_XOR":
            guard value.type == .int64 || value.type.isNull else { throw signature() }
            return library("gsql_" + name.lowercased() + "_agg", [value], .int64, distinct: distinct)
        case "HLL_COUNT.INIT":
            let inputTypes: [SQLType: HLLSketch.InputType] = [
                .int64: .int64, .numeric: .numeric, .scalar(.bignumeric): .bignumeric, .string: .string, .bytes: .bytes,
            ]
            guard let inputType = inputTypes[value.type.isNull ? .int64 : value.type], !distinct else { throw signature() }
            let precision =
                arguments.count == 2 ? try constantInt(argumentSyntax[1], "The precision of HLL_COUNT.INIT") : int(15, at: location)
            // Decimals by their canonical text, so equal values fingerprint alike whatever their spelling.
            let operand = value.type.isDecimal ? collated(value) : value
            return library("gsql_hll_init", [operand, int(Int64(inputType.rawValue), at: location), precision], .bytes)
        case "HLL_COUNT.MERGE", "HLL_COUNT.MERGE_PARTIAL":
            guard value.type == .bytes || value.type.isNull, !distinct else { throw signature() }
            let partial = name == "HLL_COUNT.MERGE_PARTIAL"
            return library(partial ? "gsql_hll_merge_partial" : "gsql_hll_merge", [value], partial ? .bytes : .int64)
        case "ST_CENTROID_AGG", "ST_EXTENT", "ST_UNION_AGG":
            return library(try geographyAggregateFunction(name, value, distinct: distinct, at: location), [value], geographyAggregateType(name))
        case "APPROX_COUNT_DISTINCT":
            guard value.type.isOrderable else { throw signature() }
            return TypedExpression(node: .aggregate(.count, collated(value), distinct: true), type: .int64, location: location)
        case "APPROX_QUANTILES":
            guard value.type.isOrderable else { throw signature() }
            let number = try constantInt(argumentSyntax[1], "The number of quantiles of APPROX_QUANTILES")
            let type: SQLType = value.type.isNull ? .int64 : value.type
            let respectNulls = !(modifiers.ignoreNulls ?? true)
            return library(
                "gsql_approx_quantiles",
                [value, try sortKey(value, at: location), number, flag(respectNulls, at: location), flag(distinct, at: location)], .array(type))
        default:
            throw fail("Function not found: \(context.spelling(of: name, at: location))", location)
        }
    }
}
