-- SELECT *, SELECT * EXCEPT / REPLACE, DISTINCT.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_list
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: select_1
SELECT * FROM (SELECT "apple" AS fruit, "carrot" AS vegetable)
-- expect: [{"fruit": "apple", "vegetable": "carrot"}]

-- case: select_expression_1
WITH groceries AS
  (SELECT "milk" AS dairy,
   "eggs" AS protein,
   "bread" AS grain)
SELECT g.*
FROM groceries AS g
-- expect: [{"dairy": "milk", "protein": "eggs", "grain": "bread"}]

-- case: select_expression_2
WITH locations AS
  (SELECT STRUCT("Seattle" AS city, "Washington" AS state) AS location
  UNION ALL
  SELECT STRUCT("Phoenix" AS city, "Arizona" AS state) AS location)
SELECT l.location.*
FROM locations l
-- expect: [{"city": "Seattle", "state": "Washington"}, {"city": "Phoenix", "state": "Arizona"}]

-- case: select_expression_3
WITH locations AS
  (SELECT ARRAY<STRUCT<city STRING, state STRING>>[("Seattle", "Washington"),
    ("Phoenix", "Arizona")] AS location)
SELECT l.LOCATION[offset(0)].*
FROM locations l
-- expect: [{"city": "Seattle", "state": "Washington"}]

-- case: select_except_1
WITH orders AS
  (SELECT 5 as order_id,
  "sprocket" as item_name,
  200 as quantity)
SELECT * EXCEPT (order_id)
FROM orders
-- expect: [{"item_name": "sprocket", "quantity": 200}]

-- case: select_replace_1
WITH orders AS
  (SELECT 5 as order_id,
  "sprocket" as item_name,
  200 as quantity)
SELECT * REPLACE ("widget" AS item_name)
FROM orders
-- expect: [{"order_id": 5, "item_name": "widget", "quantity": 200}]

-- case: range_variables_1
WITH Grid AS (SELECT 1 x, 2 y)
SELECT Coordinate.x FROM Grid AS Coordinate
-- expect: [{"x": 1}]

-- case: range_variables_2
WITH Grid AS (SELECT 1 x, 2 y)
SELECT Coordinate.* FROM Grid AS Coordinate
-- expect: [{"x": 1, "y": 2}]

-- Over the fixture tables (query-syntax#select_list, #select_except, #select_replace).

-- case: select_star_except_fixture
SELECT * EXCEPT (price, weight, qty, in_stock, added, updated, created, opens, code, tags, dims) FROM fx.items WHERE id = 1
-- expect: [{"id": 1, "name": "apple", "category": "fruit"}]

-- case: select_star_replace_fixture
SELECT * REPLACE (UPPER(customer) AS customer) FROM fx.orders WHERE order_id = 101
-- expect: [{"order_id": 101, "item_id": 1, "customer": "ANN", "quantity": 3, "order_date": "2024-03-01"}]

-- case: select_star_except_and_replace
SELECT * EXCEPT (order_date) REPLACE (quantity * 10 AS quantity) FROM fx.orders WHERE order_id = 102
-- expect: [{"order_id": 102, "item_id": 2, "customer": "bob", "quantity": 120}]

-- case: select_star_except_unknown_column_fails
SELECT * EXCEPT (nope) FROM fx.orders
-- error:

-- case: select_table_alias_star
SELECT c.* FROM fx.customers AS c WHERE c.name = 'ann'
-- expect: [{"name": "ann", "city": "Paris"}]

-- case: select_star_from_join_using
SELECT * FROM fx.customers JOIN (SELECT customer AS name, COUNT(*) AS n FROM fx.orders GROUP BY customer) USING (name) WHERE name = 'bob'
-- expect: [{"name": "bob", "city": "Oslo", "n": 2}]

-- case: select_star_star_from_two_tables
SELECT o.*, c.city FROM fx.orders o JOIN fx.customers c ON c.name = o.customer WHERE o.order_id = 104
-- expect: [{"order_id": 104, "item_id": 5, "customer": "cy", "quantity": 2, "order_date": "2024-03-03", "city": null}]

-- case: select_distinct_fixture
SELECT DISTINCT customer FROM fx.orders
-- expect: [["ann"], ["bob"], ["cy"], ["dee"]]

-- case: select_distinct_multiple_columns
SELECT DISTINCT category, in_stock FROM fx.items
-- expect: [["fruit", true], ["vegetable", false], ["fruit", null], ["vegetable", true], [null, false]]

-- case: select_all_rows
SELECT ALL customer FROM fx.orders WHERE customer = 'ann'
-- expect: [["ann"], ["ann"]]

-- case: select_without_from
SELECT 1 + 1 AS two, 'x' AS x
-- expect: [{"two": 2, "x": "x"}]

-- case: limit_offset
-- ordered
SELECT order_id FROM fx.orders ORDER BY order_id LIMIT 2 OFFSET 3
-- expect: [[104], [105]]

-- case: order_by_nulls_last_explicit
-- ordered
SELECT name FROM fx.items ORDER BY category NULLS LAST, name
-- expect: [["apple"], ["banana"], ["durian"], ["carrot"], ["eggplant"], ["fig"]]

-- case: order_by_ordinal_desc
-- ordered
SELECT customer, quantity FROM fx.orders ORDER BY 2 DESC, 1 LIMIT 3
-- expect: [["bob", 12], ["dee", 4], ["ann", 3]]

-- case: implicit_alias_from_column
SELECT qty FROM fx.items WHERE id = 2
-- expect: [{"qty": 25}]

-- case: where_with_and_or_null
SELECT name FROM fx.items WHERE in_stock OR qty IS NULL
-- expect: [["apple"], ["banana"], ["durian"], ["eggplant"]]

-- case: reserved_keyword_alias_fails
-- lexical#reserved_keywords: a reserved keyword (NO, AT, ...) can't be an alias unless quoted.
SELECT 1 AS no
-- error: Syntax error

-- case: quoted_reserved_keyword_alias
SELECT 1 AS `no`
-- expect: [{"no": 1}]
