-- GROUP BY, HAVING, ROLLUP, CUBE, GROUPING SETS.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#group_by_clause
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: group_rows_by_values_1
WITH PlayerStats AS (
  SELECT 'Adams' as LastName, 'Noam' as FirstName, 3 as PointsScored UNION ALL
  SELECT 'Buchanan', 'Jie', 0 UNION ALL
  SELECT 'Coolidge', 'Kiran', 1 UNION ALL
  SELECT 'Adams', 'Noam', 4 UNION ALL
  SELECT 'Buchanan', 'Jie', 13)
SELECT SUM(PointsScored) AS total_points, LastName
FROM PlayerStats
GROUP BY LastName
-- expect: [{"total_points": 7, "LastName": "Adams"}, {"total_points": 13, "LastName": "Buchanan"}, {"total_points": 1, "LastName": "Coolidge"}]

-- case: group_rows_by_values_2
WITH PlayerStats AS (
  SELECT 'Adams' as LastName, 'Noam' as FirstName, 3 as PointsScored UNION ALL
  SELECT 'Buchanan', 'Jie', 0 UNION ALL
  SELECT 'Coolidge', 'Kiran', 1 UNION ALL
  SELECT 'Adams', 'Noam', 4 UNION ALL
  SELECT 'Buchanan', 'Jie', 13)
SELECT SUM(PointsScored) AS total_points, LastName AS last_name
FROM PlayerStats
GROUP BY last_name
-- expect: [{"total_points": 7, "last_name": "Adams"}, {"total_points": 13, "last_name": "Buchanan"}, {"total_points": 1, "last_name": "Coolidge"}]

-- case: group_rows_by_column_ordinals_1
WITH PlayerStats AS (
  SELECT 'Adams' as LastName, 'Noam' as FirstName, 3 as PointsScored UNION ALL
  SELECT 'Buchanan', 'Jie', 0 UNION ALL
  SELECT 'Coolidge', 'Kiran', 1 UNION ALL
  SELECT 'Adams', 'Noam', 4 UNION ALL
  SELECT 'Buchanan', 'Jie', 13)
SELECT SUM(PointsScored) AS total_points, LastName, FirstName
FROM PlayerStats
GROUP BY LastName, FirstName
-- expect: [{"total_points": 7, "LastName": "Adams", "FirstName": "Noam"}, {"total_points": 13, "LastName": "Buchanan", "FirstName": "Jie"}, {"total_points": 1, "LastName": "Coolidge", "FirstName": "Kiran"}]

-- case: group_rows_by_column_ordinals_2
WITH PlayerStats AS (
  SELECT 'Adams' as LastName, 'Noam' as FirstName, 3 as PointsScored UNION ALL
  SELECT 'Buchanan', 'Jie', 0 UNION ALL
  SELECT 'Coolidge', 'Kiran', 1 UNION ALL
  SELECT 'Adams', 'Noam', 4 UNION ALL
  SELECT 'Buchanan', 'Jie', 13)
SELECT SUM(PointsScored) AS total_points, LastName, FirstName
FROM PlayerStats
GROUP BY 2, 3
-- expect: [{"total_points": 7, "LastName": "Adams", "FirstName": "Noam"}, {"total_points": 13, "LastName": "Buchanan", "FirstName": "Jie"}, {"total_points": 1, "LastName": "Coolidge", "FirstName": "Kiran"}]

-- case: group_rows_by_all_1
WITH PlayerStats AS (
  SELECT 'Adams' as LastName, 'Noam' as FirstName, 3 as PointsScored UNION ALL
  SELECT 'Buchanan', 'Jie', 0 UNION ALL
  SELECT 'Coolidge', 'Kiran', 1 UNION ALL
  SELECT 'Adams', 'Noam', 4 UNION ALL
  SELECT 'Buchanan', 'Jie', 13)
SELECT
  SUM(PointsScored) AS total_points,
  FirstName AS first_name,
  LastName AS last_name
FROM PlayerStats
GROUP BY ALL
-- expect: [{"total_points": 7, "first_name": "Noam", "last_name": "Adams"}, {"total_points": 13, "first_name": "Jie", "last_name": "Buchanan"}, {"total_points": 1, "first_name": "Kiran", "last_name": "Coolidge"}]

-- case: group_rows_by_all_2
WITH PlayerStats AS (
  SELECT 'Adams' as LastName, 'Noam' as FirstName, 3 as PointsScored UNION ALL
  SELECT 'Buchanan', 'Jie', 0 UNION ALL
  SELECT 'Coolidge', 'Kiran', 1 UNION ALL
  SELECT 'Adams', 'Noam', 4 UNION ALL
  SELECT 'Buchanan', 'Jie', 13)
SELECT
  COUNT(*) OVER () AS total_people,
  FirstName AS first_name,
  LastName AS last_name
FROM PlayerStats
GROUP BY ALL
-- expect: [{"total_people": 3, "first_name": "Noam", "last_name": "Adams"}, {"total_people": 3, "first_name": "Jie", "last_name": "Buchanan"}, {"total_people": 3, "first_name": "Kiran", "last_name": "Coolidge"}]

-- case: group_rows_by_all_3
WITH Values AS (
  SELECT 1 AS x, 2 AS y
  UNION ALL SELECT 1 AS x, 4 AS y
  UNION ALL SELECT 2 AS x, 5 AS y
)
SELECT
  Values.x AS x_coordinate,
  Values.y AS y_coordinate,
  [Values.x, Values.y] AS coordinates
FROM Values
GROUP BY ALL
-- expect: [{"x_coordinate": 1, "y_coordinate": 4, "coordinates": [1, 4]}, {"x_coordinate": 1, "y_coordinate": 2, "coordinates": [1, 2]}, {"x_coordinate": 2, "y_coordinate": 5, "coordinates": [2, 5]}]

-- case: group_rows_by_all_4
SELECT COUNT(*) AS num_rows
FROM UNNEST([])
GROUP BY ALL
-- expect: [{"num_rows": 0}]

-- case: group_rows_by_grouping_sets_1
-- GROUP BY with GROUPING SETS
WITH
  Products AS (
    SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
    SELECT 'shirt', 't-shirt', 8 UNION ALL
    SELECT 'shirt', 'polo', 25 UNION ALL
    SELECT 'pants', 'jeans', 6
  )
SELECT product_type, product_name, SUM(product_count) AS product_sum
FROM Products
GROUP BY GROUPING SETS (product_type, product_name)
ORDER BY product_name
-- expect: [{"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": null, "product_name": "jeans", "product_sum": 6}, {"product_type": null, "product_name": "polo", "product_sum": 25}, {"product_type": null, "product_name": "t-shirt", "product_sum": 11}]

-- case: group_rows_by_grouping_sets_2
-- GROUP BY with GROUPING SETS and a groupable item set
WITH
  Products AS (
    SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
    SELECT 'shirt', 't-shirt', 8 UNION ALL
    SELECT 'shirt', 'polo', 25 UNION ALL
    SELECT 'pants', 'jeans', 6
  )
SELECT product_type, product_name, SUM(product_count) AS product_sum
FROM Products
GROUP BY GROUPING SETS (
  product_type,
  (product_type, product_name))
ORDER BY product_type, product_name
-- expect: [{"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": "jeans", "product_sum": 6}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": "polo", "product_sum": 25}, {"product_type": "shirt", "product_name": "t-shirt", "product_sum": 11}]

-- case: group_rows_by_grouping_sets_3
-- GROUP BY with GROUPING SETS and ROLLUP
WITH
  Products AS (
    SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
    SELECT 'shirt', 't-shirt', 8 UNION ALL
    SELECT 'shirt', 'polo', 25 UNION ALL
    SELECT 'pants', 'jeans', 6
  )
SELECT product_type, product_name, SUM(product_count) AS product_sum
FROM Products
GROUP BY GROUPING SETS (
  product_type,
  ROLLUP (product_type, product_name))
ORDER BY product_type, product_name
-- expect: [{"product_type": null, "product_name": null, "product_sum": 42}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": "jeans", "product_sum": 6}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": "polo", "product_sum": 25}, {"product_type": "shirt", "product_name": "t-shirt", "product_sum": 11}]

-- case: group_rows_by_grouping_sets_4
-- GROUP BY with GROUPING SETS and CUBE
WITH
  Products AS (
    SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
    SELECT 'shirt', 't-shirt', 8 UNION ALL
    SELECT 'shirt', 'polo', 25 UNION ALL
    SELECT 'pants', 'jeans', 6
  )
SELECT product_type, product_name, SUM(product_count) AS product_sum
FROM Products
GROUP BY GROUPING SETS (
  product_type,
  CUBE (product_type, product_name))
ORDER BY product_type, product_name
-- expect: [{"product_type": null, "product_name": null, "product_sum": 42}, {"product_type": null, "product_name": "jeans", "product_sum": 6}, {"product_type": null, "product_name": "polo", "product_sum": 25}, {"product_type": null, "product_name": "t-shirt", "product_sum": 11}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": "jeans", "product_sum": 6}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": "polo", "product_sum": 25}, {"product_type": "shirt", "product_name": "t-shirt", "product_sum": 11}]

-- case: group_rows_by_rollup_1
-- GROUP BY with ROLLUP
WITH
  Products AS (
    SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
    SELECT 'shirt', 't-shirt', 8 UNION ALL
    SELECT 'shirt', 'polo', 25 UNION ALL
    SELECT 'pants', 'jeans', 6
  )
SELECT product_type, product_name, SUM(product_count) AS product_sum
FROM Products
GROUP BY ROLLUP (product_type, product_name)
ORDER BY product_type, product_name
-- expect: [{"product_type": null, "product_name": null, "product_sum": 42}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": "jeans", "product_sum": 6}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": "t-shirt", "product_sum": 11}, {"product_type": "shirt", "product_name": "polo", "product_sum": 25}]

-- case: group_rows_by_rollup_2
WITH
  Products AS (
    SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
    SELECT 'shirt', 't-shirt', 8 UNION ALL
    SELECT 'shirt', 'polo', 25 UNION ALL
    SELECT 'pants', 'jeans', 6
  )
SELECT product_type, product_name, SUM(product_count) AS product_sum
FROM Products
GROUP BY ROLLUP (product_type, (product_type, product_name))
ORDER BY product_type, product_name
-- expect: [{"product_type": null, "product_name": null, "product_sum": 42}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": "jeans", "product_sum": 6}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": "polo", "product_sum": 25}, {"product_type": "shirt", "product_name": "t-shirt", "product_sum": 11}]

-- case: group_rows_by_cube_1
-- GROUP BY with CUBE
WITH
  Products AS (
    SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
    SELECT 'shirt', 't-shirt', 8 UNION ALL
    SELECT 'shirt', 'polo', 25 UNION ALL
    SELECT 'pants', 'jeans', 6
  )
SELECT product_type, product_name, SUM(product_count) AS product_sum
FROM Products
GROUP BY CUBE (product_type, product_name)
ORDER BY product_type, product_name
-- expect: [{"product_type": null, "product_name": null, "product_sum": 42}, {"product_type": null, "product_name": "jeans", "product_sum": 6}, {"product_type": null, "product_name": "polo", "product_sum": 25}, {"product_type": null, "product_name": "t-shirt", "product_sum": 11}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": "jeans", "product_sum": 6}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": "polo", "product_sum": 25}, {"product_type": "shirt", "product_name": "t-shirt", "product_sum": 11}]

-- case: group_rows_by_cube_2
WITH
  Products AS (
    SELECT 'shirt' AS product_type, 't-shirt' AS product_name, 3 AS product_count UNION ALL
    SELECT 'shirt', 't-shirt', 8 UNION ALL
    SELECT 'shirt', 'polo', 25 UNION ALL
    SELECT 'pants', 'jeans', 6
  )
SELECT product_type, product_name, SUM(product_count) AS product_sum
FROM Products
GROUP BY CUBE (product_type, (product_type, product_name))
ORDER BY product_type, product_name
-- expect: [{"product_type": null, "product_name": null, "product_sum": 42}, {"product_type": "pants", "product_name": null, "product_sum": 6}, {"product_type": "pants", "product_name": "jeans", "product_sum": 6}, {"product_type": "pants", "product_name": "jeans", "product_sum": 6}, {"product_type": "shirt", "product_name": null, "product_sum": 36}, {"product_type": "shirt", "product_name": "polo", "product_sum": 25}, {"product_type": "shirt", "product_name": "polo", "product_sum": 25}, {"product_type": "shirt", "product_name": "t-shirt", "product_sum": 11}, {"product_type": "shirt", "product_name": "t-shirt", "product_sum": 11}]

-- case: order_by_clause_1
SELECT x, y
FROM (SELECT 1 AS x, true AS y UNION ALL
      SELECT 9, true UNION ALL
      SELECT NULL, false)
ORDER BY x
-- expect: [{"x": null, "y": false}, {"x": 1, "y": true}, {"x": 9, "y": true}]

-- case: order_by_clause_2
SELECT x, y
FROM (SELECT 1 AS x, true AS y UNION ALL
      SELECT 9, true UNION ALL
      SELECT NULL, false)
ORDER BY x NULLS LAST
-- expect: [{"x": 1, "y": true}, {"x": 9, "y": true}, {"x": null, "y": false}]

-- case: order_by_clause_3
SELECT x, y
FROM (SELECT 1 AS x, true AS y UNION ALL
      SELECT 9, true UNION ALL
      SELECT NULL, false)
ORDER BY x DESC
-- expect: [{"x": 9, "y": true}, {"x": 1, "y": true}, {"x": null, "y": false}]

-- case: order_by_clause_4
SELECT x, y
FROM (SELECT 1 AS x, true AS y UNION ALL
      SELECT 9, true UNION ALL
      SELECT NULL, false)
ORDER BY x DESC NULLS FIRST
-- expect: [{"x": null, "y": false}, {"x": 9, "y": true}, {"x": 1, "y": true}]

-- case: limit_and_offset_clause_1
SELECT *
FROM UNNEST(ARRAY<STRING>['a', 'b', 'c', 'd', 'e']) AS letter
ORDER BY letter ASC LIMIT 2
-- expect: [{"letter": "a"}, {"letter": "b"}]

-- case: limit_and_offset_clause_2
SELECT *
FROM UNNEST(ARRAY<STRING>['a', 'b', 'c', 'd', 'e']) AS letter
ORDER BY letter ASC LIMIT 3 OFFSET 1
-- expect: [{"letter": "b"}, {"letter": "c"}, {"letter": "d"}]

-- Over the fixture tables; expected rows worked out from their rows (NULL forms its own group).

-- case: group_by_column_with_null_group
SELECT category, COUNT(*) AS n FROM fx.items GROUP BY category
-- expect: [["fruit", 3], ["vegetable", 2], [null, 1]]

-- case: having_filters_groups
SELECT category, COUNT(*) AS n FROM fx.items GROUP BY category HAVING COUNT(*) > 1
-- expect: [["fruit", 3], ["vegetable", 2]]

-- case: having_on_alias_of_aggregate
SELECT customer, SUM(quantity) AS total FROM fx.orders GROUP BY customer HAVING total > 3
-- expect: [["ann", 4], ["bob", 13], ["dee", 4]]

-- case: group_by_ordinal
SELECT customer, SUM(quantity) AS total FROM fx.orders GROUP BY 1
-- expect: [["ann", 4], ["bob", 13], ["cy", 2], ["dee", 4]]

-- case: group_by_select_alias
SELECT EXTRACT(MONTH FROM added) AS m, COUNT(*) AS n FROM fx.items GROUP BY m
-- expect: [[1, 1], [2, 2], [3, 1], [12, 1], [null, 1]]

-- case: group_by_expression
SELECT MOD(id, 2) AS parity, SUM(id) AS s FROM fx.items GROUP BY MOD(id, 2)
-- expect: [[1, 9], [0, 12]]

-- case: rollup_fixture
SELECT category, SUM(qty) AS q FROM fx.items GROUP BY ROLLUP(category)
-- expect: [["fruit", 35], ["vegetable", 7], [null, 3], [null, 45]]

-- case: rollup_with_grouping
SELECT category, GROUPING(category) AS g, COUNT(*) AS n FROM fx.items GROUP BY ROLLUP(category)
-- expect: [["fruit", 0, 3], ["vegetable", 0, 2], [null, 0, 1], [null, 1, 6]]

-- case: grouping_sets_fixture
SELECT customer, order_date, SUM(quantity) AS q FROM fx.orders WHERE customer IN ('ann', 'bob')
GROUP BY GROUPING SETS ((customer), (order_date))
-- expect: [["ann", null, 4], ["bob", null, 13], [null, "2024-03-01", 15], [null, "2024-03-02", 1], [null, "2024-03-04", 1]]

-- case: cube_fixture
SELECT customer, order_date, SUM(quantity) AS q FROM fx.orders WHERE customer = 'ann'
GROUP BY CUBE (customer, order_date)
-- expect: [["ann", "2024-03-01", 3], ["ann", "2024-03-04", 1], ["ann", null, 4], [null, "2024-03-01", 3], [null, "2024-03-04", 1], [null, null, 4]]

-- case: ungrouped_column_fails
SELECT category, name FROM fx.items GROUP BY category
-- error: neither grouped nor aggregated

-- case: aggregate_in_where_fails
SELECT name FROM fx.items WHERE COUNT(*) > 1
-- error: aggregate

-- case: group_by_struct_field
SELECT dims.w AS w, COUNT(*) AS n FROM fx.items WHERE dims.w IS NOT NULL GROUP BY dims.w
-- expect: [[3, 1], [2, 1], [1, 1], [5, 1]]

-- case: count_distinct_per_group
SELECT order_date, COUNT(DISTINCT customer) AS c FROM fx.orders GROUP BY order_date
-- expect: [["2024-03-01", 2], ["2024-03-02", 1], ["2024-03-03", 1], ["2024-03-04", 1], ["2024-03-05", 1]]

-- case: having_without_group_by
SELECT COUNT(*) AS n FROM fx.items HAVING COUNT(*) > 100
-- expect: []

-- case: group_by_bool_column
SELECT in_stock, COUNT(*) AS n FROM fx.items GROUP BY in_stock
-- expect: [[true, 3], [false, 2], [null, 1]]

-- case: order_by_aggregate_limit
-- ordered
SELECT customer, SUM(quantity) AS total FROM fx.orders GROUP BY customer ORDER BY total DESC, customer LIMIT 2
-- expect: [["bob", 13], ["ann", 4]]
