import WarehouseSchema

/// `CREATE [OR REPLACE] [{TEMP | TEMPORARY}] FUNCTION [IF NOT EXISTS] name ([param {type | ANY TYPE}, ...])
/// [RETURNS type] AS (expression) [OPTIONS (...)]`: a SQL function for the rest of the script, or with
/// a dataset-qualified name and no TEMP, a dataset's function (a routine).
extension ScriptParser {
    mutating func parseCreateFunction(orReplace: Bool, temporary: Bool) throws(GoogleSQLError) -> ScriptStatement {
        let location = parser.current.location
        if parser.isWord("AGGREGATE") { throw parser.unsupported("aggregate functions (CREATE AGGREGATE FUNCTION) are", at: location) }
        if parser.isWord("TABLE") { throw parser.unsupported("table functions (CREATE TABLE FUNCTION) are", at: location) }
        parser.position += 1
        let ifNotExists = try acceptIfNotExists()
        if orReplace, ifNotExists {
            throw GoogleSQLError.invalidQuery("CREATE FUNCTION cannot have both OR REPLACE and IF NOT EXISTS at \(location)")
        }
        let nameLocation = parser.current.location
        let name: String
        var target: TableName?
        if temporary {
            name = try identifier()
            if parser.current.isSymbol(".") {
                throw GoogleSQLError.invalidQuery("Temporary functions cannot have a qualified name: \(name) at \(nameLocation)")
            }
        } else {
            let path = try parser.parseTableName()
            guard path.partitionDecorator == nil, RoutineName.isValidId(path.table) else {
                throw GoogleSQLError.invalidQuery("Invalid function name: \(path) at \(nameLocation)")
            }
            name = path.table
            target = path
        }
        try parser.expect(symbol: "(")
        var parameters: [SQLFunction.Parameter] = []
        if !parser.accept(symbol: ")") {
            repeat {
                let parameterLocation = parser.current.location
                let parameterName = try identifier()
                if parameters.contains(where: { $0.name.lowercased() == parameterName.lowercased() }) {
                    throw GoogleSQLError.invalidQuery("Duplicate argument name \(parameterName) at \(parameterLocation)")
                }
                if parser.accept(keyword: "ANY") {
                    guard parser.accept(word: "TYPE") else { throw parser.expected("keyword TYPE") }
                    parameters.append(SQLFunction.Parameter(name: parameterName, type: nil))
                } else {
                    parameters.append(SQLFunction.Parameter(name: parameterName, type: try parseType(name: parameterName)))
                }
            } while parser.accept(symbol: ",")
            try parser.expect(symbol: ")")
        }
        let returns = parser.accept(word: "RETURNS") ? try parseType(name: "") : nil
        if parser.isWord("LANGUAGE") || parser.isWord("DETERMINISTIC") || parser.isWord("NOT") {
            throw parser.unsupported("JavaScript functions (LANGUAGE js) are", at: parser.current.location)
        }
        try parser.expect(keyword: "AS")
        guard parser.accept(symbol: "(") else {
            throw parser.expected("\"(\" (the function's body is an expression in parentheses)")
        }
        let bodyLocation = parser.current.location
        let body = skip(until: [])
        guard !body.isEmpty else { throw GoogleSQLError.invalidQuery("A function's body cannot be empty at \(bodyLocation)") }
        try parser.expect(symbol: ")")
        var description: String?
        if parser.accept(word: "OPTIONS") {
            for case ("description", .string(let text)) in try parseOptions() { description = text }
        }
        let function = SQLFunction(name: name, parameters: parameters, returns: returns, body: body, bodyLocation: bodyLocation)
        return .createFunction(
            CreateFunctionStatement(function: function, orReplace: orReplace, ifNotExists: ifNotExists, target: target, description: description))
    }
}
