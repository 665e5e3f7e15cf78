import WarehouseSchema

/// An OPTIONS value the emulator reads; others are accepted and ignored.
enum OptionValue {
    case string(String)
    case bool(Bool)
}

/// CREATE TABLE / VIEW, column definitions and their types.
extension ScriptParser {
    mutating func parseCreate() throws(GoogleSQLError) -> ScriptStatement {
        parser.position += 1
        var orReplace = false
        if parser.accept(keyword: "OR") {
            guard parser.accept(word: "REPLACE") else { throw parser.expected("keyword REPLACE") }
            orReplace = true
        }
        let temporary = parser.accept(word: "TEMP") || parser.accept(word: "TEMPORARY")
        let materialized = parser.isWord("MATERIALIZED") && parser.isWord("VIEW", parser.peek(1))
        if materialized { parser.position += 1 }
        if parser.accept(word: "VIEW") {
            let ifNotExists = try acceptIfNotExists()
            let name = try parser.parseTableName()
            if parser.current.isSymbol("(") {
                throw parser.unsupported("view column lists are", at: parser.current.location)
            }
            if materialized {
                // Partitioning and clustering shape a materialized view's storage, which a view read
                // anew each time has none of.
                if parser.accept(keyword: "PARTITION") {
                    try parser.expect(keyword: "BY")
                    _ = try parsePartitioning()
                }
                if parser.accept(word: "CLUSTER") {
                    try parser.expect(keyword: "BY")
                    repeat { _ = try identifier() } while parser.accept(symbol: ",")
                }
            }
            var description: String?
            if parser.accept(word: "OPTIONS") {
                for case ("description", .string(let text)) in try parseOptions() { description = text }
            }
            try parser.expect(keyword: "AS")
            return .createView(
                CreateViewStatement(
                    name: name, orReplace: orReplace, ifNotExists: ifNotExists, query: skip(until: []), materialized: materialized,
                    description: description))
        }
        if parser.isWord("FUNCTION") || parser.isWord("AGGREGATE") || (parser.isWord("TABLE") && parser.isWord("FUNCTION", parser.peek(1))) {
            return try parseCreateFunction(orReplace: orReplace, temporary: temporary)
        }
        if parser.isWord("PROCEDURE") {
            guard !temporary else { throw parser.unexpected(parser.current) }
            return try parseCreateProcedure(orReplace: orReplace)
        }
        if parser.isWord("SCHEMA") {
            guard !orReplace, !temporary else { throw parser.unexpected(parser.current) }
            parser.position += 1
            return try parseCreateSchema()
        }
        guard parser.accept(word: "TABLE") else {
            throw parser.unsupported(
                "CREATE statements other than CREATE TABLE, CREATE SCHEMA, CREATE [MATERIALIZED] VIEW, CREATE [TEMP] FUNCTION and CREATE PROCEDURE are",
                at: parser.current.location)
        }
        var create = CreateTableStatement(name: TableName(table: ""))
        create.orReplace = orReplace
        create.temporary = temporary
        create.ifNotExists = try acceptIfNotExists()
        create.name = try parser.parseTableName()
        if parser.accept(keyword: "LIKE") {
            create.source = (try parser.parseTableName(), copiesRows: false)
        } else if parser.accept(word: "COPY") || parser.accept(word: "CLONE") {
            create.source = (try parser.parseTableName(), copiesRows: true)
            if parser.isWord("FOR") || parser.current.isKeyword("FOR") {
                throw parser.unsupported("FOR SYSTEM_TIME AS OF is", at: parser.current.location)
            }
        } else if parser.accept(symbol: "(") {
            var columns: [TableFieldSchema] = []
            repeat { columns.append(try parseColumnDefinition()) } while parser.accept(symbol: ",")
            try parser.expect(symbol: ")")
            create.columns = columns
        }
        if parser.accept(keyword: "PARTITION") {
            try parser.expect(keyword: "BY")
            if parser.isWord("RANGE_BUCKET") {
                create.rangePartitioning = try parseRangePartitioning()
            } else {
                create.partitioning = try parsePartitioning()
            }
        }
        if parser.accept(word: "CLUSTER") {
            try parser.expect(keyword: "BY")
            repeat { create.clustering.append(try identifier()) } while parser.accept(symbol: ",")
        }
        if parser.accept(word: "OPTIONS") {
            for (key, value) in try parseOptions() {
                switch (key, value) {
                case ("description", .string(let text)): create.description = text
                case ("require_partition_filter", .bool(let flag)): create.requirePartitionFilter = flag
                default: break
                }
            }
        }
        if parser.accept(keyword: "AS") { create.query = skip(until: []) }
        if create.source?.copiesRows == true, create.query != nil { throw parser.unexpected(parser.current) }
        if create.columns == nil, create.query == nil, create.source == nil {
            throw parser.expected("\"(\", keyword LIKE, COPY, CLONE or keyword AS")
        }
        return .createTable(create)
    }

    mutating func acceptIfNotExists() throws(GoogleSQLError) -> Bool {
        guard parser.accept(keyword: "IF") else { return false }
        try parser.expect(keyword: "NOT")
        try parser.expect(keyword: "EXISTS")
        return true
    }

    /// `col`, `DATE(ts)`, `TIMESTAMP_TRUNC(ts, MONTH)`, `DATE_TRUNC(d, YEAR)`, `_PARTITIONDATE`.
    /// `RANGE_BUCKET(column, GENERATE_ARRAY(start, end, interval))`, with integer literals.
    mutating func parseRangePartitioning() throws(GoogleSQLError) -> (column: String, start: Int64, end: Int64, interval: Int64) {
        parser.position += 1
        try parser.expect(symbol: "(")
        let column = try identifier()
        try parser.expect(symbol: ",")
        guard parser.accept(word: "GENERATE_ARRAY") else { throw parser.expected("GENERATE_ARRAY(start, end, interval)") }
        try parser.expect(symbol: "(")
        var bounds: [Int64] = []
        repeat {
            let negative = parser.accept(symbol: "-")
            guard case .integer(let digits) = parser.current.kind, let value = Int64(digits) else { throw parser.expected("integer literal") }
            parser.position += 1
            bounds.append(negative ? -value : value)
        } while parser.accept(symbol: ",")
        guard bounds.count == 3 else { throw parser.expected("GENERATE_ARRAY(start, end, interval)") }
        try parser.expect(symbol: ")")
        try parser.expect(symbol: ")")
        return (column, bounds[0], bounds[1], bounds[2])
    }

    mutating func parsePartitioning() throws(GoogleSQLError) -> (column: String?, granularity: String) {
        let location = parser.current.location
        let first = try identifier()
        guard parser.accept(symbol: "(") else {
            let upper = first.uppercased()
            return upper == "_PARTITIONDATE" || upper == "_PARTITIONTIME" ? (nil, "DAY") : (first, "DAY")
        }
        let function = first.uppercased()
        let column = try identifier()
        var granularity = "DAY"
        if parser.accept(symbol: ",") { granularity = try identifier().uppercased() }
        try parser.expect(symbol: ")")
        guard ["DATE", "TIMESTAMP_TRUNC", "DATE_TRUNC", "DATETIME_TRUNC"].contains(function),
            ["DAY", "HOUR", "MONTH", "YEAR"].contains(granularity)
        else {
            throw parser.unsupported("PARTITION BY \(function)(...) is", at: location)
        }
        let upper = column.uppercased()
        return (upper == "_PARTITIONTIME" || upper == "_PARTITIONDATE" ? nil : column, granularity)
    }

    /// `OPTIONS(name = literal, ...)`: string, boolean and number literals; anything else is skipped.
    /// After `CREATE SCHEMA`: `[IF NOT EXISTS] name [OPTIONS(...)]`.
    mutating func parseCreateSchema() throws(GoogleSQLError) -> ScriptStatement {
        let ifNotExists = try acceptIfNotExists()
        let name = try parseSchemaName()
        if parser.current.isKeyword("DEFAULT") {
            throw parser.unsupported("DEFAULT COLLATE of a schema is", at: parser.current.location)
        }
        var options = SchemaOptions()
        if parser.accept(word: "OPTIONS") {
            for (key, value) in try parseOptions() {
                guard case .string(let text) = value else { continue }
                switch key {
                case "description": options.description = text
                case "friendly_name": options.friendlyName = text
                case "location": options.location = text
                default: break
                }
            }
        }
        return .createSchema(name, ifNotExists: ifNotExists, options: options)
    }

    /// `dataset` or `project.dataset`.
    mutating func parseSchemaName() throws(GoogleSQLError) -> SchemaName {
        let location = parser.current.location
        let name = try parser.parseTableName()
        guard name.project == nil else { throw GoogleSQLError.invalidQuery("Invalid schema name at \(location): it has more than two parts") }
        return SchemaName(project: name.dataset, dataset: name.table)
    }

    mutating func parseOptions() throws(GoogleSQLError) -> [(String, OptionValue)] {
        try parser.expect(symbol: "(")
        var options: [(String, OptionValue)] = []
        if parser.accept(symbol: ")") { return options }
        repeat {
            let key = try identifier().lowercased()
            try parser.expect(symbol: "=")
            let value = parser.current.kind
            let text = skip(until: [], commas: true)
            switch value {
            case .keyword("TRUE"): options.append((key, .bool(true)))
            case .keyword("FALSE"): options.append((key, .bool(false)))
            case .string(let string): options.append((key, .string(string)))
            default: if text.isEmpty { throw parser.unexpected(parser.current) }
            }
        } while parser.accept(symbol: ",")
        try parser.expect(symbol: ")")
        return options
    }

    /// `name TYPE [NOT NULL] [OPTIONS(...)]`.
    mutating func parseColumnDefinition() throws(GoogleSQLError) -> TableFieldSchema {
        let name = try identifier()
        var field = try parseType(name: name)
        try parseColumnAttributes(&field)
        return field
    }

    mutating func parseColumnAttributes(_ field: inout TableFieldSchema) throws(GoogleSQLError) {
        while true {
            if parser.accept(keyword: "NOT") {
                try parser.expect(keyword: "NULL")
                guard field.mode != .repeated else {
                    throw GoogleSQLError.invalidQuery("NOT NULL cannot be applied to an ARRAY column (\(field.name))")
                }
                field.mode = .required
            } else if parser.accept(word: "OPTIONS") {
                for (key, value) in try parseOptions() {
                    if key == "description", case .string(let text) = value { field.description = text }
                }
            } else if parser.accept(keyword: "DEFAULT") {
                let location = parser.current.location
                let expression = skip(until: ["OPTIONS", "NOT"], commas: true)
                guard !expression.isEmpty else { throw GoogleSQLError.invalidQuery("Syntax error: Expected a default value at \(location)") }
                field.defaultValueExpression = expression
            } else if parser.isWord("COLLATE") || parser.current.isKeyword("COLLATE") {
                throw parser.unsupported("column \(self.word(parser.current) ?? "") clauses are", at: parser.current.location)
            } else {
                return
            }
        }
    }

    /// A column type: scalar names (with `(length)` / `(precision, scale)`), `ARRAY<T>`, `STRUCT<...>`.
    mutating func parseType(name: String) throws(GoogleSQLError) -> TableFieldSchema {
        let location = parser.current.location
        if parser.accept(keyword: "ARRAY") {
            try parser.expect(symbol: "<")
            var element = try parseType(name: name)
            try expectClosingAngle()
            guard element.mode != .repeated else {
                throw GoogleSQLError.invalidQuery("Arrays of arrays are not supported at \(location)")
            }
            element.mode = .repeated
            return element
        }
        if parser.accept(keyword: "STRUCT") {
            try parser.expect(symbol: "<")
            var fields: [TableFieldSchema] = []
            repeat {
                let fieldName = try identifier()
                var field = try parseType(name: fieldName)
                try parseColumnAttributes(&field)
                fields.append(field)
            } while parser.accept(symbol: ",")
            try expectClosingAngle()
            return TableFieldSchema(name: name, type: .record, fields: fields)
        }
        if parser.accept(keyword: "RANGE") {
            let typeName = try parser.parseRangeTypeBody()
            guard let type = FieldType(apiName: typeName) else { throw Self.rangeElementError(typeName, at: location) }
            return TableFieldSchema(name: name, type: type)
        }
        guard case .identifier(let typeName) = parser.current.kind, let type = FieldType(apiName: typeName),
            type != .record
        else {
            throw parser.expected("type name")
        }
        parser.position += 1
        return TableFieldSchema(name: name, type: type, parameters: try parser.parseTypeParameters(for: type))
    }

    static func rangeElementError(_ typeName: String, at location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("Unsupported type \(typeName): a RANGE's element type must be DATE, DATETIME or TIMESTAMP at \(location)")
    }

    /// `>`, also when the lexer read `>>` (two nested types closing at once) as one symbol.
    mutating func expectClosingAngle() throws(GoogleSQLError) {
        if parser.accept(symbol: ">") { return }
        if parser.current.isSymbol(">>") {
            // Leave one `>` for the enclosing type.
            parser.tokens[parser.position].kind = .symbol(">")
            return
        }
        if parser.current.isSymbol(">=") {
            throw parser.unexpected(parser.current)
        }
        throw parser.expected("\">\"")
    }
}
