import WarehouseSchema

/// STRUCT values: built as JSON objects of their fields' storage values, keyed by field name, the
/// form RECORD columns are stored in (see `SQLiteStorage`), so a constructed STRUCT and a RECORD
/// column read, compare and decode alike.
extension Resolver {
    /// A value as it goes inside a JSON array or object: nested STRUCTs and ARRAYs are JSON text that
    /// `json()` marks as JSON (else SQLite would nest them as strings), BYTES become base64 like stored.
    func embedded(_ value: TypedExpression) -> TypedExpression {
        switch value.type {
        case .record, .array: return call("json", [value], value.type, at: value.location)
        case .scalar(.bytes): return call("gsql_to_base64", [value], .string, at: value.location)
        case .scalar(.float): return call(FloatSemantics.embeddedFunctionName, [value], value.type, at: value.location)
        default: return value
        }
    }

    /// `json_object(name, value, ...)` typed as the STRUCT of `fields`.
    func structValue(_ fields: [(name: String, value: TypedExpression)], at location: SourceLocation) -> TypedExpression {
        var arguments: [TypedExpression] = []
        for field in fields {
            arguments.append(text(field.name, at: location))
            arguments.append(embedded(field.value))
        }
        let type = SQLType.record(fields.map { ($0.value.type.isNull ? SQLType.int64 : $0.value.type).field(named: $0.name) })
        return call("json_object", arguments, type, at: location)
    }

    /// The fields a `structValue` was built from, as they were before `embedded`: nil for any other
    /// STRUCT. A NULL literal among them still has the NULL type, which coerces to any type.
    func constructedFields(of value: TypedExpression) -> [(name: String, value: TypedExpression)]? {
        guard case .call("json_object", let arguments) = value.node, case .record(let schema) = value.type,
            arguments.count == 2 * schema.count
        else { return nil }
        var fields: [(name: String, value: TypedExpression)] = []
        for (index, field) in schema.enumerated() {
            var raw = arguments[2 * index + 1]
            switch raw.node {
            case .call("json", let inner) where inner.count == 1 && inner[0].type == raw.type: raw = inner[0]
            case .call("gsql_to_base64", let inner) where inner.count == 1 && inner[0].type == .bytes: raw = inner[0]
            case .call(FloatSemantics.embeddedFunctionName, let inner) where inner.count == 1 && inner[0].type == .float64: raw = inner[0]
            default: break
            }
            fields.append((field.name, raw))
        }
        return fields
    }

    mutating func resolveStructConstructor(_ constructor: StructConstructor, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        var fields: [(name: String, value: TypedExpression)] = []
        for (index, field) in constructor.fields.enumerated() {
            var value = try resolve(field.value)
            var name = field.alias ?? implicitFieldName(field.value)
            if let declared = constructor.declared?[index] {
                value = try coerce(value, to: try sqlType(declared.type, at: location), at: field.value.location)
                name = declared.name
            }
            // Anonymous fields need a key in the stored object; BigQuery reports them as `_field_N`.
            fields.append((name ?? "_field_\(index + 1)", value))
        }
        var seen = Set<String>()
        for field in fields where !seen.insert(field.name.lowercased()).inserted {
            throw fail("Unsupported: STRUCT values with duplicate field names (\(field.name)) are not supported by the local emulator", location)
        }
        return structValue(fields, at: location)
    }

    /// `STRUCT(name, t.qty)` names its fields after the columns; other values have no name.
    private func implicitFieldName(_ syntax: Expression) -> String? {
        switch syntax.kind {
        case .path(let parts): parts.last
        case .fieldAccess(_, let name): name
        default: nil
        }
    }

    /// The type a `TypeName` denotes.
    func sqlType(_ name: TypeName, at location: SourceLocation) throws(GoogleSQLError) -> SQLType {
        switch name {
        case .scalar(let spelling, let parameters):
            guard let type = FieldType(apiName: spelling), type != .record else { throw fail("Type not found: \(spelling)", location) }
            // Only a cast takes type parameters (`resolveParameterizedCast`), as in GoogleSQL.
            guard parameters.isEmpty else { throw fail("Parameterized types are not supported in literal value construction", location) }
            return .scalar(type)
        case .array(let element):
            let type = try sqlType(element, at: location)
            if case .array = type { throw fail("Arrays of arrays are not supported", location) }
            return .array(type)
        case .structure(let fields):
            var schema: [TableFieldSchema] = []
            for (index, field) in fields.enumerated() {
                schema.append(try sqlType(field.type, at: location).field(named: field.name ?? "_field_\(index + 1)"))
            }
            return .record(schema)
        }
    }

    /// Implicit coercion to a declared type (`STRUCT<x FLOAT64>(1)`, `ARRAY<DATE>['2024-01-02']`):
    /// INT64 widens to NUMERIC and FLOAT64, string literals become dates and times, NULL takes any type.
    func coerce(_ value: TypedExpression, to target: SQLType, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        if value.type == target { return value }
        if value.type.isNull { return TypedExpression(node: value.node, type: target, location: value.location) }
        if value.isUntypedEmptyArray, case .array = target { return TypedExpression(node: value.node, type: target, location: value.location) }
        if let kind = target.decimalKind, let literal = decimalLiteral(value, as: kind) { return literal }
        switch (value.type, target) {
        case (.scalar(let source), .scalar(let type)):
            if value.isStringLiteral, [.timestamp, .date, .datetime, .time].contains(type) { return try coerceLiteral(value, to: type) }
            let widens =
                source == .integer && [.float, .numeric, .bignumeric].contains(type) || source == .numeric && type == .float
                || source == .numeric && type == .bignumeric || source == .bignumeric && type == .float
                || source == .date && type == .datetime
            guard widens else { break }
            return try castValue(value, to: type, safe: false, at: location)
        case (.record(let have), .record(let want)) where have.count == want.count:
            return try convertStruct(value, fields: want, at: location) { (value, type, location) throws(GoogleSQLError) in
                try coerce(value, to: type, at: location)
            }
        case (.array(let have), .array(let want)):
            if case .record = have, case .record = want {
                return try convertArray(value, element: want, at: location) { (value, type, location) throws(GoogleSQLError) in
                    try coerce(value, to: type, at: location)
                }
            }
        default: break
        }
        throw fail("Could not coerce value of type \(value.type.name) to type \(target.name)", location)
    }

    /// A STRUCT rebuilt field by field with `convert` applied (field names from the target).
    func convertStruct(
        _ value: TypedExpression, fields want: [TableFieldSchema], at location: SourceLocation,
        _ convert: (TypedExpression, SQLType, SourceLocation) throws(GoogleSQLError) -> TypedExpression
    ) throws(GoogleSQLError) -> TypedExpression {
        guard case .record(let have) = value.type, have.count == want.count else {
            throw fail("Invalid cast from \(value.type.name) to \(SQLType.record(want).name)", location)
        }
        // A STRUCT built here converts its own fields: a NULL or `[]` among them takes any type, and
        // the value is never NULL.
        if let built = constructedFields(of: value) {
            var fields: [(name: String, value: TypedExpression)] = []
            for (field, target) in zip(built, want) {
                fields.append((target.name, try convert(field.value, SQLType(field: target), field.value.location)))
            }
            return structValue(fields, at: location)
        }
        var fields: [(name: String, value: TypedExpression)] = []
        for (source, target) in zip(have, want) {
            let field = TypedExpression(node: .field(value, source.name), type: SQLType(field: source), location: location)
            fields.append((target.name, try convert(field, SQLType(field: target), location)))
        }
        let rebuilt = structValue(fields, at: location)
        // A NULL STRUCT stays NULL rather than becoming a STRUCT of NULLs.
        return TypedExpression(
            node: .caseWhen([(TypedExpression(node: .isNull(value, negated: true), type: .bool, location: location), rebuilt)], otherwise: nil),
            type: .record(want), location: location)
    }

    /// An ARRAY rebuilt element by element with `convert` applied, in order.
    func convertArray(
        _ value: TypedExpression, element: SQLType, at location: SourceLocation,
        _ convert: (TypedExpression, SQLType, SourceLocation) throws(GoogleSQLError) -> TypedExpression
    ) throws(GoogleSQLError) -> TypedExpression {
        guard case .array(let source) = value.type else { throw fail("Invalid cast from \(value.type.name) to ARRAY<\(element.name)>", location) }
        let alias = context.freshAlias("t")
        let item = TypedExpression(
            node: .relationColumn(ColumnReference(qualifier: alias, sqlName: "value", name: "value")), type: source, location: location)
        let converted = try convert(
            source == .float64 ? call(SubqueryFunctions.floatFromJSONName, [item], .float64, at: location) : item, element, location)
        var sql = SQLFragment("SELECT ")
        SQLiteEmitter.emit(converted, into: &sql)
        sql.append(" AS \"_c0\" FROM json_each(")
        SQLiteEmitter.emit(value, into: &sql)
        sql.append(") AS " + SQLiteStorage.quote(alias) + " ORDER BY " + SQLiteStorage.quote(alias) + ".\"key\"")
        return TypedExpression(node: .subquery(SubqueryValue(form: .array, sql: sql)), type: .array(element), location: location)
    }

    /// `CAST(x AS ARRAY<T>)` and `CAST(x AS STRUCT<...>)`: element by element, field by field.
    mutating func resolveCompositeCast(
        _ value: TypedExpression, to typeName: TypeName, safe: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let target = try sqlType(typeName, at: location)
        if value.type == target { return value }
        if value.type.isNull { return TypedExpression(node: .constant(.null), type: target, location: location) }
        let cast: (TypedExpression, SQLType, SourceLocation) throws(GoogleSQLError) -> TypedExpression = {
            (value, type, location) throws(GoogleSQLError) in
            try castTo(value, type, safe: safe, at: location)
        }
        switch target {
        case .array(let element): return try convertArray(value, element: element, at: location, cast)
        case .record(let fields): return try convertStruct(value, fields: fields, at: location, cast)
        default: throw fail("Invalid cast from \(value.type.name) to \(target.name)", location)
        }
    }

    private func castTo(_ value: TypedExpression, _ type: SQLType, safe: Bool, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression
    {
        if value.type == type { return value }
        if value.type.isNull { return TypedExpression(node: value.node, type: type, location: location) }
        switch type {
        case .scalar(let scalar): return try castValue(value, to: scalar, safe: safe, at: location)
        case .record(let fields):
            return try convertStruct(value, fields: fields, at: location) { (value, type, location) throws(GoogleSQLError) in
                try castTo(value, type, safe: safe, at: location)
            }
        case .array(let element):
            return try convertArray(value, element: element, at: location) { (value, type, location) throws(GoogleSQLError) in
                try castTo(value, type, safe: safe, at: location)
            }
        case .null: return value
        }
    }

    /// `ARRAY<T>[...]`: every element coerces to T.
    mutating func resolveTypedArrayLiteral(
        _ elementName: TypeName, _ syntax: [Expression], at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let element = try sqlType(.array(elementName), at: location)
        guard case .array(let elementType) = element else { throw fail("Type not found", location) }
        var elements: [TypedExpression] = []
        for item in syntax { elements.append(embedded(try coerce(try resolve(item), to: elementType, at: item.location))) }
        return call("json_array", elements, element, at: location)
    }

    /// `s = t` and `s != t` on STRUCTs: field by field, so a NULL field makes the answer NULL as in
    /// GoogleSQL. Ordering comparisons are refused like BigQuery does.
    mutating func resolveStructComparison(
        _ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        guard op == .equal || op == .notEqual, case .record(let leftFields) = left.type, case .record(let rightFields) = right.type,
            leftFields.count == rightFields.count
        else {
            throw signatureError(op.rawValue, [left, right], at: location)
        }
        var tests: [TypedExpression] = []
        for (a, b) in zip(leftFields, rightFields) {
            let leftField = TypedExpression(node: .field(left, a.name), type: SQLType(field: a), location: location)
            let rightField = TypedExpression(node: .field(right, b.name), type: SQLType(field: b), location: location)
            tests.append(try compareFields(leftField, rightField, at: location))
        }
        var test = tests[0]
        for next in tests.dropFirst() { test = TypedExpression(node: .binary(.and, test, next), type: .bool, location: location) }
        return op == .equal ? test : TypedExpression(node: .not(test), type: .bool, location: location)
    }

    private mutating func compareFields(
        _ left: TypedExpression, _ right: TypedExpression, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        if case .record = left.type { return try resolveStructComparison(.equal, left, right, at: location) }
        var left = left
        var right = right
        try coerceForComparison(&left, &right, op: "=", at: location)
        return TypedExpression(node: .binary(.equal, left, right), type: .bool, location: location)
    }

    /// `(a, b) IN ((1, 2), (3, 4))`: one STRUCT equality per element, joined by OR.
    mutating func resolveStructIn(
        _ value: TypedExpression, _ list: [TypedExpression], negated: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        var test: TypedExpression?
        for element in list {
            let equal = try resolveStructComparison(.equal, value, element, at: location)
            test = test.map { TypedExpression(node: .binary(.or, $0, equal), type: .bool, location: location) } ?? equal
        }
        guard let test else { throw fail("IN list must not be empty", location) }
        return negated ? TypedExpression(node: .not(test), type: .bool, location: location) : test
    }

    /// A range variable used as a value (`SELECT t FROM t`): its row as a STRUCT of its columns.
    func wholeRow(_ relation: Int, in level: Scope, nested: Bool, at location: SourceLocation) -> TypedExpression {
        let owner = level.relations[relation]
        if let original = owner.originalRowColumn { return level.reference(relation, original, nested: nested, at: location) }
        var fields: [(name: String, value: TypedExpression)] = []
        for (index, column) in owner.columns.enumerated() {
            fields.append((column.name, level.reference(relation, index, nested: nested, at: location)))
        }
        return structValue(fields, at: location)
    }
}

extension Resolver {
    /// `SELECT a FROM UNNEST([STRUCT(1 AS a)])`: the fields of a value table's STRUCT rows are
    /// visible as columns.
    func valueTableField(_ name: String, in level: Scope, nested: Bool, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression? {
        var found: TypedExpression?
        for (index, owner) in level.relations.enumerated() where owner.columns.count == 1 && (owner.isValueTable || owner.columns[0].isAnonymous) {
            guard case .record(let fields) = owner.columns[0].type, fields.contains(where: { $0.name.lowercased() == name }) else { continue }
            if found != nil { throw fail("Column name \(name) is ambiguous", location) }
            found = try access(field: name, of: level.reference(index, 0, nested: nested, at: location), at: location)
        }
        return found
    }
}

extension Resolver {
    /// `s[0]`, `s[OFFSET(0)]`, `s[ORDINAL(1)]`: a STRUCT's field by position, which must be a literal.
    func structSubscript(
        _ base: TypedExpression, _ index: TypedExpression, mode: String, at location: SourceLocation
    ) throws(GoogleSQLError)
        -> TypedExpression
    {
        guard case .record(let fields) = base.type else { throw fail("Field access requires a STRUCT", location) }
        guard case .constant(.int64(let raw)) = index.node else {
            throw fail("Field subscript on a STRUCT must be an integer literal", index.location)
        }
        let position = Subscript.zeroBased(raw, mode: mode)
        guard position >= 0, position < Int64(fields.count) else {
            throw fail("Field index \(raw) is out of bounds for \(base.type.name)", index.location)
        }
        let field = fields[Int(position)]
        return TypedExpression(node: .field(base, field.name), type: SQLType(field: field), location: location)
    }
}
