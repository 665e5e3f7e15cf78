/// SQL for aggregates over a window that SQLite has no window form of: the library's aggregates,
/// the DISTINCT and exact decimal forms of COUNT, SUM and AVG (all registered by `WindowAggregate`),
/// and the aggregates written with a native one (COUNTIF, LOGICAL_AND/OR, ANY_VALUE).
extension SQLiteEmitter {
    /// Emits `function OVER (...)` when the aggregate needs a registered window function or a
    /// rewriting; false leaves it to the native path.
    static func emitRegisteredWindowAggregate(
        _ kind: TypedExpression.Aggregate, _ argument: TypedExpression, distinct: Bool, into out: inout SQLFragment
    ) -> Bool {
        switch kind {
        case .countIf, .logicalAnd, .logicalOr, .anyValue:
            emitAggregate(kind, argument, distinct: false, into: &out)
            return true
        default:
            break
        }
        guard let name = windowFunctionName(kind, argument, distinct: distinct) else { return false }
        var operands = [argument]
        if kind == .library, case .call(_, let inner) = argument.node { operands = inner }
        out.append(name + "(")
        for (index, operand) in operands.enumerated() {
            if index > 0 { out.append(", ") }
            emit(operand, into: &out)
        }
        out.append(")")
        return true
    }

    private static func windowFunctionName(_ kind: TypedExpression.Aggregate, _ argument: TypedExpression, distinct: Bool) -> String? {
        switch kind {
        case .library:
            guard case .call(let function, _) = argument.node else { return nil }
            return WindowAggregate.name(function, distinct: distinct)
        case .count where distinct:
            return WindowAggregate.name(AnalyticAggregates.count, distinct: true)
        case .sum, .avg:
            if let decimal = argument.type.decimalKind {
                let function = kind == .sum ? DecimalFunctions.sumName(decimal) : DecimalFunctions.avgName(decimal)
                return WindowAggregate.name(function, distinct: distinct)
            }
            guard distinct else { return nil }
            if kind == .avg { return WindowAggregate.name(AnalyticAggregates.average, distinct: true) }
            return WindowAggregate.name(argument.type == .float64 ? AnalyticAggregates.sumFloat64 : AnalyticAggregates.sumInt64, distinct: true)
        default:
            return nil
        }
    }
}
