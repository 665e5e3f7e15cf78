import WarehouseSchema

/// JSON → SQL converters: BOOL, INT64, FLOAT64, STRING ... (strict), their LAX_ forms and the
/// `_ARRAY` forms of both (Runtime/Library/JSONConversionLibrary.swift).
extension Resolver {
    /// Names that are converters only on a JSON argument; `STRING(timestamp)` is a conversion too.
    private static let overloadedConverters: Set<String> = ["STRING"]

    mutating func resolveJSONConverter(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression?
    {
        guard let converter = JSONConversionLibrary.Converter(name) else { return nil }
        let takesMode = !converter.lax && [.float64, .double, .float, .float32].contains(converter.target)
        let (positional, named) = try namedArguments(name, syntax, allowed: takesMode ? ["wide_number_mode"] : [], at: location)
        try expectCount(name, positional, 1...1, at: location)
        let arguments = try resolveArguments(positional)
        if Self.overloadedConverters.contains(name), arguments[0].type == .timestamp {
            return try castValue(arguments[0], to: .string, safe: false, at: location)
        }
        guard fits(arguments, [.json]) else { throw functionSignatureError(name, arguments, at: location) }
        var mode = text("exact", at: location)
        if let syntax = named["wide_number_mode"] { mode = try namedString(syntax, name, at: location) }
        let element = SQLType.scalar(converter.fieldType)
        return call(
            "gsql_json_convert", [text(name, at: location), arguments[0], mode],
            converter.array ? .array(element) : element, at: location)
    }

    /// A named argument that must be a BOOL; `fallback` when it is absent.
    mutating func namedBool(
        _ syntax: Expression?, _ function: String, default fallback: Bool, at location: SourceLocation
    ) throws(GoogleSQLError)
        -> TypedExpression
    {
        guard let syntax else { return .constant(.bool(fallback), .bool, at: location) }
        let value = try resolve(syntax)
        guard value.type == .bool || value.type.isNull else { throw functionSignatureError(function, [value], at: syntax.location) }
        return value
    }

    /// A named argument that must be a STRING.
    mutating func namedString(_ syntax: Expression, _ function: String, at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression {
        let value = try resolve(syntax)
        guard value.type == .string || value.type.isNull else { throw functionSignatureError(function, [value], at: syntax.location) }
        return value
    }
}
