import Testing
import WarehouseSchema

@testable import GoogleSQL

/// The statement frames of DDL, DML and scripts, with statements from BigQuery's DDL, DML and
/// procedural-language references.
@Suite struct ScriptParserTests {
    /// 500 nested BEGIN blocks overflowed the parser's stack and killed the emulator; each kind of
    /// block is bounded like nested expressions are, with a 400 that says so.
    @Test(arguments: [
        ("BEGIN ", "SELECT 1; ", "END; "), ("IF TRUE THEN ", "SELECT 1; ", "END IF; "),
        ("WHILE FALSE DO ", "SELECT 1; ", "END WHILE; "), ("LOOP ", "LEAVE; ", "END LOOP; "),
    ])
    func deeplyNestedBlocksAreRefusedNotACrash(open: String, inner: String, close: String) throws {
        let text = String(repeating: open, count: 5000) + inner + String(repeating: close, count: 5000)
        #expect(throws: GoogleSQLError.self) { try ScriptParser.parse(text) }
        do {
            _ = try ScriptParser.parse(text)
        } catch {
            #expect(error.message.hasPrefix("Unsupported: blocks nested more than \(ScriptParser.maximumBlockDepth) levels deep"))
        }
        // Within the bound, nesting works.
        let fine =
            String(repeating: open, count: ScriptParser.maximumBlockDepth) + inner
            + String(repeating: close, count: ScriptParser.maximumBlockDepth)
        #expect(try ScriptParser.parse(fine).count == 1)
    }

    @Test func scriptSplitsAtTopLevelSemicolonsOnly() throws {
        let statements = try ScriptParser.parse("DECLARE x INT64 DEFAULT 5;\nSELECT ';' AS s, (SELECT 1) AS one;")
        #expect(statements.count == 2)
        guard case .declare(let names, let type, let value) = statements[0] else {
            Issue.record("not a DECLARE")
            return
        }
        #expect(names == ["x"])
        #expect(type?.type == .integer)
        #expect(value == "5")
        guard case .query(let text) = statements[1] else {
            Issue.record("not a query")
            return
        }
        #expect(text == "SELECT ';' AS s, (SELECT 1) AS one")
    }

    @Test func createTableReadsColumnsPartitioningClusteringAndOptions() throws {
        let statements = try ScriptParser.parse(
            """
            CREATE TABLE IF NOT EXISTS mydataset.newtable (
              x INT64 NOT NULL OPTIONS(description = 'An optional INTEGER field'),
              y STRUCT<a ARRAY<STRING>, b BOOL, c STRUCT<d NUMERIC(10, 2)>>,
              ts TIMESTAMP)
            PARTITION BY TIMESTAMP_TRUNC(ts, MONTH)
            CLUSTER BY x
            OPTIONS(require_partition_filter = true, description = 'a table')
            """)
        guard case .createTable(let create) = statements.first else {
            Issue.record("not a CREATE TABLE")
            return
        }
        #expect(create.ifNotExists)
        #expect(create.name.dataset == "mydataset")
        #expect(create.columns?.map(\.name) == ["x", "y", "ts"])
        #expect(create.columns?[0].mode == .required)
        #expect(create.columns?[0].description == "An optional INTEGER field")
        #expect(create.columns?[1].fields[0].mode == .repeated)
        #expect(create.columns?[1].fields[2].fields[0].type == .numeric)
        #expect(create.partitioning?.column == "ts")
        #expect(create.partitioning?.granularity == "MONTH")
        #expect(create.clustering == ["x"])
        #expect(create.requirePartitionFilter)
        #expect(create.description == "a table")
    }

    @Test func dmlStatementsKeepTheirExpressionsAsText() throws {
        let statements = try ScriptParser.parse(
            """
            INSERT dataset.Inventory (product, quantity) VALUES('top load washer', 10), ('dryer', 30);
            UPDATE dataset.Inventory SET quantity = quantity - 10, supply_constrained = DEFAULT WHERE product like '%washer%';
            DELETE dataset.Inventory WHERE quantity = 0;
            MERGE dataset.Inventory T USING dataset.NewArrivals S ON T.product = S.product
            WHEN MATCHED THEN UPDATE SET quantity = T.quantity + S.quantity
            WHEN NOT MATCHED BY TARGET AND S.quantity < 20 THEN INSERT (product, quantity) VALUES(product, quantity)
            WHEN NOT MATCHED BY SOURCE THEN DELETE
            """)
        #expect(statements.map(\.statementType) == ["INSERT", "UPDATE", "DELETE", "MERGE"])
        guard case .insert(let insert) = statements[0], case .update(let update) = statements[1],
            case .delete(let delete) = statements[2], case .merge(let merge) = statements[3]
        else {
            Issue.record("wrong statements")
            return
        }
        #expect(insert.columns == ["product", "quantity"])
        #expect(insert.rows == [["'top load washer'", "10"], ["'dryer'", "30"]])
        #expect(update.assignments.map(\.column) == ["quantity", "supply_constrained"])
        #expect(update.assignments.map(\.expression) == ["quantity - 10", "DEFAULT"])
        #expect(update.whereClause == "product like '%washer%'")
        #expect(delete.whereClause == "quantity = 0")
        #expect(merge.targetAlias == "T")
        #expect(merge.source == "dataset.NewArrivals")
        #expect(merge.sourceAlias == "S")
        #expect(merge.condition == "T.product = S.product")
        #expect(merge.clauses.count == 3)
        #expect(merge.clauses[1].condition == "S.quantity < 20")
    }

    @Test func updateAndDeleteWithoutWhereAreRefusedAsBigQueryDoes() {
        #expect(throws: GoogleSQLError.self) { try ScriptParser.parse("UPDATE t SET x = 1") }
        #expect(throws: GoogleSQLError.self) { try ScriptParser.parse("DELETE FROM ds.t") }
    }

    @Test func onlyNonQueriesAndSeveralStatementsAreScripts() {
        #expect(ScriptParser.isScript("CREATE TABLE ds.t (x INT64)"))
        #expect(ScriptParser.isScript("insert ds.t (x) VALUES (1)"))
        #expect(ScriptParser.isScript("SELECT 1; SELECT 2"))
        #expect(!ScriptParser.isScript("SELECT 1;"))
        #expect(!ScriptParser.isScript("SELECT ';' FROM t"))
    }
}

@Suite struct CreateFunctionParserTests {
    @Test func createTempFunctionKeepsItsParametersReturnTypeAndBodyText() throws {
        let statements = try ScriptParser.parse(
            "CREATE OR REPLACE TEMPORARY FUNCTION f(x INT64, tags ARRAY<STRING>, y ANY TYPE)\n  RETURNS FLOAT64 AS ((x + y) / 2) OPTIONS (description = 'd');\nSELECT f(1, [], 2)"
        )
        #expect(statements.count == 2)
        guard case .createFunction(let create) = statements[0] else {
            Issue.record("not a CREATE FUNCTION")
            return
        }
        #expect(create.orReplace && !create.ifNotExists)
        #expect(create.function.name == "f")
        #expect(create.function.parameters.map(\.name) == ["x", "tags", "y"])
        #expect(create.function.parameters[0].type?.type == .integer)
        #expect(create.function.parameters[1].type?.mode == .repeated)
        #expect(create.function.parameters[2].type == nil)
        #expect(create.function.returns?.type == .float)
        #expect(create.function.body == "(x + y) / 2")
        #expect(create.function.bodyLocation == SourceLocation(line: 2, column: 23))
        #expect(statements[0].statementType == "CREATE_FUNCTION")
    }

    @Test(arguments: [
        "CREATE TEMP FUNCTION f(x INT64) AS x + 1", "CREATE TEMP FUNCTION f(x INT64) AS ()", "CREATE TEMP FUNCTION f(x) AS (1)",
        "CREATE TEMP FUNCTION ds.f(x INT64) AS (1)", "CREATE TEMP FUNCTION f(x INT64, x INT64) AS (1)",
        "CREATE TEMP FUNCTION f(x ANY) AS (1)",
    ])
    func malformedDefinitionsAreSyntaxErrors(sql: String) {
        #expect(throws: GoogleSQLError.self) { try ScriptParser.parse(sql) }
    }
}
