import WarehouseSchema

/// Entry to the function library's families (time zones and parsing, strings, JSON, arrays, math,
/// hashing, NET), and the `SAFE.` prefix. Each family answers nil for a name it does not know.
extension Resolver {
    mutating func resolveLibraryCall(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression? {
        if syntax.contains(where: Self.isModifier) {
            throw fail("Non-aggregate function \(name) cannot take ORDER BY, LIMIT or IGNORE/RESPECT NULLS", location)
        }
        if name.hasPrefix(Self.namedArgumentPrefix) { throw namedArgumentError(name, at: location) }
        if name.hasPrefix("SAFE.") {
            let inner = String(name.dropFirst("SAFE.".count))
            if Self.aggregates[inner] != nil {
                throw fail("Unsupported: SAFE. on aggregate functions is not supported by the local emulator", location)
            }
            let resolved = try resolveCall(inner, syntax, distinct: false, star: false, at: location)
            return safe(resolved, callAt: location)
        }
        if let resolved = try resolveTimeFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveStringFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveJSONFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveArrayFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveMathFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveHashFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveNetFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveEncryptionFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveRangeFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveGeographyFunction(name, syntax, at: location) { return resolved }
        if let resolved = try resolveErrorHandling(name, syntax, at: location) { return resolved }
        return nil
    }

    mutating func resolveArguments(_ syntax: [Expression]) throws(GoogleSQLError) -> [TypedExpression] {
        var arguments: [TypedExpression] = []
        for argument in syntax { arguments.append(try resolve(argument)) }
        return arguments
    }

    /// `SAFE.f(...)`: f's own runtime errors become NULL. The nodes f lowered to carry the call's
    /// location; its arguments carry their own, so errors in the arguments still fail the query.
    private func safe(_ expression: TypedExpression, callAt location: SourceLocation) -> TypedExpression {
        guard expression.location == location else { return expression }
        var result = expression
        switch expression.node {
        case .call(let function, let arguments):
            let inner = arguments.map { safe($0, callAt: location) }
            if SQLiteFunctions.implementations[function] != nil || DecimalFunctions.scalarFunctions[function] != nil {
                result.node = .call(MathLibrary.safeCallName, [text(function, at: location)] + inner)
            } else {
                result.node = .call(function, inner)
            }
        case .caseWhen(let branches, let otherwise):
            result.node = .caseWhen(branches.map { ($0.0, safe($0.1, callAt: location)) }, otherwise: otherwise.map { safe($0, callAt: location) })
        default:
            break
        }
        return result
    }

    /// Whether every argument has one of the types (NULL literals fit any).
    func fits(_ arguments: [TypedExpression], _ types: [SQLType]) -> Bool {
        arguments.count == types.count && zip(arguments, types).allSatisfy { $0.type == $1 || $0.type.isNull }
    }

    func int(_ value: Int64, at location: SourceLocation) -> TypedExpression { .constant(.int64(value), .int64, at: location) }
}
