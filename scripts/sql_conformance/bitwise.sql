-- Bit functions and bitwise operators.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/bit_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#bitwise_operators
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: bit_count_1
SELECT a, BIT_COUNT(a) AS a_bits, FORMAT("%T", b) as b, BIT_COUNT(b) AS b_bits
FROM UNNEST([
  STRUCT(0 AS a, b'' AS b), (0, b'\x00'), (5, b'\x05'), (8, b'\x00\x08'),
  (0xFFFF, b'\xFF\xFF'), (-2, b'\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFE'),
  (-1, b'\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF'),
  (NULL, b'\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF')
]) AS x
-- expect: [{"a": 0, "a_bits": 0, "b": "b\"\"", "b_bits": 0}, {"a": 0, "a_bits": 0, "b": "b\"\\x00\"", "b_bits": 0}, {"a": 5, "a_bits": 2, "b": "b\"\\x05\"", "b_bits": 2}, {"a": 8, "a_bits": 1, "b": "b\"\\x00\\x08\"", "b_bits": 1}, {"a": 65535, "a_bits": 16, "b": "b\"\\xff\\xff\"", "b_bits": 16}, {"a": -2, "a_bits": 63, "b": "b\"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\"", "b_bits": 63}, {"a": -1, "a_bits": 64, "b": "b\"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\"", "b_bits": 64}, {"a": null, "a_bits": null, "b": "b\"\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\"", "b_bits": 80}]

-- Bitwise operators (operators#bitwise_operators): &, |, ^, ~, <<, >>. The reference: a shift past
-- the width gives 0, and >> doesn't extend the sign bit; a negative shift is an error.

-- case: bitwise_and
SELECT 12 & 10 AS r
-- expect: [{"r": 8}]

-- case: bitwise_or
SELECT 12 | 10 AS r
-- expect: [{"r": 14}]

-- case: bitwise_xor
SELECT 12 ^ 10 AS r
-- expect: [{"r": 6}]

-- case: bitwise_not
SELECT ~0 AS a, ~5 AS b
-- expect: [{"a": -1, "b": -6}]

-- case: shift_left
SELECT 1 << 4 AS r
-- expect: [{"r": 16}]

-- case: shift_right
SELECT 256 >> 4 AS r
-- expect: [{"r": 16}]

-- case: shift_right_no_sign_extension
SELECT -1 >> 63 AS r
-- expect: [{"r": 1}]

-- case: shift_past_width_is_zero
SELECT 1 << 64 AS a, 1 >> 64 AS b
-- expect: [{"a": 0, "b": 0}]

-- case: shift_negative_fails
SELECT 1 << -1 AS r
-- error:

-- case: bitwise_null
SELECT 5 & NULL AS r
-- expect: [{"r": null}]

-- case: bytes_and
SELECT b'\x0f' & b'\xf3' AS r
-- expect: [{"r": "Aw=="}]

-- case: bytes_or
SELECT b'\x0f' | b'\xf0' AS r
-- expect: [{"r": "/w=="}]

-- case: bytes_not
SELECT ~b'\x00\xff' AS r
-- expect: [{"r": "/wA="}]

-- case: bytes_length_mismatch_fails
SELECT b'\x01' & b'\x01\x02' AS r
-- error:

-- case: bit_count_int
SELECT BIT_COUNT(0) AS a, BIT_COUNT(5) AS b, BIT_COUNT(-1) AS c
-- expect: [{"a": 0, "b": 2, "c": 64}]

-- case: bit_count_bytes
SELECT BIT_COUNT(b'\xff\x01') AS n
-- expect: [{"n": 9}]

-- case: bit_and_aggregate_fixture
SELECT BIT_OR(qty) AS o, BIT_AND(qty) AS a FROM fx.items WHERE qty > 0
-- expect: [{"o": 31, "a": 0}]

-- case: bitwise_precedence
SELECT 1 | 2 & 3 AS r
-- expect: [{"r": 3}]
