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
