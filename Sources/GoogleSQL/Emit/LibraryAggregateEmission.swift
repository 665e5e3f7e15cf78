/// SQL for the library's aggregates: the argument is a call of the registered SQLite aggregate.
extension SQLiteEmitter {
    static func emitLibraryAggregate(_ argument: TypedExpression, distinct: Bool, into out: inout SQLFragment) {
        guard case .call(let function, let operands) = argument.node else { return emit(argument, into: &out) }
        out.append(function + (distinct ? "(DISTINCT " : "("))
        for (index, operand) in operands.enumerated() {
            if index > 0 { out.append(", ") }
            emit(operand, into: &out)
        }
        out.append(")")
    }
}
