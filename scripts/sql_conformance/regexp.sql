-- Regular expression functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/string_functions#regexp_contains
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: regexp_contains_1
SELECT
  'foo@example.com' AS email,
  REGEXP_CONTAINS('foo@example.com', r'@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+') AS is_valid
-- expect: [{"email": "foo@example.com", "is_valid": true}]

-- case: regexp_contains_2
SELECT
  'www.example.net' AS email,
  REGEXP_CONTAINS('www.example.net', r'@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+') AS is_valid
-- expect: [{"email": "www.example.net", "is_valid": false}]

-- case: regexp_contains_3
SELECT
  'a@foo.com' AS email,
  REGEXP_CONTAINS('a@foo.com', r'^([\w.+-]+@foo\.com|[\w.+-]+@bar\.org)$') AS valid_email_address,
  REGEXP_CONTAINS('a@foo.com', r'^[\w.+-]+@foo\.com|[\w.+-]+@bar\.org$') AS without_parentheses
-- expect: [{"email": "a@foo.com", "valid_email_address": true, "without_parentheses": true}]

-- case: regexp_contains_4
SELECT
  'a@foo.computer' AS email,
  REGEXP_CONTAINS('a@foo.computer', r'^([\w.+-]+@foo\.com|[\w.+-]+@bar\.org)$') AS valid_email_address,
  REGEXP_CONTAINS('a@foo.computer', r'^[\w.+-]+@foo\.com|[\w.+-]+@bar\.org$') AS without_parentheses
-- expect: [{"email": "a@foo.computer", "valid_email_address": false, "without_parentheses": true}]

-- case: regexp_contains_5
SELECT
  'b@bar.org' AS email,
  REGEXP_CONTAINS('b@bar.org', r'^([\w.+-]+@foo\.com|[\w.+-]+@bar\.org)$') AS valid_email_address,
  REGEXP_CONTAINS('b@bar.org', r'^[\w.+-]+@foo\.com|[\w.+-]+@bar\.org$') AS without_parentheses
-- expect: [{"email": "b@bar.org", "valid_email_address": true, "without_parentheses": true}]

-- case: regexp_contains_6
SELECT
  '!b@bar.org' AS email,
  REGEXP_CONTAINS('!b@bar.org', r'^([\w.+-]+@foo\.com|[\w.+-]+@bar\.org)$') AS valid_email_address,
  REGEXP_CONTAINS('!b@bar.org', r'^[\w.+-]+@foo\.com|[\w.+-]+@bar\.org$') AS without_parentheses
-- expect: [{"email": "!b@bar.org", "valid_email_address": false, "without_parentheses": true}]

-- case: regexp_contains_7
SELECT
  'c@buz.net' AS email,
  REGEXP_CONTAINS('c@buz.net', r'^([\w.+-]+@foo\.com|[\w.+-]+@bar\.org)$') AS valid_email_address,
  REGEXP_CONTAINS('c@buz.net', r'^[\w.+-]+@foo\.com|[\w.+-]+@bar\.org$') AS without_parentheses
-- expect: [{"email": "c@buz.net", "valid_email_address": false, "without_parentheses": false}]

-- case: regexp_extract_1
SELECT REGEXP_EXTRACT('foo@example.com', r'^[a-zA-Z0-9_.+-]+') AS user_name
-- expect: [{"user_name": "foo"}]

-- case: regexp_extract_2
-- The reference aliases the result top_level_domain (its expected column).
SELECT REGEXP_EXTRACT('foo@example.com', r'^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.([a-zA-Z0-9-.]+$)') AS top_level_domain
-- expect: [{"top_level_domain": "com"}]

-- case: regexp_extract_3
SELECT
  REGEXP_EXTRACT('ab', '.b') AS result_a,
  REGEXP_EXTRACT('ab', '(.)b') AS result_b,
  REGEXP_EXTRACT('xyztb', '(.)+b') AS result_c,
  REGEXP_EXTRACT('ab', '(z)?b') AS result_d
-- expect: [{"result_a": "ab", "result_b": "a", "result_c": "t", "result_d": null}]

-- case: regexp_extract_4
WITH example AS
(SELECT 'Hello Helloo and Hellooo' AS value, 'H?ello+' AS regex, 1 as position,
1 AS occurrence UNION ALL
SELECT 'Hello Helloo and Hellooo', 'H?ello+', 1, 2 UNION ALL
SELECT 'Hello Helloo and Hellooo', 'H?ello+', 1, 3 UNION ALL
SELECT 'Hello Helloo and Hellooo', 'H?ello+', 1, 4 UNION ALL
SELECT 'Hello Helloo and Hellooo', 'H?ello+', 2, 1 UNION ALL
SELECT 'Hello Helloo and Hellooo', 'H?ello+', 3, 1 UNION ALL
SELECT 'Hello Helloo and Hellooo', 'H?ello+', 3, 2 UNION ALL
SELECT 'Hello Helloo and Hellooo', 'H?ello+', 3, 3 UNION ALL
SELECT 'Hello Helloo and Hellooo', 'H?ello+', 20, 1 UNION ALL
SELECT 'cats&dogs&rabbits' ,'\\w+&', 1, 2 UNION ALL
SELECT 'cats&dogs&rabbits', '\\w+&', 2, 3
)
SELECT value, regex, position, occurrence, REGEXP_EXTRACT(value, regex,
position, occurrence) AS regexp_value FROM example
-- expect: [{"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 1, "occurrence": 1, "regexp_value": "Hello"}, {"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 1, "occurrence": 2, "regexp_value": "Helloo"}, {"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 1, "occurrence": 3, "regexp_value": "Hellooo"}, {"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 1, "occurrence": 4, "regexp_value": null}, {"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 2, "occurrence": 1, "regexp_value": "ello"}, {"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 3, "occurrence": 1, "regexp_value": "Helloo"}, {"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 3, "occurrence": 2, "regexp_value": "Hellooo"}, {"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 3, "occurrence": 3, "regexp_value": null}, {"value": "Hello Helloo and Hellooo", "regex": "H?ello+", "position": 20, "occurrence": 1, "regexp_value": null}, {"value": "cats&dogs&rabbits", "regex": "\\w+&", "position": 1, "occurrence": 2, "regexp_value": "dogs&"}, {"value": "cats&dogs&rabbits", "regex": "\\w+&", "position": 2, "occurrence": 3, "regexp_value": null}]

-- case: regexp_extract_all_1
SELECT REGEXP_EXTRACT_ALL('Try `func(x)` or `func(y)`', '`(.+?)`') AS example
-- expect: [{"example": ["func(x)", "func(y)"]}]

-- case: regexp_instr_1
SELECT
  REGEXP_INSTR('ab@cd-ef',  '@[^-]*') AS instr_a,
  REGEXP_INSTR('ab@d-ef',   '@[^-]*') AS instr_b,
  REGEXP_INSTR('abc@cd-ef', '@[^-]*') AS instr_c,
  REGEXP_INSTR('abc-ef',    '@[^-]*') AS instr_d,
-- expect: [{"instr_a": 3, "instr_b": 3, "instr_c": 4, "instr_d": 0}]

-- case: regexp_instr_2
SELECT
  REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 1) AS instr_a,
  REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 2) AS instr_b,
  REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 3) AS instr_c,
  REGEXP_INSTR('a@cd-ef b@cd-ef', '@[^-]*', 4) AS instr_d,
-- expect: [{"instr_a": 2, "instr_b": 2, "instr_c": 10, "instr_d": 10}]

-- case: regexp_instr_3
SELECT
  REGEXP_INSTR('a@cd-ef b@cd-ef c@cd-ef', '@[^-]*', 1, 1) AS instr_a,
  REGEXP_INSTR('a@cd-ef b@cd-ef c@cd-ef', '@[^-]*', 1, 2) AS instr_b,
  REGEXP_INSTR('a@cd-ef b@cd-ef c@cd-ef', '@[^-]*', 1, 3) AS instr_c
-- expect: [{"instr_a": 2, "instr_b": 10, "instr_c": 18}]

-- case: regexp_instr_4
SELECT
  REGEXP_INSTR('a@cd-ef', '@[^-]*', 1, 1, 0) AS instr_a,
  REGEXP_INSTR('a@cd-ef', '@[^-]*', 1, 1, 1) AS instr_b
-- expect: [{"instr_a": 2, "instr_b": 5}]

-- case: regexp_match_deprecated_1
WITH email_addresses AS
  (SELECT 'foo@example.com' as email
  UNION ALL
  SELECT 'bar@example.org' as email
  UNION ALL
  SELECT 'notavalidemailaddress' as email)

SELECT
  email,
  REGEXP_MATCH(email,
               r'[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+')
               AS valid_email_address
FROM email_addresses
-- expect: [{"email": "foo@example.com", "valid_email_address": true}, {"email": "bar@example.org", "valid_email_address": true}, {"email": "notavalidemailaddress", "valid_email_address": false}]

-- case: regexp_replace_1
SELECT REGEXP_REPLACE('# Heading', r'^# ([a-zA-Z0-9\s]+$)', '<h1>\\1</h1>') AS html
-- expect: [{"html": "<h1>Heading</h1>"}]

-- case: regexp_substr_1
WITH example AS
(SELECT 'Hello World Helloo' AS value, 'H?ello+' AS regex, 1 AS position, 1 AS
occurrence
)
SELECT value, regex, position, occurrence, REGEXP_SUBSTR(value, regex,
position, occurrence) AS regexp_value FROM example
-- expect: [{"value": "Hello World Helloo", "regex": "H?ello+", "position": 1, "occurrence": 1, "regexp_value": "Hello"}]

-- Over the fixture and literals (string_functions#regexp_contains and the REGEXP_ functions; RE2
-- syntax; REGEXP_EXTRACT gives the first capture group, or the whole match when there's none).

-- case: regexp_contains_fixture
SELECT name FROM fx.items WHERE REGEXP_CONTAINS(name, r'^[a-c]')
-- expect: [["apple"], ["banana"], ["carrot"]]

-- case: regexp_contains_anchors
SELECT REGEXP_CONTAINS('abc', r'b') AS a, REGEXP_CONTAINS('abc', r'^b') AS b, REGEXP_CONTAINS('abc', r'c$') AS c
-- expect: [{"a": true, "b": false, "c": true}]

-- case: regexp_extract_group
SELECT REGEXP_EXTRACT('foo@example.com', r'@(.+)$') AS domain
-- expect: [{"domain": "example.com"}]

-- case: regexp_extract_whole_match
SELECT REGEXP_EXTRACT('abc123def', r'[0-9]+') AS digits
-- expect: [{"digits": "123"}]

-- case: regexp_extract_no_match_is_null
SELECT REGEXP_EXTRACT('abc', r'[0-9]+') AS digits
-- expect: [{"digits": null}]

-- case: regexp_extract_all_fixture
SELECT REGEXP_EXTRACT_ALL(name, r'[aeiou]') AS vowels FROM fx.items WHERE id = 2
-- expect: [{"vowels": ["a", "a", "a"]}]

-- case: regexp_replace_backreference
SELECT REGEXP_REPLACE('2024-01-15', r'(\d+)-(\d+)-(\d+)', r'\3/\2/\1') AS d
-- expect: [{"d": "15/01/2024"}]

-- case: regexp_replace_all_matches
SELECT REGEXP_REPLACE('a1b22c333', r'\d+', '#') AS s
-- expect: [{"s": "a#b#c#"}]

-- case: regexp_case_insensitive_flag
SELECT REGEXP_CONTAINS('Apple', r'(?i)^apple$') AS m
-- expect: [{"m": true}]

-- case: regexp_two_groups_fails
SELECT REGEXP_EXTRACT('ab', r'(a)(b)') AS x
-- error:

-- case: regexp_invalid_pattern_fails
SELECT REGEXP_CONTAINS('a', r'(') AS x
-- error:

-- case: regexp_instr_basic
SELECT REGEXP_INSTR('ab@cd-ef', r'@[^-]*') AS p
-- expect: [{"p": 3}]

-- case: regexp_substr_alias
SELECT REGEXP_SUBSTR('abc123', r'\d+') AS s
-- expect: [{"s": "123"}]

-- case: regexp_on_bytes
SELECT REGEXP_CONTAINS(b'abc', b'b.') AS m
-- expect: [{"m": true}]

-- case: regexp_extract_position_occurrence
SELECT REGEXP_EXTRACT('a1 b2 c3', r'[a-z]\d', 1, 2) AS s
-- expect: [{"s": "b2"}]
