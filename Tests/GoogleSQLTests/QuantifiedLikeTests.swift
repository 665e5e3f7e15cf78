import Testing
import WarehouseSchema

@testable import GoogleSQL

/// `LIKE ANY / SOME / ALL` and their NOT forms. Expected values are the semantics tables and examples
/// of BigQuery's operators reference (quantified LIKE operator).
@Suite struct QuantifiedLikeTests {
    let db = try! Fixture.shapes()

    func row(_ values: BigQueryValue...) -> [BigQueryValue] { values }
    let t = BigQueryValue.bool(true)
    let f = BigQueryValue.bool(false)
    let n = BigQueryValue.null

    @Test(arguments: ["ANY", "SOME"])
    func anyAndSomeFollowTheReferencesTable(_ quantifier: String) throws {
        let sql = """
            SELECT NULL LIKE \(quantifier) ('a', 'b'), 'a' LIKE \(quantifier) ('a', 'c'), 'a' LIKE \(quantifier) ('b', 'c'),
              'a' LIKE \(quantifier) ('a', NULL), 'a' LIKE \(quantifier) ('b', NULL), NULL NOT LIKE \(quantifier) ('a', 'b'),
              'a' NOT LIKE \(quantifier) ('a', 'b'), 'a' NOT LIKE \(quantifier) ('a', '%a%'), 'a' NOT LIKE \(quantifier) ('a', NULL),
              'a' NOT LIKE \(quantifier) ('b', NULL)
            """
        #expect(try db.rows(sql) == [row(n, t, f, t, n, n, t, f, n, t)])
    }

    @Test func allFollowsTheReferencesTable() throws {
        let sql = """
            SELECT NULL LIKE ALL ('a', 'b'), 'a' LIKE ALL ('a', '%a%'), 'a' LIKE ALL ('a', 'c'), 'a' LIKE ALL ('a', NULL),
              'a' LIKE ALL ('b', NULL), NULL NOT LIKE ALL ('a', 'b'), 'a' NOT LIKE ALL ('b', 'c'), 'a' NOT LIKE ALL ('a', 'c'),
              'a' NOT LIKE ALL ('a', NULL), 'a' NOT LIKE ALL ('b', NULL)
            """
        #expect(try db.rows(sql) == [row(n, t, f, n, f, n, t, f, f, n)])
    }

    @Test func patternsMayBeAListASubqueryOrAnArray() throws {
        let words = """
            WITH Words AS (SELECT 'Intend with clarity.' as value UNION ALL SELECT 'Secure with intention.'
              UNION ALL SELECT 'Clarity and security.')
            """
        func values(_ condition: String) throws -> [BigQueryValue] {
            try db.column(words + " SELECT value FROM Words WHERE \(condition) ORDER BY value")
        }
        let (intend, secure, clarity) = (
            BigQueryValue.string("Intend with clarity."), BigQueryValue.string("Secure with intention."),
            BigQueryValue.string("Clarity and security.")
        )
        #expect(try values("value LIKE ANY ('Intend%', '%intention%')") == [intend, secure])
        #expect(try values("value LIKE ALL ('%ity%')") == [clarity, intend])
        #expect(try values("value LIKE ANY ((SELECT '%ion%'), '%and%')") == [clarity, secure])
        #expect(try values("value LIKE ANY (SELECT '%with%')") == [intend, secure])
        #expect(try values("value LIKE ANY UNNEST(['%ion%', '%and%'])") == [clarity, secure])
        #expect(try values("value LIKE ANY UNNEST(ARRAY(SELECT e FROM UNNEST(['%ion%', '%and%']) AS e))") == [clarity, secure])
        #expect(try values("value NOT LIKE ALL UNNEST(['%ion%', '%and%'])") == [intend])
        // LIKE is case-sensitive, BYTES too.
        #expect(try db.value("'A' LIKE ANY ('a', 'b')") == f)
        #expect(try db.rows("SELECT b'ab' LIKE ANY UNNEST([b'a%']), b'ab' LIKE ALL (SELECT b'%b'), b'ab' LIKE SOME (b'x', b'_b')") == [row(t, t, t)])
    }

    @Test func anEmptySetOfPatternsAnswersByTheReferencesRulesForItsForm() throws {
        let none = "(SELECT 'a' FROM UNNEST([1]) WHERE FALSE)"
        let empty = "UNNEST(ARRAY<STRING>[])"
        #expect(
            try db.rows("SELECT 'a' LIKE ANY \(none), 'a' LIKE ALL \(none), 'a' NOT LIKE ANY \(none), 'a' NOT LIKE ALL \(none)") == [row(f, t, t, f)])
        #expect(
            try db.rows("SELECT 'a' LIKE ANY \(empty), 'a' LIKE ALL \(empty), 'a' NOT LIKE ANY \(empty), 'a' NOT LIKE ALL \(empty)") == [
                row(f, f, t, t)
            ])
        // The empty set is looked at before a NULL search value, and a NULL array has no patterns.
        #expect(
            try db.rows("SELECT NULL LIKE ANY \(empty), NULL LIKE ALL \(none), 'a' LIKE ANY UNNEST(CAST(NULL AS ARRAY<STRING>))") == [row(f, t, f)])
    }

    @Test func patternsOfAnotherTypeAreRefused() throws {
        #expect(db.failure("1 LIKE ANY ('a')") == "No matching signature for operator LIKE ANY for argument types: INT64 at [1:8]")
        #expect(
            db.failure("'a' NOT LIKE ALL ('a', 1)") == "No matching signature for operator NOT LIKE ALL for argument types: STRING, INT64 at [1:8]")
        #expect(db.failure("'a' LIKE ANY UNNEST([b'a'])")?.hasPrefix("No matching signature for operator LIKE ANY") == true)
        #expect(db.failure("'a' LIKE ANY (SELECT 'a', 'b')") == "Subquery of a quantified LIKE must have only one output column at [1:8]")
    }

    @Test func anInListMayStartWithAScalarSubquery() throws {
        // `((SELECT 1), 2)` is a list whose first value is a subquery, not a parenthesized query.
        #expect(try db.rows("SELECT 1 IN ((SELECT 1), 2), 2 IN ((SELECT 1), (SELECT 2)), 3 IN ((SELECT 1) UNION ALL (SELECT 3))") == [row(t, t, t)])
    }
}
