import Testing
import WarehouseSchema

@testable import GoogleSQL

/// REGEXP_* run on RE2: linear time, RE2's syntax and errors, captures and rewrites as BigQuery has them.
@Suite struct RegularExpressionTests {
    let db = try! Fixture.events()

    static func string(_ name: String, _ value: String) -> QueryParameter { named(name, .string, .string(value)) }

    @Test func catastrophicBacktrackingPatternAnswersAtOnce() throws {
        // A backtracking engine needs ~2^n steps here; RE2 needs n. Far past 121 characters, so a
        // regression to backtracking would not finish at all rather than merely run slowly.
        let input = String(repeating: "a", count: 100_000) + "!"
        let started = ContinuousClock.now
        let found = try db.column("SELECT REGEXP_CONTAINS(@s, r'(a+)+$')", [Self.string("s", input)])
        #expect(found == [.bool(false)])
        #expect(try db.column("SELECT REGEXP_CONTAINS(@s, r'(a+)+!$')", [Self.string("s", input)]) == [.bool(true)])
        #expect(ContinuousClock.now - started < .seconds(30), "hang guard only")
    }

    @Test func extractReturnsTheCaptureOrTheMatch() throws {
        #expect(try db.column("SELECT REGEXP_EXTRACT('user=ada;id=7', r'id=(\\d+)')") == [.string("7")])
        #expect(try db.column("SELECT REGEXP_EXTRACT('user=ada;id=7', r'[a-z]+')") == [.string("user")])
        #expect(try db.column("SELECT REGEXP_EXTRACT('abc', r'x')") == [.null])
        #expect(try db.column("SELECT REGEXP_SUBSTR('née 42', r'\\pL+')") == [.string("née")])
        #expect(
            errorMessage { try db.column("SELECT REGEXP_EXTRACT('ab', r'(a)(b)')") }?
                .contains("must not have more than 1 capturing group") == true)
    }

    @Test func extractAllReturnsEveryMatch() throws {
        #expect(
            try db.column("SELECT REGEXP_EXTRACT_ALL('a1 b22 c333', r'[a-z](\\d+)')")
                == [.array([.string("1"), .string("22"), .string("333")])])
        #expect(try db.column("SELECT ARRAY_LENGTH(REGEXP_EXTRACT_ALL('xyz', r'\\d'))") == [.int64(0)])
    }

    @Test func replaceRewritesGroupReferences() throws {
        #expect(try db.column(#"SELECT REGEXP_REPLACE('2024-01-31', r'(\d+)-(\d+)-(\d+)', '\\3.\\2.\\1')"#) == [.string("31.01.2024")])
        #expect(try db.column(#"SELECT REGEXP_REPLACE('a.b.c', r'\.', '\\0\\0')"#) == [.string("a..b..c")])
        #expect(try db.column("SELECT REGEXP_REPLACE('banana', 'a', 'o')") == [.string("bonono")])
        #expect(
            errorMessage { try db.column(#"SELECT REGEXP_REPLACE('abc', 'b', '\\2')"#) }?
                .contains("Invalid REGEXP_REPLACE pattern: Rewrite schema requests 2 matches, but the regexp only has 0 parenthesized subexpressions")
                == true)
    }

    /// Patterns fail while SQLite runs the query (the emulator turns that into a 400 invalidQuery).
    @Test func invalidPatternFailsWithRE2sMessage() {
        let message = errorMessage { try db.column("SELECT REGEXP_CONTAINS('abc', @p)", [Self.string("p", "(a")]) }
        #expect(message?.contains("Cannot parse regular expression: missing ): (a") == true)
        #expect(
            errorMessage { try db.column("SELECT REGEXP_CONTAINS('abc', r'a{2,1}')") }?
                .contains("Cannot parse regular expression: invalid repetition size: {2,1}") == true)
    }
}
