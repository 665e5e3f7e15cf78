/// STRUCT constructors, tuples, typed ARRAY literals and the STRUCT/ARRAY type syntax.
extension Parser {
    /// After `STRUCT`: `(1 AS a, x)` or `<a INT64, b STRING>(1, 'x')`.
    mutating func parseStructConstructor(start: SourceLocation) throws(GoogleSQLError) -> Expression {
        var declared: [(name: String?, type: TypeName)]?
        if current.isSymbol("<") {
            guard case .structure(let fields) = try parseStructTypeBody() else { throw expected("STRUCT type") }
            declared = fields
        }
        try expect(symbol: "(")
        var fields: [(value: Expression, alias: String?)] = []
        if !current.isSymbol(")") {
            repeat {
                let value = try parseExpression()
                var alias: String?
                if current.isKeyword("AS") { alias = try parseAlias() }
                fields.append((value, alias))
            } while accept(symbol: ",")
        }
        try expect(symbol: ")")
        if let declared {
            if fields.contains(where: { $0.alias != nil }) {
                throw GoogleSQLError.invalidQuery("STRUCT constructors cannot specify both an explicit type and field names with AS at \(start)")
            }
            if declared.count != fields.count {
                throw GoogleSQLError.invalidQuery(
                    "STRUCT type has \(declared.count) fields but constructor call has \(fields.count) fields at \(start)")
            }
        }
        return try node(.structConstructor(StructConstructor(fields: fields, declared: declared)), at: start)
    }

    /// `(a, b, ...)` after the first element, the current token on `,`: a tuple is a STRUCT with
    /// anonymous fields.
    mutating func parseTupleTail(first: Expression, start: SourceLocation) throws(GoogleSQLError) -> Expression {
        var fields: [(value: Expression, alias: String?)] = [(first, nil)]
        while accept(symbol: ",") { fields.append((try parseExpression(), nil)) }
        try expect(symbol: ")")
        return try node(.structConstructor(StructConstructor(fields: fields, declared: nil)), at: start)
    }

    /// After `ARRAY`, on `<`: `ARRAY<T>[...]`.
    mutating func parseTypedArrayLiteral(start: SourceLocation) throws(GoogleSQLError) -> Expression {
        try expect(symbol: "<")
        let element = try parseNestedTypeName()
        try expectClosingAngle()
        try expect(symbol: "[")
        var elements: [Expression] = []
        if !current.isSymbol("]") {
            repeat { elements.append(try parseExpression()) } while accept(symbol: ",")
        }
        try expect(symbol: "]")
        return try node(.typedArrayLiteral(element, elements), at: start)
    }

    mutating func parseNestedTypeName() throws(GoogleSQLError) -> TypeName {
        try enter()
        defer { depth -= 1 }
        return try parseTypeName()
    }

    /// After `STRUCT`, on `<`: the fields, each `[name] type`.
    mutating func parseStructTypeBody() throws(GoogleSQLError) -> TypeName {
        try expect(symbol: "<")
        var fields: [(name: String?, type: TypeName)] = []
        if !current.isSymbol(">") {
            repeat {
                var name: String?
                let next = peek(1)
                let startsType =
                    next.isSymbol(",") || next.isSymbol(">") || next.isSymbol(">>") || next.isSymbol("<") || next.isSymbol("(")
                if !startsType {
                    switch current.kind {
                    case .identifier(let word), .quotedIdentifier(let word):
                        name = word
                        position += 1
                    default: break
                    }
                }
                fields.append((name, try parseNestedTypeName()))
            } while accept(symbol: ",")
        }
        try expectClosingAngle()
        return .structure(fields)
    }

    /// `>`, where the lexer may have read the `>>` that closes two nested types as one shift symbol.
    mutating func expectClosingAngle() throws(GoogleSQLError) {
        if current.isSymbol(">>") {
            tokens[position].kind = .symbol(">")
            return
        }
        try expect(symbol: ">")
    }
}
