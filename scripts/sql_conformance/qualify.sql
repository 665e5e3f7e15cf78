-- QUALIFY.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#qualify_clause
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: qualify_clause_1
SELECT
  item,
  RANK() OVER (PARTITION BY category ORDER BY purchases DESC) as rank
FROM fx.Produce
WHERE Produce.category = 'vegetable'
QUALIFY rank <= 3
-- expect: [{"item": "kale", "rank": 1}, {"item": "lettuce", "rank": 2}, {"item": "cabbage", "rank": 3}]

-- case: qualify_clause_2
SELECT item
FROM fx.Produce
WHERE Produce.category = 'vegetable'
QUALIFY RANK() OVER (PARTITION BY category ORDER BY purchases DESC) <= 3
-- expect: [{"item": "kale"}, {"item": "lettuce"}, {"item": "cabbage"}]

-- Over the fixture tables and the reference's Produce table.

-- case: qualify_row_number_latest_per_customer
SELECT customer, order_id FROM fx.orders
QUALIFY ROW_NUMBER() OVER (PARTITION BY customer ORDER BY order_date DESC) = 1
-- expect: [["ann", 105], ["bob", 103], ["cy", 104], ["dee", 106]]

-- case: qualify_with_where
SELECT name, qty FROM fx.items WHERE qty IS NOT NULL
QUALIFY RANK() OVER (ORDER BY qty DESC) <= 2
-- expect: [["banana", 25], ["apple", 10]]

-- case: qualify_alias_of_window
SELECT item, purchases, SUM(purchases) OVER (PARTITION BY category) AS cat_total FROM fx.Produce
QUALIFY cat_total > 20
-- expect: [["kale", 23, 44], ["cabbage", 9, 44], ["leek", 2, 44], ["lettuce", 10, 44]]

-- case: qualify_dense_rank_per_category
SELECT category, item FROM fx.Produce
QUALIFY DENSE_RANK() OVER (PARTITION BY category ORDER BY purchases) = 1
-- expect: [["fruit", "banana"], ["vegetable", "leek"]]

-- case: qualify_after_group_by
SELECT customer, SUM(quantity) AS total FROM fx.orders GROUP BY customer
QUALIFY RANK() OVER (ORDER BY SUM(quantity) DESC) = 1
-- expect: [["bob", 13]]

-- case: qualify_without_window_fails
SELECT name FROM fx.items QUALIFY qty > 1
-- error:

-- case: qualify_with_order_by_limit
-- ordered
SELECT item, purchases FROM fx.Produce
QUALIFY ROW_NUMBER() OVER (ORDER BY purchases DESC) <= 3
ORDER BY purchases
-- expect: [["cabbage", 9], ["lettuce", 10], ["kale", 23]]

-- case: qualify_lag
SELECT order_id, quantity FROM fx.orders
QUALIFY quantity > LAG(quantity) OVER (ORDER BY order_id)
-- expect: [[102, 12], [104, 2], [106, 4]]
