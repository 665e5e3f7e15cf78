import WarehouseSchema

/// One statement of a BigQuery script (or of a single-statement job), as the emulator runs it.
///
/// Queries and expressions are kept as GoogleSQL text (a slice of the job's text): the runner compiles
/// each through `GoogleSQLCompiler` when the statement runs, so they see the tables and variables
/// as they are at that point of the script.
public enum ScriptStatement: Sendable {
    case query(String)
    case createTable(CreateTableStatement)
    case createView(CreateViewStatement)
    /// `CREATE TEMP FUNCTION name(params) [RETURNS type] AS (expression)`: lives until the script ends;
    /// `CREATE FUNCTION dataset.name(...)`: stored in the dataset.
    case createFunction(CreateFunctionStatement)
    case drop(name: TableName, isView: Bool, ifExists: Bool)
    /// `CREATE SCHEMA [IF NOT EXISTS] [project.]dataset [OPTIONS(...)]`: a dataset.
    case createSchema(SchemaName, ifNotExists: Bool, options: SchemaOptions)
    /// `DROP SCHEMA [IF EXISTS] [project.]dataset [CASCADE | RESTRICT]`.
    case dropSchema(SchemaName, ifExists: Bool, cascade: Bool)
    /// `DROP FUNCTION [IF EXISTS] name`: of a temporary function, or with a qualified name
    /// (`dataset.name`), of a dataset's function.
    case dropFunction(name: TableName, ifExists: Bool)
    /// `CREATE [OR REPLACE] PROCEDURE [IF NOT EXISTS] dataset.name(...) BEGIN ... END`: stored in the dataset.
    case createProcedure(CreateProcedureStatement)
    /// `DROP PROCEDURE [IF EXISTS] dataset.name`.
    case dropProcedure(name: TableName, ifExists: Bool)
    /// `CALL dataset.name(argument, ...)`: each argument's text; an OUT or INOUT one names a variable.
    case callProcedure(name: TableName, arguments: [String])
    /// `ASSERT expression [AS 'description']`: fails unless the expression is TRUE.
    case assert(expression: String, description: String?)
    case truncate(TableName)
    case alterTable(AlterTableStatement)
    /// `ALTER SCHEMA [IF EXISTS] name SET OPTIONS(...)`.
    case alterSchema(SchemaName, ifExists: Bool, options: SchemaOptions)
    case insert(InsertStatement)
    case update(UpdateStatement)
    case delete(DeleteStatement)
    case merge(MergeStatement)
    /// `DECLARE a, b TYPE DEFAULT expr`: a type, a default, or both.
    case declare(names: [String], type: TableFieldSchema?, defaultExpression: String?)
    /// `SET x = expr` or `SET (a, b) = (expr, expr)` / `= (SELECT AS STRUCT...)`.
    case set(names: [String], expression: String)
    /// `SET @@dataset_id = expression` and the other system variables.
    case setSystemVariable(name: String, expression: String)
    /// `BEGIN ... END`.
    case block([ScriptStatement])
    /// `BEGIN ... EXCEPTION WHEN ERROR THEN ... END`.
    case exceptionBlock(body: [ScriptStatement], handler: [ScriptStatement])
    /// A statement of a block's body with its text and place, which an exception handler reads as
    /// `@@error.statement_text` and in `@@error.stack_trace` when that statement fails.
    indirect case sourced(ScriptStatement, text: String, location: SourceLocation)
    /// `BEGIN [TRANSACTION]`, `COMMIT [TRANSACTION]`, `ROLLBACK [TRANSACTION]`.
    case transaction(TransactionControl)
    /// `RAISE [USING MESSAGE = expr]`: the message expression as text, nil for a bare RAISE.
    case raise(message: String?)
    /// `RETURN`: ends the script.
    case returnFromScript
    /// `IF c THEN ... [ELSEIF c THEN ...] [ELSE ...] END IF`; also `CASE [x] WHEN ... END CASE`, whose
    /// branches become conditions.
    case conditional(branches: [(condition: String, body: [ScriptStatement])], otherwise: [ScriptStatement]?)
    /// `WHILE c DO ... END WHILE`, and `LOOP ... END LOOP` (condition nil).
    case loop(condition: String?, body: [ScriptStatement])
    /// `REPEAT ... UNTIL c END REPEAT`: the body runs, then the condition ends the loop when TRUE.
    case repeatLoop(body: [ScriptStatement], until: String)
    /// `FOR row IN (query) DO ... END FOR`.
    case forIn(variable: String, query: String, body: [ScriptStatement])
    /// `LEAVE` / `BREAK`, `ITERATE` / `CONTINUE`.
    case leave
    case iterate
    /// `EXECUTE IMMEDIATE 'sql' [INTO a, b] [USING x, y AS name]`: the text is an expression giving
    /// the statement; USING's values are its query parameters, by position (`?`) or by name (`@name`).
    case executeImmediate(sql: String, into: [String], using: [ImmediateArgument])

    /// BigQuery's `statementType` for a job made of this statement alone.
    public var statementType: String {
        switch self {
        case .query: "SELECT"
        case .createTable(let create): create.query != nil ? "CREATE_TABLE_AS_SELECT" : "CREATE_TABLE"
        case .createView: "CREATE_VIEW"
        case .createSchema: "CREATE_SCHEMA"
        case .dropSchema: "DROP_SCHEMA"
        case .createFunction: "CREATE_FUNCTION"
        case .dropFunction: "DROP_FUNCTION"
        case .createProcedure: "CREATE_PROCEDURE"
        case .dropProcedure: "DROP_PROCEDURE"
        case .callProcedure: "CALL"
        case .assert: "ASSERT"
        case .drop(_, let isView, _): isView ? "DROP_VIEW" : "DROP_TABLE"
        case .truncate: "TRUNCATE_TABLE"
        case .alterTable: "ALTER_TABLE"
        case .alterSchema: "ALTER_SCHEMA"
        case .insert: "INSERT"
        case .update: "UPDATE"
        case .delete: "DELETE"
        case .merge: "MERGE"
        case .sourced(let statement, _, _): statement.statementType
        case .transaction(let control): control.statementType
        default: "SCRIPT"
        }
    }
}

public enum TransactionControl: Sendable {
    case begin, commit, rollback

    public var statementType: String {
        switch self {
        case .begin: "BEGIN_TRANSACTION"
        case .commit: "COMMIT_TRANSACTION"
        case .rollback: "ROLLBACK_TRANSACTION"
        }
    }
}

/// `ALTER TABLE [IF EXISTS] name action, ...`.
public struct AlterTableStatement: Sendable {
    public var name: TableName
    public var ifExists: Bool
    public var actions: [AlterTableAction]
}

public enum AlterTableAction: Sendable {
    case addColumn(TableFieldSchema, ifNotExists: Bool)
    case dropColumn(String, ifExists: Bool)
    case renameColumn(String, to: String, ifExists: Bool)
    /// `ALTER COLUMN c SET DATA TYPE t`: the new type, named as the column.
    case setDataType(TableFieldSchema, ifExists: Bool)
    case dropNotNull(String, ifExists: Bool)
    /// `ALTER COLUMN c SET DEFAULT expression` (nil: `DROP DEFAULT`).
    case setDefault(String, expression: String?, ifExists: Bool)
    case setColumnDescription(String, description: String?, ifExists: Bool)
    case setOptions(TableOptions)
    case renameTable(String)
}

/// The table OPTIONS the emulator keeps (others are accepted).
public struct TableOptions: Sendable {
    public var description: String?
    public var friendlyName: String?
    public var requirePartitionFilter: Bool?
}

/// A dataset as DDL names it: `dataset` or `project.dataset`.
public struct SchemaName: Sendable, Hashable {
    public var project: String?
    public var dataset: String
}

/// The dataset OPTIONS the emulator keeps (others, such as labels and expirations, are accepted).
public struct SchemaOptions: Sendable {
    public var description: String?
    public var friendlyName: String?
    public var location: String?
}

public struct CreateTableStatement: Sendable {
    public var name: TableName
    public var orReplace = false
    public var ifNotExists = false
    public var temporary = false
    /// Nil for `CREATE TABLE t AS SELECT` without a column list.
    public var columns: [TableFieldSchema]?
    /// The TIMESTAMP, DATE or DATETIME column (nil with `_PARTITIONDATE`/`_PARTITIONTIME`) and granularity.
    public var partitioning: (column: String?, granularity: String)?
    /// `PARTITION BY RANGE_BUCKET(column, GENERATE_ARRAY(start, end, interval))`.
    public var rangePartitioning: (column: String, start: Int64, end: Int64, interval: Int64)?
    public var clustering: [String] = []
    public var description: String?
    public var requirePartitionFilter = false
    public var query: String?
    /// `LIKE t` (the table's schema, partitioning and clustering) or `COPY t` / `CLONE t` (those and
    /// its rows).
    public var source: (name: TableName, copiesRows: Bool)?

    init(name: TableName) { self.name = name }
}

public struct CreateViewStatement: Sendable {
    public var name: TableName
    public var orReplace = false
    public var ifNotExists = false
    public var query: String
    /// `CREATE MATERIALIZED VIEW`.
    public var materialized = false
    /// `OPTIONS(description = ...)`.
    public var description: String?
}

public struct CreateFunctionStatement: Sendable {
    public var function: SQLFunction
    public var orReplace = false
    public var ifNotExists = false
    /// The dataset's function to create (its `table` is the routine id); nil for a temporary function.
    public var target: TableName?
    /// `OPTIONS(description = ...)`.
    public var description: String?
}

public struct CreateProcedureStatement: Sendable {
    public var name: TableName
    public var parameters: [ProcedureParameter]
    /// The statements the procedure runs, as text: those between BEGIN and END, or the whole block
    /// when it has an exception handler.
    public var body: String
    public var orReplace = false
    public var ifNotExists = false
    /// `OPTIONS(description = ...)`.
    public var description: String?
}

/// A procedure's argument: `[IN | OUT | INOUT] name type`.
public struct ProcedureParameter: Sendable, Equatable {
    public enum Mode: String, Sendable {
        case input = "IN"
        case output = "OUT"
        case inputOutput = "INOUT"
    }

    public var name: String
    public var mode: Mode
    public var type: TableFieldSchema

    public init(name: String, mode: Mode, type: TableFieldSchema) {
        self.name = name
        self.mode = mode
        self.type = type
    }
}

public struct InsertStatement: Sendable {
    public var table: TableName
    public var columns: [String]?
    /// `VALUES (...), (...)`: each row's expressions; `DEFAULT` is kept as the text "DEFAULT".
    public var rows: [[String]]
    /// `INSERT ... SELECT`.
    public var query: String?
}

public struct UpdateStatement: Sendable {
    public var table: TableName
    public var alias: String?
    public var assignments: [(column: String, expression: String)]
    /// The text of the FROM clause's items, if any.
    public var from: String?
    public var whereClause: String
}

public struct DeleteStatement: Sendable {
    public var table: TableName
    public var alias: String?
    public var whereClause: String
}

public struct MergeStatement: Sendable {
    public enum Match: Sendable { case matched, notMatchedByTarget, notMatchedBySource }
    public enum Action: Sendable {
        case update([(column: String, expression: String)])
        case delete
        /// Columns (nil: all, in order) and values (nil: `INSERT ROW`, the source row's columns).
        case insert(columns: [String]?, values: [String]?)
    }
    public struct Clause: Sendable {
        public var match: Match
        public var condition: String?
        public var action: Action
    }

    public var target: TableName
    public var targetAlias: String?
    /// A table name or a parenthesised query, as text.
    public var source: String
    public var sourceAlias: String?
    public var condition: String
    public var clauses: [Clause]
}

/// One value of `EXECUTE IMMEDIATE ... USING`: an expression, and the name `AS` gives it.
public struct ImmediateArgument: Sendable {
    public var expression: String
    public var name: String?
}
