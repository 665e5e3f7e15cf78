import WarehouseSchema

/// A SQL function: a script's (`CREATE TEMP FUNCTION`) or a dataset's (`CREATE FUNCTION dataset.f`, a
/// routine). Calls are expanded where they stand:
/// the body is resolved once per call, with each parameter bound to that call's argument, so its
/// result type follows the arguments' for `ANY TYPE` parameters.
///
/// An argument a body reads twice is computed twice: `f(RAND())` with the body `x - x` need not be 0,
/// where BigQuery computes each argument once.
public struct SQLFunction: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        /// Nil for `ANY TYPE`: the parameter takes its argument's type.
        public var type: TableFieldSchema?

        public init(name: String, type: TableFieldSchema?) {
            self.name = name
            self.type = type
        }
    }

    public var name: String
    public var parameters: [Parameter]
    /// `RETURNS type`; without it the body's type is the result's.
    public var returns: TableFieldSchema?
    /// The body's expression, as text (what `AS ( ... )` holds).
    public var body: String
    /// Where the body starts in the script, so that its errors point there.
    public var bodyLocation: SourceLocation
    /// Where a dataset's function is stored; nil for a script's temporary function. The body of a
    /// dataset's function cannot call temporary functions, which belong to the script calling it.
    public var routine: RoutineName?
    /// For a table function (`CREATE TABLE FUNCTION`), whose body is a query read in a FROM clause:
    /// its declared columns (`RETURNS TABLE<...>`), empty when it declares none. Nil for a scalar one.
    public var tableColumns: [TableFieldSchema]?

    public init(
        name: String, parameters: [Parameter], returns: TableFieldSchema?, body: String,
        bodyLocation: SourceLocation = SourceLocation(line: 1, column: 1)
    ) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.body = body
        self.bodyLocation = bodyLocation
    }

    /// The key calls look the function up by: a temporary function's name is case-insensitive, a
    /// dataset's function is named by its case-sensitive path.
    var key: String { routine?.description ?? name.uppercased() }
}

/// A dataset's function: `project.dataset.routine`.
public struct RoutineName: Sendable, Hashable, CustomStringConvertible {
    public var project: String
    public var dataset: String
    public var routine: String

    public init(project: String, dataset: String, routine: String) {
        self.project = project
        self.dataset = dataset
        self.routine = routine
    }

    public var description: String { "\(project).\(dataset).\(routine)" }

    /// A routine id as BigQuery accepts it: ASCII letters, digits and underscores, 1 to 256 of them.
    public static func isValidId(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 256
            && id.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 }
    }
}

extension GoogleSQLCompiler {
    /// Checks a function as `CREATE TEMP FUNCTION` defines it, as BigQuery does before any call: the
    /// body must parse, and with every parameter typed it must resolve (names, types, `RETURNS`).
    /// `functions`: those defined before it, which its body may call.
    public static func check(
        _ function: SQLFunction, functions: [SQLFunction], parameters: [QueryParameter], defaultProject: String,
        defaultDataset: String?, catalog: Catalog, routines: Routines = { _ in nil }
    ) throws {
        try checkQueryLength(function.body)
        let fields = function.parameters.compactMap(\.type)
        guard fields.count == function.parameters.count else {
            // An ANY TYPE parameter's type comes with each call: only the syntax can be checked now.
            if function.tableColumns != nil { _ = try Resolver.parseTableBody(function) } else { _ = try Resolver.parseBody(function) }
            return
        }
        let arguments = fields.map { TypedExpression.constant(.null, SQLType(field: $0), at: function.bodyLocation) }
        _ = try withoutActuallyEscaping(catalog) { catalog in
            try withoutActuallyEscaping(routines) { routines in
                // The catalogs are only used while the body resolves, never kept afterwards.
                let context = PlanningContext(
                    parameters: parameters, defaultProject: defaultProject, defaultDataset: defaultDataset, now: 0, catalog: catalog,
                    functions: functions.filter { $0.key != function.key }, routines: routines)
                let resolver = Resolver(scope: Scope(parent: nil), context: context)
                if function.tableColumns != nil {
                    _ = try resolver.expandTable(function, arguments: arguments, calledAt: nil)
                    return
                }
                _ = try resolver.expand(function, arguments: arguments, calledAt: nil)
            }
        }
    }
}
