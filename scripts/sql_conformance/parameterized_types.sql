-- Parameterized types: STRING(L), BYTES(L), NUMERIC(P, S), BIGNUMERIC(P, S) in casts and columns.
-- Cases and expected values from the GoogleSQL reference implementation's compliance and analyzer
-- tests (zetasql/compliance/testdata/cast_function.test, zetasql/analyzer/testdata/
-- parameterized_types.test) and BigQuery's parameterized data types reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#parameterized_data_types

-- case: cast_string_type_parameters_invalid_input
SELECT CAST(123456 AS STRING(5)) AS s
-- error: STRING(5) has maximum length 5 but got a value with length 6

-- case: cast_numeric_type_parameters_invalid_input
SELECT CAST(123456 AS NUMERIC(5)) AS n
-- error: NUMERIC(5) has precision 5 and scale 0 but got a value that is not in range of [-99999, 99999]

-- case: cast_array_type_parameters_invalid_input
SELECT CAST(['hello', 'hi'] AS ARRAY<STRING(2)>) AS a
-- error: STRING(2) has maximum length 2 but got a value with length 5

-- case: cast_struct_type_parameters_invalid_input
SELECT CAST((b'hey', 2) AS STRUCT<BYTES(2), INT64>) AS s
-- error: BYTES(2) has maximum length 2 but got a value with length 3

-- case: cast_numeric_max_value_with_type_parameters_invalid_input
SELECT CAST(9999999999999999999999999999.999999999 AS NUMERIC(29, 1)) AS n
-- error: NUMERIC(29, 1) has precision 29 and scale 1 but got a value that is not in range of [-9999999999999999999999999999.9, 9999999999999999999999999999.9]

-- case: cast_large_numeric_succeeds
SELECT CAST(9999999999999999999999999999.999999999 AS NUMERIC) AS n
-- expect: [{"n": "9999999999999999999999999999.999999999"}]

-- case: cast_array_with_large_floating_point_with_type_parameters
SELECT CAST([NUMERIC '99999999999999999999999999.999999999'] AS ARRAY<NUMERIC(29, 1)>) AS a
-- expect: [{"a": ["100000000000000000000000000"]}]

-- case: cast_struct_type_parameters_valid_input
SELECT CAST(([(BIGNUMERIC '0.12345', 'hey', NULL), (0.9876, 'hi', NUMERIC '0.55')], b'hello')
  AS STRUCT<ARRAY<STRUCT<BIGNUMERIC(2, 2), STRING(4), NUMERIC(2, 1)>>, BYTES(5)>).*
-- expect: [{"_field_1": [{"_field_1": "0.12", "_field_2": "hey", "_field_3": null}, {"_field_1": "0.99", "_field_2": "hi", "_field_3": "0.6"}], "_field_2": "aGVsbG8="}]

-- case: cast_rounds_half_away_from_zero
SELECT CAST(1.25 AS NUMERIC(3, 1)) AS up, CAST(-1.25 AS NUMERIC(3, 1)) AS down, CAST(12.5 AS NUMERIC(2)) AS whole
-- expect: [{"up": "1.3", "down": "-1.3", "whole": "13"}]

-- case: safe_cast_type_parameters_gives_null
SELECT SAFE_CAST('abcdef' AS STRING(5)) AS s, SAFE_CAST(123.456 AS NUMERIC(4, 2)) AS n, SAFE_CAST(b'abc' AS BYTES(3)) AS b
-- expect: [{"s": null, "n": null, "b": "YWJj"}]

-- case: numeric_precision_out_of_range
SELECT CAST(1 AS NUMERIC(100)) AS n
-- error: In NUMERIC(P), P must be between 1 and 29

-- case: numeric_scale_out_of_range
SELECT CAST(1 AS NUMERIC(20, 10)) AS n
-- error: In NUMERIC(P, S), S must be between 0 and 9

-- case: numeric_precision_for_scale_out_of_range
SELECT CAST(10 AS NUMERIC(2, 4)) AS n
-- error: In NUMERIC(P, 4), P must be between 4 and 33

-- case: bignumeric_precision_for_scale_out_of_range
SELECT CAST(1 AS BIGNUMERIC(70, 30)) AS n
-- error: In BIGNUMERIC(P, 30), P must be between 30 and 68

-- case: bytes_takes_one_parameter
SELECT CAST(10 AS BYTES(2, 4)) AS b
-- error: BYTES type can only have one parameter. Found 2 parameters

-- case: column_string_length_enforced_on_insert
CREATE TABLE {ds}.t (code STRING(3), amount NUMERIC(5, 2));
INSERT {ds}.t (code, amount) VALUES ('abcd', 1)
-- error: STRING(3) has maximum length 3 but got a value with length 4

-- case: column_numeric_rounded_on_insert
CREATE TABLE {ds}.t (code STRING(3), amount NUMERIC(5, 2));
INSERT {ds}.t (code, amount) VALUES ('abc', 123.456), ('x', -0.005);
SELECT code, amount FROM {ds}.t ORDER BY code
-- ordered
-- expect: [{"code": "abc", "amount": "123.46"}, {"code": "x", "amount": "-0.01"}]

-- case: column_numeric_precision_enforced_on_update
CREATE TABLE {ds}.t (amount NUMERIC(5, 2));
INSERT {ds}.t (amount) VALUES (999.99);
UPDATE {ds}.t SET amount = amount + 1 WHERE TRUE
-- error: NUMERIC(5, 2) has precision 5 and scale 2 but got a value that is not in range of [-999.99, 999.99]
