-- Subqueries: scalar, IN, EXISTS, ARRAY, correlated.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/subqueries
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: scalar_subqueries_1
SELECT
  username,
  (SELECT mascot FROM fx.Mascots WHERE Players.team = Mascots.team) AS player_mascot
FROM
  fx.Players
-- expect: [{"username": "gorbie", "player_mascot": "cardinal"}, {"username": "junelyn", "player_mascot": "finch"}, {"username": "corba", "player_mascot": "parrot"}]

-- case: table_subqueries_1
SELECT
  username
FROM (
  WITH red_team AS (SELECT * FROM fx.NPCs WHERE team = 'red')
  SELECT * FROM red_team
)
-- expect: [{"username": "niles"}, {"username": "jujul"}]

-- case: correlated_subqueries_1
SELECT mascot
FROM fx.Mascots
WHERE
  NOT EXISTS(SELECT username FROM fx.Players WHERE Mascots.team = Players.team)
-- expect: [{"mascot": "sparrow"}]

-- case: correlated_subqueries_2
SELECT
  username,
  (SELECT mascot FROM fx.Mascots WHERE Players.team = Mascots.team) AS player_mascot
FROM fx.Players
-- expect: [{"username": "gorbie", "player_mascot": "cardinal"}, {"username": "junelyn", "player_mascot": "finch"}, {"username": "corba", "player_mascot": "parrot"}]

-- Modeled on the reference's subquery kinds (subqueries page), over the fixture tables; expected rows
-- worked out from the fixture rows by the documented semantics.

-- case: scalar_subquery_correlated_count
SELECT name, (SELECT COUNT(*) FROM fx.orders o WHERE o.item_id = i.id) AS n FROM fx.items i
-- expect: [["apple", 2], ["banana", 1], ["carrot", 0], ["durian", 0], ["eggplant", 1], ["fig", 0]]

-- case: scalar_subquery_no_row_is_null
SELECT (SELECT name FROM fx.items WHERE id = 99) AS n
-- expect: [{"n": null}]

-- case: scalar_subquery_two_rows_fails
SELECT (SELECT name FROM fx.items) AS n
-- error: more than one

-- case: scalar_subquery_aggregate
SELECT (SELECT MAX(quantity) FROM fx.orders) AS most
-- expect: [{"most": 12}]

-- case: in_subquery
SELECT name FROM fx.items WHERE id IN (SELECT item_id FROM fx.orders)
-- expect: [["apple"], ["banana"], ["eggplant"]]

-- case: not_in_subquery_with_null_is_empty
SELECT name FROM fx.items WHERE id NOT IN (SELECT item_id FROM fx.orders)
-- expect: []

-- case: not_in_subquery_without_null
SELECT name FROM fx.items WHERE id NOT IN (SELECT item_id FROM fx.orders WHERE item_id IS NOT NULL)
-- expect: [["carrot"], ["durian"], ["fig"]]

-- case: exists_correlated
SELECT c.name FROM fx.customers c WHERE EXISTS (SELECT 1 FROM fx.orders o WHERE o.customer = c.name)
-- expect: [["ann"], ["bob"], ["cy"]]

-- case: not_exists_correlated
SELECT c.name FROM fx.customers c WHERE NOT EXISTS (SELECT 1 FROM fx.orders o WHERE o.customer = c.name)
-- expect: [["eve"]]

-- case: exists_empty_is_false
SELECT EXISTS(SELECT 1 FROM fx.items WHERE id > 100) AS e
-- expect: [{"e": false}]

-- case: array_subquery
SELECT ARRAY(SELECT name FROM fx.items WHERE category = 'vegetable' ORDER BY name) AS v
-- expect: [{"v": ["carrot", "eggplant"]}]

-- case: array_subquery_correlated
SELECT c.name, ARRAY(SELECT o.order_id FROM fx.orders o WHERE o.customer = c.name ORDER BY o.order_id) AS ids
FROM fx.customers c
-- expect: [["ann", [101, 105]], ["bob", [102, 103]], ["cy", [104]], ["eve", []]]

-- case: array_subquery_empty
SELECT ARRAY(SELECT 1 FROM fx.items WHERE FALSE) AS a
-- expect: [{"a": []}]

-- case: from_subquery_aggregate
SELECT MAX(total) AS most FROM (SELECT customer, SUM(quantity) AS total FROM fx.orders GROUP BY customer)
-- expect: [{"most": 13}]

-- case: correlated_scalar_max_date
SELECT c.name, (SELECT MAX(o.order_date) FROM fx.orders o WHERE o.customer = c.name) AS last_order
FROM fx.customers c
-- expect: [["ann", "2024-03-04"], ["bob", "2024-03-02"], ["cy", "2024-03-03"], ["eve", null]]

-- case: in_unnest
-- No reserved keyword as an alias (NO and AT are reserved in GoogleSQL).
SELECT 2 IN UNNEST([1, 2, 3]) AS has_two, 5 IN UNNEST([1, 2, 3]) AS has_five
-- expect: [{"has_two": true, "has_five": false}]

-- case: in_list_with_null
SELECT 1 IN (1, NULL) AS a, 2 IN (1, NULL) AS b
-- expect: [{"a": true, "b": null}]

-- case: subquery_in_where_comparison
SELECT name FROM fx.items WHERE price > (SELECT AVG(price) FROM fx.items)
-- expect: [["durian"]]

-- case: nested_subqueries
SELECT name FROM fx.items WHERE id IN (SELECT item_id FROM fx.orders WHERE customer IN (SELECT name FROM fx.customers WHERE city = 'Oslo'))
-- expect: [["apple"], ["banana"]]

-- case: correlated_subquery_players_mascots
SELECT username, (SELECT mascot FROM fx.Mascots WHERE Players.team = Mascots.team) AS player_mascot FROM fx.Players
-- expect: [["gorbie", "cardinal"], ["junelyn", "finch"], ["corba", "parrot"]]

-- case: exists_subquery_players
SELECT EXISTS(SELECT username FROM fx.Players WHERE team = 'yellow') AS result
-- expect: [{"result": false}]

-- case: in_subquery_players
SELECT 'corba' IN (SELECT username FROM fx.Players) AS result
-- expect: [{"result": true}]

-- case: array_subquery_players
SELECT ARRAY(SELECT username FROM fx.NPCs WHERE team = 'red' ORDER BY username) AS red
-- expect: [{"red": ["jujul", "niles"]}]

-- case: scalar_subquery_in_select_list_with_alias
SELECT (SELECT COUNT(*) FROM fx.Players WHERE team = 'red') AS red_players
-- expect: [{"red_players": 1}]

-- case: subquery_with_cte_inside
SELECT username FROM (WITH red_team AS (SELECT * FROM fx.NPCs WHERE team = 'red') SELECT * FROM red_team)
-- expect: [["niles"], ["jujul"]]

-- case: in_subquery_numeric_exact_value
SELECT name FROM fx.items WHERE price IN (SELECT price FROM fx.items WHERE category = 'vegetable')
-- expect: [["carrot"], ["eggplant"]]

-- case: array_subquery_of_float64
SELECT ARRAY(SELECT weight FROM fx.items WHERE weight < 0.2 ORDER BY weight) AS light
-- expect: [{"light": [0.1, 0.15]}]

-- case: array_subquery_of_bytes
SELECT ARRAY(SELECT code FROM fx.items WHERE code IS NOT NULL ORDER BY id) AS codes
-- expect: [{"codes": ["YWJj", "YmFu", "ZWdn", ""]}]
