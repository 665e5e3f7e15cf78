import WarehouseSchema

/// One named thing in a FROM clause (a table, a subquery, a WITH query, an UNNEST) as the SQL sees
/// it: an alias and columns whose SQLite names may differ from their GoogleSQL names.
struct Relation {
    struct Column {
        /// The GoogleSQL name; anonymous columns (`SELECT 1`) have one only for the result schema.
        var name: String
        var type: SQLType
        /// The column's name in the SQL (`"event_id"`, `"_c0"`, `"value"`).
        var sqlName: String
        var isAnonymous = false
        /// The element of an UNNESTed array, read from the array's JSON: FLOAT64 holds the infinities
        /// and NaN as strings there, BYTES is base64 (see `Resolver.embedded`).
        var isArrayElement = false
    }

    /// The range variable (alias, or the table's id) users qualify names with; nil for none.
    var name: String?
    /// The SQL alias every emitted reference from another query level uses.
    var sqlAlias: String
    var columns: [Column]
    /// Set for a stored table: its pseudo columns resolve and its reads are counted.
    var table: CatalogTable?
    /// References from the relation's own query level are bare column names: the single-table SELECT
    /// that partition analysis understands.
    var isBare = false
    /// An UNNEST: its name denotes the element itself (column 0), as in `x.field`.
    var isValueTable = false
    /// For a WITH query, its SQL name.
    var namedQuery: String?

    /// The hidden column holding the row a pipe SET, DROP or RENAME changed, which the range
    /// variable names instead of the columns (see `PipeQuery.originalRow`).
    var originalRowColumn: Int? { columns.firstIndex { $0.name == PipeQuery.originalRowColumn } }
}

/// An entry of `SELECT *` over a FROM clause, in BigQuery's order (USING columns first).
struct StarColumn {
    var name: String
    var expression: TypedExpression
    var isAnonymous = false
    /// The relation and column this entry comes from; nil for a column merged by USING.
    var relation: Int?
    var column: Int?
}

/// The names one SELECT sees: its FROM clause's relations, the columns USING merged, and the
/// enclosing query levels for correlated references. A class, so reads recorded while nested
/// subqueries resolve reach the level that owns the table.
final class Scope {
    let parent: Scope?
    var relations: [Relation] = []
    /// Lowercased name → the merged column of a `JOIN ... USING`.
    var merged: [String: TypedExpression] = [:]
    var star: [StarColumn] = []
    /// Per relation, top-level columns read (catalog spelling).
    var reads: [Int: Set<String>] = [:]
    /// In a SQL function's body: its parameters (lowercased) bound to the call's arguments.
    var functionArguments: [String: FunctionArgument] = [:]
    /// In a SQL function's body: the bare table of the query whose call the body expands (through
    /// the bodies between), whose columns the arguments may read without its alias.
    var callingBareRelation: Relation?

    init(parent: Scope?) { self.parent = parent }

    func noteRead(_ relation: Int, _ column: String) { reads[relation, default: []].insert(column) }

    /// The reference to column `index` of relation `relation`, from this level or a nested one.
    /// A star entry the query uses: its column is read.
    func noteRead(_ entry: StarColumn) {
        guard let relation = entry.relation, let column = entry.column, relations[relation].table != nil else { return }
        noteRead(relation, relations[relation].columns[column].sqlName)
    }

    func reference(_ relation: Int, _ index: Int, nested: Bool, at location: SourceLocation, noteRead: Bool = true) -> TypedExpression {
        let owner = relations[relation]
        let column = owner.columns[index]
        if noteRead, owner.table != nil { self.noteRead(relation, column.sqlName) }
        if owner.isBare && !nested {
            return TypedExpression(node: .column(column.sqlName), type: column.type, location: location)
        }
        let value = TypedExpression(
            node: .relationColumn(ColumnReference(qualifier: owner.sqlAlias, sqlName: column.sqlName, name: column.name)),
            type: column.type, location: location)
        guard column.isArrayElement else { return value }
        switch column.type {
        case .float64: return TypedExpression(node: .call(SubqueryFunctions.floatFromJSONName, [value]), type: .float64, location: location)
        case .bytes: return TypedExpression(node: .call("gsql_from_base64", [value]), type: .bytes, location: location)
        default: return value
        }
    }

    func relationIndex(named name: String) -> Int? {
        let lowered = name.lowercased()
        return relations.lastIndex { $0.name?.lowercased() == lowered }
    }

    /// A relation's star entries for `SELECT *` and `alias.*`.
    func starColumns(of relation: Int, at location: SourceLocation) -> [StarColumn] {
        relations[relation].columns.indices.map { index in
            let column = relations[relation].columns[index]
            return StarColumn(
                name: column.name, expression: reference(relation, index, nested: false, at: location, noteRead: false),
                isAnonymous: column.isAnonymous, relation: relation, column: index)
        }
    }
}

/// A column of a relation that is not the bare single table: `"_t1"."_c0"`.
/// A SQL function's argument as its body reads it: `direct` at the body's own level, `nested` from a
/// subquery of the body, where a bare column of the calling query must name its table's alias.
struct FunctionArgument {
    var direct: TypedExpression
    var nested: TypedExpression
}

struct ColumnReference {
    var qualifier: String
    var sqlName: String
    /// The GoogleSQL name, for messages and result names.
    var name: String
}
