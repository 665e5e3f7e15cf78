import WarehouseSchema

/// `CREATE [OR REPLACE] [{TEMP | TEMPORARY}] FUNCTION [IF NOT EXISTS] name ([param {type | ANY TYPE}, ...])
/// [RETURNS type] AS (expression) [OPTIONS (...)]`: a SQL function for the rest of the script, or with
/// a dataset-qualified name and no TEMP, a dataset's function (a routine).
extension ScriptParser {
    mutating func parseCreateFunction(orReplace: Bool, temporary: Bool) throws(GoogleSQLError) -> ScriptStatement {
        let location = parser.current.location
        if parser.isWord("AGGREGATE") { throw parser.unsupported("aggregate functions (CREATE AGGREGATE FUNCTION) are", at: location) }
        let isTable = parser.isWord("TABLE")
        if isTable {
            if temporary { throw parser.unsupported("temporary table functions (CREATE TEMP TABLE FUNCTION) are", at: location) }
            parser.position += 1
        }
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
                if parser.current.isKeyword("TABLE") || parser.isWord("TABLE") {
                    throw parser.unsupported("table parameters of table functions are", at: parser.current.location)
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
        var returns: TableFieldSchema?
        var tableColumns: [TableFieldSchema]?
        if isTable {
            tableColumns = parser.accept(word: "RETURNS") ? try parseTableColumns() : []
        } else if parser.accept(word: "RETURNS") {
            returns = try parseType(name: "")
        }
        if parser.isWord("LANGUAGE") || parser.isWord("DETERMINISTIC") || parser.isWord("NOT") {
            throw parser.unsupported("JavaScript functions (LANGUAGE js) are", at: parser.current.location)
        }
        try parser.expect(keyword: "AS")
        let parenthesised = parser.accept(symbol: "(")
        guard parenthesised || isTable else {
            throw parser.expected("\"(\" (the function's body is an expression in parentheses)")
        }
        let bodyLocation = parser.current.location
        let body = skip(until: [])
        guard !body.isEmpty else { throw GoogleSQLError.invalidQuery("A function's body cannot be empty at \(bodyLocation)") }
        if parenthesised { try parser.expect(symbol: ")") }
        var description: String?
        if parser.accept(word: "OPTIONS") {
            for case ("description", .string(let text)) in try parseOptions() { description = text }
        }
        var function = SQLFunction(name: name, parameters: parameters, returns: returns, body: body, bodyLocation: bodyLocation)
        function.tableColumns = tableColumns
        return .createFunction(
            CreateFunctionStatement(function: function, orReplace: orReplace, ifNotExists: ifNotExists, target: target, description: description))
    }

    /// `TABLE<name type, ...>` after a table function's RETURNS.
    private mutating func parseTableColumns() throws(GoogleSQLError) -> [TableFieldSchema] {
        guard parser.accept(word: "TABLE") || parser.accept(keyword: "TABLE") else { throw parser.expected("keyword TABLE") }
        try parser.expect(symbol: "<")
        var columns: [TableFieldSchema] = []
        repeat {
            let location = parser.current.location
            let name = try identifier()
            if columns.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                throw GoogleSQLError.invalidQuery("Duplicate column name \(name) at \(location)")
            }
            columns.append(try parseType(name: name))
        } while parser.accept(symbol: ",")
        try expectClosingAngle()
        return columns
    }
}
