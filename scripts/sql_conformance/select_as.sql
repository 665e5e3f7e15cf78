-- SELECT AS STRUCT / SELECT AS VALUE.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_as_struct
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#select_as_value
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- SELECT AS STRUCT / SELECT AS VALUE (query-syntax#select_as_struct, #select_as_value); value tables
-- (query-syntax#value_tables): a subquery may return one STRUCT column.

-- case: array_of_select_as_struct
SELECT ARRAY(SELECT AS STRUCT 1 a, 2 b) AS arr
-- expect: [{"arr": [{"a": 1, "b": 2}]}]

-- case: scalar_select_as_struct
SELECT (SELECT AS STRUCT 1 AS x, 'a' AS y) AS s
-- expect: [{"s": {"x": 1, "y": "a"}}]

-- case: select_as_struct_field_access
SELECT (SELECT AS STRUCT 1 AS x, 2 AS y).y AS y
-- expect: [{"y": 2}]

-- case: top_level_select_as_struct
SELECT AS STRUCT 1 AS x, 2 AS y
-- expect: [{"x": 1, "y": 2}]

-- case: top_level_select_as_value_struct
SELECT AS VALUE STRUCT(1 AS x, 2 AS y)
-- expect: [{"x": 1, "y": 2}]

-- case: select_star_from_value_table
SELECT * FROM (SELECT AS VALUE STRUCT(1 AS a, 'b' AS b))
-- expect: [{"a": 1, "b": "b"}]

-- case: array_of_structs_from_fixture
SELECT ARRAY(SELECT AS STRUCT name, qty FROM fx.items WHERE category = 'vegetable' ORDER BY id) AS veg
-- expect: [{"veg": [{"name": "carrot", "qty": 0}, {"name": "eggplant", "qty": 7}]}]

-- case: correlated_array_of_structs
SELECT c.name, ARRAY(SELECT AS STRUCT o.order_id, o.quantity FROM fx.orders o WHERE o.customer = c.name ORDER BY o.order_id) AS orders
FROM fx.customers c
-- expect: [["ann", [{"order_id": 101, "quantity": 3}, {"order_id": 105, "quantity": 1}]], ["bob", [{"order_id": 102, "quantity": 12}, {"order_id": 103, "quantity": 1}]], ["cy", [{"order_id": 104, "quantity": 2}]], ["eve", []]]

-- case: select_as_value_in_in_subquery
SELECT name FROM fx.items WHERE id IN (SELECT AS VALUE item_id FROM fx.orders)
-- expect: [["apple"], ["banana"], ["eggplant"]]

-- case: array_of_select_as_value
SELECT ARRAY(SELECT AS VALUE x * 2 FROM UNNEST([1, 2, 3]) AS x ORDER BY x) AS doubled
-- expect: [{"doubled": [2, 4, 6]}]

-- case: select_as_value_two_columns_fails
SELECT AS VALUE 1, 2
-- error:

-- case: subquery_two_columns_without_struct_fails
SELECT (SELECT 1 AS a, 2 AS b) AS s
-- error:

-- case: array_agg_of_select_as_struct_rows
SELECT ARRAY_AGG(s ORDER BY s.n) AS arr FROM (SELECT AS STRUCT x AS n, x * x AS sq FROM UNNEST([3, 1, 2]) AS x) AS s
-- expect: [{"arr": [{"n": 1, "sq": 1}, {"n": 2, "sq": 4}, {"n": 3, "sq": 9}]}]

-- case: select_as_struct_with_table_fields
SELECT (SELECT AS STRUCT i.name, i.price FROM fx.items i WHERE i.id = 2) AS item
-- expect: [{"item": {"name": "banana", "price": "0.25"}}]
