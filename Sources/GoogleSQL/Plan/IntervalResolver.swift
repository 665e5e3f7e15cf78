import WarehouseSchema

extension SQLType {
    static let interval = SQLType.scalar(.interval)
}

/// The INTERVAL type: literals, arithmetic with dates and times, EXTRACT, MAKE_INTERVAL and
/// JUSTIFY_*. Values are the canonical text `Y-M D H:M:S[.F]` (see `Interval`); a literal is
/// computed here, so a malformed one fails at compile time as in BigQuery.
extension Resolver {
    /// `INTERVAL n unit`, `INTERVAL 'text' unit` or `INTERVAL 'text' FROM TO TO` (unit "FROM TO TO").
    mutating func resolveInterval(_ amountSyntax: Expression, unit: String, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let range = unit.split(separator: " ").map(String.init)
        if range.count == 3 {
            guard case .literal(.string(let text)) = amountSyntax.kind else {
                throw fail("Syntax error: Expected string literal in INTERVAL with a date part range", amountSyntax.location)
            }
            let value = try located(location) { () throws(GoogleSQLError) in try Interval.parse(text, from: range[0], to: range[2]) }
            return .constant(.string(value.text), .interval, at: location)
        }
        if case .literal(.string(let text)) = amountSyntax.kind {
            guard Interval.parts.contains(unit) else { throw fail("Invalid interval datetime field \(unit)", location) }
            let value = try located(location) { () throws(GoogleSQLError) in try Interval.parse(text, from: unit, to: unit) }
            return .constant(.string(value.text), .interval, at: location)
        }
        let amount = try resolve(amountSyntax)
        guard amount.type == .int64 || amount.type.isNull else {
            throw fail("Interval value must be coercible to INT64 type, but has type \(amount.type.name)", amountSyntax.location)
        }
        if case .constant(.int64(let number)) = amount.node {
            let value = try located(location) { () throws(GoogleSQLError) in try Interval.of(number, unit) }
            return .constant(.string(value.text), .interval, at: location)
        }
        _ = try located(location) { () throws(GoogleSQLError) in try Interval.of(0, unit) }
        return call("gsql_interval", [amount, text(unit, at: location)], .interval, at: location)
    }

    private func located(_ location: SourceLocation, _ body: () throws(GoogleSQLError) -> Interval) throws(GoogleSQLError) -> Interval {
        do {
            return try body()
        } catch {
            guard error.kind == .invalidQuery else { throw error }
            throw fail(error.message, location)
        }
    }

    /// `a op b` where either side is an INTERVAL, or DATE/DATETIME/TIMESTAMP differences and DATE ± n;
    /// nil for every other operand pair.
    func intervalArithmetic(
        _ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression? {
        let civil: Set<SQLType> = [.date, .datetime, .timestamp]
        let sign = TypedExpression.constant(.int64(op == .subtract ? -1 : 1), .int64, at: location)
        switch (left.type, right.type, op) {
        case (.interval, .interval, .add), (.interval, .interval, .subtract):
            return call(op == .add ? "gsql_interval_add" : "gsql_interval_sub", [left, right], .interval, at: location)
        case (.interval, .int64, .multiply), (.interval, .null, .multiply):
            return call("gsql_interval_mul", [left, right], .interval, at: location)
        case (.int64, .interval, .multiply), (.null, .interval, .multiply):
            return call("gsql_interval_mul", [right, left], .interval, at: location)
        case (.interval, .int64, .divide), (.interval, .null, .divide):
            return call("gsql_interval_div", [left, right], .interval, at: location)
        case (let base, .interval, .add) where civil.contains(base), (let base, .interval, .subtract) where civil.contains(base):
            return addInterval(left, right, sign: sign, at: location)
        case (.interval, let base, .add) where civil.contains(base):
            return addInterval(right, left, sign: sign, at: location)
        case (.date, .date, .subtract):
            return call("gsql_interval_between", [left, right, text("DAY", at: location)], .interval, at: location)
        case (.timestamp, .timestamp, .subtract), (.datetime, .datetime, .subtract):
            return call("gsql_interval_between", [left, right, text("MICROSECOND", at: location)], .interval, at: location)
        case (.date, .int64, .add), (.date, .int64, .subtract):
            let amount = op == .subtract ? TypedExpression(node: .negate(right), type: .int64, location: location) : right
            return call("gsql_date_add", [left, amount, text("DAY", at: location)], .date, at: location)
        case (.int64, .date, .add):
            return call("gsql_date_add", [right, left, text("DAY", at: location)], .date, at: location)
        case (.interval, _, _), (_, .interval, _):
            throw signatureError(op.rawValue, [left, right], at: location)
        default:
            return nil
        }
    }

    /// DATE ± INTERVAL is a DATETIME; DATETIME and TIMESTAMP keep their type.
    private func addInterval(
        _ base: TypedExpression, _ interval: TypedExpression, sign: TypedExpression, at location: SourceLocation
    ) -> TypedExpression {
        let kind = base.type == .date ? "DATE" : "CIVIL"
        return call(
            "gsql_civil_add_interval", [base, interval, sign, text(kind, at: location)], base.type == .date ? .datetime : base.type, at: location)
    }

    /// `-interval`.
    func intervalNegation(_ value: TypedExpression, at location: SourceLocation) -> TypedExpression {
        call("gsql_interval_neg", [value], .interval, at: location)
    }

    /// EXTRACT(part FROM interval).
    func intervalExtract(_ part: String, _ value: TypedExpression, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        guard ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"].contains(part) else {
            throw fail("EXTRACT from INTERVAL does not support the \(part) date part", location)
        }
        return call("gsql_interval_extract", [value, text(part, at: location)], .int64, at: location)
    }

    /// MAKE_INTERVAL and JUSTIFY_*; nil for any other function.
    mutating func resolveIntervalFunction(
        _ name: String, _ syntax: [Expression], at location: SourceLocation
    ) throws(GoogleSQLError)
        -> TypedExpression?
    {
        switch name {
        case "JUSTIFY_DAYS", "JUSTIFY_HOURS", "JUSTIFY_INTERVAL":
            try expectCount(name, syntax, 1...1, at: location)
            let value = try resolve(syntax[0])
            guard value.type == .interval || value.type.isNull else { throw functionSignatureError(name, [value], at: location) }
            let kind = String(name.dropFirst("JUSTIFY_".count))
            return call("gsql_interval_justify", [value, text(kind, at: location)], .interval, at: location)
        case "MAKE_INTERVAL":
            let names = ["year", "month", "day", "hour", "minute", "second"]
            var arguments: [TypedExpression?] = Array(repeating: nil, count: names.count)
            var position = 0
            for argument in syntax {
                var target = position
                var value = argument
                if case .call(let marker, let inner, false, false) = argument.kind, marker.hasPrefix(Parser.namedArgumentPrefix) {
                    let argumentName = String(marker.dropFirst(Parser.namedArgumentPrefix.count)).lowercased()
                    guard let index = names.firstIndex(of: argumentName) else {
                        throw fail("Named argument \(argumentName) not found in signature for call to function MAKE_INTERVAL", argument.location)
                    }
                    target = index
                    value = inner[0]
                } else {
                    position += 1
                }
                guard target < names.count, arguments[target] == nil else {
                    throw fail("Number of arguments does not match for function MAKE_INTERVAL", argument.location)
                }
                let resolved = try resolve(value)
                guard resolved.type == .int64 || resolved.type.isNull else { throw functionSignatureError(name, [resolved], at: location) }
                arguments[target] = resolved
            }
            let zero = TypedExpression.constant(.int64(0), .int64, at: location)
            return call("gsql_make_interval", arguments.map { $0 ?? zero }, .interval, at: location)
        default:
            return nil
        }
    }
}

extension Parser {
    /// `name => value` in a call (see `parseArgument`): a named argument, carried as a call of
    /// `$NAMED_NAME(value)`, a name no query can spell, which the functions that take them take apart.
    static let namedArgumentPrefix = "$NAMED_"
}
