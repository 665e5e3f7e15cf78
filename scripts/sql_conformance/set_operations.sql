-- UNION / INTERSECT / EXCEPT.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#set_operators
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: set_operators_1
SELECT 1 AS one_digit, 10 AS two_digit
UNION ALL BY NAME
SELECT 20 AS two_digit, 2 AS one_digit
-- expect: [{"one_digit": 1, "two_digit": 10}, {"one_digit": 2, "two_digit": 20}]

-- case: union_1
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3]) AS number
UNION ALL
SELECT 1
-- expect: [{"number": 1}, {"number": 2}, {"number": 3}, {"number": 1}]

-- case: union_2
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3]) AS number
UNION DISTINCT
SELECT 1
-- expect: [{"number": 1}, {"number": 2}, {"number": 3}]

-- case: union_3
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3]) AS number
UNION DISTINCT
SELECT 1
UNION DISTINCT
SELECT 2
-- expect: [{"number": 1}, {"number": 2}, {"number": 3}]

-- case: union_4
SELECT 1 AS one_digit, 10 AS two_digit
UNION ALL
SELECT 20 AS two_digit, 2 AS one_digit
-- expect: [{"one_digit": 1, "two_digit": 10}, {"one_digit": 20, "two_digit": 2}]

-- case: union_5
SELECT 1 AS one_digit, 10 AS two_digit
UNION ALL BY NAME
SELECT 20 AS two_digit, 2 AS one_digit
-- expect: [{"one_digit": 1, "two_digit": 10}, {"one_digit": 2, "two_digit": 20}]

-- case: union_6
SELECT 1 AS one_digit, 10 AS two_digit
UNION ALL STRICT CORRESPONDING
SELECT 20 AS two_digit, 2 AS one_digit
-- expect: [{"one_digit": 1, "two_digit": 10}, {"one_digit": 2, "two_digit": 20}]

-- case: union_7
SELECT 1 AS one_digit, 10 AS two_digit, 100 AS three_digit
INNER UNION ALL BY NAME
SELECT 20 AS two_digit, 2 AS one_digit, 1000 AS four_digit
-- expect: [{"one_digit": 1, "two_digit": 10}, {"one_digit": 2, "two_digit": 20}]

-- case: union_8
SELECT 1 AS one_digit, 10 AS two_digit, 100 AS three_digit
FULL OUTER UNION ALL BY NAME
SELECT 20 AS two_digit, 2 AS one_digit, 1000 AS four_digit
-- expect: [{"one_digit": 1, "two_digit": 10, "three_digit": 100, "four_digit": null}, {"one_digit": 2, "two_digit": 20, "three_digit": null, "four_digit": 1000}]

-- case: union_9
SELECT 1 AS one_digit, 10 AS two_digit, 100 AS three_digit
LEFT OUTER UNION ALL BY NAME
SELECT 20 AS two_digit, 2 AS one_digit, 1000 AS four_digit
-- expect: [{"one_digit": 1, "two_digit": 10, "three_digit": 100}, {"one_digit": 2, "two_digit": 20, "three_digit": null}]

-- case: union_10
SELECT 1 AS one_digit, 10 AS two_digit, 100 AS three_digit
FULL OUTER UNION ALL BY NAME ON (three_digit, two_digit)
SELECT 20 AS two_digit, 2 AS one_digit, 1000 AS four_digit
-- expect: [{"three_digit": 100, "two_digit": 10}, {"three_digit": null, "two_digit": 20}]

-- case: intersect_1
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3, 3, 4]) AS number
INTERSECT ALL
SELECT * FROM UNNEST(ARRAY<INT64>[2, 3, 3, 5]) AS number
-- expect: [{"number": 2}, {"number": 3}, {"number": 3}]

-- case: intersect_2
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3, 3, 4]) AS number
INTERSECT DISTINCT
SELECT * FROM UNNEST(ARRAY<INT64>[2, 3, 3, 5]) AS number
-- expect: [{"number": 2}, {"number": 3}]

-- case: intersect_3
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3, 3, 4]) AS number
INTERSECT DISTINCT
SELECT * FROM UNNEST(ARRAY<INT64>[2, 3, 3, 5]) AS number
INTERSECT DISTINCT
SELECT * FROM UNNEST(ARRAY<INT64>[3, 3, 4, 5]) AS number
-- expect: [{"number": 3}]

-- case: intersect_4
WITH
  NumbersTable AS (
    SELECT 1 AS one_digit, 10 AS two_digit
    UNION ALL
    SELECT 2, 20
    UNION ALL
    SELECT 3, 30
  )
SELECT one_digit, two_digit FROM NumbersTable
INTERSECT DISTINCT BY NAME
SELECT 10 AS two_digit, 1 AS one_digit
-- expect: [{"one_digit": 1, "two_digit": 10}]

-- case: intersect_5
WITH
  NumbersTable AS (
    SELECT 1 AS one_digit, 10 AS two_digit
    UNION ALL
    SELECT 2, 20
    UNION ALL
    SELECT 3, 30
  )
SELECT one_digit, two_digit FROM NumbersTable
INTERSECT DISTINCT STRICT CORRESPONDING
SELECT 10 AS two_digit, 1 AS one_digit
-- expect: [{"one_digit": 1, "two_digit": 10}]

-- case: except_1
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3, 3, 4]) AS number
EXCEPT ALL
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2]) AS number
-- expect: [{"number": 3}, {"number": 3}, {"number": 4}]

-- case: except_2
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3, 3, 4]) AS number
EXCEPT DISTINCT
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2]) AS number
-- expect: [{"number": 3}, {"number": 4}]

-- case: except_3
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3, 3, 4]) AS number
EXCEPT DISTINCT
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2]) AS number
EXCEPT DISTINCT
SELECT * FROM UNNEST(ARRAY<INT64>[1, 4]) AS number
-- expect: [{"number": 3}]

-- case: except_4
SELECT * FROM UNNEST(ARRAY<INT64>[1, 2, 3, 3, 4]) AS number
EXCEPT DISTINCT
(
  SELECT * FROM UNNEST(ARRAY<INT64>[1, 2]) AS number
  EXCEPT DISTINCT
  SELECT * FROM UNNEST(ARRAY<INT64>[1, 4]) AS number
)
-- expect: [{"number": 1}, {"number": 3}, {"number": 4}]

-- case: except_5
WITH
  NumbersTable AS (
    SELECT 1 AS one_digit, 10 AS two_digit
    UNION ALL
    SELECT 2, 20
    UNION ALL
    SELECT 3, 30
  )
SELECT one_digit, two_digit FROM NumbersTable
EXCEPT DISTINCT
SELECT 10 AS two_digit, 1 AS one_digit
-- expect: [{"one_digit": 1, "two_digit": 10}, {"one_digit": 2, "two_digit": 20}, {"one_digit": 3, "two_digit": 30}]

-- case: except_6
WITH
  NumbersTable AS (
    SELECT 1 AS one_digit, 10 AS two_digit
    UNION ALL
    SELECT 2, 20
    UNION ALL
    SELECT 3, 30
  )
SELECT one_digit, two_digit FROM NumbersTable
EXCEPT DISTINCT BY NAME
SELECT 10 AS two_digit, 1 AS one_digit
-- expect: [{"one_digit": 2, "two_digit": 20}, {"one_digit": 3, "two_digit": 30}]

-- case: except_7
WITH
  NumbersTable AS (
    SELECT 1 AS one_digit, 10 AS two_digit
    UNION ALL
    SELECT 2, 20
    UNION ALL
    SELECT 3, 30
  )
SELECT one_digit, two_digit FROM NumbersTable
EXCEPT DISTINCT STRICT CORRESPONDING
SELECT 10 AS two_digit, 1 AS one_digit
-- expect: [{"one_digit": 2, "two_digit": 20}, {"one_digit": 3, "two_digit": 30}]

-- Over the fixture tables.

-- case: union_distinct_fixture
SELECT customer AS name FROM fx.orders UNION DISTINCT SELECT name FROM fx.customers
-- expect: [["ann"], ["bob"], ["cy"], ["dee"], ["eve"]]

-- case: union_all_count
SELECT COUNT(*) AS n FROM (SELECT customer FROM fx.orders UNION ALL SELECT name FROM fx.customers)
-- expect: [{"n": 10}]

-- case: intersect_distinct_fixture
SELECT customer FROM fx.orders INTERSECT DISTINCT SELECT name FROM fx.customers
-- expect: [["ann"], ["bob"], ["cy"]]

-- case: except_distinct_fixture
SELECT name FROM fx.customers EXCEPT DISTINCT SELECT customer FROM fx.orders
-- expect: [["eve"]]

-- case: bare_union_is_an_error
SELECT 1 UNION SELECT 2
-- error:

-- case: column_count_mismatch_fails
SELECT 1 AS a UNION ALL SELECT 1, 2
-- error:

-- case: union_type_coercion
SELECT 1 AS x UNION ALL SELECT 2.5
-- expect: [[1.0], [2.5]]

-- case: union_incompatible_types_fails
SELECT 1 AS x UNION ALL SELECT 'a'
-- error:

-- case: union_order_by_limit
-- ordered
SELECT customer AS n FROM fx.orders UNION DISTINCT SELECT name FROM fx.customers ORDER BY n DESC LIMIT 2
-- expect: [["eve"], ["dee"]]

-- case: union_column_names_from_first
SELECT 1 AS first_name UNION ALL SELECT 2 AS second_name
-- expect: [{"first_name": 1}, {"first_name": 2}]

-- case: union_distinct_nulls_collapse
SELECT NULL AS x UNION DISTINCT SELECT NULL
-- expect: [[null]]

-- case: intersect_nulls_match
SELECT city FROM fx.customers INTERSECT DISTINCT SELECT CAST(NULL AS STRING)
-- expect: [[null]]
