import WarehouseSchema

extension Parser {
    /// The parameters after a type name, `STRING(10)`, `NUMERIC(10, 2)`, checked with GoogleSQL's rules
    /// for `type`; `.none` without parentheses. `STRING(MAX)` and `BYTES(MAX)` are the plain types.
    mutating func parseTypeParameters(for type: FieldType) throws(GoogleSQLError) -> TypeParameters {
        guard current.isSymbol("(") else { return .none }
        let location = current.location
        let name = type.standardSQLName
        guard [.string, .bytes, .numeric, .bignumeric].contains(type) else {
            throw GoogleSQLError.invalidQuery("\(name) does not support type parameters at \(location)")
        }
        position += 1
        var values: [Int64] = []
        var unbounded = false
        repeat {
            let isLength = type == .string || type == .bytes
            if isWord("MAX"), isLength {
                unbounded = true
                values.append(Int64.max)
            } else if case .integer(let text) = current.kind, let value = Int64(text) {
                values.append(value)
            } else if isLength {
                throw GoogleSQLError.invalidQuery("\(name) length parameter must be an integer or MAX keyword at \(location)")
            } else {
                throw GoogleSQLError.invalidQuery("\(name) \(values.isEmpty ? "precision" : "scale") must be an integer at \(location)")
            }
            position += 1
        } while accept(symbol: ",")
        try expect(symbol: ")")
        do throws(SchemaError) {
            let parameters = try TypeParameters.declared(values, for: type)
            return unbounded ? .none : parameters
        } catch {
            throw GoogleSQLError.invalidQuery("\(error.message) at \(location)")
        }
    }
}
