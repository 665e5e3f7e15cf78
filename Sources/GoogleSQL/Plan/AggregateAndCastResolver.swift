import WarehouseSchema

/// Typing and lowering of aggregate functions, CAST and EXTRACT.
extension Resolver {
    // MARK: - Aggregates

    static let aggregates: [String: TypedExpression.Aggregate] = [
        "COUNT": .count, "SUM": .sum, "AVG": .avg, "MIN": .min, "MAX": .max, "COUNTIF": .countIf,
        "LOGICAL_AND": .logicalAnd, "LOGICAL_OR": .logicalOr, "ANY_VALUE": .anyValue, "STRING_AGG": .stringAgg,
        "ARRAY_AGG": .arrayAgg,
    ].merging(libraryAggregates.map { ($0, TypedExpression.Aggregate.library) }) { first, _ in first }

    mutating func resolveAggregate(
        _ kind: TypedExpression.Aggregate, name: String, _ syntax: [Expression],
        distinct: Bool, star: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        if case .forbidden(let clause) = aggregateRule {
            throw fail("Aggregate function \(name) not allowed in \(clause)", location)
        }
        if insideAggregateCall { throw fail("Aggregations of aggregations are not allowed", location) }
        if star {
            guard kind == .count else { throw fail("Syntax error: Unexpected \"*\"", location) }
            return TypedExpression(node: .aggregate(.countStar, nil, distinct: false), type: .int64, location: location)
        }
        if kind == .library || kind == .arrayAgg || kind == .stringAgg {
            return try resolveLibraryAggregate(name, syntax, distinct: distinct, at: location)
        }
        if let having = Self.splitModifiers(syntax).modifiers.having, syntax.filter(Self.isModifier).count == 1 {
            guard kind == .anyValue else {
                throw fail("Unsupported: HAVING MAX/MIN in \(name) is not supported by the local emulator", location)
            }
            return try resolveAnyValueHaving(syntax.filter { !Self.isModifier($0) }, having, at: location)
        }
        if syntax.contains(where: Self.isModifier) {
            throw fail("\(name) does not support ORDER BY, LIMIT or IGNORE/RESPECT NULLS in its arguments", location)
        }
        try expectCount(name, syntax, kind == .stringAgg ? 1...2 : 1...1, at: location)
        insideAggregateCall = true
        defer { insideAggregateCall = false }
        var arguments: [TypedExpression] = []
        for argument in syntax { arguments.append(try resolve(argument)) }
        var value = arguments[0]
        if distinct, !value.type.isGroupable {
            throw fail("Aggregate functions with DISTINCT cannot be used with arguments of type \(value.type.name)", value.location)
        }
        let type: SQLType
        switch kind {
        case .count, .countStar:
            type = .int64
            if distinct { value = collated(value) }
        case .sum, .avg:
            guard value.type.isNumber || value.type.isNull else {
                throw fail("No matching signature for aggregate function \(name) for argument types: \(value.type.name)", location)
            }
            if distinct { value = collated(value) }
            if kind == .avg { type = value.type.isDecimal ? value.type : .float64 } else { type = value.type == .null ? .int64 : value.type }
        case .min, .max:
            guard value.type.isOrderable else {
                throw fail("No matching signature for aggregate function \(name) for argument types: \(value.type.name)", location)
            }
            type = value.type == .null ? .int64 : value.type
            value = collated(value)
        case .countIf:
            guard value.type == .bool || value.type.isNull else {
                throw fail("No matching signature for aggregate function COUNTIF for argument types: \(value.type.name)", location)
            }
            type = .int64
        case .logicalAnd, .logicalOr:
            guard value.type == .bool || value.type.isNull else {
                throw fail("No matching signature for aggregate function \(name) for argument types: \(value.type.name)", location)
            }
            type = .bool
        case .anyValue:
            type = value.type == .null ? .int64 : value.type
        case .arrayAgg, .stringAgg, .library:
            // Resolved by `resolveLibraryAggregate` above.
            throw fail("Function not found: \(context.spelling(of: name, at: location))", location)
        }
        return TypedExpression(node: .aggregate(kind, value, distinct: distinct), type: type, location: location)
    }

    /// ANY_VALUE(x HAVING MAX y) / HAVING MIN: a non-NULL x of a row whose y is the greatest (least)
    /// non-NULL y; NULL when every y (or every such x) is NULL.
    private mutating func resolveAnyValueHaving(
        _ syntax: [Expression], _ having: (expression: Expression, greatest: Bool), at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        try expectCount("ANY_VALUE", syntax, 1...1, at: location)
        insideAggregateCall = true
        defer { insideAggregateCall = false }
        let value = try resolve(syntax[0])
        let key = try resolve(having.expression)
        guard key.type.isOrderable || key.type.isNull else {
            throw fail("HAVING MAX/MIN does not support expressions of type \(key.type.name)", having.expression.location)
        }
        if case .array = key.type {
            throw fail("HAVING MAX/MIN does not support expressions of type \(key.type.name)", having.expression.location)
        }
        let type: SQLType = value.type.isNull ? .int64 : value.type
        let function = having.greatest ? LibraryAggregates.anyValueHavingMax : LibraryAggregates.anyValueHavingMin
        let operands = [value, try sortKey(key, at: having.expression.location)]
        return TypedExpression(
            node: .aggregate(.library, call(function, operands, type, at: location), distinct: false), type: type, location: location)
    }

    // MARK: - CAST and EXTRACT

    mutating func resolveCast(
        _ value: TypedExpression, to typeName: TypeName, safe: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        if typeName.hasParameters { return try resolveParameterizedCast(value, to: typeName, safe: safe, at: location) }
        guard case .scalar(let name, _) = typeName else { return try resolveCompositeCast(value, to: typeName, safe: safe, at: location) }
        guard let target = FieldType(apiName: name), target != .record else {
            if name.hasPrefix("RANGE<") { throw rangeElementError(name, at: location) }
            throw fail("Type not found: \(name)", location)
        }
        return try castValue(value, to: target, safe: safe, at: location)
    }

    func castValue(_ value: TypedExpression, to target: FieldType, safe: Bool, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression
    {
        switch value.type {
        case .null:
            return .constant(.null, .scalar(target), at: location)
        case .scalar(let source):
            if source == target { return TypedExpression(node: value.node, type: .scalar(target), location: location) }
            guard Casts.isSupported(from: source, to: target) else {
                throw fail("Invalid cast from \(source.standardSQLName) to \(target.standardSQLName)", location)
            }
            if let zoned = try castInDefaultZone(value, from: source, to: target, safe: safe, at: location) { return zoned }
            return runtimeCast(value, from: source, to: target, safe: safe, at: location)
        default:
            throw fail("Invalid cast from \(value.type.name) to \(target.standardSQLName)", location)
        }
    }

    /// The runtime's CAST of a value of type `source` (`gsql_cast`), checked by the caller.
    func runtimeCast(
        _ value: TypedExpression, from source: FieldType, to target: FieldType, safe: Bool, at location: SourceLocation
    )
        -> TypedExpression
    {
        call(
            "gsql_cast",
            [value, text(source.rawValue, at: location), text(target.rawValue, at: location), .constant(.bool(safe), .bool, at: location)],
            .scalar(target), at: location)
    }

    func resolveExtract(_ part: String, _ value: TypedExpression, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        // A TIMESTAMP's parts are those of its civil time in the default zone.
        let value = try civilTimeInDefaultZone(value)
        let kind: String
        var allowed: Set<String> = ["YEAR", "QUARTER", "MONTH", "DAY", "DAYOFWEEK", "DAYOFYEAR", "WEEK", "ISOWEEK", "ISOYEAR"]
        let timeParts: Set<String> = ["HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"]
        if value.type == .interval { return try intervalExtract(part, value, at: location) }
        switch value.type {
        case .timestamp, .datetime:
            kind = value.type == .timestamp ? "TIMESTAMP" : "DATETIME"
            allowed.formUnion(timeParts.union(["DATE", "TIME"]))
        case .date: kind = "DATE"
        case .time:
            kind = "TIME"
            allowed = timeParts
        default:
            throw fail("No matching signature for function EXTRACT for argument types: DATE_TIME_PART, \(value.type.name)", location)
        }
        guard allowed.contains(part.hasPrefix("WEEK(") ? "WEEK" : part) else {
            throw fail("EXTRACT from \(kind) does not support the \(part) date part", location)
        }
        let type: SQLType = part == "DATE" ? .date : part == "TIME" ? .time : .int64
        return call("gsql_extract", [text(part, at: location), value, text(kind, at: location)], type, at: location)
    }
}
