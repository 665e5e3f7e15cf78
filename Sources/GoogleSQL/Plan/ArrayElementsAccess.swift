import WarehouseSchema
import WireJSON

/// GoogleSQL's array elements field access operator: `array.field[OFFSET(i)].field...` reads a field
/// of every element of an array, concatenating the fields that are arrays, down a path. It is not a
/// value of the type system, so it may only be the whole argument of FLATTEN or UNNEST, or a FROM
/// path; anywhere else `array.field` stays an error. Within the argument only the path itself (its
/// dots and subscripts) reads through arrays: an index inside a subscript is an ordinary expression.
///
/// Each step's rule, from the reference:
/// - a field that is not an array adds each element's field, NULL for a NULL element;
/// - a field that is an array adds that array's elements; a NULL or empty array adds none;
/// - `field[OFFSET(i)]` adds each array's element at i (SAFE_: NULL past the end, else an error);
///   a NULL or empty array adds none;
/// - JSON elements give their member (as JSON), NULL when it is missing.
struct ArrayElementsAccess {
    struct Step {
        var field: String
        var isArray: Bool
        var isJSON = false
        /// OFFSET, SAFE_OFFSET, ORDINAL or SAFE_ORDINAL, for `field[...]`.
        var subscriptMode: String?
    }

    var base: TypedExpression
    var steps: [Step] = []
    var indexes: [TypedExpression] = []
    /// The type of the values the path has reached, each element of the result.
    var element: SQLType

    /// The runtime's description of the steps (`gsql_array_elements`).
    var specification: String {
        JSONValue.array(
            steps.map { step in
                var object: JSONObject = ["f": .string(step.field)]
                if step.isArray { object["a"] = .bool(true) }
                if step.isJSON { object["j"] = .bool(true) }
                if let mode = step.subscriptMode { object["s"] = .string(mode) }
                return .object(object)
            }
        ).encodedString()
    }
}

extension Resolver {
    /// FLATTEN's and UNNEST's argument: an array, or an array elements field access (as the array
    /// it flattens to).
    mutating func resolveFlattened(_ syntax: Expression) throws(GoogleSQLError) -> TypedExpression {
        switch try resolveElementsPath(syntax) {
        case .value(let value): return value
        case .elements(let access):
            return call(
                "gsql_array_elements", [access.base, text(access.specification, at: syntax.location)] + access.indexes,
                .array(access.element), at: syntax.location)
        }
    }

    private enum PathValue {
        case value(TypedExpression)
        case elements(ArrayElementsAccess)
    }

    private mutating func resolveElementsPath(_ syntax: Expression) throws(GoogleSQLError) -> PathValue {
        let location = syntax.location
        switch syntax.kind {
        case .path(let parts):
            let (head, consumed) = try resolvePathHead(parts, at: location)
            var value = PathValue.value(head)
            for field in parts.dropFirst(consumed) { value = try step(value, field: field, at: location) }
            return value
        case .fieldAccess(let base, let field):
            return try step(try resolveElementsPath(base), field: field, at: location)
        case .call(let name, let arguments, false, false) where name.hasPrefix("$SUBSCRIPT_") && arguments.count == 2:
            let mode = String(name.dropFirst("$SUBSCRIPT_".count))
            let base = try resolveElementsPath(arguments[0])
            let index = try resolve(arguments[1])
            switch base {
            case .value(let value): return .value(try resolveSubscript(value, index, mode: mode, at: location))
            case .elements(var path):
                guard let last = path.steps.last, last.isArray, last.subscriptMode == nil else {
                    let written = mode == "PLAIN" ? index.type.name : "\(mode)(\(index.type.name))"
                    throw fail("Subscript access using [\(written)] is not supported on values of type \(path.element.name)", location)
                }
                guard index.type == .int64 || index.type.isNull else {
                    throw fail("Array position in [] must be coercible to INT64 type, but has type \(index.type.name)", index.location)
                }
                path.steps[path.steps.count - 1].subscriptMode = mode == "PLAIN" ? "OFFSET" : mode
                path.indexes.append(index)
                return .elements(path)
            }
        default:
            return .value(try resolve(syntax))
        }
    }

    /// `.field` after what the path has reached: ordinary field access until the first array.
    private func step(_ value: PathValue, field: String, at location: SourceLocation) throws(GoogleSQLError) -> PathValue {
        var path: ArrayElementsAccess
        switch value {
        case .value(let value):
            guard case .array(let element) = value.type, Self.hasFields(element) else {
                return .value(try access(field: field, of: value, at: location))
            }
            path = ArrayElementsAccess(base: value, element: element)
        case .elements(let elements):
            path = elements
        }
        switch path.element {
        case .record(let fields):
            guard let found = fields.first(where: { $0.name.lowercased() == field.lowercased() }) else {
                throw fail("Field name \(field) does not exist in \(path.element.name)", location)
            }
            let type = SQLType(field: found)
            if case .array(let inner) = type {
                path.steps.append(.init(field: found.name, isArray: true))
                path.element = inner
            } else {
                path.steps.append(.init(field: found.name, isArray: false))
                path.element = type
            }
        case .scalar(.json):
            path.steps.append(.init(field: field, isArray: false, isJSON: true))
        default:
            throw fail("Cannot access field \(field) on a value with type \(path.element.name)", location)
        }
        return .elements(path)
    }

    private static func hasFields(_ type: SQLType) -> Bool {
        if case .record = type { return true }
        return type == .json
    }
}
