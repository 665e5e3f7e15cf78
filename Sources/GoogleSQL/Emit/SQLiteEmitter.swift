import Foundation
import GRDB
import WarehouseSchema

/// SQL text with its positional arguments, kept together so fragments compose in order.
struct SQLFragment {
    var sql = ""
    var arguments: [DatabaseValue] = []

    init(_ sql: String = "") { self.sql = sql }

    mutating func append(_ text: String) { sql += text }

    mutating func append(_ other: SQLFragment) {
        sql += other.sql
        arguments += other.arguments
    }

    mutating func bind(_ value: DatabaseValue) {
        sql += "?"
        arguments.append(value)
    }

    /// Identifiers always come from the catalog; quoting still escapes them so no name can break out.

    /// SQLite functions that give a new value at each call (under RAND, GENERATE_UUID and
    /// TABLESAMPLE). Values are always bound, never written into the SQL, so the text
    /// names a call only where the query makes one.
    static let volatileCalls = ["random(", "randomblob("]

    var isVolatile: Bool { Self.volatileCalls.contains { sql.contains($0) } }

    /// Appends `(body) AS alias`. SQLite's query flattener copies a subquery's column expression into
    /// every place the outer query reads the column, so a column drawn by a volatile call would take
    /// a new value at each read (`u = u` false, `ORDER BY r` not sorting what it returns); such a
    /// body is computed once, through a materialized CTE, as BigQuery computes a row's value once.
    mutating func appendDerivedTable(_ body: SQLFragment, alias: String) {
        if body.isVolatile {
            let once = SQLiteStorage.quote(alias + "$once")
            append("(WITH " + once + " AS MATERIALIZED (")
            append(body)
            append(") SELECT * FROM " + once + ") AS " + SQLiteStorage.quote(alias))
        } else {
            append("(")
            append(body)
            append(") AS " + SQLiteStorage.quote(alias))
        }
    }
}

/// Turns resolved expressions into SQLite SQL. Every value from the query or its parameters is bound.
enum SQLiteEmitter {
    static func storage(of value: BigQueryValue, type: SQLType) -> DatabaseValue {
        SQLiteStorage.encode(value, field: type.field(named: "value"))
    }

    static func emit(_ expression: TypedExpression) -> SQLFragment {
        var out = SQLFragment()
        emit(expression, into: &out)
        return out
    }

    private static func list(_ values: [TypedExpression], into out: inout SQLFragment) {
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(", ") }
            emit(value, into: &out)
        }
    }

    /// INT64 arithmetic is checked once per arithmetic subtree: an inner overflow yields a REAL that
    /// propagates to the outermost operator, where `gsql_int64` rejects it. (Wrapping every operator
    /// would nest function calls deeply enough to overflow SQLite's parser stack.)
    private static func isIntArithmetic(_ expression: TypedExpression) -> Bool {
        guard expression.type == .int64 else { return false }
        switch expression.node {
        case .negate: return true
        case .binary(let op, _, _): return op == .add || op == .subtract || op == .multiply
        default: return false
        }
    }

    static func emit(_ expression: TypedExpression, into out: inout SQLFragment) {
        emit(expression, into: &out, checkedByParent: false)
    }

    private static func emit(_ expression: TypedExpression, into out: inout SQLFragment, checkedByParent: Bool) {
        let intArithmetic = isIntArithmetic(expression)
        if intArithmetic && !checkedByParent {
            out.append("gsql_int64")
        }
        switch expression.node {
        case .column(let name):
            out.append(SQLiteStorage.quote(name))
        case .field(let base, let name):
            // A BYTES field is base64 in the STRUCT's JSON (see `Resolver.embedded`).
            let isBytes = expression.type == .bytes
            out.append(isBytes ? "gsql_from_base64(json_extract(" : "json_extract(")
            emit(base, into: &out)
            out.append(", ")
            out.bind(("$." + name).databaseValue)
            out.append(isBytes ? "))" : ")")
        case .constant(let value):
            out.bind(storage(of: value, type: expression.type))
        case .negate(let value) where expression.type == .float64:
            out.append(FloatSemantics.negateFunctionName + "(")
            emit(value, into: &out)
            out.append(")")
        case .negate(let value):
            out.append("(- ")
            emit(value, into: &out, checkedByParent: intArithmetic)
            out.append(")")
        case .binary(let op, let left, let right) where left.type == .float64 || right.type == .float64:
            if let name = FloatSemantics.comparisonFunctionName(op) {
                out.append(name + "(")
                emit(left, into: &out)
                out.append(", ")
                emit(right, into: &out)
                out.append(")")
            } else if expression.type == .float64, isFloatArithmetic(op) {
                emitFloatArithmetic(expression, into: &out)
            } else {
                emitOperator(op, left, right, into: &out, checkedByParent: intArithmetic)
            }
        case .binary(let op, let left, let right):
            emitOperator(op, left, right, into: &out, checkedByParent: intArithmetic)
        case .between(let value, let low, let high, let negated)
        where value.type == .float64 || low.type == .float64 || high.type == .float64:
            // Both bounds through the FLOAT64 comparisons, so NaN is in no range.
            out.append(negated ? "(NOT (" : "((")
            emit(TypedExpression(node: .binary(.greaterOrEqual, value, low), type: .bool, location: expression.location), into: &out)
            out.append(" AND ")
            emit(TypedExpression(node: .binary(.lessOrEqual, value, high), type: .bool, location: expression.location), into: &out)
            out.append("))")
        case .not(let value):
            out.append("(NOT ")
            emit(value, into: &out)
            out.append(")")
        case .isNull(let value, let negated):
            out.append("(")
            emit(value, into: &out)
            out.append(negated ? " IS NOT NULL)" : " IS NULL)")
        case .inList(let value, let elements, let negated) where value.type == .float64 || elements.contains(where: { $0.type == .float64 }):
            // Chunks of elements, each one call, joined by OR: IN's three-valued logic holds across them.
            out.append(negated ? "(NOT (" : "((")
            for (index, start) in stride(from: 0, to: elements.count, by: FloatSemantics.inListChunk).enumerated() {
                if index > 0 { out.append(" OR ") }
                out.append(FloatSemantics.inListFunctionName + "(")
                emit(value, into: &out)
                for element in elements[start..<min(elements.count, start + FloatSemantics.inListChunk)] {
                    out.append(", ")
                    emit(element, into: &out)
                }
                out.append(")")
            }
            out.append("))")
        case .inList(let value, let elements, let negated):
            out.append("(")
            emit(value, into: &out)
            out.append(negated ? " NOT IN (" : " IN (")
            list(elements, into: &out)
            out.append("))")
        case .inArray(let value, let array, let negated):
            out.append("(")
            emit(value, into: &out)
            out.append(negated ? " NOT IN (SELECT value FROM json_each(" : " IN (SELECT value FROM json_each(")
            emit(array, into: &out)
            out.append(")))")
        case .between(let value, let low, let high, let negated):
            out.append("(")
            emit(value, into: &out)
            out.append(negated ? " NOT BETWEEN " : " BETWEEN ")
            emit(low, into: &out)
            out.append(" AND ")
            emit(high, into: &out)
            out.append(")")
        case .call("json_array", let elements) where elements.count > callArgumentChunk:
            emitInChunks(elements[...], call: "json_array", concatenation: "gsql_array_concat", chunk: callArgumentChunk, into: &out)
        case .call("json_object", let members) where members.count > callArgumentChunk:
            emitInChunks(members[...], call: "json_object", concatenation: "gsql_object_concat", chunk: callArgumentChunk, into: &out)
        case .call(let name, let arguments):
            out.append(name + "(")
            list(arguments, into: &out)
            out.append(")")
        case .aggregate(let kind, let argument, let distinct):
            emitAggregate(kind, argument, distinct: distinct, into: &out)
        case .caseWhen(let branches, let otherwise):
            out.append("CASE")
            for (condition, result) in branches {
                out.append(" WHEN ")
                emit(condition, into: &out)
                out.append(" THEN ")
                emit(result, into: &out)
            }
            if let otherwise {
                out.append(" ELSE ")
                emit(otherwise, into: &out)
            }
            out.append(" END")
        case .decimalAsReal(let value):
            out.append("CAST(")
            emit(value, into: &out)
            out.append(" AS REAL)")
        case .decimalCollated(let value):
            out.append("(")
            emit(value, into: &out)
            out.append(" COLLATE \(DecimalOrdering.collationName))")
        case .relationColumn(let reference):
            out.append(SQLiteStorage.quote(reference.qualifier) + "." + SQLiteStorage.quote(reference.sqlName))
        case .subquery(let subquery):
            emitSubquery(subquery, type: expression.type, into: &out)
        case .window(let function, let window):
            emitWindow(function, window, into: &out)
        }
    }

    /// SQLite's build here takes at most 127 arguments in a call (SQLITE_MAX_FUNCTION_ARG), but an
    /// array literal may have thousands of elements and a STRUCT hundreds of fields: such a call is
    /// built from chunks, concatenated. An even count keeps a STRUCT's name/value pairs together.
    static let callArgumentChunk = 100

    private static func emitInChunks(
        _ arguments: ArraySlice<TypedExpression>, call: String, concatenation: String, chunk: Int, into out: inout SQLFragment
    ) {
        guard arguments.count > chunk else {
            out.append(call + "(")
            list(Array(arguments), into: &out)
            out.append(")")
            return
        }
        // Chunks of chunks, so that no call has more than `chunk` arguments.
        var size = chunk
        while arguments.count > size * chunk { size *= chunk }
        out.append(concatenation + "(")
        for (index, start) in stride(from: arguments.startIndex, to: arguments.endIndex, by: size).enumerated() {
            if index > 0 { out.append(", ") }
            emitInChunks(arguments[start..<min(arguments.endIndex, start + size)], call: call, concatenation: concatenation, chunk: chunk, into: &out)
        }
        out.append(")")
    }

    private static func emitOperator(
        _ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression, into out: inout SQLFragment, checkedByParent: Bool
    ) {
        out.append("(")
        emit(left, into: &out, checkedByParent: checkedByParent)
        out.append(" \(op == .notEqual ? "<>" : op.rawValue) ")
        emit(right, into: &out, checkedByParent: checkedByParent)
        out.append(")")
    }

    private static func isFloatArithmetic(_ op: BinaryOperator) -> Bool { op == .add || op == .subtract || op == .multiply }

    /// A left-deep chain of FLOAT64 `+ - *` as one `gsql_float_arithmetic(a, '+', b, ...)` call.
    private static func emitFloatArithmetic(_ expression: TypedExpression, into out: inout SQLFragment) {
        var steps: [(BinaryOperator, TypedExpression)] = []
        var first = expression
        while first.type == .float64, case .binary(let op, let left, let right) = first.node, isFloatArithmetic(op) {
            steps.append((op, right))
            first = left
        }
        out.append(FloatSemantics.arithmeticFunctionName + "(")
        emit(first, into: &out)
        for (op, operand) in steps.reversed() {
            out.append(", ")
            out.bind(op.rawValue.databaseValue)
            out.append(", ")
            emit(operand, into: &out)
        }
        out.append(")")
    }

    static func emitAggregate(
        _ kind: TypedExpression.Aggregate, _ argument: TypedExpression?, distinct: Bool,
        into out: inout SQLFragment
    ) {
        guard let argument else {
            out.append("COUNT(*)")
            return
        }
        if kind == .library { return emitLibraryAggregate(argument, distinct: distinct, into: &out) }
        let prefix = distinct ? "DISTINCT " : ""
        switch kind {
        case .countIf:
            out.append("COUNT(\(prefix)CASE WHEN ")
            emit(argument, into: &out)
            out.append(" THEN 1 END)")
            return
        case .stringAgg:
            out.append("group_concat(\(prefix)")
            if case .call("STRING_AGG_SEPARATED", let parts) = argument.node {
                list(parts, into: &out)
            } else {
                emit(argument, into: &out)
            }
            out.append(")")
            return
        case .sum, .avg, .min, .max:
            guard argument.type == .float64 else { break }
            let function = kind == .sum ? "SUM" : kind == .avg ? "AVG" : kind == .min ? "MIN" : "MAX"
            emitFloatAggregate(function, prefix: prefix, argument, over: nil, into: &out)
            return
        default:
            break
        }
        let function: String =
            switch kind {
            case .count, .countStar: "COUNT"
            case .sum: argument.type.decimalKind.map(DecimalFunctions.sumName) ?? "SUM"
            case .avg: argument.type.decimalKind.map(DecimalFunctions.avgName) ?? "AVG"
            case .min, .logicalAnd: "MIN"
            case .max, .logicalOr, .anyValue: "MAX"
            case .arrayAgg: "json_group_array"
            case .countIf, .stringAgg, .library: ""
            }
        out.append("\(function)(\(prefix)")
        emit(argument, into: &out)
        out.append(")")
    }
}

/// Compile-time evaluation of constant subexpressions, in storage form. Used for partition bounds;
/// it runs the same Swift code as the registered SQLite functions, so both always agree.
enum ConstantFolding {
    static func evaluate(_ expression: TypedExpression) -> DatabaseValue? {
        switch expression.node {
        case .constant(let value):
            return SQLiteEmitter.storage(of: value, type: expression.type)
        case .negate(let value):
            guard let inner = evaluate(value) else { return nil }
            switch inner.storage {
            case .int64(let number) where number != .min: return (-number).databaseValue
            case .double(let number): return (-number).databaseValue
            case .null: return .null
            default: return nil
            }
        case .binary(let op, let left, let right) where op == .add || op == .subtract || op == .multiply:
            guard let a = evaluate(left).flatMap({ Int64.fromDatabaseValue($0) }),
                let b = evaluate(right).flatMap({ Int64.fromDatabaseValue($0) })
            else { return nil }
            let result =
                op == .add ? a.addingReportingOverflow(b) : op == .subtract ? a.subtractingReportingOverflow(b) : a.multipliedReportingOverflow(by: b)
            return result.overflow ? nil : result.partialValue.databaseValue
        case .call(let name, let arguments):
            var values: [DatabaseValue] = []
            for argument in arguments {
                guard let value = evaluate(argument) else { return nil }
                values.append(value)
            }
            return SQLiteFunctions.evaluate(name, values)
        default:
            return nil
        }
    }
}
