-- Aggregate functions.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: any_value_4
WITH
  Store AS (
    SELECT 20 AS sold, "apples" AS fruit
    UNION ALL
    SELECT 30 AS sold, "pears" AS fruit
    UNION ALL
    SELECT 30 AS sold, "bananas" AS fruit
    UNION ALL
    SELECT 10 AS sold, "oranges" AS fruit
  )
SELECT ANY_VALUE(fruit HAVING MIN sold) AS a_lowest_selling_fruit FROM Store
-- expect: [{"a_lowest_selling_fruit": "oranges"}]

-- case: array_agg_1
SELECT ARRAY_AGG(x) AS array_agg FROM UNNEST([2, 1,-2, 3, -2, 1, 2]) AS x
-- expect: [{"array_agg": [2, 1, -2, 3, -2, 1, 2]}]

-- case: array_agg_3
SELECT ARRAY_AGG(x IGNORE NULLS) AS array_agg
FROM UNNEST([NULL, 1, -2, 3, -2, 1, NULL]) AS x
-- expect: [{"array_agg": [1, -2, 3, -2, 1]}]

-- case: array_agg_4
SELECT ARRAY_AGG(x ORDER BY ABS(x)) AS array_agg
FROM UNNEST([2, 1, -2, 3, -2, 1, 2]) AS x
-- expect: [{"array_agg": [1, 1, 2, -2, -2, 2, 3]}]

-- case: array_agg_5
SELECT ARRAY_AGG(x LIMIT 5) AS array_agg
FROM UNNEST([2, 1, -2, 3, -2, 1, 2]) AS x
-- expect: [{"array_agg": [2, 1, -2, 3, -2]}]

-- case: array_agg_6
WITH vals AS
  (
    SELECT 1 x UNION ALL
    SELECT -2 x UNION ALL
    SELECT 3 x UNION ALL
    SELECT -2 x UNION ALL
    SELECT 1 x
  )
SELECT ARRAY_AGG(DISTINCT x ORDER BY x) as array_agg
FROM vals
-- expect: [{"array_agg": [-2, 1, 3]}]

-- case: array_agg_7
WITH vals AS
  (
    SELECT 1 x, 'a' y UNION ALL
    SELECT 1 x, 'b' y UNION ALL
    SELECT 2 x, 'a' y UNION ALL
    SELECT 2 x, 'c' y
  )
SELECT x, ARRAY_AGG(y) as array_agg
FROM vals
GROUP BY x
-- expect: [{"x": 1, "array_agg": ["a", "b"]}, {"x": 2, "array_agg": ["a", "c"]}]

-- case: array_concat_agg_1
-- The reference prints an array with NULL elements; a query result can't hold one
-- (data-types#array_nulls: BigQuery raises an error), so the job fails.
SELECT ARRAY_CONCAT_AGG(x) AS array_concat_agg FROM (
  SELECT [NULL, 1, 2, 3, 4] AS x
  UNION ALL SELECT NULL
  UNION ALL SELECT [5, 6]
  UNION ALL SELECT [7, 8, 9]
)
-- error: Array cannot have a null element

-- case: array_concat_agg_2
SELECT ARRAY_CONCAT_AGG(x ORDER BY ARRAY_LENGTH(x)) AS array_concat_agg FROM (
  SELECT [1, 2, 3, 4] AS x
  UNION ALL SELECT [5, 6]
  UNION ALL SELECT [7, 8, 9]
)
-- expect: [{"array_concat_agg": [5, 6, 7, 8, 9, 1, 2, 3, 4]}]

-- case: array_concat_agg_3
SELECT ARRAY_CONCAT_AGG(x LIMIT 2) AS array_concat_agg FROM (
  SELECT [1, 2, 3, 4] AS x
  UNION ALL SELECT [5, 6]
  UNION ALL SELECT [7, 8, 9]
)
-- expect: [{"array_concat_agg": [1, 2, 3, 4, 5, 6]}]

-- case: array_concat_agg_4
SELECT ARRAY_CONCAT_AGG(x ORDER BY ARRAY_LENGTH(x) LIMIT 2) AS array_concat_agg FROM (
  SELECT [1, 2, 3, 4] AS x
  UNION ALL SELECT [5, 6]
  UNION ALL SELECT [7, 8, 9]
)
-- expect: [{"array_concat_agg": [5, 6, 7, 8, 9]}]

-- case: avg_1
SELECT AVG(x) as avg
FROM UNNEST([0, 2, 4, 4, 5]) as x
-- expect: [{"avg": 3}]

-- case: avg_2
SELECT AVG(DISTINCT x) AS avg
FROM UNNEST([0, 2, 4, 4, 5]) AS x
-- expect: [{"avg": 2.75}]

-- case: avg_3
SELECT
  x,
  AVG(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS avg
FROM UNNEST([0, 2, NULL, 4, 4, 5]) AS x
-- expect: [{"x": null, "avg": null}, {"x": 0, "avg": 0}, {"x": 2, "avg": 1}, {"x": 4, "avg": 3}, {"x": 4, "avg": 4}, {"x": 5, "avg": 4.5}]

-- case: bit_and_1
SELECT BIT_AND(x) as bit_and FROM UNNEST([0xF001, 0x00A1]) as x
-- expect: [{"bit_and": 1}]

-- case: bit_or_1
SELECT BIT_OR(x) as bit_or FROM UNNEST([0xF001, 0x00A1]) as x
-- expect: [{"bit_or": 61601}]

-- case: bit_xor_1
SELECT BIT_XOR(x) AS bit_xor FROM UNNEST([5678, 1234]) AS x
-- expect: [{"bit_xor": 4860}]

-- case: bit_xor_2
SELECT BIT_XOR(x) AS bit_xor FROM UNNEST([1234, 5678, 1234]) AS x
-- expect: [{"bit_xor": 5678}]

-- case: bit_xor_3
SELECT BIT_XOR(DISTINCT x) AS bit_xor FROM UNNEST([1234, 5678, 1234]) AS x
-- expect: [{"bit_xor": 4860}]

-- case: count_1
SELECT
  COUNT(*) AS count_star,
  COUNT(DISTINCT x) AS count_dist_x
FROM UNNEST([1, 4, 4, 5]) AS x
-- expect: [{"count_star": 4, "count_dist_x": 3}]

-- case: count_2
SELECT
  x,
  COUNT(*) OVER (PARTITION BY MOD(x, 3)) AS count_star,
  COUNT(DISTINCT x) OVER (PARTITION BY MOD(x, 3)) AS count_dist_x
FROM UNNEST([1, 4, 4, 5]) AS x
-- expect: [{"x": 1, "count_star": 3, "count_dist_x": 2}, {"x": 4, "count_star": 3, "count_dist_x": 2}, {"x": 4, "count_star": 3, "count_dist_x": 2}, {"x": 5, "count_star": 1, "count_dist_x": 1}]

-- case: count_3
SELECT
  x,
  COUNT(*) OVER (PARTITION BY MOD(x, 3)) AS count_star,
  COUNT(x) OVER (PARTITION BY MOD(x, 3)) AS count_x
FROM UNNEST([1, 4, NULL, 4, 5]) AS x
-- expect: [{"x": null, "count_star": 1, "count_x": 0}, {"x": 1, "count_star": 3, "count_x": 3}, {"x": 4, "count_star": 3, "count_x": 3}, {"x": 4, "count_star": 3, "count_x": 3}, {"x": 5, "count_star": 1, "count_x": 1}]

-- case: count_4
SELECT COUNT(DISTINCT IF(x > 0, x, NULL)) AS distinct_positive
FROM UNNEST([1, -2, 4, 1, -5, 4, 1, 3, -6, 1]) AS x
-- expect: [{"distinct_positive": 3}]

-- case: count_5
WITH Events AS (
  SELECT DATE '2021-01-01' AS event_date, 'SUCCESS' AS event_type
  UNION ALL
  SELECT DATE '2021-01-02' AS event_date, 'SUCCESS' AS event_type
  UNION ALL
  SELECT DATE '2021-01-02' AS event_date, 'FAILURE' AS event_type
  UNION ALL
  SELECT DATE '2021-01-03' AS event_date, 'SUCCESS' AS event_type
  UNION ALL
  SELECT DATE '2021-01-04' AS event_date, 'FAILURE' AS event_type
  UNION ALL
  SELECT DATE '2021-01-04' AS event_date, 'FAILURE' AS event_type
)
SELECT
  COUNT(DISTINCT IF(event_type = 'FAILURE', event_date, NULL))
    AS distinct_dates_with_failures
FROM Events
-- expect: [{"distinct_dates_with_failures": 2}]

-- case: count_6
WITH
  customers AS (
    SELECT 1934 AS id, 'a' AS team UNION ALL
    SELECT 2991, 'b' UNION ALL
    SELECT 3988, 'c'),
  vendors AS (
    SELECT 1934 AS id, 'd' AS team UNION ALL
    SELECT 2991, 'e' UNION ALL
    SELECT 4366, 'f')
SELECT
  COUNT(DISTINCT IF(id IN (SELECT id FROM customers), id, NULL)) AS result
FROM vendors
-- expect: [{"result": 2}]

-- case: countif_1
SELECT COUNTIF(x<0) AS num_negative, COUNTIF(x>0) AS num_positive
FROM UNNEST([5, -2, 3, 6, -10, -7, 4, 0]) AS x
-- expect: [{"num_negative": 3, "num_positive": 4}]

-- case: countif_2
SELECT
  x,
  COUNTIF(x<0) OVER (ORDER BY ABS(x) ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS num_negative
FROM UNNEST([5, -2, 3, 6, -10, NULL, -7, 4, 0]) AS x
-- expect: [{"x": null, "num_negative": 0}, {"x": 0, "num_negative": 1}, {"x": -2, "num_negative": 1}, {"x": 3, "num_negative": 1}, {"x": 4, "num_negative": 0}, {"x": 5, "num_negative": 0}, {"x": 6, "num_negative": 1}, {"x": -7, "num_negative": 2}, {"x": -10, "num_negative": 2}]

-- case: logical_and_1
SELECT LOGICAL_AND(x < 3) AS logical_and FROM UNNEST([1, 2, 4]) AS x
-- expect: [{"logical_and": false}]

-- case: logical_or_1
SELECT LOGICAL_OR(x < 3) AS logical_or FROM UNNEST([1, 2, 4]) AS x
-- expect: [{"logical_or": true}]

-- case: max_1
SELECT MAX(x) AS max
FROM UNNEST([8, 37, 55, 4]) AS x
-- expect: [{"max": 55}]

-- case: max_2
SELECT x, MAX(x) OVER (PARTITION BY MOD(x, 2)) AS max
FROM UNNEST([8, NULL, 37, 55, NULL, 4]) AS x
-- expect: [{"x": null, "max": null}, {"x": null, "max": null}, {"x": 8, "max": 8}, {"x": 4, "max": 8}, {"x": 37, "max": 55}, {"x": 55, "max": 55}]

-- case: min_1
SELECT MIN(x) AS min
FROM UNNEST([8, 37, 4, 55]) AS x
-- expect: [{"min": 4}]

-- case: min_2
SELECT x, MIN(x) OVER (PARTITION BY MOD(x, 2)) AS min
FROM UNNEST([8, NULL, 37, 4, NULL, 55]) AS x
-- expect: [{"x": null, "min": null}, {"x": null, "min": null}, {"x": 8, "min": 4}, {"x": 4, "min": 4}, {"x": 37, "min": 37}, {"x": 55, "min": 37}]

-- case: string_agg_1
SELECT STRING_AGG(fruit) AS string_agg
FROM UNNEST(["apple", NULL, "pear", "banana", "pear"]) AS fruit
-- expect: [{"string_agg": "apple,pear,banana,pear"}]

-- case: string_agg_2
SELECT STRING_AGG(fruit, " & ") AS string_agg
FROM UNNEST(["apple", "pear", "banana", "pear"]) AS fruit
-- expect: [{"string_agg": "apple & pear & banana & pear"}]

-- case: string_agg_4
SELECT STRING_AGG(fruit, " & " ORDER BY LENGTH(fruit)) AS string_agg
FROM UNNEST(["apple", "pear", "banana", "pear"]) AS fruit
-- expect: [{"string_agg": "pear & pear & apple & banana"}]

-- case: string_agg_5
SELECT STRING_AGG(fruit, " & " LIMIT 2) AS string_agg
FROM UNNEST(["apple", "pear", "banana", "pear"]) AS fruit
-- expect: [{"string_agg": "apple & pear"}]

-- case: string_agg_6
SELECT STRING_AGG(DISTINCT fruit, " & " ORDER BY fruit DESC LIMIT 2) AS string_agg
FROM UNNEST(["apple", "pear", "banana", "pear"]) AS fruit
-- expect: [{"string_agg": "pear & banana"}]

-- case: string_agg_7
SELECT
  fruit,
  STRING_AGG(fruit, " & ") OVER (ORDER BY LENGTH(fruit)) AS string_agg
FROM UNNEST(["apple", NULL, "pear", "banana", "pear"]) AS fruit
-- expect: [{"fruit": null, "string_agg": null}, {"fruit": "pear", "string_agg": "pear & pear"}, {"fruit": "pear", "string_agg": "pear & pear"}, {"fruit": "apple", "string_agg": "pear & pear & apple"}, {"fruit": "banana", "string_agg": "pear & pear & apple & banana"}]

-- case: sum_1
SELECT SUM(x) AS sum
FROM UNNEST([1, 2, 3, 4, 5, 4, 3, 2, 1]) AS x
-- expect: [{"sum": 25}]

-- case: sum_2
SELECT SUM(DISTINCT x) AS sum
FROM UNNEST([1, 2, 3, 4, 5, 4, 3, 2, 1]) AS x
-- expect: [{"sum": 15}]

-- case: sum_3
SELECT
  x,
  SUM(x) OVER (PARTITION BY MOD(x, 3)) AS sum
FROM UNNEST([1, 2, 3, 4, 5, 4, 3, 2, 1]) AS x
-- expect: [{"x": 3, "sum": 6}, {"x": 3, "sum": 6}, {"x": 1, "sum": 10}, {"x": 4, "sum": 10}, {"x": 4, "sum": 10}, {"x": 1, "sum": 10}, {"x": 2, "sum": 9}, {"x": 5, "sum": 9}, {"x": 2, "sum": 9}]

-- case: sum_4
SELECT
  x,
  SUM(DISTINCT x) OVER (PARTITION BY MOD(x, 3)) AS sum
FROM UNNEST([1, 2, 3, 4, 5, 4, 3, 2, 1]) AS x
-- expect: [{"x": 3, "sum": 3}, {"x": 3, "sum": 3}, {"x": 1, "sum": 5}, {"x": 4, "sum": 5}, {"x": 4, "sum": 5}, {"x": 1, "sum": 5}, {"x": 2, "sum": 7}, {"x": 5, "sum": 7}, {"x": 2, "sum": 7}]

-- case: sum_5
SELECT SUM(x) AS sum
FROM UNNEST([]) AS x
-- expect: [{"sum": null}]

-- case: corr_1
SELECT CORR(y, x) AS results
FROM
  UNNEST(
    [
      STRUCT(1.0 AS y, 5.0 AS x),
      (3.0, 9.0),
      (4.0, 7.0)])
-- expect: [{"results": 0.6546536707079772}]

-- case: corr_2
SELECT CORR(y, x) AS results
FROM
  UNNEST(
    [
      STRUCT(1.0 AS y, 5.0 AS x),
      (3.0, 9.0),
      (4.0, NULL)])
-- expect: [{"results": 1}]

-- case: corr_3
SELECT CORR(y, x) AS results
FROM UNNEST([STRUCT(1.0 AS y, NULL AS x),(9.0, 3.0)])
-- expect: [{"results": null}]

-- case: covar_pop_1
SELECT COVAR_POP(y, x) AS results
FROM
  UNNEST(
    [
      STRUCT(1.0 AS y, 1.0 AS x),
      (2.0, 6.0),
      (9.0, 3.0),
      (2.0, 6.0),
      (9.0, 3.0)])
-- expect: [{"results": -1.6800000000000002}]

-- case: covar_pop_2
SELECT COVAR_POP(y, x) AS results
FROM UNNEST([STRUCT(1.0 AS y, NULL AS x),(9.0, 3.0)])
-- expect: [{"results": 0}]

-- case: covar_pop_3
SELECT COVAR_POP(y, x) AS results
FROM UNNEST([STRUCT(1.0 AS y, NULL AS x),(9.0, NULL)])
-- expect: [{"results": null}]

-- case: covar_samp_1
SELECT COVAR_SAMP(y, x) AS results
FROM
  UNNEST(
    [
      STRUCT(1.0 AS y, 1.0 AS x),
      (2.0, 6.0),
      (9.0, 3.0),
      (2.0, 6.0),
      (9.0, 3.0)])
-- expect: [{"results": -2.1}]

-- case: covar_samp_2
-- The reference prints -1.3333333333333333 (pairs without a NULL: (1,1), (2,6), (9,3), (2,6); -4 / 3).
SELECT COVAR_SAMP(y, x) AS results
FROM
  UNNEST(
    [
      STRUCT(1.0 AS y, 1.0 AS x),
      (2.0, 6.0),
      (9.0, 3.0),
      (2.0, 6.0),
      (NULL, 3.0)])
-- expect: [{"results": -1.3333333333333333}]

-- case: covar_samp_3
SELECT COVAR_SAMP(y, x) AS results
FROM UNNEST([STRUCT(1.0 AS y, NULL AS x),(9.0, 3.0)])
-- expect: [{"results": null}]

-- case: stddev_pop_1
SELECT STDDEV_POP(x) AS results FROM UNNEST([10, 14, 18]) AS x
-- expect: [{"results": 3.265986323710904}]

-- case: stddev_pop_2
SELECT STDDEV_POP(x) AS results FROM UNNEST([10, 14, NULL]) AS x
-- expect: [{"results": 2}]

-- case: stddev_pop_3
SELECT STDDEV_POP(x) AS results FROM UNNEST([10, NULL]) AS x
-- expect: [{"results": 0}]

-- case: stddev_samp_1
SELECT STDDEV_SAMP(x) AS results FROM UNNEST([10, 14, 18]) AS x
-- expect: [{"results": 4}]

-- case: stddev_samp_2
SELECT STDDEV_SAMP(x) AS results FROM UNNEST([10, 14, NULL]) AS x
-- expect: [{"results": 2.8284271247461903}]

-- case: stddev_samp_3
SELECT STDDEV_SAMP(x) AS results FROM UNNEST([10, NULL]) AS x
-- expect: [{"results": null}]

-- case: var_pop_1
SELECT VAR_POP(x) AS results FROM UNNEST([10, 14, 18]) AS x
-- expect: [{"results": 10.666666666666666}]

-- case: var_pop_2
SELECT VAR_POP(x) AS results FROM UNNEST([10, 14, NULL]) AS x
-- expect: [{"results": 4}]

-- case: var_pop_3
SELECT VAR_POP(x) AS results FROM UNNEST([10, NULL]) AS x
-- expect: [{"results": 0}]

-- case: var_samp_1
SELECT VAR_SAMP(x) AS results FROM UNNEST([10, 14, 18]) AS x
-- expect: [{"results": 16}]

-- case: var_samp_2
SELECT VAR_SAMP(x) AS results FROM UNNEST([10, 14, NULL]) AS x
-- expect: [{"results": 8}]

-- case: var_samp_3
SELECT VAR_SAMP(x) AS results FROM UNNEST([10, NULL]) AS x
-- expect: [{"results": null}]

-- Over the fixture tables: aggregates skip NULLs; over no rows COUNT is 0 and the rest are NULL.

-- case: count_star_vs_count_column
SELECT COUNT(*) AS all_rows, COUNT(qty) AS with_qty, COUNT(DISTINCT category) AS cats FROM fx.items
-- expect: [{"all_rows": 6, "with_qty": 5, "cats": 2}]

-- case: sum_avg_min_max_fixture
SELECT SUM(qty) AS s, AVG(qty) AS a, MIN(qty) AS mn, MAX(qty) AS mx FROM fx.items
-- expect: [{"s": 45, "a": 9.0, "mn": 0, "mx": 25}]

-- case: aggregates_over_no_rows
SELECT COUNT(*) AS c, SUM(qty) AS s, MAX(name) AS m, AVG(qty) AS a FROM fx.items WHERE FALSE
-- expect: [{"c": 0, "s": null, "m": null, "a": null}]

-- case: min_max_strings_dates
SELECT MIN(name) AS first_name, MAX(added) AS last_added, MIN(created) AS first_created FROM fx.items
-- expect: [{"first_name": "apple", "last_added": "2024-03-05", "first_created": "2023-12-31 23:59:59 UTC"}]

-- case: countif_fixture
-- No reserved keyword as an alias (NO and AT are reserved in GoogleSQL).
SELECT COUNTIF(in_stock) AS in_stock, COUNTIF(NOT in_stock) AS out_of_stock FROM fx.items
-- expect: [{"in_stock": 3, "out_of_stock": 2}]

-- case: logical_and_or_fixture
SELECT LOGICAL_AND(in_stock) AS all_in, LOGICAL_OR(in_stock) AS any_in FROM fx.items
-- expect: [{"all_in": false, "any_in": true}]

-- case: array_agg_ignore_nulls_fixture
SELECT ARRAY_AGG(category IGNORE NULLS ORDER BY id) AS cats FROM fx.items
-- expect: [{"cats": ["fruit", "fruit", "vegetable", "fruit", "vegetable"]}]

-- case: array_agg_null_element_fails
SELECT ARRAY_AGG(category ORDER BY id) AS cats FROM fx.items
-- error: NULL

-- case: string_agg_distinct_ordered_fixture
SELECT STRING_AGG(DISTINCT customer, ',' ORDER BY customer) AS s FROM fx.orders
-- expect: [{"s": "ann,bob,cy,dee"}]

-- case: any_value_single_group
SELECT category, ANY_VALUE(category) AS v FROM fx.items WHERE category = 'vegetable' GROUP BY category
-- expect: [["vegetable", "vegetable"]]

-- case: max_by_min_by
SELECT MAX_BY(name, qty) AS most, MIN_BY(name, qty) AS least FROM fx.items
-- expect: [{"most": "banana", "least": "carrot"}]

-- case: sum_numeric_column
SELECT SUM(price) AS s FROM fx.items WHERE category = 'fruit'
-- expect: [{"s": "13.75"}]

-- case: avg_int_is_float
SELECT AVG(x) AS a FROM UNNEST([1, 2]) AS x
-- expect: [{"a": 1.5}]

-- case: sum_int64_overflow_fails
SELECT SUM(x) AS s FROM UNNEST([9223372036854775807, 1]) AS x
-- error: overflow

-- case: count_distinct_multiple_columns_via_struct
SELECT COUNT(DISTINCT FORMAT('%T', STRUCT(customer, order_date))) AS n FROM fx.orders
-- expect: [{"n": 6}]

-- case: approx_count_distinct
SELECT APPROX_COUNT_DISTINCT(customer) AS n FROM fx.orders
-- expect: [{"n": 4}]

-- case: stddev_variance
SELECT VAR_POP(x) AS vp, VAR_SAMP(x) AS vs, STDDEV_POP(x) AS sp FROM UNNEST([2, 4, 4, 4, 5, 5, 7, 9]) AS x
-- expect: [{"vp": 4.0, "vs": 4.571428571428571, "sp": 2.0}]

-- case: aggregate_of_aggregate_fails
SELECT SUM(COUNT(*)) AS n FROM fx.items
-- error:

-- case: bit_xor_fixture
SELECT BIT_XOR(quantity) AS x FROM fx.orders
-- expect: [{"x": 9}]

-- case: hll_count_extract_of_init
-- hll_functions#hll_countextract: distinct customers per country.
SELECT country, HLL_COUNT.EXTRACT(hll_sketch) AS distinct_customers_with_open_invoice
FROM (
  SELECT country, HLL_COUNT.INIT(customer_id) AS hll_sketch
  FROM UNNEST(ARRAY<STRUCT<country STRING, customer_id STRING, invoice_id STRING>>[
    ('UA', 'customer_id_1', 'invoice_id_11'), ('BR', 'customer_id_3', 'invoice_id_31'),
    ('CZ', 'customer_id_2', 'invoice_id_22'), ('CZ', 'customer_id_2', 'invoice_id_23'),
    ('BR', 'customer_id_3', 'invoice_id_31'), ('UA', 'customer_id_2', 'invoice_id_24')])
  GROUP BY country)
-- expect: [{"country": "UA", "distinct_customers_with_open_invoice": 2}, {"country": "BR", "distinct_customers_with_open_invoice": 1}, {"country": "CZ", "distinct_customers_with_open_invoice": 1}]

-- case: hll_count_merge_of_sketches
-- hll_functions#hll_countmerge: distinct customers across countries.
SELECT HLL_COUNT.MERGE(hll_sketch) AS distinct_customers_with_open_invoice
FROM (
  SELECT country, HLL_COUNT.INIT(customer_id) AS hll_sketch
  FROM UNNEST(ARRAY<STRUCT<country STRING, customer_id STRING, invoice_id STRING>>[
    ('UA', 'customer_id_1', 'invoice_id_11'), ('BR', 'customer_id_3', 'invoice_id_31'),
    ('CZ', 'customer_id_2', 'invoice_id_22'), ('CZ', 'customer_id_2', 'invoice_id_23'),
    ('BR', 'customer_id_3', 'invoice_id_31'), ('UA', 'customer_id_2', 'invoice_id_24')])
  GROUP BY country)
-- expect: [{"distinct_customers_with_open_invoice": 3}]

-- case: hll_count_merge_partial_then_extract
SELECT HLL_COUNT.EXTRACT(HLL_COUNT.MERGE_PARTIAL(s)) AS n
FROM (SELECT HLL_COUNT.INIT(x, 14) AS s FROM UNNEST([1, 2, 3]) AS x UNION ALL SELECT HLL_COUNT.INIT(x) FROM UNNEST([3, 4]) AS x)
-- expect: [{"n": 4}]

-- case: hll_count_merge_of_nothing_is_zero
SELECT HLL_COUNT.MERGE(s) AS n FROM (SELECT CAST(NULL AS BYTES) AS s)
-- expect: [{"n": 0}]

-- case: hll_count_init_refuses_precision_out_of_range
SELECT HLL_COUNT.INIT(x, 25) FROM UNNEST([1]) AS x
-- error: precision

-- case: approx_top_sum
-- approximate_aggregate_functions#approx_top_sum
SELECT APPROX_TOP_SUM(x, weight, 2) AS approx_top_sum FROM
UNNEST([STRUCT("apple" AS x, 3 AS weight), ("pear", 2), ("apple", 0), ("banana", 5), ("pear", 4)])
-- expect: [{"approx_top_sum": [{"value": "pear", "sum": 6}, {"value": "banana", "sum": 5}]}]

-- case: approx_top_sum_null_weights
SELECT APPROX_TOP_SUM(x, weight, 2) AS approx_top_sum FROM
UNNEST([STRUCT("apple" AS x, NULL AS weight), ("pear", 0), ("pear", NULL)])
-- expect: [{"approx_top_sum": [{"value": "pear", "sum": 0}, {"value": "apple", "sum": null}]}]

-- case: approx_top_sum_null_value
SELECT APPROX_TOP_SUM(x, weight, 2) AS approx_top_sum FROM
UNNEST([STRUCT("apple" AS x, 0 AS weight), (NULL, 2)])
-- expect: [{"approx_top_sum": [{"value": null, "sum": 2}, {"value": "apple", "sum": 0}]}]

-- case: approx_top_sum_refuses_negative_weights
SELECT APPROX_TOP_SUM(x, -1, 2) FROM UNNEST(['a']) AS x
-- error: APPROX_TOP_SUM
