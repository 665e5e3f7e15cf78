import WarehouseSchema

/// `CREATE [OR REPLACE] PROCEDURE [IF NOT EXISTS] dataset.name([IN | OUT | INOUT] name type, ...)
/// [OPTIONS(...)] BEGIN statements END` and `CALL dataset.name(argument, ...)`.
extension ScriptParser {
    mutating func parseCreateProcedure(orReplace: Bool) throws(GoogleSQLError) -> ScriptStatement {
        let location = parser.current.location
        parser.position += 1
        let ifNotExists = try acceptIfNotExists()
        if orReplace, ifNotExists {
            throw GoogleSQLError.invalidQuery("CREATE PROCEDURE cannot have both OR REPLACE and IF NOT EXISTS at \(location)")
        }
        let nameLocation = parser.current.location
        let name = try parser.parseTableName()
        guard name.partitionDecorator == nil, RoutineName.isValidId(name.table) else {
            throw GoogleSQLError.invalidQuery("Invalid procedure name: \(name) at \(nameLocation)")
        }
        try parser.expect(symbol: "(")
        var parameters: [ProcedureParameter] = []
        if !parser.accept(symbol: ")") {
            repeat { parameters.append(try parseProcedureParameter(after: parameters)) } while parser.accept(symbol: ",")
            try parser.expect(symbol: ")")
        }
        var description: String?
        if parser.accept(word: "OPTIONS") {
            for case ("description", .string(let text)) in try parseOptions() { description = text }
        }
        guard isWord("BEGIN", parser.current) else { throw parser.expected("keyword BEGIN (a procedure's body is a BEGIN ... END block)") }
        let blockStart = parser.position
        parser.position += 1
        let bodyStart = parser.position
        _ = try parseStatements(until: ["END", "EXCEPTION"])
        var body = text(from: bodyStart, to: parser.position)
        if acceptWord("EXCEPTION") {
            try expectWord("WHEN")
            try expectWord("ERROR")
            try expectWord("THEN")
            _ = try parseStatements(until: ["END"])
            try expectWord("END")
            body = text(from: blockStart, to: parser.position)
        } else {
            try expectWord("END")
        }
        return .createProcedure(
            CreateProcedureStatement(
                name: name, parameters: parameters, body: body, orReplace: orReplace, ifNotExists: ifNotExists, description: description))
    }

    /// `[IN | OUT | INOUT] name type`. `out INT64` is an argument named `out`: a mode word is one only
    /// when a name and a type follow it.
    private mutating func parseProcedureParameter(after earlier: [ProcedureParameter]) throws(GoogleSQLError) -> ProcedureParameter {
        var mode = ProcedureParameter.Mode.input
        let next = parser.peek(1)
        let followedByNameAndType: Bool = {
            guard case .identifier = next.kind else { return false }
            let after = parser.peek(2)
            return !(after.isSymbol(",") || after.isSymbol(")") || after.isSymbol("<") || after.isSymbol("("))
        }()
        if parser.current.isKeyword("IN") {
            parser.position += 1
        } else if let word = self.word(parser.current), word == "OUT" || word == "INOUT", followedByNameAndType {
            mode = word == "OUT" ? .output : .inputOutput
            parser.position += 1
        }
        let location = parser.current.location
        let name = try identifier()
        if earlier.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            throw GoogleSQLError.invalidQuery("Duplicate argument name \(name) at \(location)")
        }
        if parser.isWord("ANY") {
            throw parser.unsupported("procedure arguments of ANY TYPE are", at: parser.current.location)
        }
        return ProcedureParameter(name: name, mode: mode, type: try parseType(name: name))
    }

    /// `CALL name(argument, ...)`.
    mutating func parseCall() throws(GoogleSQLError) -> ScriptStatement {
        parser.position += 1
        let name = try parser.parseTableName()
        try parser.expect(symbol: "(")
        var arguments: [String] = []
        if !parser.accept(symbol: ")") {
            repeat {
                let argument = skip(until: [], commas: true)
                guard !argument.isEmpty else { throw parser.expected("expression") }
                arguments.append(argument)
            } while parser.accept(symbol: ",")
            try parser.expect(symbol: ")")
        }
        return .callProcedure(name: name, arguments: arguments)
    }
}
