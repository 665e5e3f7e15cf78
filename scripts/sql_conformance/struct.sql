-- STRUCT values.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#struct_type
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_as_struct
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- STRUCT (data-types#struct_type, operators#field_access_operator): construction, typed construction,
-- field access, comparison, NULL structs, structs in tables (fx.items.dims).

-- case: struct_constructor_named
SELECT STRUCT(1 AS a, 'x' AS b) AS s
-- expect: [{"s": {"a": 1, "b": "x"}}]

-- case: struct_typed_constructor
SELECT STRUCT<x INT64, y STRING>(1, 't') AS s
-- expect: [{"s": {"x": 1, "y": "t"}}]

-- case: struct_typed_coerces
SELECT STRUCT<x FLOAT64, d DATE>(1, '2024-01-02') AS s
-- expect: [{"s": {"x": 1.0, "d": "2024-01-02"}}]

-- case: nested_struct_field_access
SELECT STRUCT(1 AS a, STRUCT(2 AS c, 'z' AS d) AS b).b.c AS c
-- expect: [{"c": 2}]

-- case: struct_field_names_from_columns
SELECT STRUCT(name, qty) AS s FROM fx.items WHERE id = 1
-- expect: [{"s": {"name": "apple", "qty": 10}}]

-- case: struct_equality
SELECT STRUCT(1 AS a, 'x' AS b) = STRUCT(1 AS a, 'x' AS b) AS eq, STRUCT(1 AS a) != STRUCT(2 AS a) AS ne
-- expect: [{"eq": true, "ne": true}]

-- case: struct_equality_with_null_field
SELECT STRUCT(1 AS a, CAST(NULL AS INT64) AS b) = STRUCT(1 AS a, CAST(NULL AS INT64) AS b) AS eq
-- expect: [{"eq": null}]

-- case: struct_less_than_fails
SELECT STRUCT(1 AS a) < STRUCT(2 AS a) AS lt
-- error:

-- case: record_column_fields
SELECT name, dims.w AS w, dims.h AS h FROM fx.items WHERE id = 1
-- expect: [{"name": "apple", "w": 3, "h": 4}]

-- case: record_column_whole
SELECT dims FROM fx.items WHERE id = 6
-- expect: [{"dims": {"w": null, "h": 2}}]

-- case: null_record_column
SELECT dims IS NULL AS no_dims, dims.w AS w FROM fx.items WHERE id = 4
-- expect: [{"no_dims": true, "w": null}]

-- case: record_field_in_where_and_arithmetic
SELECT name, dims.w * dims.h AS area FROM fx.items WHERE dims.h > 5
-- expect: [["banana", 16], ["carrot", 6], ["eggplant", 75]]

-- case: struct_star_expansion
SELECT s.* FROM (SELECT STRUCT(1 AS a, 2 AS b) AS s)
-- expect: [{"a": 1, "b": 2}]

-- case: record_star_expansion_from_table
SELECT dims.* FROM fx.items WHERE id = 5
-- expect: [{"w": 5, "h": 15}]

-- case: unnest_array_of_structs
SELECT a, b FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)])
-- expect: [[1, "x"], [2, "y"]]

-- case: array_of_structs_field_in_unnest
SELECT s.b FROM UNNEST([STRUCT(1 AS a, 'x' AS b), STRUCT(2 AS a, 'y' AS b)]) AS s WHERE s.a = 2
-- expect: [["y"]]

-- case: struct_to_json_string
SELECT TO_JSON_STRING(STRUCT(1 AS a, 'x' AS b)) AS j
-- expect: [{"j": "{\"a\":1,\"b\":\"x\"}"}]

-- case: struct_with_array_field
SELECT STRUCT([1, 2] AS xs, 'k' AS key).xs[OFFSET(1)] AS second
-- expect: [{"second": 2}]

-- case: missing_field_fails
SELECT STRUCT(1 AS a).nope AS n
-- error:

-- case: struct_cast_fields
SELECT CAST(STRUCT(1 AS a, 2.5 AS b) AS STRUCT<a STRING, b INT64>) AS s
-- expect: [{"s": {"a": "1", "b": 3}}]

-- case: struct_in_select_distinct
SELECT DISTINCT STRUCT(category AS c).c AS c FROM fx.items WHERE category IS NOT NULL
-- expect: [["fruit"], ["vegetable"]]

-- case: struct_array_subscript_field
SELECT [STRUCT(1 AS a), STRUCT(5 AS a)][OFFSET(1)].a AS a
-- expect: [{"a": 5}]

-- A NULL literal or `[]` in a STRUCT takes the type of the same field in the other STRUCTs
-- (literal coercion), as the operators reference's SalesTable with `STRUCT(NULL AS prices)` needs.

-- case: struct_null_field_takes_the_others_type
SELECT kv.k, kv.v FROM UNNEST([STRUCT('a' AS k, 1.5 AS v), STRUCT('b', NULL), STRUCT(NULL, 2)]) AS kv
-- expect: [["a", 1.5], ["b", null], [null, 2.0]]

-- case: struct_empty_and_null_array_fields
SELECT ARRAY_LENGTH(s.prices) AS n
FROM UNNEST([STRUCT([25.0, 75.0] AS prices), STRUCT([] AS prices), STRUCT(NULL AS prices)]) AS s
-- expect: [[2], [0], [null]]

-- case: struct_of_seventy_fields
SELECT STRUCT(0 AS f0, 1 AS f1, 2 AS f2, 3 AS f3, 4 AS f4, 5 AS f5, 6 AS f6, 7 AS f7, 8 AS f8, 9 AS f9, 10 AS f10, 11 AS f11, 12 AS f12, 13 AS f13, 14 AS f14, 15 AS f15, 16 AS f16, 17 AS f17, 18 AS f18, 19 AS f19, 20 AS f20, 21 AS f21, 22 AS f22, 23 AS f23, 24 AS f24, 25 AS f25, 26 AS f26, 27 AS f27, 28 AS f28, 29 AS f29, 30 AS f30, 31 AS f31, 32 AS f32, 33 AS f33, 34 AS f34, 35 AS f35, 36 AS f36, 37 AS f37, 38 AS f38, 39 AS f39, 40 AS f40, 41 AS f41, 42 AS f42, 43 AS f43, 44 AS f44, 45 AS f45, 46 AS f46, 47 AS f47, 48 AS f48, 49 AS f49, 50 AS f50, 51 AS f51, 52 AS f52, 53 AS f53, 54 AS f54, 55 AS f55, 56 AS f56, 57 AS f57, 58 AS f58, 59 AS f59, 60 AS f60, 61 AS f61, 62 AS f62, 63 AS f63, 64 AS f64, 65 AS f65, 66 AS f66, 67 AS f67, 68 AS f68, 69 AS f69).f69 AS v
-- expect: [{"v": 69}]
