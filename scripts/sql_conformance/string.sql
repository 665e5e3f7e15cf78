-- String functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#concatenation_operator
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: ascii_1
SELECT ASCII('abcd') as A, ASCII('a') as B, ASCII('') as C, ASCII(NULL) as D
-- expect: [{"A": 97, "B": 97, "C": 0, "D": null}]

-- case: byte_length_1
SELECT BYTE_LENGTH('абвгд') AS string_example
-- expect: [{"string_example": 10}]

-- case: byte_length_2
SELECT BYTE_LENGTH(b'абвгд') AS bytes_example
-- expect: [{"bytes_example": 10}]

-- case: char_length_1
SELECT CHAR_LENGTH('абвгд') AS char_length
-- expect: [{"char_length": 5}]

-- case: character_length_1
SELECT
  'абвгд' AS characters,
  CHARACTER_LENGTH('абвгд') AS char_length_example
-- expect: [{"characters": "абвгд", "char_length_example": 5}]

-- case: chr_1
SELECT CHR(65) AS A, CHR(255) AS B, CHR(513) AS C, CHR(1024)  AS D
-- expect: [{"A": "A", "B": "ÿ", "C": "ȁ", "D": "Ѐ"}]

-- case: code_points_to_bytes_1
SELECT CODE_POINTS_TO_BYTES([65, 98, 67, 100]) AS bytes
-- expect: [{"bytes": "QWJDZA=="}]

-- case: code_points_to_bytes_2
SELECT CODE_POINTS_TO_BYTES(ARRAY_AGG(
  (SELECT
      CASE
        WHEN chr BETWEEN b'a' and b'z'
          THEN TO_CODE_POINTS(b'a')[offset(0)] +
            MOD(code+13-TO_CODE_POINTS(b'a')[offset(0)],26)
        WHEN chr BETWEEN b'A' and b'Z'
          THEN TO_CODE_POINTS(b'A')[offset(0)] +
            MOD(code+13-TO_CODE_POINTS(b'A')[offset(0)],26)
        ELSE code
      END
   FROM
     (SELECT code, CODE_POINTS_TO_BYTES([code]) chr)
  ) ORDER BY OFFSET)) AS encoded_string
FROM UNNEST(TO_CODE_POINTS(b'Test String!')) code WITH OFFSET
-- expect: [{"encoded_string": "R3JmZyBGZ2V2YXQh"}]

-- case: code_points_to_string_1
SELECT CODE_POINTS_TO_STRING([65, 255, 513, 1024]) AS string
-- expect: [{"string": "AÿȁЀ"}]

-- case: code_points_to_string_2
SELECT CODE_POINTS_TO_STRING([97, 0, 0xF9B5]) AS string
-- expect: [{"string": "a例"}]

-- case: code_points_to_string_3
SELECT CODE_POINTS_TO_STRING([65, 255, NULL, 1024]) AS string
-- expect: [{"string": null}]

-- case: code_points_to_string_4
WITH Words AS (
  SELECT word
  FROM UNNEST(['foo', 'bar', 'baz', 'giraffe', 'llama']) AS word
)
SELECT
  CODE_POINTS_TO_STRING([code_point]) AS letter,
  COUNT(*) AS letter_count
FROM Words,
  UNNEST(TO_CODE_POINTS(word)) AS code_point
GROUP BY 1
ORDER BY 2 DESC
-- expect: [{"letter": "a", "letter_count": 5}, {"letter": "f", "letter_count": 3}, {"letter": "r", "letter_count": 2}, {"letter": "b", "letter_count": 2}, {"letter": "l", "letter_count": 2}, {"letter": "o", "letter_count": 2}, {"letter": "g", "letter_count": 1}, {"letter": "z", "letter_count": 1}, {"letter": "e", "letter_count": 1}, {"letter": "m", "letter_count": 1}, {"letter": "i", "letter_count": 1}]

-- case: concat_1
SELECT CONCAT('T.P.', ' ', 'Bar') as author
-- expect: [{"author": "T.P. Bar"}]

-- case: concat_2
SELECT CONCAT('Summer', ' ', 1923) as release_date
-- expect: [{"release_date": "Summer 1923"}]

-- case: concat_3
With Employees AS
  (SELECT
    'John' AS first_name,
    'Doe' AS last_name
  UNION ALL
  SELECT
    'Jane' AS first_name,
    'Smith' AS last_name
  UNION ALL
  SELECT
    'Joe' AS first_name,
    'Jackson' AS last_name)

SELECT
  CONCAT(first_name, ' ', last_name)
  AS full_name
FROM Employees
-- expect: [{"full_name": "John Doe"}, {"full_name": "Jane Smith"}, {"full_name": "Joe Jackson"}]

-- case: edit_distance_1
SELECT EDIT_DISTANCE('a', 'b') AS results
-- expect: [{"results": 1}]

-- case: edit_distance_2
SELECT EDIT_DISTANCE('aa', 'b') AS results
-- expect: [{"results": 2}]

-- case: edit_distance_3
SELECT EDIT_DISTANCE('aa', 'ba') AS results
-- expect: [{"results": 1}]

-- case: edit_distance_4
SELECT EDIT_DISTANCE('abcdefg', 'a', max_distance => 2) AS results
-- expect: [{"results": 2}]

-- case: ends_with_1
SELECT ENDS_WITH('apple', 'e') as example
-- expect: [{"example": true}]

-- case: from_base32_1
SELECT FROM_BASE32('MFRGGZDF74======') AS byte_data
-- expect: [{"byte_data": "YWJjZGX/"}]

-- case: from_base64_1
SELECT FROM_BASE64('/+A=') AS byte_data
-- expect: [{"byte_data": "/+A="}]

-- case: from_base64_2
SELECT FROM_BASE64(REPLACE(REPLACE('_-A=', '-', '+'), '_', '/')) AS binary
-- expect: [{"binary": "/+A="}]

-- case: from_hex_1
WITH Input AS (
  SELECT '00010203aaeeefff' AS hex_str UNION ALL
  SELECT '0AF' UNION ALL
  SELECT '666f6f626172'
)
SELECT hex_str, FROM_HEX(hex_str) AS bytes_str
FROM Input
-- expect: [{"hex_str": "0AF", "bytes_str": "AK8="}, {"hex_str": "00010203aaeeefff", "bytes_str": "AAECA6ru7/8="}, {"hex_str": "666f6f626172", "bytes_str": "Zm9vYmFy"}]

-- case: initcap_1
SELECT
  'Hello World-everyone!' AS value,
  INITCAP('Hello World-everyone!') AS initcap_value
-- expect: [{"value": "Hello World-everyone!", "initcap_value": "Hello World-Everyone!"}]

-- case: initcap_2
SELECT
  'Apples1oranges2pears' as value,
  '12' AS delimiters,
  INITCAP('Apples1oranges2pears' , '12') AS initcap_value
-- expect: [{"value": "Apples1oranges2pears", "delimiters": 12, "initcap_value": "Apples1Oranges2Pears"}]

-- case: instr_1
SELECT
  'banana' AS value, 'an' AS subvalue, 1 AS position, 1 AS occurrence,
  INSTR('banana', 'an', 1, 1) AS instr
-- expect: [{"value": "banana", "subvalue": "an", "position": 1, "occurrence": 1, "instr": 2}]

-- case: instr_2
SELECT
  'banana' AS value, 'an' AS subvalue, 1 AS position, 2 AS occurrence,
  INSTR('banana', 'an', 1, 2) AS instr
-- expect: [{"value": "banana", "subvalue": "an", "position": 1, "occurrence": 2, "instr": 4}]

-- case: instr_3
SELECT
  'banana' AS value, 'an' AS subvalue, 1 AS position, 3 AS occurrence,
  INSTR('banana', 'an', 1, 3) AS instr
-- expect: [{"value": "banana", "subvalue": "an", "position": 1, "occurrence": 3, "instr": 0}]

-- case: instr_4
SELECT
  'banana' AS value, 'an' AS subvalue, 3 AS position, 1 AS occurrence,
  INSTR('banana', 'an', 3, 1) AS instr
-- expect: [{"value": "banana", "subvalue": "an", "position": 3, "occurrence": 1, "instr": 4}]

-- case: instr_5
SELECT
  'banana' AS value, 'an' AS subvalue, -1 AS position, 1 AS occurrence,
  INSTR('banana', 'an', -1, 1) AS instr
-- expect: [{"value": "banana", "subvalue": "an", "position": -1, "occurrence": 1, "instr": 4}]

-- case: instr_6
SELECT
  'banana' AS value, 'an' AS subvalue, -3 AS position, 1 AS occurrence,
  INSTR('banana', 'an', -3, 1) AS instr
-- expect: [{"value": "banana", "subvalue": "an", "position": -3, "occurrence": 1, "instr": 4}]

-- case: instr_7
SELECT
  'banana' AS value, 'ann' AS subvalue, 1 AS position, 1 AS occurrence,
  INSTR('banana', 'ann', 1, 1) AS instr
-- expect: [{"value": "banana", "subvalue": "ann", "position": 1, "occurrence": 1, "instr": 0}]

-- case: instr_8
SELECT
  'helloooo' AS value, 'oo' AS subvalue, 1 AS position, 1 AS occurrence,
  INSTR('helloooo', 'oo', 1, 1) AS instr
-- expect: [{"value": "helloooo", "subvalue": "oo", "position": 1, "occurrence": 1, "instr": 5}]

-- case: instr_9
SELECT
  'helloooo' AS value, 'oo' AS subvalue, 1 AS position, 2 AS occurrence,
  INSTR('helloooo', 'oo', 1, 2) AS instr
-- expect: [{"value": "helloooo", "subvalue": "oo", "position": 1, "occurrence": 2, "instr": 6}]

-- case: left_1
SELECT LEFT('banana', 3) AS results
-- expect: [{"results": "ban"}]

-- case: left_2
SELECT LEFT(b'\xab\xcd\xef\xaa\xbb', 3) AS results
-- expect: [{"results": "q83v"}]

-- case: length_1
SELECT
  LENGTH('абвгд') AS string_example,
  LENGTH(CAST('абвгд' AS BYTES)) AS bytes_example
-- expect: [{"string_example": 5, "bytes_example": 10}]

-- case: lpad_1
SELECT FORMAT('%T', LPAD('c', 5)) AS results
-- expect: [{"results": "\"    c\""}]

-- case: lpad_2
SELECT LPAD('b', 5, 'a') AS results
-- expect: [{"results": "aaaab"}]

-- case: lpad_3
SELECT LPAD('abc', 10, 'ghd') AS results
-- expect: [{"results": "ghdghdgabc"}]

-- case: lpad_4
SELECT LPAD('abc', 2, 'd') AS results
-- expect: [{"results": "ab"}]

-- case: lpad_5
SELECT FORMAT('%T', LPAD(b'abc', 10, b'ghd')) AS results
-- expect: [{"results": "b\"ghdghdgabc\""}]

-- case: ltrim_1
SELECT CONCAT('#', LTRIM('   apple   '), '#') AS example
-- expect: [{"example": "#apple   #"}]

-- case: ltrim_2
SELECT LTRIM('***apple***', '*') AS example
-- expect: [{"example": "apple***"}]

-- case: ltrim_3
SELECT LTRIM('xxxapplexxx', 'xyz') AS example
-- expect: [{"example": "applexxx"}]

-- case: repeat_1
SELECT REPEAT('abc', 3) AS results
-- expect: [{"results": "abcabcabc"}]

-- case: repeat_2
SELECT REPEAT('abc', NULL) AS results
-- expect: [{"results": null}]

-- case: repeat_3
SELECT REPEAT(NULL, 3) AS results
-- expect: [{"results": null}]

-- case: replace_1
WITH desserts AS
  (SELECT 'apple pie' as dessert
  UNION ALL
  SELECT 'blackberry pie' as dessert
  UNION ALL
  SELECT 'cherry pie' as dessert)

SELECT
  REPLACE (dessert, 'pie', 'cobbler') as example
FROM desserts
-- expect: [{"example": "apple cobbler"}, {"example": "blackberry cobbler"}, {"example": "cherry cobbler"}]

-- case: reverse_1
SELECT REVERSE('abc') AS results
-- expect: [{"results": "cba"}]

-- case: reverse_2
SELECT FORMAT('%T', REVERSE(b'1a3')) AS results
-- expect: [{"results": "b\"3a1\""}]

-- case: right_1
SELECT 'apple' AS example, RIGHT('apple', 3) AS right_example
-- expect: [{"example": "apple", "right_example": "ple"}]

-- case: right_2
-- BYTES are given as base64.
SELECT b'apple' AS example, RIGHT(b'apple', 3) AS right_example
-- expect: [{"example": "YXBwbGU=", "right_example": "cGxl"}]

-- case: rpad_1
SELECT FORMAT('%T', RPAD('c', 5)) AS results
-- expect: [{"results": "\"c    \""}]

-- case: rpad_2
SELECT RPAD('b', 5, 'a') AS results
-- expect: [{"results": "baaaa"}]

-- case: rpad_3
SELECT RPAD('abc', 10, 'ghd') AS results
-- expect: [{"results": "abcghdghdg"}]

-- case: rpad_4
SELECT RPAD('abc', 2, 'd') AS results
-- expect: [{"results": "ab"}]

-- case: rpad_5
SELECT FORMAT('%T', RPAD(b'abc', 10, b'ghd')) AS results
-- expect: [{"results": "b\"abcghdghdg\""}]

-- case: rtrim_1
SELECT RTRIM('***apple***', '*') AS example
-- expect: [{"example": "***apple"}]

-- case: rtrim_2
SELECT RTRIM('applexxz', 'xyz') AS example
-- expect: [{"example": "apple"}]

-- case: soundex_1
SELECT 'Ashcraft' AS value, SOUNDEX('Ashcraft') AS soundex
-- expect: [{"value": "Ashcraft", "soundex": "A261"}]

-- case: split_1
WITH letters AS
  (SELECT '' as letter_group
  UNION ALL
  SELECT 'a' as letter_group
  UNION ALL
  SELECT 'b c d' as letter_group)

SELECT SPLIT(letter_group, ' ') as example
FROM letters
-- expect: [{"example": []}, {"example": ["a"]}, {"example": ["b", "c", "d"]}]

-- case: starts_with_1
SELECT STARTS_WITH('bar', 'b') AS example
-- expect: [{"example": true}]

-- case: strpos_1
SELECT STRPOS('foo@example.com', '@') AS example
-- expect: [{"example": 4}]

-- case: substr_1
SELECT SUBSTR('apple', 2) AS example
-- expect: [{"example": "pple"}]

-- case: substr_2
SELECT SUBSTR('apple', 2, 2) AS example
-- expect: [{"example": "pp"}]

-- case: substr_3
SELECT SUBSTR('apple', -2) AS example
-- expect: [{"example": "le"}]

-- case: substr_4
SELECT SUBSTR('apple', 1, 123) AS example
-- expect: [{"example": "apple"}]

-- case: substr_5
SELECT SUBSTR('apple', 123) AS example
-- expect: [{"example": ""}]

-- case: substr_6
SELECT SUBSTR('apple', 123, 5) AS example
-- expect: [{"example": ""}]

-- case: to_base32_1
SELECT TO_BASE32(b'abcde\xFF') AS base32_string
-- expect: [{"base32_string": "MFRGGZDF74======"}]

-- case: to_base64_1
SELECT TO_BASE64(b'\377\340') AS base64_string
-- expect: [{"base64_string": "/+A="}]

-- case: to_base64_2
SELECT REPLACE(REPLACE(TO_BASE64(b'\377\340'), '+', '-'), '/', '_') as websafe_base64
-- expect: [{"websafe_base64": "_-A="}]

-- case: to_code_points_1
SELECT
  'foo' AS word,
  TO_CODE_POINTS('foo') AS code_points
-- expect: [{"word": "foo", "code_points": [102, 111, 111]}]

-- case: to_code_points_2
SELECT
  'bar' AS word,
  TO_CODE_POINTS('bar') AS code_points
-- expect: [{"word": "bar", "code_points": [98, 97, 114]}]

-- case: to_code_points_3
SELECT
  'baz' AS word,
  TO_CODE_POINTS('baz') AS code_points
-- expect: [{"word": "baz", "code_points": [98, 97, 122]}]

-- case: to_code_points_4
SELECT
  'giraffe' AS word,
  TO_CODE_POINTS('giraffe') AS code_points
-- expect: [{"word": "giraffe", "code_points": [103, 105, 114, 97, 102, 102, 101]}]

-- case: to_code_points_5
SELECT
  'llama' AS word,
  TO_CODE_POINTS('llama') AS code_points
-- expect: [{"word": "llama", "code_points": [108, 108, 97, 109, 97]}]

-- case: to_code_points_6
SELECT
  b'\x66\x6f\x6f' AS bytes_value,
  TO_CODE_POINTS(b'\x66\x6f\x6f') AS bytes_value_as_integer
-- expect: [{"bytes_value": "Zm9v", "bytes_value_as_integer": [102, 111, 111]}]

-- case: to_code_points_7
SELECT
  b'\x00\x01\x10\xff' AS bytes_value,
  TO_CODE_POINTS(b'\x00\x01\x10\xff') AS bytes_value_as_integer
-- expect: [{"bytes_value": "AAEQ/w==", "bytes_value_as_integer": [0, 1, 16, 255]}]

-- case: to_code_points_8
SELECT TO_CODE_POINTS(b'Ā') AS b_result, TO_CODE_POINTS('Ā') AS s_result
-- expect: [{"b_result": [196, 128], "s_result": [256]}]

-- case: to_hex_1
SELECT
  b'\x00\x01\x02\x03\xAA\xEE\xEF\xFF' AS byte_string,
  TO_HEX(b'\x00\x01\x02\x03\xAA\xEE\xEF\xFF') AS hex_string
-- expect: [{"byte_string": "AAECA6ru7/8=", "hex_string": "00010203aaeeefff"}]

-- case: translate_1
SELECT TRANSLATE('This is a cookie', 'sco', 'zku') AS translate
-- expect: [{"translate": "Thiz iz a kuukie"}]

-- case: trim_1
SELECT CONCAT('#', TRIM( '   apple   '), '#') AS example
-- expect: [{"example": "#apple#"}]

-- case: trim_2
SELECT TRIM('***apple***', '*') AS example
-- expect: [{"example": "apple"}]

-- case: trim_3
SELECT TRIM('xzxapplexxy', 'xyz') as example
-- expect: [{"example": "apple"}]

-- case: trim_4
SELECT
  TRIM('abaW̊', 'Y̊') AS a,
  TRIM('W̊aba', 'Y̊') AS b,
  TRIM('abaŪ̊', 'Y̊') AS c,
  TRIM('Ū̊aba', 'Y̊') AS d
-- expect: [{"a": "abaW", "b": "W̊aba", "c": "abaŪ", "d": "Ūaba"}]

-- case: unicode_1
SELECT UNICODE('âbcd') as A, UNICODE('â') as B, UNICODE('') as C, UNICODE(NULL) as D
-- expect: [{"A": 226, "B": 226, "C": 0, "D": null}]

-- case: upper_1
SELECT UPPER('foo') AS example
-- expect: [{"example": "FOO"}]

-- Over the fixture's STRING and BYTES columns, with documented behaviours (string_functions).

-- case: upper_lower_fixture
SELECT UPPER(name) AS u, LOWER('ÀB') AS l FROM fx.items WHERE id = 1
-- expect: [{"u": "APPLE", "l": "àb"}]

-- case: length_fixture
SELECT name, LENGTH(name) AS n FROM fx.items WHERE id IN (1, 6)
-- expect: [["apple", 5], ["fig", 3]]

-- case: concat_with_null_is_null
SELECT CONCAT('a', NULL) AS s
-- expect: [{"s": null}]

-- case: concat_operator_fixture
SELECT name || '-' || category AS s FROM fx.items WHERE id = 3
-- expect: [{"s": "carrot-vegetable"}]

-- case: like_patterns
SELECT name FROM fx.items WHERE name LIKE '%an%'
-- expect: [["banana"], ["durian"], ["eggplant"]]

-- case: like_underscore
SELECT name FROM fx.items WHERE name LIKE 'f_g'
-- expect: [["fig"]]

-- case: not_like
SELECT COUNT(*) AS n FROM fx.items WHERE name NOT LIKE '%a%'
-- expect: [{"n": 1}]

-- case: substr_fixture
SELECT SUBSTR(name, 2, 3) AS s FROM fx.items WHERE id = 2
-- expect: [{"s": "ana"}]

-- case: substr_negative_position
SELECT SUBSTR('apple', -3) AS s
-- expect: [{"s": "ple"}]

-- case: strpos_and_instr
SELECT STRPOS('banana', 'an') AS a, INSTR('banana', 'an', 1, 2) AS b
-- expect: [{"a": 2, "b": 4}]

-- case: replace_fixture
SELECT REPLACE(name, 'a', 'A') AS s FROM fx.items WHERE id = 2
-- expect: [{"s": "bAnAnA"}]

-- case: split_default_comma
SELECT SPLIT('a,b,,c') AS parts
-- expect: [{"parts": ["a", "b", "", "c"]}]

-- case: split_empty_string
SELECT SPLIT('', ',') AS parts
-- expect: [{"parts": []}]

-- case: trim_functions
SELECT TRIM('  x  ') AS a, LTRIM('xxay', 'x') AS b, RTRIM('ayyy', 'y') AS c
-- expect: [{"a": "x", "b": "ay", "c": "a"}]

-- case: lpad_rpad
SELECT LPAD('7', 3, '0') AS a, RPAD('ab', 5, 'xy') AS b, LPAD('abcdef', 3) AS c
-- expect: [{"a": "007", "b": "abxyx", "c": "abc"}]

-- case: starts_ends_with_fixture
SELECT name FROM fx.items WHERE STARTS_WITH(name, 'b') OR ENDS_WITH(name, 'ant')
-- expect: [["banana"], ["eggplant"]]

-- case: repeat_reverse
SELECT REPEAT('ab', 3) AS r, REVERSE('abc') AS v
-- expect: [{"r": "ababab", "v": "cba"}]

-- case: to_hex_bytes_column
SELECT TO_HEX(code) AS h FROM fx.items WHERE id = 1
-- expect: [{"h": "616263"}]

-- case: bytes_column_roundtrip
SELECT code, BYTE_LENGTH(code) AS n FROM fx.items WHERE id IN (1, 6)
-- expect: [["YWJj", 3], ["", 0]]

-- case: to_base64_from_base64
SELECT TO_BASE64(b'abc') AS e, FROM_BASE64('YWJj') AS d
-- expect: [{"e": "YWJj", "d": "YWJj"}]

-- case: string_comparison_is_bytewise
SELECT 'B' < 'a' AS lt
-- expect: [{"lt": true}]

-- case: initcap
SELECT INITCAP('hello world-wide') AS s
-- expect: [{"s": "Hello World-Wide"}]

-- case: left_right
SELECT LEFT('banana', 3) AS l, RIGHT('banana', 2) AS r
-- expect: [{"l": "ban", "r": "na"}]

-- case: format_string_padding
SELECT FORMAT('%5s|%-5s|', 'ab', 'cd') AS s
-- expect: [{"s": "   ab|cd   |"}]

-- case: string_agg_fixture_ordered
SELECT STRING_AGG(name, ', ' ORDER BY name) AS s FROM fx.items WHERE category = 'fruit'
-- expect: [{"s": "apple, banana, durian"}]

-- case: contains_substr
SELECT CONTAINS_SUBSTR('the blue house', 'BLUE') AS a, CONTAINS_SUBSTR('abc', 'z') AS b
-- expect: [{"a": true, "b": false}]

-- case: unicode_length
SELECT LENGTH('日本') AS chars, BYTE_LENGTH('日本') AS bytes
-- expect: [{"chars": 2, "bytes": 6}]

-- case: generate_uuid_is_a_version_4_uuid
SELECT LENGTH(GENERATE_UUID()) AS len, REGEXP_CONTAINS(GENERATE_UUID(), r'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$') AS v4
-- expect: [{"len": 36, "v4": true}]
