import WarehouseSchema

/// The RANGE constructor and the range functions. Each runtime function (`RangeLibrary`) gets the
/// element type's name as its last argument, since a range's storage text depends on it.
extension Resolver {
    private static let rangeFunctions: Set<String> = [
        "RANGE", "RANGE_START", "RANGE_END", "RANGE_CONTAINS", "RANGE_OVERLAPS", "RANGE_INTERSECT", "GENERATE_RANGE_ARRAY",
    ]

    mutating func resolveRangeFunction(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression?
    {
        guard Self.rangeFunctions.contains(name) else { return nil }
        switch name {
        case "RANGE":
            try expectCount(name, syntax, 2...2, at: location)
            return try rangeConstructor(try resolveArguments(syntax), at: location)
        case "RANGE_START", "RANGE_END":
            try expectCount(name, syntax, 1...1, at: location)
            let arguments = try resolveArguments(syntax)
            guard let element = arguments[0].type.rangeElement else { throw functionSignatureError(name, arguments, at: location) }
            let function = name == "RANGE_START" ? "gsql_range_start" : "gsql_range_end"
            return call(function, arguments + [elementName(element, at: location)], .scalar(element.fieldType), at: location)
        case "RANGE_CONTAINS":
            try expectCount(name, syntax, 2...2, at: location)
            var arguments = try resolveArguments(syntax)
            guard let element = arguments[0].type.rangeElement else { throw functionSignatureError(name, arguments, at: location) }
            if arguments[1].type.isNull { arguments[1] = .constant(.null, arguments[0].type, at: arguments[1].location) }
            if arguments[1].type == arguments[0].type {
                return call("gsql_range_contains", arguments + [elementName(element, at: location)], .bool, at: location)
            }
            guard arguments[1].type == .scalar(element.fieldType) else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_range_contains_value", arguments + [elementName(element, at: location)], .bool, at: location)
        case "RANGE_OVERLAPS", "RANGE_INTERSECT":
            try expectCount(name, syntax, 2...2, at: location)
            let arguments = try resolveArguments(syntax)
            let types = arguments.map(\.type).filter { !$0.isNull }
            guard let type = types.first, let element = type.rangeElement, types.allSatisfy({ $0 == type }) else {
                throw functionSignatureError(name, arguments, at: location)
            }
            let overlaps = name == "RANGE_OVERLAPS"
            return call(
                overlaps ? "gsql_range_overlaps" : "gsql_range_intersect", arguments + [elementName(element, at: location)],
                overlaps ? .bool : type, at: location)
        default:
            try expectCount(name, syntax, 2...3, at: location)
            var arguments = try resolveArguments(syntax)
            if arguments.count == 2 { arguments.append(.constant(.bool(true), .bool, at: location)) }
            guard let element = arguments[0].type.rangeElement, arguments[1].type == .interval || arguments[1].type.isNull,
                arguments[2].type == .bool || arguments[2].type.isNull
            else { throw functionSignatureError(name, arguments, at: location) }
            return call("gsql_generate_range_array", arguments + [elementName(element, at: location)], .array(arguments[0].type), at: location)
        }
    }

    /// RANGE(lower, upper): both of one type, DATE, DATETIME or TIMESTAMP; a NULL bound is UNBOUNDED.
    private func rangeConstructor(_ arguments: [TypedExpression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let types = arguments.map(\.type).filter { !$0.isNull }
        guard let type = types.first, types.allSatisfy({ $0 == type }), case .scalar(let fieldType) = type,
            let element = RangeValue.Element(fieldType)
        else { throw functionSignatureError("RANGE", arguments, at: location) }
        return call("gsql_range", arguments + [elementName(element, at: location)], .scalar(element.rangeType), at: location)
    }

    /// `RANGE<DATE> '[2024-01-01, UNBOUNDED)'`.
    func rangeLiteral(_ typeName: String, _ text: String, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        guard let type = FieldType(apiName: typeName), let element = type.rangeElement else {
            throw rangeElementError(typeName, at: location)
        }
        do throws(GoogleSQLError) {
            return .constant(.range(try RangeLibrary.parse(text, element: element)), .scalar(type), at: location)
        } catch {
            throw fail(error.message, location)
        }
    }

    func rangeElementError(_ typeName: String, at location: SourceLocation) -> GoogleSQLError {
        fail("Unsupported type \(typeName): a RANGE's element type must be DATE, DATETIME or TIMESTAMP", location)
    }

    private func elementName(_ element: RangeValue.Element, at location: SourceLocation) -> TypedExpression {
        text(element.fieldType.standardSQLName, at: location)
    }
}

extension SQLType {
    /// The element of a RANGE type, nil for any other type.
    var rangeElement: RangeValue.Element? {
        guard case .scalar(let type) = self else { return nil }
        return type.rangeElement
    }
}
