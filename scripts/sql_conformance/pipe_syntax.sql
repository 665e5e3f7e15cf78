-- Pipe query syntax: `query |> operator ...` and queries that start with FROM.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/pipe-syntax
-- `{ds}.Produce` is the reference's Produce table, made by the case itself.

-- case: pipe_query_comparison
CREATE TABLE {ds}.Produce AS (
  SELECT 'apples' AS item, 2 AS sales, 'fruit' AS category UNION ALL
  SELECT 'carrots', 8, 'vegetable' UNION ALL
  SELECT 'apples', 7, 'fruit' UNION ALL
  SELECT 'bananas', 5, 'fruit');
FROM {ds}.Produce
|> WHERE item != 'bananas' AND category IN ('fruit', 'nut')
|> AGGREGATE COUNT(*) AS num_items, SUM(sales) AS total_sales GROUP BY item
|> ORDER BY item DESC
-- expect: [{"item": "apples", "num_items": 2, "total_sales": 9}]

-- case: pipe_from_query_returns_every_row
CREATE TABLE {ds}.Produce AS (SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'carrots', 8);
FROM {ds}.Produce
-- expect: [{"item": "apples", "sales": 2}, {"item": "carrots", "sales": 8}]

-- case: pipe_from_join_keeps_range_variables
CREATE TABLE {ds}.Produce AS (
  SELECT 'apples' AS item, 2 AS sales, 'fruit' AS category UNION ALL
  SELECT 'carrots', 8, 'vegetable' UNION ALL
  SELECT 'bananas', 5, 'fruit');
FROM {ds}.Produce AS p1 JOIN {ds}.Produce AS p2 USING (item)
|> WHERE item = 'bananas'
|> SELECT p1.item, p2.sales
-- expect: [{"item": "bananas", "sales": 5}]

-- case: pipe_select
FROM (SELECT 'apples' AS item, 2 AS sales)
|> SELECT item AS fruit_name
-- expect: [{"fruit_name": "apples"}]

-- case: pipe_select_named_window
CREATE TABLE {ds}.Produce AS (
  SELECT 'apples' AS item, 2 AS sales, 'fruit' AS category UNION ALL
  SELECT 'carrots', 8, 'vegetable' UNION ALL
  SELECT 'apples', 7, 'fruit' UNION ALL
  SELECT 'bananas', 5, 'fruit');
FROM {ds}.Produce
|> SELECT item, sales, category, SUM(sales) OVER item_window AS category_total
   WINDOW item_window AS (PARTITION BY category)
-- expect: [{"item": "apples", "sales": 2, "category": "fruit", "category_total": 14}, {"item": "apples", "sales": 7, "category": "fruit", "category_total": 14}, {"item": "bananas", "sales": 5, "category": "fruit", "category_total": 14}, {"item": "carrots", "sales": 8, "category": "vegetable", "category_total": 8}]

-- case: pipe_select_refuses_aggregates
SELECT 1 AS x |> SELECT SUM(x)
-- error: Aggregate function SUM not allowed in pipe SELECT

-- case: pipe_extend
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas' AS item, 8 AS sales)
|> EXTEND item IN ('bananas', 'lemons') AS is_yellow
-- expect: [{"item": "apples", "sales": 2, "is_yellow": false}, {"item": "bananas", "sales": 8, "is_yellow": true}]

-- case: pipe_extend_window
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'carrots', 8)
|> EXTEND SUM(sales) OVER() AS total_sales
-- expect: [{"item": "apples", "sales": 2, "total_sales": 15}, {"item": "bananas", "sales": 5, "total_sales": 15}, {"item": "carrots", "sales": 8, "total_sales": 15}]

-- case: pipe_extend_then_where_reads_the_new_column
SELECT 3 AS x UNION ALL SELECT 4
|> EXTEND x * 10 AS y
|> WHERE y > 35
-- expect: [{"x": 4, "y": 40}]

-- case: pipe_set
(SELECT 1 AS x, 11 AS y UNION ALL SELECT 2 AS x, 22 AS y)
|> SET x = x * x, y = 3
-- expect: [{"x": 1, "y": 3}, {"x": 4, "y": 3}]

-- case: pipe_set_unknown_column_fails
SELECT 1 AS x |> SET z = 2
-- error: Column name in pipe SET not found in input table: z

-- case: pipe_drop
SELECT 'apples' AS item, 2 AS sales, 'fruit' AS category
|> DROP sales, category
-- expect: [{"item": "apples"}]

-- case: pipe_drop_every_column_fails
SELECT 1 AS x |> DROP x
-- error: Pipe DROP dropped all columns in the input table

-- case: pipe_drop_duplicate_name_fails
SELECT 1 AS x, 2 AS y |> DROP x, X
-- error: Duplicate column name in pipe DROP: X

-- case: pipe_rename
SELECT 1 AS x, 2 AS y, 3 AS z
|> RENAME y AS renamed_y, z zz
-- expect: [{"x": 1, "renamed_y": 2, "zz": 3}]

-- case: pipe_rename_unknown_column_fails
SELECT 1 AS x |> RENAME nope AS y
-- error: Column name in pipe RENAME not found in input table: nope

-- case: pipe_set_keeps_the_alias_on_the_original_row
FROM (SELECT 3 AS n, 'a' AS s) AS src
|> SET n = n + 1, s = 'b'
|> SELECT src.n AS old_n, src.s AS old_s, n, s
-- expect: [{"old_n": 3, "old_s": "a", "n": 4, "s": "b"}]

-- case: pipe_drop_keeps_the_alias_on_the_original_row
FROM (SELECT 3 AS n, 'a' AS s) AS src
|> DROP n
|> SELECT src.n AS dropped_n, s
-- expect: [{"dropped_n": 3, "s": "a"}]

-- case: pipe_rename_keeps_the_alias_on_the_original_row
SELECT 3 AS n, 'a' AS s
|> AS src
|> RENAME s AS label
|> SELECT *, src.s AS old_s
-- expect: [{"n": 3, "label": "a", "old_s": "a"}]

-- case: pipe_as_then_join
(SELECT '000123' AS id, 'apples' AS item, 2 AS sales UNION ALL SELECT '000456', 'bananas', 5) AS sales_table
|> AGGREGATE SUM(sales) AS total_sales GROUP BY id, item
|> AS t1
|> JOIN (SELECT 456 AS id, 'yellow' AS color) AS t2 ON CAST(t1.id AS INT64) = t2.id
|> SELECT t2.id, total_sales, color
-- expect: [{"id": 456, "total_sales": 5, "color": "yellow"}]

-- case: pipe_where
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'carrots', 8)
|> WHERE sales >= 3
-- expect: [{"item": "bananas", "sales": 5}, {"item": "carrots", "sales": 8}]

-- case: pipe_where_with_window_function_filters_like_qualify
(SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 2 UNION ALL SELECT 'b', 3)
|> WHERE ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) = 1
-- expect: [{"k": "a", "v": 2}, {"k": "b", "v": 3}]

-- case: pipe_where_after_aggregate_acts_as_having
(SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 2 UNION ALL SELECT 'b', 3)
|> AGGREGATE SUM(v) AS total GROUP BY k
|> WHERE total > 2
-- expect: [{"k": "a", "total": 3}, {"k": "b", "total": 3}]

-- case: pipe_aggregate_full_table
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'apples', 7)
|> AGGREGATE COUNT(*) AS num_items, SUM(sales) AS total_sales
-- expect: [{"num_items": 3, "total_sales": 14}]

-- case: pipe_aggregate_group_by
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'apples', 7)
|> AGGREGATE COUNT(*) AS num_items, SUM(sales) AS total_sales GROUP BY item
-- expect: [{"item": "apples", "num_items": 2, "total_sales": 9}, {"item": "bananas", "num_items": 1, "total_sales": 5}]

-- case: pipe_aggregate_group_and_order_by
CREATE TABLE {ds}.Produce AS (
  SELECT 'apples' AS item, 2 AS sales, 'fruit' AS category UNION ALL
  SELECT 'carrots', 8, 'vegetable' UNION ALL
  SELECT 'apples', 7, 'fruit' UNION ALL
  SELECT 'bananas', 5, 'fruit');
FROM {ds}.Produce
|> AGGREGATE SUM(sales) AS total_sales GROUP AND ORDER BY category, item DESC
-- ordered
-- expect: [{"category": "fruit", "item": "bananas", "total_sales": 5}, {"category": "fruit", "item": "apples", "total_sales": 9}, {"category": "vegetable", "item": "carrots", "total_sales": 8}]

-- case: pipe_aggregate_order_suffixes
CREATE TABLE {ds}.Produce AS (
  SELECT 'apples' AS item, 2 AS sales, 'fruit' AS category UNION ALL
  SELECT 'carrots', 8, 'vegetable' UNION ALL
  SELECT 'apples', 7, 'fruit' UNION ALL
  SELECT 'bananas', 5, 'fruit');
FROM {ds}.Produce
|> AGGREGATE SUM(sales) AS total_sales ASC GROUP BY item, category DESC
-- ordered
-- expect: [{"item": "carrots", "category": "vegetable", "total_sales": 8}, {"item": "bananas", "category": "fruit", "total_sales": 5}, {"item": "apples", "category": "fruit", "total_sales": 9}]

-- case: pipe_aggregate_group_by_alias
SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3
|> AGGREGATE COUNT(*) AS n GROUP BY MOD(x, 2) AS parity
-- expect: [{"parity": 1, "n": 2}, {"parity": 0, "n": 1}]

-- case: pipe_aggregate_refuses_plain_columns
SELECT 1 AS x, 2 AS y |> AGGREGATE y GROUP BY x
-- error: Pipe AGGREGATE cannot include non-aggregate expressions

-- case: pipe_aggregate_refuses_ordinals
SELECT 1 AS x |> AGGREGATE COUNT(*) GROUP BY 1
-- error: GROUP BY ordinal not allowed in pipe AGGREGATE

-- case: pipe_aggregate_needs_something
SELECT 1 AS x |> AGGREGATE
-- error: Pipe AGGREGATE cannot have both an empty aggregate list and an empty GROUP BY

-- case: pipe_distinct
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'carrots', 8)
|> DISTINCT
|> WHERE sales >= 3
-- expect: [{"item": "bananas", "sales": 5}, {"item": "carrots", "sales": 8}]

-- case: pipe_distinct_keeps_the_table_alias
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'carrots', 8)
|> AS Produce
|> DISTINCT
|> SELECT Produce.item
-- expect: [{"item": "apples"}, {"item": "bananas"}, {"item": "carrots"}]

-- case: pipe_left_join
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas' AS item, 5 AS sales)
|> AS produce_sales
|> LEFT JOIN (SELECT 'apples' AS item, 123 AS id) AS produce_data ON produce_sales.item = produce_data.item
|> SELECT produce_sales.item, sales, id
-- expect: [{"item": "apples", "sales": 2, "id": 123}, {"item": "bananas", "sales": 5, "id": null}]

-- case: pipe_order_by
(SELECT 1 AS x UNION ALL SELECT 3 AS x UNION ALL SELECT 2 AS x)
|> ORDER BY x DESC
-- ordered
-- expect: [{"x": 3}, {"x": 2}, {"x": 1}]

-- case: pipe_limit
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'carrots', 8)
|> ORDER BY item
|> LIMIT 1
-- expect: [{"item": "apples", "sales": 2}]

-- case: pipe_limit_offset
(SELECT 'apples' AS item, 2 AS sales UNION ALL SELECT 'bananas', 5 UNION ALL SELECT 'carrots', 8)
|> ORDER BY item
|> LIMIT 1 OFFSET 2
-- expect: [{"item": "carrots", "sales": 8}]

-- case: pipe_limit_then_order_by_orders_the_limited_rows
(SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3)
|> ORDER BY x
|> LIMIT 2
|> ORDER BY x DESC
-- ordered
-- expect: [{"x": 2}, {"x": 1}]

-- case: pipe_union_all_several_queries
SELECT 1 AS x
|> UNION ALL (SELECT 2), (SELECT 3)
-- expect: [{"x": 1}, {"x": 2}, {"x": 3}]

-- case: pipe_intersect_distinct
(SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 2 UNION ALL SELECT 3)
|> INTERSECT DISTINCT (SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4)
-- expect: [{"x": 2}, {"x": 3}]

-- case: pipe_except_distinct
(SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 3)
|> EXCEPT DISTINCT (SELECT 2)
-- expect: [{"x": 1}, {"x": 3}]

-- case: pipe_union_by_name
SELECT 1 AS a, 2 AS b
|> UNION ALL BY NAME (SELECT 20 AS b, 10 AS a)
-- expect: [{"a": 1, "b": 2}, {"a": 10, "b": 20}]

-- case: pipe_with
SELECT 1 AS key
|> WITH t AS (SELECT 1 AS key, 'my_value' AS value)
|> INNER JOIN t USING (key)
-- expect: [{"key": 1, "value": "my_value"}]

-- case: pipe_with_trailing_comma
SELECT 1 AS key
|> WITH t1 AS (SELECT 2), t2 AS (SELECT 3),
|> UNION ALL (FROM t1), (FROM t2)
-- expect: [{"key": 1}, {"key": 2}, {"key": 3}]

-- case: pipe_with_recursive
SELECT 1 AS key
|> WITH RECURSIVE t AS (
    SELECT 2 AS key
    |> UNION ALL (SELECT key + 1 AS key FROM t WHERE key <= 3))
|> UNION ALL (FROM t)
-- expect: [{"key": 1}, {"key": 2}, {"key": 3}, {"key": 4}]

-- case: pipe_pivot
(SELECT 'kale' AS product, 51 AS sales, 'Q1' AS quarter UNION ALL
 SELECT 'kale', 4, 'Q1' UNION ALL SELECT 'kale', 45, 'Q2' UNION ALL
 SELECT 'apple', 8, 'Q1' UNION ALL SELECT 'apple', 10, 'Q2')
|> PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2'))
-- expect: [{"product": "kale", "Q1": 55, "Q2": 45}, {"product": "apple", "Q1": 8, "Q2": 10}]

-- case: pipe_unpivot
(SELECT 'kale' AS product, 55 AS Q1, 45 AS Q2 UNION ALL SELECT 'apple', 8, 10)
|> UNPIVOT(sales FOR quarter IN (Q1, Q2))
-- expect: [{"product": "kale", "sales": 55, "quarter": "Q1"}, {"product": "kale", "sales": 45, "quarter": "Q2"}, {"product": "apple", "sales": 8, "quarter": "Q1"}, {"product": "apple", "sales": 10, "quarter": "Q2"}]

-- case: pipe_tablesample_whole_table
CREATE TABLE {ds}.t AS SELECT x FROM UNNEST(GENERATE_ARRAY(1, 10)) AS x;
FROM {ds}.t
|> TABLESAMPLE SYSTEM (100 PERCENT)
|> AGGREGATE COUNT(*) AS n
-- expect: [{"n": 10}]

-- case: pipe_in_subqueries
SELECT
  EXISTS(FROM UNNEST([1, 5, 9]) AS x |> WHERE x > 7) AS any_big,
  ARRAY(FROM UNNEST([3, 1, 2]) AS x |> ORDER BY x |> SELECT x * 10) AS tens,
  (FROM UNNEST([3, 1, 2]) AS x |> AGGREGATE MAX(x)) AS biggest
-- expect: [{"any_big": true, "tens": [10, 20, 30], "biggest": 3}]

-- case: pipe_in_with_clause
WITH evens AS (FROM UNNEST(GENERATE_ARRAY(1, 10)) AS x |> WHERE MOD(x, 2) = 0)
FROM evens
|> AGGREGATE SUM(x) AS total
-- expect: [{"total": 30}]

-- case: pipe_in_view
CREATE TABLE {ds}.t AS SELECT 'a' AS k, 1 AS v UNION ALL SELECT 'a', 2 UNION ALL SELECT 'b', 5;
CREATE VIEW {ds}.totals AS FROM {ds}.t |> AGGREGATE SUM(v) AS total GROUP BY k;
FROM {ds}.totals |> ORDER BY total DESC |> LIMIT 1
-- expect: [{"k": "b", "total": 5}]

-- case: pipe_feeds_insert
CREATE TABLE {ds}.t (x INT64);
INSERT INTO {ds}.t FROM UNNEST([1, 2, 3]) AS x |> WHERE x > 1;
SELECT SUM(x) AS s FROM {ds}.t
-- expect: [{"s": 5}]

-- case: pipe_unknown_operator_fails
SELECT 1 AS x |> FROBNICATE
-- error: Syntax error
