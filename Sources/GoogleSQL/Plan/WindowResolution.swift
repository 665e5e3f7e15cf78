import WarehouseSchema

/// `f(...) OVER (...)`: numbering, navigation and aggregate functions over a window. SQLite computes
/// the numbering, navigation and plain aggregate ones natively; the others are window functions the
/// runtime registers (`WindowAggregate`).
extension Resolver {
    private static let numbering: [String: SQLType] = [
        "ROW_NUMBER": .int64, "RANK": .int64, "DENSE_RANK": .int64, "PERCENT_RANK": .float64, "CUME_DIST": .float64,
        "NTILE": .int64,
    ]
    private static let navigation: Set<String> = ["LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE"]

    mutating func resolveWindowCall(
        _ call: Expression, _ syntax: WindowSpecification, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        guard case .call(let name, let arguments, let distinct, let star) = call.kind else {
            throw fail("Syntax error: Unexpected OVER", location)
        }
        if case .forbidden(let clause) = windowRule {
            throw fail("Analytic function not allowed in \(clause)", location)
        }
        let specification = try merged(syntax)
        if name == "IS_FIRST" || name == "IS_LAST" {
            return try resolveFirstOrLast(name, arguments, specification, at: location)
        }
        let takesFrame: Bool
        var function: TypedExpression
        if let type = Self.numbering[name] {
            try expectCount(name, arguments, name == "NTILE" ? 1...1 : 0...0, at: location)
            var resolved: [TypedExpression] = []
            if name == "NTILE" {
                let buckets = try resolveInner(arguments[0])
                guard buckets.type == .int64 || buckets.type.isNull else { throw functionSignatureError(name, [buckets], at: location) }
                resolved.append(buckets)
            }
            if name != "ROW_NUMBER", name != "NTILE", specification.orderBy.isEmpty {
                throw fail("Window ORDER BY is required for analytic function \(name)", location)
            }
            function = TypedExpression(node: .call(name, resolved), type: type, location: location)
            takesFrame = false
        } else if Self.navigation.contains(name) {
            let counts: ClosedRange<Int> = name == "LAG" || name == "LEAD" ? 1...3 : name == "NTH_VALUE" ? 2...2 : 1...1
            try expectCount(name, arguments, counts, at: location)
            var resolved: [TypedExpression] = []
            for argument in arguments { resolved.append(try resolveInner(argument)) }
            for (index, argument) in resolved.enumerated().dropFirst() where index == 1 {
                guard argument.type == .int64, case .constant = argument.node else {
                    throw fail("Argument 2 to \(name) must be a literal or query parameter of type INT64", argument.location)
                }
            }
            if resolved.count == 3 {
                guard SQLType.common(resolved[0].type, resolved[2].type) != nil else { throw functionSignatureError(name, resolved, at: location) }
                resolved[2] = converted(resolved[2], toNumber: resolved[0].type)
            }
            if name == "LAG" || name == "LEAD", specification.orderBy.isEmpty {
                throw fail("Window ORDER BY is required for analytic function \(name)", location)
            }
            function = TypedExpression(node: .call(name, resolved), type: resolved[0].type, location: location)
            takesFrame = name != "LAG" && name != "LEAD"
        } else if name == "PERCENTILE_CONT" || name == "PERCENTILE_DISC" {
            return try resolvePercentile(name, arguments, distinct: distinct, specification, at: location)
        } else if Self.aggregates[name] != nil {
            try checkAnalyticAggregate(name, arguments, distinct: distinct, specification, at: location)
            let saved = (aggregateRule, insideAggregateCall)
            aggregateRule = .allowed
            insideAggregateCall = false
            defer { (aggregateRule, insideAggregateCall) = saved }
            function = try resolveCall(name, arguments, distinct: distinct, star: star, at: location)
            takesFrame = true
        } else {
            throw fail("Unsupported: \(name) with an OVER clause is not supported by the local emulator", location)
        }
        if specification.frame != nil, !takesFrame {
            throw fail("Window framing clause is not allowed for analytic function \(name.lowercased())", location)
        }
        let window = try resolveWindow(specification, at: location)
        // ARRAY_AGG of STRUCT is a conversion of the aggregate's result: the window goes inside it.
        if case .call(let wrapper, let inner) = function.node, inner.count == 1, case .aggregate = inner[0].node {
            let aggregate = TypedExpression(node: .window(inner[0], window), type: inner[0].type, location: location)
            return TypedExpression(node: .call(wrapper, [aggregate]), type: function.type, location: location)
        }
        return TypedExpression(node: .window(function, window), type: function.type, location: location)
    }

    /// What an aggregate called with OVER may not have: ORDER BY, LIMIT or HAVING in its arguments, IGNORE or
    /// RESPECT NULLS (but ARRAY_AGG), and with DISTINCT a window ORDER BY or frame.
    private func checkAnalyticAggregate(
        _ name: String, _ arguments: [Expression], distinct: Bool, _ specification: WindowSpecification, at location: SourceLocation
    ) throws(GoogleSQLError) {
        let modifiers = Self.splitModifiers(arguments).modifiers
        if !modifiers.orderBy.isEmpty { throw fail("ORDER BY in arguments is not supported on analytic functions", location) }
        if modifiers.limit != nil { throw fail("LIMIT in arguments is not supported on analytic functions", location) }
        if modifiers.having != nil { throw fail("HAVING modifier is not supported on analytic functions", location) }
        if modifiers.ignoreNulls != nil, name != "ARRAY_AGG" {
            throw fail("IGNORE NULLS and RESPECT NULLS are not allowed for analytic function \(name)", location)
        }
        guard distinct else { return }
        if !specification.orderBy.isEmpty { throw fail("Window ORDER BY is not allowed if DISTINCT is specified", location) }
        if specification.frame != nil { throw fail("Window framing clause is not allowed if DISTINCT is specified", location) }
    }

    /// PERCENTILE_CONT(value, percentile [RESPECT|IGNORE NULLS]) and PERCENTILE_DISC over a window of
    /// PARTITION BY alone; the percentile is a constant in [0, 1]. CONT takes FLOAT64 (INT64 and
    /// decimals convert), or decimals with a decimal percentile; DISC any orderable value, which it returns.
    private mutating func resolvePercentile(
        _ name: String, _ syntax: [Expression], distinct: Bool, _ specification: WindowSpecification, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let lowercased = name.lowercased()
        let (argumentSyntax, modifiers) = Self.splitModifiers(syntax)
        if !modifiers.orderBy.isEmpty { throw fail("ORDER BY in arguments is not supported on analytic functions", location) }
        if modifiers.limit != nil { throw fail("LIMIT in arguments is not supported on analytic functions", location) }
        if modifiers.having != nil { throw fail("HAVING modifier is not supported on analytic functions", location) }
        if distinct { throw fail("DISTINCT is not allowed for analytic function \(lowercased)", location) }
        if !specification.orderBy.isEmpty { throw fail("Window ORDER BY is not allowed for analytic function \(lowercased)", location) }
        if specification.frame != nil { throw fail("Window framing clause is not allowed for analytic function \(lowercased)", location) }
        try expectCount(name, argumentSyntax, 2...2, at: location)
        var value = try resolveInner(argumentSyntax[0])
        let percentile = try resolveInner(argumentSyntax[1])
        guard percentile.type.isNumber || percentile.type.isNull else { throw functionSignatureError(name, [value, percentile], at: location) }
        guard let constant = ConstantFolding.evaluate(percentile) else {
            throw fail("Argument 2 to \(name) must be a literal or query parameter", percentile.location)
        }
        guard let fraction = Casts.double(constant) else { throw fail("Argument 2 to \(name) must be non-NULL", percentile.location) }
        guard fraction >= 0, fraction <= 1 else { throw fail("Argument 2 to \(name) must be between 0 and 1", percentile.location) }
        let respectNulls = TypedExpression.constant(.bool(modifiers.ignoreNulls == false), .bool, at: location)
        let fractionValue = TypedExpression.constant(.float64(fraction), .float64, at: percentile.location)
        let aggregate: TypedExpression
        if name == "PERCENTILE_CONT" {
            guard value.type.isNumber || value.type.isNull else { throw functionSignatureError(name, [value, percentile], at: location) }
            if value.type.isDecimal, percentile.type.isDecimal {
                // Decimals with a decimal percentile stay exact, in the wider of the two types.
                let wide = SQLType.scalar(.bignumeric)
                let type: SQLType = value.type == wide || percentile.type == wide ? wide : .numeric
                let function = AnalyticAggregates.percentileCont(type.decimalKind ?? .numeric)
                let operands = [converted(value, toNumber: type), converted(percentile, toNumber: type), respectNulls]
                aggregate = call(function, operands, type, at: location)
            } else {
                value = converted(value, toNumber: .float64)
                aggregate = call(AnalyticAggregates.percentileCont, [value, fractionValue, respectNulls], .float64, at: location)
            }
        } else {
            guard value.type.isOrderable || value.type.isNull else { throw functionSignatureError(name, [value, percentile], at: location) }
            let type: SQLType = value.type.isNull ? .int64 : value.type
            aggregate = call(AnalyticAggregates.percentileDisc, [value, sortKey(value), fractionValue, respectNulls], type, at: location)
        }
        let function = TypedExpression(node: .aggregate(.library, aggregate, distinct: false), type: aggregate.type, location: location)
        let window = try resolveWindow(specification, at: location)
        return TypedExpression(node: .window(function, window), type: function.type, location: location)
    }

    /// IS_FIRST(k) / IS_LAST(k): whether the row is among the first (last) k of its partition in
    /// window order, as `ROW_NUMBER() <= k` over the window (its ordering reversed for IS_LAST).
    private mutating func resolveFirstOrLast(
        _ name: String, _ arguments: [Expression], _ specification: WindowSpecification, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        try expectCount(name, arguments, 1...1, at: location)
        let count = try resolveInner(arguments[0])
        guard count.type == .int64, case .constant(.int64(let k)) = count.node else {
            throw fail("Argument 1 to \(name) must be a literal or query parameter of type INT64", count.location)
        }
        guard k >= 0 else { throw fail("Argument 1 to \(name) must be non-negative", count.location) }
        if specification.frame != nil {
            throw fail("Window framing clause is not allowed for analytic function \(name.lowercased())", location)
        }
        var window = try resolveWindow(specification, at: location)
        if name == "IS_LAST" {
            // The reverse of each key, NULLs included (GoogleSQL puts them first in ascending order).
            window.order = window.order.map { key in
                .init(expression: key.expression, descending: !key.descending, nullsFirst: !(key.nullsFirst ?? !key.descending))
            }
        }
        let rowNumber = TypedExpression(
            node: .window(TypedExpression(node: .call("ROW_NUMBER", []), type: .int64, location: location), window), type: .int64,
            location: location)
        return TypedExpression(node: .binary(.lessOrEqual, rowNumber, count), type: .bool, location: location)
    }

    /// An argument of a window function: an expression of the row (or of the group, after GROUP BY).
    private mutating func resolveInner(_ syntax: Expression) throws(GoogleSQLError) -> TypedExpression {
        let saved = windowRule
        windowRule = .forbidden("an analytic function argument")
        defer { windowRule = saved }
        return try resolve(syntax)
    }

    /// `OVER w` / `OVER (w ORDER BY ...)`: the named window's parts, then this one's.
    private func merged(_ syntax: WindowSpecification) throws(GoogleSQLError) -> WindowSpecification {
        guard let base = syntax.base else { return syntax }
        guard let named = namedWindows[base.lowercased()] else { throw fail("Unrecognized window alias \(base)", syntax.location) }
        var result = try merged(named)
        if !syntax.partitionBy.isEmpty {
            throw fail("PARTITION BY clause is not allowed in a window that references window \(base)", syntax.location)
        }
        if !syntax.orderBy.isEmpty {
            guard result.orderBy.isEmpty else {
                throw fail("ORDER BY clause is not allowed in a window that references window \(base) with ORDER BY", syntax.location)
            }
            result.orderBy = syntax.orderBy
        }
        if let frame = syntax.frame { result.frame = frame }
        result.base = nil
        result.location = syntax.location
        return result
    }

    private mutating func resolveWindow(_ syntax: WindowSpecification, at location: SourceLocation) throws(GoogleSQLError) -> WindowSQL {
        var partition: [TypedExpression] = []
        for key in syntax.partitionBy {
            let value = try resolveInner(key)
            guard value.type.isOrderable else { throw fail("Partitioning by expressions of type \(value.type.name) is not allowed", key.location) }
            partition.append(sortKey(value))
        }
        // RANGE with an offset compares the ORDER BY value itself, so it must be one number.
        var rangeOffsets = false
        if let frame = syntax.frame, frame.unit == .range {
            for bound in [frame.start] + (frame.end.map { [$0] } ?? []) {
                if case .preceding = bound { rangeOffsets = true }
                if case .following = bound { rangeOffsets = true }
            }
        }
        var order: [WindowSQL.Ordering] = []
        for term in syntax.orderBy {
            let value = try resolveInner(term.expression)
            guard value.type.isOrderable else {
                throw fail("ORDER BY does not support expressions of type \(value.type.name)", term.expression.location)
            }
            if rangeOffsets {
                guard syntax.orderBy.count == 1, value.type == .int64 || value.type == .float64 else {
                    throw fail(
                        "RANGE window frame with offset PRECEDING or FOLLOWING requires exactly one numeric ORDER BY expression",
                        term.expression.location)
                }
                order.append(.init(expression: value, descending: term.descending, nullsFirst: term.nullsFirst))
            } else {
                order.append(.init(expression: sortKey(value), descending: term.descending, nullsFirst: term.nullsFirst))
            }
        }
        if rangeOffsets, order.isEmpty {
            throw fail("RANGE window frame with offset PRECEDING or FOLLOWING requires exactly one numeric ORDER BY expression", location)
        }
        var frameText: String?
        if let frame = syntax.frame {
            let start = try boundText(frame.start)
            var end = "CURRENT ROW"
            if let bound = frame.end { end = try boundText(bound) }
            if case .unboundedFollowing = frame.start { throw fail("Window frame start cannot be UNBOUNDED FOLLOWING", location) }
            if case .unboundedPreceding = frame.end { throw fail("Window frame end cannot be UNBOUNDED PRECEDING", location) }
            frameText = "\(frame.unit.rawValue) BETWEEN \(start) AND \(end)"
        }
        return WindowSQL(partition: partition, order: order, frame: frameText)
    }

    /// A frame bound as SQL: keywords, or a non-negative INT64 constant written as digits.
    private mutating func boundText(_ bound: WindowFrame.Bound) throws(GoogleSQLError) -> String {
        switch bound {
        case .unboundedPreceding: return "UNBOUNDED PRECEDING"
        case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
        case .currentRow: return "CURRENT ROW"
        case .preceding(let syntax): return "\(try offset(syntax)) PRECEDING"
        case .following(let syntax): return "\(try offset(syntax)) FOLLOWING"
        }
    }

    private mutating func offset(_ syntax: Expression) throws(GoogleSQLError) -> Int64 {
        let value = try resolveInner(syntax)
        guard value.type == .int64, case .constant(.int64(let number)) = value.node else {
            throw fail("Window frame offset must be a literal or query parameter of type INT64", syntax.location)
        }
        guard number >= 0 else { throw fail("Window frame offset cannot be negative", syntax.location) }
        return number
    }
}
