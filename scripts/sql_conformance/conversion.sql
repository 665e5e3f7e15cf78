-- CAST, SAFE_CAST and conversion functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/conversion_rules
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: parse_bignumeric_1
-- One row, as the reference prints it.
-- This example shows how a string with a decimal point is parsed.
SELECT PARSE_BIGNUMERIC("123.45") AS parsed
-- expect: [{"parsed": 123.45}]

-- case: parse_bignumeric_2
SELECT PARSE_BIGNUMERIC("  -  12.34 ") as parsed
-- expect: [{"parsed": -12.34}]

-- case: parse_bignumeric_3
SELECT PARSE_BIGNUMERIC("12.34e-1-") as parsed
-- expect: [{"parsed": -1.234}]

-- case: parse_bignumeric_4
SELECT PARSE_BIGNUMERIC("  1,2,,3,.45 + ") as parsed
-- expect: [{"parsed": 123.45}]

-- case: parse_bignumeric_5
SELECT PARSE_BIGNUMERIC(".1234  ") as parsed
-- expect: [{"parsed": 0.1234}]

-- case: parse_numeric_1
-- One row, as the reference prints it.
-- This example shows how a string with a decimal point is parsed.
SELECT PARSE_NUMERIC("123.45") AS parsed
-- expect: [{"parsed": 123.45}]

-- case: parse_numeric_2
SELECT PARSE_NUMERIC("  -  12.34 ") as parsed
-- expect: [{"parsed": -12.34}]

-- case: parse_numeric_3
SELECT PARSE_NUMERIC("12.34e-1-") as parsed
-- expect: [{"parsed": -1.234}]

-- case: parse_numeric_4
SELECT PARSE_NUMERIC("  1,2,,3,.45 + ") as parsed
-- expect: [{"parsed": 123.45}]

-- case: parse_numeric_5
SELECT PARSE_NUMERIC(".1234  ") as parsed
-- expect: [{"parsed": 0.1234}]

-- CAST and SAFE_CAST by the conversion rules the reference documents (conversion_functions#cast,
-- conversion_rules): FLOAT64 to INT64 rounds half away from zero; hex strings cast to INT64; a bad
-- value fails CAST and gives NULL with SAFE_CAST; TIMESTAMP to STRING is `YYYY-MM-DD HH:MM:SS+00`.

-- case: cast_string_to_int64
SELECT CAST('123' AS INT64) AS n
-- expect: [{"n": 123}]

-- case: cast_float_to_int64_rounds_half_away
SELECT CAST(1.5 AS INT64) AS a, CAST(-1.5 AS INT64) AS b, CAST(2.5 AS INT64) AS c, CAST(1.4 AS INT64) AS d
-- expect: [{"a": 2, "b": -2, "c": 3, "d": 1}]

-- case: cast_bad_int64_fails
SELECT CAST('abc' AS INT64) AS n
-- error: int64

-- case: safe_cast_bad_int64_is_null
SELECT SAFE_CAST('abc' AS INT64) AS n
-- expect: [{"n": null}]

-- case: cast_hex_string_to_int64
SELECT CAST('0x1F' AS INT64) AS a, CAST('-0x10' AS INT64) AS b
-- expect: [{"a": 31, "b": -16}]

-- case: cast_int64_to_string
SELECT CAST(123 AS STRING) AS s, CAST(-7 AS STRING) AS t
-- expect: [{"s": "123", "t": "-7"}]

-- case: cast_bool_to_string
SELECT CAST(TRUE AS STRING) AS t, CAST(FALSE AS STRING) AS f
-- expect: [{"t": "true", "f": "false"}]

-- case: cast_string_to_bool
SELECT CAST('true' AS BOOL) AS t, CAST('FALSE' AS BOOL) AS f
-- expect: [{"t": true, "f": false}]

-- case: cast_int64_to_bool
SELECT CAST(0 AS BOOL) AS z, CAST(2 AS BOOL) AS nz
-- expect: [{"z": false, "nz": true}]

-- case: cast_bool_to_int64
SELECT CAST(TRUE AS INT64) AS t, CAST(FALSE AS INT64) AS f
-- expect: [{"t": 1, "f": 0}]

-- case: cast_string_to_date
SELECT CAST('2024-02-29' AS DATE) AS d
-- expect: [{"d": "2024-02-29"}]

-- case: cast_invalid_date_fails
SELECT CAST('2023-02-29' AS DATE) AS d
-- error:

-- case: safe_cast_invalid_date_is_null
SELECT SAFE_CAST('2023-02-29' AS DATE) AS d
-- expect: [{"d": null}]

-- case: cast_date_to_string
SELECT CAST(DATE '2024-01-02' AS STRING) AS s
-- expect: [{"s": "2024-01-02"}]

-- case: cast_timestamp_to_string
SELECT CAST(TIMESTAMP '2024-01-02 03:04:05 UTC' AS STRING) AS s
-- expect: [{"s": "2024-01-02 03:04:05+00"}]

-- case: cast_string_to_timestamp
SELECT CAST('2024-01-02 03:04:05' AS TIMESTAMP) AS ts
-- expect: [{"ts": "2024-01-02 03:04:05 UTC"}]

-- case: cast_string_with_zone_to_timestamp
SELECT CAST('2024-01-02 03:04:05-05:00' AS TIMESTAMP) AS ts
-- expect: [{"ts": "2024-01-02 08:04:05 UTC"}]

-- case: cast_string_to_numeric
SELECT CAST('1.25' AS NUMERIC) AS n
-- expect: [{"n": "1.25"}]

-- case: cast_to_numeric_rounds_to_nine_digits
SELECT CAST('0.1234567895' AS NUMERIC) AS n
-- expect: [{"n": "0.12345679"}]

-- case: cast_string_to_bytes_and_back
SELECT CAST('abc' AS BYTES) AS b, CAST(b'abc' AS STRING) AS s
-- expect: [{"b": "YWJj", "s": "abc"}]

-- case: cast_datetime_to_date
SELECT CAST(DATETIME '2024-01-02 03:04:05' AS DATE) AS d
-- expect: [{"d": "2024-01-02"}]

-- case: cast_timestamp_to_date_utc
SELECT CAST(TIMESTAMP '2024-01-02 23:30:00+00' AS DATE) AS d
-- expect: [{"d": "2024-01-02"}]

-- case: cast_string_to_time
SELECT CAST('12:34:56' AS TIME) AS t
-- expect: [{"t": "12:34:56"}]

-- case: cast_string_to_datetime
SELECT CAST('2024-01-02 03:04:05.123' AS DATETIME) AS dt
-- expect: [{"dt": "2024-01-02T03:04:05.123"}]

-- case: cast_int64_to_float64
SELECT CAST(3 AS FLOAT64) AS f
-- expect: [{"f": 3.0}]

-- case: cast_float_to_string
SELECT CAST(1.5 AS STRING) AS s
-- expect: [{"s": "1.5"}]

-- case: cast_special_floats
SELECT CAST('inf' AS FLOAT64) AS a, CAST('-inf' AS FLOAT64) AS b, IS_NAN(CAST('NaN' AS FLOAT64)) AS c
-- expect: [{"a": "Infinity", "b": "-Infinity", "c": true}]

-- case: cast_null
SELECT CAST(NULL AS STRING) AS s, CAST(NULL AS INT64) AS n
-- expect: [{"s": null, "n": null}]

-- case: cast_array
SELECT CAST([1, 2] AS ARRAY<STRING>) AS a
-- expect: [{"a": ["1", "2"]}]

-- case: cast_float_overflow_fails
SELECT CAST(1e20 AS INT64) AS n
-- error:

-- case: safe_cast_overflow_is_null
SELECT SAFE_CAST(1e20 AS INT64) AS n
-- expect: [{"n": null}]

-- case: cast_numeric_to_int64
SELECT CAST(NUMERIC '2.5' AS INT64) AS n
-- expect: [{"n": 3}]

-- case: cast_fixture_columns
SELECT CAST(qty AS STRING) AS q, CAST(price AS FLOAT64) AS p, CAST(added AS STRING) AS a FROM fx.items WHERE id = 1
-- expect: [{"q": "10", "p": 1.5, "a": "2024-01-15"}]

-- case: safe_cast_fixture_strings
SELECT name, SAFE_CAST(name AS INT64) AS n FROM fx.items WHERE id = 2
-- expect: [{"name": "banana", "n": null}]

-- case: cast_incompatible_types_fails
SELECT CAST(DATE '2024-01-01' AS INT64) AS n
-- error:

-- case: parse_numeric_basic
SELECT PARSE_NUMERIC('123.45') AS n
-- expect: [{"n": "123.45"}]

-- case: format_percent_t
SELECT FORMAT('%T', 'abc') AS a, FORMAT('%T', 12) AS b, FORMAT('%T', [1, 2]) AS c
-- expect: [{"a": "\"abc\"", "b": "12", "c": "[1, 2]"}]

-- case: format_d_and_s
SELECT FORMAT('%d-%s', 10, 'x') AS s
-- expect: [{"s": "10-x"}]

-- case: format_float_precision
SELECT FORMAT('%.2f', 3.14159) AS s
-- expect: [{"s": "3.14"}]

-- CAST ... FORMAT (https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements).

-- case: cast_bytes_to_string_with_format
SELECT CAST(b'\x48\x65\x6c\x6c\x6f' AS STRING FORMAT 'ASCII') AS bytes_to_string
-- expect: [{"bytes_to_string": "Hello"}]

-- case: cast_string_to_bytes_with_format
SELECT CAST('Hello' AS BYTES FORMAT 'ASCII') AS string_to_bytes, CAST('48656c6c6f' AS BYTES FORMAT 'HEX') AS from_hex
-- expect: [{"string_to_bytes": "SGVsbG8=", "from_hex": "SGVsbG8="}]

-- case: cast_date_to_string_with_format
SELECT CAST(DATE '2018-01-30' AS STRING FORMAT 'YYYY') AS y, CAST(DATE '2018-01-30' AS STRING FORMAT 'MONTH DD, YYYY') AS long_form
-- expect: [{"y": "2018", "long_form": "JANUARY 30, 2018"}]

-- case: cast_timestamp_to_string_with_format_at_time_zone
SELECT CAST(TIMESTAMP '2008-12-25 00:00:00+00:00' AS STRING FORMAT 'YYYY-MM-DD HH24:MI:SS TZH:TZM' AT TIME ZONE 'Asia/Kolkata') AS ts
-- expect: [{"ts": "2008-12-25 05:30:00 +05:30"}]

-- case: cast_string_to_date_with_format
SELECT CAST('18-12-03' AS DATE FORMAT 'YY-MM-DD') AS a, CAST('DECEMBER 03, 2018' AS DATE FORMAT 'MONTH DD, YYYY') AS b
-- expect: [{"a": "2018-12-03", "b": "2018-12-03"}]

-- case: cast_string_to_timestamp_with_format
SELECT CAST('2008-12-25 15:30:00 +05:30' AS TIMESTAMP FORMAT 'YYYY-MM-DD HH24:MI:SS TZH:TZM') AS ts
-- expect: [{"ts": "2008-12-25 10:00:00+00"}]

-- case: cast_with_an_invalid_format_element
SELECT CAST(DATE '2018-01-30' AS STRING FORMAT 'HH24') AS bad
-- error: DATE does not support 'HH24'
