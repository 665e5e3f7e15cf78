import WarehouseSchema

/// ALTER TABLE and ALTER SCHEMA, as the DDL reference writes them.
extension ScriptParser {
    mutating func parseAlter() throws(GoogleSQLError) -> ScriptStatement {
        let start = parser.current.location
        parser.position += 1
        if parser.accept(word: "SCHEMA") {
            let ifExists = try acceptIfExists()
            let name = try parseSchemaName()
            guard parser.accept(keyword: "SET"), parser.accept(word: "OPTIONS") else {
                throw parser.unsupported("ALTER SCHEMA actions other than SET OPTIONS are", at: parser.current.location)
            }
            var options = SchemaOptions()
            for (key, value) in try parseOptions() {
                guard case .string(let text) = value else { continue }
                if key == "description" { options.description = text }
                if key == "friendly_name" { options.friendlyName = text }
            }
            return .alterSchema(name, ifExists: ifExists, options: options)
        }
        guard parser.accept(word: "TABLE") else {
            throw parser.unsupported("ALTER statements other than ALTER TABLE and ALTER SCHEMA are", at: start)
        }
        let ifExists = try acceptIfExists()
        let name = try parser.parseTableName()
        var actions: [AlterTableAction] = []
        repeat { actions.append(try parseAlterTableAction()) } while parser.accept(symbol: ",")
        if actions.count > 1, actions.contains(where: { if case .renameTable = $0 { true } else { false } }) {
            throw GoogleSQLError.invalidQuery("ALTER TABLE RENAME TO cannot be combined with other actions at \(start)")
        }
        return .alterTable(AlterTableStatement(name: name, ifExists: ifExists, actions: actions))
    }

    private mutating func parseAlterTableAction() throws(GoogleSQLError) -> AlterTableAction {
        let location = parser.current.location
        if parser.accept(word: "ADD") {
            guard parser.accept(word: "COLUMN") else { throw parser.unsupported("ALTER TABLE ADD other than ADD COLUMN is", at: location) }
            let ifNotExists = try acceptIfNotExists()
            return .addColumn(try parseColumnDefinition(), ifNotExists: ifNotExists)
        }
        if parser.accept(word: "DROP") {
            guard parser.accept(word: "COLUMN") else { throw parser.unsupported("ALTER TABLE DROP other than DROP COLUMN is", at: location) }
            let ifExists = try acceptIfExists()
            return .dropColumn(try identifier(), ifExists: ifExists)
        }
        if parser.accept(word: "RENAME") {
            if parser.accept(keyword: "TO") { return .renameTable(try identifier()) }
            guard parser.accept(word: "COLUMN") else { throw parser.expected("keyword COLUMN or TO") }
            let ifExists = try acceptIfExists()
            let old = try identifier()
            try parser.expect(keyword: "TO")
            return .renameColumn(old, to: try identifier(), ifExists: ifExists)
        }
        if parser.accept(keyword: "SET") {
            guard parser.accept(word: "OPTIONS") else { throw parser.unsupported("ALTER TABLE SET other than SET OPTIONS is", at: location) }
            var options = TableOptions()
            for (key, value) in try parseOptions() {
                switch (key, value) {
                case ("description", .string(let text)): options.description = text
                case ("friendly_name", .string(let text)): options.friendlyName = text
                case ("require_partition_filter", .bool(let flag)): options.requirePartitionFilter = flag
                default: break
                }
            }
            return .setOptions(options)
        }
        guard parser.accept(word: "ALTER") else {
            throw parser.unsupported(
                "ALTER TABLE actions other than ADD COLUMN, DROP COLUMN, RENAME, ALTER COLUMN and SET OPTIONS are", at: location)
        }
        guard parser.accept(word: "COLUMN") else { throw parser.expected("keyword COLUMN") }
        let ifExists = try acceptIfExists()
        let column = try identifier()
        if parser.accept(word: "DROP") {
            if parser.accept(keyword: "DEFAULT") { return .setDefault(column, expression: nil, ifExists: ifExists) }
            guard parser.accept(keyword: "NOT"), parser.accept(keyword: "NULL") else {
                throw parser.unsupported("ALTER COLUMN DROP other than DROP NOT NULL and DROP DEFAULT is", at: location)
            }
            return .dropNotNull(column, ifExists: ifExists)
        }
        guard parser.accept(keyword: "SET") else { throw parser.expected("keyword SET or DROP") }
        if parser.accept(keyword: "DEFAULT") {
            let expression = skip(until: [], commas: true)
            guard !expression.isEmpty else { throw parser.expected("expression") }
            return .setDefault(column, expression: expression, ifExists: ifExists)
        }
        if parser.accept(word: "OPTIONS") {
            var description: String?
            for (key, value) in try parseOptions() where key == "description" {
                if case .string(let text) = value { description = text }
            }
            return .setColumnDescription(column, description: description, ifExists: ifExists)
        }
        if parser.accept(word: "DATA") {
            guard parser.accept(word: "TYPE") else { throw parser.expected("keyword TYPE") }
            return .setDataType(try parseType(name: column), ifExists: ifExists)
        }
        throw parser.unsupported("ALTER COLUMN SET other than SET DATA TYPE, SET DEFAULT and SET OPTIONS is", at: location)
    }
}
