import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Expected values are the examples of BigQuery's string functions documentation.
@Suite struct StringFunctionTests {
    let db = try! Fixture.events()

    @Test func formatSpecifiers() throws {
        #expect(try db.value("FORMAT('%d', 10)") == .string("10"))
        #expect(try db.value("FORMAT('|%10d|', 11)") == .string("|        11|"))
        #expect(try db.value("FORMAT('+%010d+', 12)") == .string("+0000000012+"))
        #expect(try db.value(#"FORMAT("%'d", 123456789)"#) == .string("123,456,789"))
        #expect(try db.value("FORMAT('-%s-', 'abcd efg')") == .string("-abcd efg-"))
        #expect(try db.value("FORMAT('%f %E', 1.1, 2.2)") == .string("1.100000 2.200000E+00"))
        #expect(try db.value("FORMAT('%t', DATE '2015-09-01')") == .string("2015-09-01"))
        #expect(try db.value("FORMAT('%t', TIMESTAMP '2015-09-01 19:34:56+00')") == .string("2015-09-01 19:34:56+00"))
        #expect(try db.value("FORMAT('date: %s!', FORMAT_DATE('%B %d, %Y', DATE '2015-01-02'))") == .string("date: January 02, 2015!"))
        #expect(try db.value("FORMAT('00-%t-00', NULL)") == .string("00-NULL-00"))
        #expect(try db.value("FORMAT('%i', NULL)") == .null)
        #expect(try db.value("FORMAT('%.2f %x %o %%', 3.14159, 255, 8)") == .string("3.14 ff 10 %"))
        #expect(try db.value("FORMAT('%T', 'abc')") == .string(#""abc""#))
        #expect(try db.value("FORMAT('%t', 1.0)") == .string("1.0"))
        #expect(db.failure("FORMAT('%s', 1)") != nil)
    }

    @Test func padRepeatReverseLeftRight() throws {
        #expect(try db.value("LPAD('c', 5)") == .string("    c"))
        #expect(try db.value("LPAD('b', 5, 'a')") == .string("aaaab"))
        #expect(try db.value("LPAD('abc', 10, 'ghd')") == .string("ghdghdgabc"))
        #expect(try db.value("LPAD('abc', 2, 'd')") == .string("ab"))
        #expect(try db.value("LPAD(b'abc', 10, b'ghd')") == .bytes(Array("ghdghdgabc".utf8)))
        #expect(try db.value("RPAD('abc', 10, 'ghd')") == .string("abcghdghdg"))
        #expect(try db.value("REPEAT('abc', 3)") == .string("abcabcabc"))
        #expect(try db.value("REPEAT('abc', NULL)") == .null)
        #expect(try db.value("REVERSE('abc')") == .string("cba"))
        #expect(try db.value("REVERSE(b'1a3')") == .bytes(Array("3a1".utf8)))
        #expect(try db.value("LEFT('banana', 3)") == .string("ban"))
        #expect(try db.value("RIGHT('apple', 3)") == .string("ple"))
        #expect(db.failure("REPEAT('a', -1)") != nil)
        #expect(db.failure("LPAD('a', 3, '')") != nil)
    }

    @Test func positionsAndSplitting() throws {
        #expect(try db.value("INSTR('banana', 'an', 1, 1)") == .int64(2))
        #expect(try db.value("INSTR('banana', 'an', 1, 2)") == .int64(4))
        #expect(try db.value("INSTR('banana', 'an', 1, 3)") == .int64(0))
        #expect(try db.value("INSTR('banana', 'an', 3, 1)") == .int64(4))
        #expect(try db.value("INSTR('banana', 'an', -1, 1)") == .int64(4))
        #expect(try db.value("INSTR('banana', 'an', -3, 1)") == .int64(4))
        #expect(try db.value("INSTR('banana', 'ann', 1, 1)") == .int64(0))
        #expect(try db.value("INSTR('helloooo', 'oo', 1, 2)") == .int64(6))
        #expect(try db.value("STRPOS('foo@example.com', '@')") == .int64(4))
        #expect(try db.value("SPLIT('b c d', ' ')") == .array([.string("b"), .string("c"), .string("d")]))
        #expect(try db.value("SPLIT('a,b')") == .array([.string("a"), .string("b")]))
        #expect(db.failure("INSTR('banana', 'an', 0)") != nil)
    }

    @Test func caseTranslationAndNormalization() throws {
        #expect(try db.value("INITCAP('Hello World-everyone!')") == .string("Hello World-Everyone!"))
        #expect(try db.value("INITCAP('Apples1oranges2pears', '12')") == .string("Apples1Oranges2Pears"))
        #expect(try db.value("TRANSLATE('This is a cookie', 'sco', 'zku')") == .string("Thiz iz a kuukie"))
        #expect(try db.value("NORMALIZE('\\u00ea') = NORMALIZE('\\u0065\\u0302')") == .bool(true))
        #expect(try db.value("NORMALIZE('Raha\\u2004Mahan', NFKC)") == .string("Raha Mahan"))
    }

    @Test func encodingsAndCodePoints() throws {
        #expect(try db.value("TO_HEX(b'foobar')") == .string("666f6f626172"))
        #expect(try db.value("FROM_HEX('0AF')") == .bytes([0x00, 0xaf]))
        #expect(try db.value("FROM_HEX('666f6f626172')") == .bytes(Array("foobar".utf8)))
        #expect(try db.value("FROM_BASE64('/+A=')") == .bytes([0xff, 0xe0]))
        #expect(try db.value("TO_BASE64(b'\\377\\340')") == .string("/+A="))
        #expect(try db.value("CODE_POINTS_TO_STRING([65, 255, 513, 1024])") == .string("AÿȁЀ"))
        #expect(try db.value("CODE_POINTS_TO_STRING([65, 255, NULL, 1024])") == .null)
        #expect(try db.value("CODE_POINTS_TO_BYTES([65, 98, 67, 100])") == .bytes(Array("AbCd".utf8)))
        #expect(try db.value("TO_CODE_POINTS('foo')") == .array([.int64(102), .int64(111), .int64(111)]))
        #expect(try db.value("ASCII('abcd')") == .int64(97))
        #expect(try db.value("ASCII('')") == .int64(0))
        #expect(try db.value("CHR(65)") == .string("A"))
        #expect(try db.value("CHR(513)") == .string("ȁ"))
        #expect(try db.value("CHR(0)") == .string(""))
        #expect(try db.value("UNICODE('âbcd')") == .int64(226))
        #expect(try db.value("BYTE_LENGTH('абвгд')") == .int64(10))
        #expect(try db.value("OCTET_LENGTH(b'абвгд')") == .int64(10))
        #expect(try db.value("SAFE_CONVERT_BYTES_TO_STRING(b'\\xc2')") == .string("\u{FFFD}"))
        #expect(try db.value("CONTAINS_SUBSTR('the blue house', 'Blue house')") == .bool(true))
        #expect(try db.value("CONTAINS_SUBSTR('\\u2168 day', 'IX')") == .bool(true))
        #expect(try db.value("CONTAINS_SUBSTR('the blue house', 'red')") == .bool(false))
        #expect(db.failure("FROM_HEX('zz')") != nil)
    }
}

extension StringFunctionTests {
    @Test func hostileArgumentsFailOrAnswerWithoutCrashing() throws {
        #expect(try db.value("REPEAT('', 9223372036854775807)") == .string(""))
        #expect(db.failure("REPEAT('ab', 9223372036854775807)") != nil)
        #expect(db.failure("LPAD('a', 9223372036854775807)") != nil)
        #expect(db.failure("FORMAT('%999999999d', 1)") != nil)
        #expect(try db.value("FORMAT('%.*s', -1, 'abc')") == .string("abc"))
        #expect(db.failure("PARSE_TIMESTAMP('%s', '99999999999999999999999')") != nil)
        #expect(db.failure("PARSE_DATE('%Y', '99999')") != nil)
    }
}

/// EDIT_DISTANCE (string functions page): Levenshtein distance, capped by max_distance.
extension StringFunctionTests {
    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() throws {
        #expect(try db.value("EDIT_DISTANCE('a', 'b')") == .int64(1))
        #expect(try db.value("EDIT_DISTANCE('aa', 'b')") == .int64(2))
        #expect(try db.value("EDIT_DISTANCE('aa', 'ba')") == .int64(1))
        #expect(try db.value("EDIT_DISTANCE('', 'abc')") == .int64(3))
        #expect(try db.value("EDIT_DISTANCE('kitten', 'sitting')") == .int64(3))
        #expect(try db.value("EDIT_DISTANCE('résumé', 'resume')") == .int64(2))
        #expect(try db.value("EDIT_DISTANCE(b'ab', b'b')") == .int64(1))
        #expect(try db.value("EDIT_DISTANCE(NULL, 'b')") == .null)
    }

    @Test func editDistanceStopsAtMaxDistance() throws {
        #expect(try db.value("EDIT_DISTANCE('abcdefg', 'a', max_distance => 2)") == .int64(2))
        #expect(try db.value("EDIT_DISTANCE('abc', 'abd', max_distance => 5)") == .int64(1))
        #expect(db.failure("EDIT_DISTANCE('a', 'b', max_distance => -1)") != nil)
        #expect(db.failure("EDIT_DISTANCE('a', b'b')") != nil)
    }
}

/// TO_BASE32 / FROM_BASE32, SOUNDEX and CONCAT of values cast to STRING (string functions page).
extension StringFunctionTests {
    @Test func base32RoundTripsTheDocumentedBytes() throws {
        #expect(try db.value("TO_BASE32(b'abcde\\xFF')") == .string("MFRGGZDF74======"))
        #expect(try db.value("FROM_BASE32('MFRGGZDF74======')") == .bytes(Array("abcde".utf8) + [0xFF]))
        #expect(try db.value("TO_BASE32(b'')") == .string(""))
        #expect(try db.value("FROM_BASE32(NULL)") == .null)
        #expect(db.failure("FROM_BASE32('M1======')") != nil)
    }

    @Test func soundexCodesTheLatinLetters() throws {
        #expect(try db.value("SOUNDEX('Ashcraft')") == .string("A261"))
        #expect(try db.value("SOUNDEX('Robert')") == .string("R163"))
        #expect(try db.value("SOUNDEX('Tymczak')") == .string("T522"))
        #expect(try db.value("SOUNDEX('Pfister')") == .string("P236"))
        #expect(try db.value("SOUNDEX('123')") == .string(""))
    }

    @Test func concatCastsNonStringValuesToString() throws {
        #expect(try db.value("CONCAT('Summer', ' ', 1923)") == .string("Summer 1923"))
        #expect(try db.value("CONCAT('x', TRUE)") == .string("xtrue"))
        #expect(db.failure("CONCAT('x', b'y')") != nil)
    }
}
