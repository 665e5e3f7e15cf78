import WarehouseSchema

extension Resolver {
    /// `CAST(x AS STRING(10))`, `SAFE_CAST(x AS STRUCT<a NUMERIC(5, 2), b ARRAY<BYTES(4)>>)`: the cast
    /// to the plain type, whose result then has the parameters applied at run time (rounded to a
    /// scale, checked against a length or a precision). A value that does not fit is an error, or
    /// NULL as a whole for SAFE_CAST.
    mutating func resolveParameterizedCast(
        _ value: TypedExpression, to typeName: TypeName, safe: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        let plain = typeName.withoutParameters
        let cast = try resolveCast(value, to: plain, safe: safe, at: location)
        let field = typeName.parameterizing(try sqlType(plain, at: location).field(named: "value"))
        return call(
            TypeParameterConstraints.functionName,
            [cast, text(SQLToJSON.descriptor(of: field), at: location), .constant(.bool(safe), .bool, at: location)],
            cast.type, at: location)
    }
}

extension TypeName {
    /// NUMERIC or BIGNUMERIC, with or without parameters.
    var isDecimal: Bool {
        guard case .scalar(let name, _) = self, let type = FieldType(apiName: name) else { return false }
        return type == .numeric || type == .bignumeric
    }

    var hasParameters: Bool {
        switch self {
        case .scalar(_, let parameters): !parameters.isEmpty
        case .array(let element): element.hasParameters
        case .structure(let fields): fields.contains { $0.type.hasParameters }
        }
    }

    var withoutParameters: TypeName {
        switch self {
        case .scalar(let name, _): .scalar(name)
        case .array(let element): .array(element.withoutParameters)
        case .structure(let fields): .structure(fields.map { (name: $0.name, type: $0.type.withoutParameters) })
        }
    }

    /// `field`, the plain type's field, with this type's parameters on its scalars.
    func parameterizing(_ field: TableFieldSchema) -> TableFieldSchema {
        var field = field
        switch self {
        case .scalar(_, let parameters): field.parameters = parameters
        case .array(let element):
            // The field of an ARRAY is its element's, REPEATED.
            field = element.parameterizing(field)
        case .structure(let members):
            field.fields = zip(members, field.fields).map { $0.type.parameterizing($1) }
        }
        return field
    }
}
