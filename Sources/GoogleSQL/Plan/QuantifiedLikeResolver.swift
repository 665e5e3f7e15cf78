import WarehouseSchema

/// `x [NOT] LIKE {ANY | SOME | ALL} (patterns)`: the patterns (a list, a subquery's rows or an array)
/// go to `gsql_like_quantified` as one JSON array, which applies the reference's semantics rules: the
/// NULL rules of ORed (ANY) or ANDed (ALL) LIKE tests, and for an empty set of patterns answers that
/// differ between the subquery and the array form.
extension Resolver {
    mutating func resolveQuantifiedLike(
        _ operandSyntax: Expression, _ like: QuantifiedLike, negated: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let value = try resolve(operandSyntax)
        let name = (negated ? "NOT LIKE " : "LIKE ") + (like.all ? "ALL" : "ANY")
        guard value.type == .string || value.type == .bytes || value.type.isNull else {
            throw signatureError(name, [value], at: location)
        }
        func check(_ pattern: TypedExpression) throws(GoogleSQLError) {
            guard pattern.type.isNull || value.type.isNull && (pattern.type == .string || pattern.type == .bytes) || pattern.type == value.type
            else { throw signatureError(name, [value, pattern], at: location) }
        }
        switch like.patterns {
        case .list(let syntax):
            // As one array of the patterns, not a chain of ORs: a list of 20,000 patterns would nest
            // that deep. A list is never empty, so the array form's empty-set rule never applies.
            var patterns: [TypedExpression] = []
            for patternSyntax in syntax {
                let pattern = try resolve(patternSyntax)
                try check(pattern)
                patterns.append(pattern)
            }
            let type = value.type.isNull ? (patterns.first { !$0.type.isNull }?.type ?? .string) : value.type
            let array = TypedExpression(
                node: .call("json_array", patterns.map { embedded(TypedExpression(node: $0.node, type: type, location: $0.location)) }),
                type: .array(type), location: location)
            return quantifiedLike(value, patterns: array, all: like.all, negated: negated, fromArray: true, at: location)
        case .array(let arraySyntax):
            let array = try resolve(arraySyntax)
            guard case .array(let element) = array.type else {
                throw fail("Values referenced in UNNEST must be arrays. UNNEST contains expression of type \(array.type.name)", arraySyntax.location)
            }
            try check(TypedExpression(node: .constant(.null), type: element, location: location))
            return quantifiedLike(value, patterns: array, all: like.all, negated: negated, fromArray: true, at: location)
        case .subquery(let query):
            let planned = try QueryExpressionPlanner(context: context).plan(query, parent: scope)
            guard planned.columns.count == 1 else { throw fail("Subquery of a quantified LIKE must have only one output column", location) }
            let type = planned.columns[0].type
            try check(TypedExpression(node: .constant(.null), type: type, location: location))
            // The rows as a JSON array (BYTES as base64, as an ARRAY<BYTES> holds them).
            let patterns = TypedExpression(node: .subquery(SubqueryValue(form: .array, sql: planned.sql)), type: .array(type), location: location)
            return quantifiedLike(value, patterns: patterns, all: like.all, negated: negated, fromArray: false, at: location)
        }
    }

    /// `gsql_like_quantified(value, patterns, flags)`; flags: 1 ALL, 2 NOT, 4 the patterns are an
    /// array (not a subquery's rows), 8 BYTES.
    private func quantifiedLike(
        _ value: TypedExpression, patterns: TypedExpression, all: Bool, negated: Bool, fromArray: Bool, at location: SourceLocation
    ) -> TypedExpression {
        var isBytes = value.type == .bytes
        if case .array(.scalar(.bytes)) = patterns.type { isBytes = true }
        let flags = (all ? 1 : 0) | (negated ? 2 : 0) | (fromArray ? 4 : 0) | (isBytes ? 8 : 0)
        return call("gsql_like_quantified", [value, patterns, .constant(.int64(Int64(flags)), .int64, at: location)], .bool, at: location)
    }
}
