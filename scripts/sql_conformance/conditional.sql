-- Conditional expressions: CASE, COALESCE, IF, IFNULL, NULLIF.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: case_expr_1
WITH Numbers AS (
  SELECT 90 as A, 2 as B UNION ALL
  SELECT 50, 8 UNION ALL
  SELECT 60, 6 UNION ALL
  SELECT 50, 10
)
SELECT
  A,
  B,
  CASE A
    WHEN 90 THEN 'red'
    WHEN 50 THEN 'blue'
    ELSE 'green'
    END
    AS result
FROM Numbers
-- expect: [{"A": 90, "B": 2, "result": "red"}, {"A": 50, "B": 8, "result": "blue"}, {"A": 60, "B": 6, "result": "green"}, {"A": 50, "B": 10, "result": "blue"}]

-- case: case_1
WITH Numbers AS (
  SELECT 90 as A, 2 as B UNION ALL
  SELECT 50, 6 UNION ALL
  SELECT 20, 10
)
SELECT
  A,
  B,
  CASE
    WHEN A > 60 THEN 'red'
    WHEN B = 6 THEN 'blue'
    ELSE 'green'
    END
    AS result
FROM Numbers
-- expect: [{"A": 90, "B": 2, "result": "red"}, {"A": 50, "B": 6, "result": "blue"}, {"A": 20, "B": 10, "result": "green"}]

-- case: coalesce_1
SELECT COALESCE('A', 'B', 'C') as result
-- expect: [{"result": "A"}]

-- case: coalesce_2
SELECT COALESCE(NULL, 'B', 'C') as result
-- expect: [{"result": "B"}]

-- case: if_1
SELECT
  10 AS A,
  20 AS B,
  IF(10 < 20, 'true', 'false') AS result
-- expect: [{"A": 10, "B": 20, "result": "true"}]

-- case: if_2
SELECT
  30 AS A,
  20 AS B,
  IF(30 < 20, 'true', 'false') AS result
-- expect: [{"A": 30, "B": 20, "result": "false"}]

-- case: ifnull_1
SELECT IFNULL(NULL, 0) as result
-- expect: [{"result": 0}]

-- case: ifnull_2
SELECT IFNULL(10, 0) as result
-- expect: [{"result": 10}]

-- case: nullif_1
SELECT NULLIF(0, 0) as result
-- expect: [{"result": null}]

-- case: nullif_2
SELECT NULLIF(10, 0) as result
-- expect: [{"result": 10}]

-- case: nullifzero_1
SELECT NULLIFZERO(0) AS result
-- expect: [{"result": null}]

-- case: zeroifnull_1
SELECT ZEROIFNULL(NULL) AS result
-- expect: [{"result": 0}]

-- More conditional expressions (conditional_expressions): NULL conditions take the ELSE branch; the
-- branches not taken aren't evaluated (an ERROR() there never fires); result types are supertypes.

-- case: if_null_condition_takes_else
SELECT IF(NULL, 'yes', 'no') AS r
-- expect: [{"r": "no"}]

-- case: if_supertype
SELECT IF(TRUE, 1, 2.5) AS r
-- expect: [{"r": 1.0}]

-- case: if_skips_error_branch
SELECT IF(FALSE, ERROR('never'), 'ok') AS r
-- expect: [{"r": "ok"}]

-- case: coalesce_skips_error
SELECT COALESCE('first', ERROR('never')) AS r
-- expect: [{"r": "first"}]

-- case: coalesce_all_null
SELECT COALESCE(CAST(NULL AS INT64), NULL) AS r
-- expect: [{"r": null}]

-- case: coalesce_type_mismatch_fails
SELECT COALESCE(1, 'a') AS r
-- error:

-- case: ifnull_fixture
SELECT name, IFNULL(category, 'unknown') AS c FROM fx.items WHERE id IN (1, 6)
-- expect: [["apple", "fruit"], ["fig", "unknown"]]

-- case: nullif_fixture
SELECT name, NULLIF(qty, 0) AS q FROM fx.items WHERE id IN (1, 3)
-- expect: [["apple", 10], ["carrot", null]]

-- case: case_without_else_is_null
SELECT CASE WHEN 1 > 2 THEN 'x' END AS r
-- expect: [{"r": null}]

-- case: searched_case_on_fixture
SELECT name, CASE WHEN qty IS NULL THEN 'unknown' WHEN qty = 0 THEN 'none' WHEN qty < 10 THEN 'few' ELSE 'many' END AS stock
FROM fx.items
-- expect: [["apple", "many"], ["banana", "many"], ["carrot", "none"], ["durian", "unknown"], ["eggplant", "few"], ["fig", "few"]]

-- case: simple_case_on_fixture
SELECT name, CASE category WHEN 'fruit' THEN 'F' WHEN 'vegetable' THEN 'V' ELSE '?' END AS c FROM fx.items
-- expect: [["apple", "F"], ["banana", "F"], ["carrot", "V"], ["durian", "F"], ["eggplant", "V"], ["fig", "?"]]

-- case: simple_case_null_does_not_match_null
SELECT CASE CAST(NULL AS STRING) WHEN NULL THEN 'matched' ELSE 'not matched' END AS r
-- expect: [{"r": "not matched"}]

-- case: if_non_bool_condition_fails
SELECT IF('x', 1, 2) AS r
-- error:

-- case: case_first_true_branch_wins
SELECT CASE WHEN TRUE THEN 1 WHEN TRUE THEN 2 END AS r
-- expect: [{"r": 1}]

-- case: countif_with_if
SELECT COUNTIF(IF(in_stock, qty > 5, FALSE)) AS n FROM fx.items
-- expect: [{"n": 3}]

-- case: iferror_function
SELECT IFERROR(ERROR('x'), 'fallback') AS r
-- expect: [{"r": "fallback"}]

-- case: is_distinct_from
SELECT NULL IS DISTINCT FROM NULL AS a, 1 IS DISTINCT FROM NULL AS b, 1 IS NOT DISTINCT FROM 1 AS c
-- expect: [{"a": false, "b": true, "c": true}]
