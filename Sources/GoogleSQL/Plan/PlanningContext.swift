import WarehouseSchema

/// A column of a planned query: its SQL name is always `_c<index>`.
struct PlannedColumn {
    var name: String
    var type: SQLType
    /// `SELECT 1`: reported as `f0_`, but no name to refer to.
    var isAnonymous = false
    /// `SELECT []`: in a set operation it takes the other operands' array type.
    var isUntypedEmptyArray = false

    static func sqlName(_ index: Int) -> String { "_c\(index)" }
}

/// A query expression translated to one SQLite SELECT (possibly compound, possibly with WITH).
struct PlannedQuery {
    var sql: SQLFragment
    var columns: [PlannedColumn]
}

/// What every query level of one statement shares: the inputs, the catalog, fresh SQL aliases, the
/// WITH queries in reach and the tables read.
final class PlanningContext {
    struct NamedQuery {
        var sqlName: String
        var columns: [PlannedColumn]
    }

    let parameters: [QueryParameter]
    let defaultProject: String
    let defaultDataset: String?
    let now: Int64
    let catalog: GoogleSQLCompiler.Catalog
    private var aliasCount = 0
    /// WITH levels, innermost last (lowercased name → query).
    var namedQueries: [[String: NamedQuery]] = []
    private(set) var scans: [TableScan] = []
    /// The views the statement reads, each once, each after the views it reads.
    private(set) var views: [ViewExpansion.Definition] = []

    /// Forgets the scans recorded after the first `count`: those of a plan that failed and is retried.
    func dropScans(after count: Int) { scans.removeSubrange(min(count, scans.count)...) }

    /// The script's temporary SQL functions (uppercased name → function).
    let functions: [String: SQLFunction]
    /// The datasets' functions.
    let routines: GoogleSQLCompiler.Routines
    /// The SQL functions being expanded now, outermost first, and how many calls this statement
    /// expanded in all (see `Resolver.resolveSQLFunction`).
    var expandingFunctions: [(key: String, height: Int, isRoutine: Bool)] = []
    var expandedCalls = 0
    /// Each function's body, parsed at its first call in the statement (uppercased name → body).
    var functionBodies: [String: Expression] = [:]

    init(
        parameters: [QueryParameter], defaultProject: String, defaultDataset: String?, now: Int64,
        catalog: @escaping GoogleSQLCompiler.Catalog, functions: [SQLFunction] = [],
        routines: @escaping GoogleSQLCompiler.Routines = { _ in nil }
    ) {
        self.parameters = parameters
        self.defaultProject = defaultProject
        self.defaultDataset = defaultDataset
        self.now = now
        self.catalog = catalog
        self.functions = Dictionary(functions.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        self.routines = routines
    }

    /// The text being resolved and where it starts in its script (a function's body stands inside a
    /// CREATE statement): the parser upper-cases function names, and an error names a function as the
    /// query spells it.
    var sourceText = ""
    var sourceStart = SourceLocation(line: 1, column: 1)

    /// `name` as the text spells it at `location`; `name` itself when the text there is not that name.
    /// Only errors ask, so the text is read only then.
    func spelling(of name: String, at location: SourceLocation) -> String {
        let line = location.line - (sourceStart.line - 1)
        let column = line == 1 ? location.column - (sourceStart.column - 1) : location.column
        guard line >= 1, column >= 1 else { return name }
        let lines = sourceText.split(separator: "\n", maxSplits: line, omittingEmptySubsequences: false)
        guard lines.count >= line else { return name }
        var written = lines[line - 1].dropFirst(column - 1)
        // `SAFE.f(...)`: the library resolves `f` at the call's place, where `SAFE.` is written.
        if written.prefix(5).uppercased() == "SAFE.", !name.hasPrefix("SAFE.") { written = written.dropFirst(5) }
        let spelled = written.prefix(name.count)
        return spelled.uppercased() == name ? String(spelled) : name
    }

    /// Runs `body` with a function's body as the text errors are spelled from.
    func withFunctionText<T>(_ function: SQLFunction, _ body: () throws(GoogleSQLError) -> T) throws(GoogleSQLError) -> T {
        let outer = (sourceText, sourceStart)
        (sourceText, sourceStart) = (function.body, function.bodyLocation)
        defer { (sourceText, sourceStart) = outer }
        return try body()
    }

    /// The script's temporary functions a call may name: none inside a dataset's function's body.
    func temporaryFunction(_ name: String) -> SQLFunction? {
        guard !expandingFunctions.contains(where: \.isRoutine) else { return nil }
        return functions[name]
    }

    /// The dataset's function `path` names (`dataset.f`, `project.dataset.f`, each part possibly a
    /// quoted `a.b`); nil when it does not exist.
    func routine(_ path: [String], at location: SourceLocation) throws(GoogleSQLError) -> SQLFunction? {
        let parts = path.flatMap { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        guard parts.count == 2 || parts.count == 3, !parts.contains(where: \.isEmpty) else { return nil }
        let name = TableName(project: parts.count == 3 ? parts[0] : defaultProject, dataset: parts[parts.count - 2], table: parts[parts.count - 1])
        do {
            return try routines(name)
        } catch let error as GoogleSQLError {
            throw error
        } catch {
            throw GoogleSQLError.invalidQuery("Cannot read function \(path.joined(separator: ".")): \(error) at \(location)")
        }
    }

    /// A SQL alias no other part of the statement uses (`_t0`, `_w1`, ...).
    /// The digits of the statement's FLOAT64 literals (`TypedExpression.floatLiteral`).
    private var floatLiteralTexts: [String] = []

    /// A number for a FLOAT64 literal's digits; nil past 65,536 literals in one statement, where the
    /// literal is then an ordinary FLOAT64.
    func floatLiteral(_ digits: String) -> UInt16? {
        guard floatLiteralTexts.count <= Int(UInt16.max) else { return nil }
        floatLiteralTexts.append(digits)
        return UInt16(floatLiteralTexts.count - 1)
    }

    func floatLiteralText(_ number: UInt16?) -> String? {
        number.map { floatLiteralTexts[Int($0)] }
    }

    func freshAlias(_ prefix: String) -> String {
        defer { aliasCount += 1 }
        return "_\(prefix)\(aliasCount)"
    }

    /// How often each WITH query (by SQL name) was referred to: tells a recursive one from one
    /// that only sits in a `WITH RECURSIVE` clause.
    private(set) var references: [String: Int] = [:]

    func namedQuery(_ name: String) -> NamedQuery? {
        let lowered = name.lowercased()
        for level in namedQueries.reversed() {
            if let found = level[lowered] {
                references[found.sqlName, default: 0] += 1
                return found
            }
        }
        return nil
    }

    /// One scan per table: a table read twice counts its columns once and its widest partition range.
    func record(_ scan: TableScan) {
        // A view's scan is its tables' scans: BigQuery bills a view's reads.
        if let view = scan.table.view {
            for inner in view.scans { record(inner) }
            return
        }
        guard let index = scans.firstIndex(where: { $0.table.sqliteTable == scan.table.sqliteTable }) else {
            scans.append(scan)
            return
        }
        var merged = scans[index]
        let columns = Set(merged.columns).union(scan.columns)
        merged.columns = merged.table.schema.fields.map(\.name).filter { columns.contains($0) }
        merged.partitionLowerMicros = both(merged.partitionLowerMicros, scan.partitionLowerMicros).map { Swift.min($0.0, $0.1) }
        merged.partitionUpperMicros = both(merged.partitionUpperMicros, scan.partitionUpperMicros).map { Swift.max($0.0, $0.1) }
        scans[index] = merged
    }

    private func fail(_ message: String, _ location: SourceLocation) -> GoogleSQLError {
        .invalidQuery("\(message) at \(location)")
    }

    func lookUp(_ reference: TableReference) throws(GoogleSQLError) -> CatalogTable {
        var name = reference.name
        name.project = name.project ?? defaultProject
        // `INFORMATION_SCHEMA.SCHEMATA` is of the project: the catalog qualifies those views itself.
        if name.dataset == nil, !name.table.hasPrefix("INFORMATION_SCHEMA.") {
            guard let defaultDataset else {
                throw fail("Table \"\(reference.name.table)\" must be qualified with a dataset (e.g. dataset.table)", reference.location)
            }
            name.dataset = defaultDataset
        }
        name.partitionDecorator = nil
        let found: CatalogTable?
        do {
            found = try catalog(name)
        } catch let error as GoogleSQLError {
            throw error
        } catch {
            throw GoogleSQLError.invalidQuery("Cannot read table \(name): \(error)")
        }
        guard let table = found else {
            throw GoogleSQLError.notFound(
                "Not found: Table \(name.project ?? defaultProject):\(name.dataset ?? "").\(name.table) was not found in location US")
        }
        for definition in table.view?.definitions ?? [] where !views.contains(where: { $0.sqlName == definition.sqlName }) {
            views.append(definition)
        }
        return table
    }
}

private func both(_ a: Int64?, _ b: Int64?) -> (Int64, Int64)? {
    guard let a, let b else { return nil }
    return (a, b)
}
