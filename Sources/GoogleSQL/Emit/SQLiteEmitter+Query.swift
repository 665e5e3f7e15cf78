/// SQL for the expression forms that hold a whole query or a window.
extension SQLiteEmitter {
    static func emitSubquery(_ subquery: SubqueryValue, type: SQLType, into out: inout SQLFragment) {
        switch subquery.form {
        case .scalar:
            // Two rows are enough to know there are too many; SQLite would silently take the first.
            out.append(
                "(SELECT CASE WHEN COUNT(*) > 1 THEN \(SubqueryFunctions.tooManyRowsName)(COUNT(*)) ELSE MAX(\"_c0\") END FROM (SELECT * FROM (")
            out.append(subquery.sql)
            out.append(") LIMIT 2))")
        case .exists:
            out.append("EXISTS (")
            out.append(subquery.sql)
            out.append(")")
        case .array:
            // Each value as an array holds it (`Resolver.embedded`): STRUCTs as JSON that nests as JSON,
            // not as strings; BYTES as base64; FLOAT64 with its non-finite values spelled out.
            var element = "\"_c0\""
            switch type {
            case .array(.record): element = "json(\"_c0\")"
            case .array(.scalar(.bytes)): element = "gsql_to_base64(\"_c0\")"
            case .array(.scalar(.float)): element = FloatSemantics.embeddedFunctionName + "(\"_c0\")"
            default: break
            }
            out.append("(SELECT json_group_array(\(element)) FROM (")
            out.append(subquery.sql)
            out.append("))")
        case .in(let value, let negated):
            out.append("(")
            emit(value, into: &out)
            out.append(negated ? " NOT IN (SELECT \"_c0\" FROM (" : " IN (SELECT \"_c0\" FROM (")
            out.append(subquery.sql)
            out.append(")))")
        }
    }

    static func emitWindow(_ function: TypedExpression, _ window: WindowSQL, into out: inout SQLFragment) {
        if case .aggregate(let kind, let argument, let distinct) = function.node {
            let name: String
            switch kind {
            case .count, .countStar: name = "COUNT"
            case .sum: name = "SUM"
            case .avg: name = "AVG"
            case .min: name = "MIN"
            case .max: name = "MAX"
            default: name = kind.rawValue
            }
            guard let argument else {
                out.append("COUNT(*)")
                emitOver(window, into: &out)
                return
            }
            if emitRegisteredWindowAggregate(kind, argument, distinct: distinct, into: &out) {
                emitOver(window, into: &out)
                return
            }
            // Only MIN and MAX are left with a DISTINCT, which changes nothing for them.
            if argument.type.isDecimal, kind != .count {
                // MIN and MAX by the decimal collation (SUM and AVG are registered window functions).
                out.append(name + "(")
                emit(TypedExpression(node: .decimalCollated(argument), type: argument.type, location: argument.location), into: &out)
                out.append(")")
                emitOver(window, into: &out)
                return
            }
            if argument.type == .float64, kind != .count {
                emitFloatAggregate(name, prefix: "", argument, over: window, into: &out)
                return
            }
            out.append("\(name)(")
            emit(argument, into: &out)
            out.append(")")
            emitOver(window, into: &out)
            return
        }
        emit(function, into: &out)
        emitOver(window, into: &out)
    }

    /// SUM, AVG, MIN or MAX of a FLOAT64 with GoogleSQL's NaN and infinities, plain (`window` nil) or
    /// over a window. NaN is stored as the text 'NaN', which SQLite would take for 0 (SUM, AVG) or for
    /// the largest value (MAX), so any NaN input answers NaN first. SQLite's own sum of the infinities
    /// is no good: `inf + -inf` comes out NULL (its NaN), and a sliding frame takes a row out by
    /// subtracting it, so once an infinity had passed through, every later frame was NULL. So SUM and
    /// AVG count the infinities in the frame (IEEE's answer when there are any) and sum the rest.
    static func emitFloatAggregate(
        _ function: String, prefix: String, _ argument: TypedExpression, over window: WindowSQL?, into out: inout SQLFragment
    ) {
        func over() { if let window { emitOver(window, into: &out) } }
        func countInfinities(_ literal: String) {
            out.append("COUNT(CASE WHEN ")
            emit(argument, into: &out)
            out.append(" = \(literal) THEN 1 END)")
            over()
            out.append(" > 0")
        }
        out.append("CASE WHEN MAX(typeof(")
        emit(argument, into: &out)
        out.append(") = 'text')")
        over()
        out.append(" THEN 'NaN'")
        if function == "SUM" || function == "AVG" {
            out.append(" WHEN ")
            countInfinities("9e999")
            out.append(" THEN CASE WHEN ")
            countInfinities("-9e999")
            out.append(" THEN 'NaN' ELSE 9e999 END WHEN ")
            countInfinities("-9e999")
            out.append(" THEN -9e999")
        }
        out.append(" ELSE \(function)(\(prefix)")
        if function == "SUM" || function == "AVG" {
            // Only finite values reach SQLite's running sum, which an infinity would leave NaN for good.
            out.append("CASE WHEN ")
            emit(argument, into: &out)
            out.append(" IN (9e999, -9e999) THEN 0.0 ELSE ")
            emit(argument, into: &out)
            out.append(" END")
        } else {
            emit(argument, into: &out)
        }
        out.append(")")
        over()
        out.append(" END")
    }

    private static func emitOver(_ window: WindowSQL, into out: inout SQLFragment) {
        out.append(" OVER (")
        var separator = ""
        if !window.partition.isEmpty {
            out.append("PARTITION BY ")
            for (index, key) in window.partition.enumerated() {
                if index > 0 { out.append(", ") }
                emit(key, into: &out)
            }
            separator = " "
        }
        if !window.order.isEmpty {
            out.append(separator + "ORDER BY ")
            for (index, term) in window.order.enumerated() {
                if index > 0 { out.append(", ") }
                emit(term.expression, into: &out)
                if term.descending { out.append(" DESC") }
                if let nullsFirst = term.nullsFirst { out.append(nullsFirst ? " NULLS FIRST" : " NULLS LAST") }
            }
            separator = " "
        }
        if let frame = window.frame { out.append(separator + frame) }
        out.append(")")
    }
}
