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

/// REGEXP_EXTRACT / REGEXP_SUBSTR with position and occurrence, and REGEXP_INSTR (string functions page).
extension RegularExpressionTests {
    @Test func extractFindsTheNthMatchFromAPosition() throws {
        let value = "'Hello Helloo and Hellooo'"
        #expect(try db.value("REGEXP_EXTRACT(\(value), 'H?ello+', 1, 1)") == .string("Hello"))
        #expect(try db.value("REGEXP_EXTRACT(\(value), 'H?ello+', 1, 2)") == .string("Helloo"))
        #expect(try db.value("REGEXP_EXTRACT(\(value), 'H?ello+', 1, 3)") == .string("Hellooo"))
        #expect(try db.value("REGEXP_EXTRACT(\(value), 'H?ello+', 1, 4)") == .null)
        #expect(try db.value("REGEXP_EXTRACT(\(value), 'H?ello+', 2, 1)") == .string("ello"))
        #expect(try db.value("REGEXP_EXTRACT(\(value), 'H?ello+', 3, 1)") == .string("Helloo"))
        #expect(try db.value("REGEXP_EXTRACT(\(value), 'H?ello+', 3, 2)") == .string("Hellooo"))
        #expect(try db.value("REGEXP_EXTRACT(\(value), 'H?ello+', 20, 1)") == .null)
        #expect(try db.value("REGEXP_EXTRACT('cats&dogs&rabbits', '\\\\w+&', 1, 2)") == .string("dogs&"))
        #expect(try db.value("REGEXP_EXTRACT('cats&dogs&rabbits', '\\\\w+&', 2, 3)") == .null)
        #expect(try db.value("REGEXP_SUBSTR('Hello World Helloo', 'H?ello+', 1, 1)") == .string("Hello"))
        #expect(try db.value("REGEXP_EXTRACT('Hello', 'l+', 3)") == .string("ll"))
    }

    @Test func extractRefusesNonPositivePositionOrOccurrence() throws {
        #expect(db.failure("REGEXP_EXTRACT('abc', 'b', 0, 1)") != nil)
        #expect(db.failure("REGEXP_EXTRACT('abc', 'b', 1, 0)") != nil)
        #expect(try db.value("REGEXP_EXTRACT('abc', 'b', NULL, 1)") == .null)
    }

    @Test func instrGivesTheOneBasedPositionOfAMatch() throws {
        #expect(try db.value("REGEXP_INSTR('ab@cd-ef', '@[^-]*')") == .int64(3))
        #expect(try db.value("REGEXP_INSTR('abc@cd-ef', '@[^-]*')") == .int64(4))
        #expect(try db.value("REGEXP_INSTR('abc-ef', '@[^-]*')") == .int64(0))
        #expect(try db.value("REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 2)") == .int64(2))
        #expect(try db.value("REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 3)") == .int64(10))
        #expect(try db.value("REGEXP_INSTR('a@cd-ef b@cd-ef c@cd-ef', '@[^-]*', 1, 2)") == .int64(10))
        #expect(try db.value("REGEXP_INSTR('a@cd-ef b@cd-ef c@cd-ef', '@[^-]*', 1, 3)") == .int64(18))
        #expect(try db.value("REGEXP_INSTR('a@cd-ef', '@[^-]*', 1, 1, 0)") == .int64(2))
        #expect(try db.value("REGEXP_INSTR('a@cd-ef', '@[^-]*', 1, 1, 1)") == .int64(5))
        #expect(try db.value("REGEXP_INSTR('éa@b', '@')") == .int64(3))
        #expect(try db.value("REGEXP_INSTR('x=12', 'x=(\\\\d+)')") == .int64(3))
        #expect(db.failure("REGEXP_INSTR('a', 'a', 1, 1, 2)") != nil)
    }
}

/// REGEXP_ on BYTES: a BYTES pattern matches byte by byte, and what is extracted is BYTES.
extension RegularExpressionTests {
    @Test func regexpFunctionsOnBytesMatchByteByByte() throws {
        #expect(try db.column("SELECT REGEXP_CONTAINS(b'abc', b'b.')") == [.bool(true)])
        #expect(try db.column("SELECT REGEXP_CONTAINS(b'\\xff\\x01', b'^.\\\\x01$')") == [.bool(true)])
        #expect(try db.column("SELECT REGEXP_EXTRACT(b'user=ada', b'=(.+)')") == [.bytes(Array("ada".utf8))])
        #expect(try db.column("SELECT REGEXP_REPLACE(b'a1b2', b'\\\\d', b'#')") == [.bytes(Array("a#b#".utf8))])
        #expect(try db.column("SELECT REGEXP_EXTRACT_ALL(b'a1b2', b'[a-z]')") == [.array([.bytes([0x61]), .bytes([0x62])])])
        #expect(try db.column("SELECT REGEXP_INSTR(b'\\xffab', b'a')") == [.int64(2)])
    }

    @Test func regexpFunctionsNeedOneTextType() throws {
        #expect(
            errorMessage { try db.column("SELECT REGEXP_CONTAINS(b'abc', 'b')") }?.hasPrefix("No matching signature for function REGEXP_CONTAINS")
                == true)
    }
}
