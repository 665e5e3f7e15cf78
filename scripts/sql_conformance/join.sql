-- JOIN: inner, cross, comma, outer, USING, ON, correlated.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#join_types
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: inner_join_1
SELECT Roster.LastName, TeamMascot.Mascot
FROM fx.Roster JOIN fx.TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID
-- expect: [{"LastName": "Adams", "Mascot": "Jaguars"}, {"LastName": "Buchanan", "Mascot": "Lakers"}, {"LastName": "Coolidge", "Mascot": "Lakers"}, {"LastName": "Davis", "Mascot": "Knights"}]

-- case: full_outer_join_1
SELECT Roster.LastName, TeamMascot.Mascot
FROM fx.Roster FULL JOIN fx.TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID
-- expect: [{"LastName": "Adams", "Mascot": "Jaguars"}, {"LastName": "Buchanan", "Mascot": "Lakers"}, {"LastName": "Coolidge", "Mascot": "Lakers"}, {"LastName": "Davis", "Mascot": "Knights"}, {"LastName": "Eisenhower", "Mascot": null}, {"LastName": null, "Mascot": "Mustangs"}]

-- case: left_outer_join_1
SELECT Roster.LastName, TeamMascot.Mascot
FROM fx.Roster LEFT JOIN fx.TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID
-- expect: [{"LastName": "Adams", "Mascot": "Jaguars"}, {"LastName": "Buchanan", "Mascot": "Lakers"}, {"LastName": "Coolidge", "Mascot": "Lakers"}, {"LastName": "Davis", "Mascot": "Knights"}, {"LastName": "Eisenhower", "Mascot": null}]

-- case: right_outer_join_1
SELECT Roster.LastName, TeamMascot.Mascot
FROM fx.Roster RIGHT JOIN fx.TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID
-- expect: [{"LastName": "Adams", "Mascot": "Jaguars"}, {"LastName": "Buchanan", "Mascot": "Lakers"}, {"LastName": "Coolidge", "Mascot": "Lakers"}, {"LastName": "Davis", "Mascot": "Knights"}, {"LastName": null, "Mascot": "Mustangs"}]

-- case: using_clause_1
SELECT * FROM fx.Roster INNER JOIN fx.TeamMascot USING (SchoolID)
-- expect: [{"SchoolID": 50, "LastName": "Adams", "Mascot": "Jaguars"}, {"SchoolID": 52, "LastName": "Buchanan", "Mascot": "Lakers"}, {"SchoolID": 52, "LastName": "Coolidge", "Mascot": "Lakers"}, {"SchoolID": 51, "LastName": "Davis", "Mascot": "Knights"}]

-- case: correlated_join_operation_1
-- SELECT * here gives two LastName columns (the reference prints both); a query result can't
-- carry duplicate column names, so BigQuery fails the job naming them.
SELECT *
FROM
  fx.Roster
JOIN
  UNNEST(
    ARRAY(
      SELECT AS STRUCT *
      FROM fx.PlayerStats
      WHERE PlayerStats.OpponentID = Roster.SchoolID
    )) AS PlayerMatches
  ON PlayerMatches.LastName = 'Buchanan'
-- error: Duplicate column names in the result are not supported

-- Over the fixture tables fx.items, fx.orders, fx.customers; expected rows worked out from their rows
-- by the documented join semantics (query-syntax#join_types: NULL keys never match).

-- case: inner_join_fixture
SELECT o.order_id, i.name FROM fx.orders o JOIN fx.items i ON o.item_id = i.id
-- expect: [[101, "apple"], [102, "banana"], [103, "apple"], [104, "eggplant"]]

-- case: left_join_keeps_unmatched
SELECT o.order_id, i.name FROM fx.orders o LEFT JOIN fx.items i ON o.item_id = i.id
-- expect: [[101, "apple"], [102, "banana"], [103, "apple"], [104, "eggplant"], [105, null], [106, null]]

-- case: right_join_keeps_unmatched
SELECT c.name, o.order_id FROM fx.orders o RIGHT JOIN fx.customers c ON o.customer = c.name
-- expect: [["ann", 101], ["ann", 105], ["bob", 102], ["bob", 103], ["cy", 104], ["eve", null]]

-- case: full_join_both_sides
SELECT c.name, o.order_id FROM fx.customers c FULL OUTER JOIN fx.orders o ON o.customer = c.name
-- expect: [["ann", 101], ["ann", 105], ["bob", 102], ["bob", 103], ["cy", 104], ["eve", null], [null, 106]]

-- case: join_using
SELECT name, city, order_id
FROM fx.customers JOIN (SELECT customer AS name, order_id FROM fx.orders) USING (name)
-- expect: [["ann", "Paris", 101], ["ann", "Paris", 105], ["bob", "Oslo", 102], ["bob", "Oslo", 103], ["cy", null, 104]]

-- case: cross_join_count
SELECT COUNT(*) AS n FROM fx.customers CROSS JOIN fx.orders
-- expect: [{"n": 24}]

-- case: comma_join_correlated_unnest
SELECT i.name, t FROM fx.items i, UNNEST(i.tags) AS t WHERE i.id IN (1, 4)
-- expect: [["apple", "red"], ["apple", "sweet"], ["durian", "spiky"], ["durian", "smelly"]]

-- case: left_join_unnest_keeps_empty_array
SELECT i.name, t FROM fx.items i LEFT JOIN UNNEST(i.tags) AS t WHERE i.id IN (2, 3)
-- expect: [["banana", "yellow"], ["carrot", null]]

-- case: self_join
SELECT a.order_id AS first, b.order_id AS second
FROM fx.orders a JOIN fx.orders b ON a.customer = b.customer AND a.order_id < b.order_id
-- expect: [[101, 105], [102, 103]]

-- case: left_join_then_aggregate
SELECT c.name, SUM(o.quantity) AS total
FROM fx.customers c LEFT JOIN fx.orders o ON o.customer = c.name
GROUP BY c.name
-- expect: [["ann", 4], ["bob", 13], ["cy", 2], ["eve", null]]

-- case: three_way_join
SELECT c.city, i.name
FROM fx.orders o JOIN fx.customers c ON o.customer = c.name JOIN fx.items i ON i.id = o.item_id
WHERE c.city IS NOT NULL
-- expect: [["Paris", "apple"], ["Oslo", "banana"], ["Oslo", "apple"]]

-- case: join_on_compound_condition
SELECT o.order_id FROM fx.orders o JOIN fx.items i ON o.item_id = i.id AND i.category = 'fruit' AND o.quantity > 1
-- expect: [[101], [102]]

-- case: anti_join_with_left_join
SELECT c.name FROM fx.customers c LEFT JOIN fx.orders o ON o.customer = c.name WHERE o.order_id IS NULL
-- expect: [["eve"]]

-- case: ambiguous_column_fails
SELECT category FROM fx.items JOIN fx.Produce ON TRUE
-- error: ambiguous

-- case: join_subquery_with_aggregate
SELECT c.name, t.n
FROM fx.customers c JOIN (SELECT customer, COUNT(*) AS n FROM fx.orders GROUP BY customer) t ON t.customer = c.name
-- expect: [["ann", 2], ["bob", 2], ["cy", 1]]

-- case: join_roster_teammascot
SELECT Roster.LastName, TeamMascot.Mascot
FROM fx.Roster JOIN fx.TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID
-- expect: [["Adams", "Jaguars"], ["Buchanan", "Lakers"], ["Coolidge", "Lakers"], ["Davis", "Knights"]]

-- case: left_join_roster_teammascot
SELECT Roster.LastName, TeamMascot.Mascot
FROM fx.Roster LEFT JOIN fx.TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID
-- expect: [["Adams", "Jaguars"], ["Buchanan", "Lakers"], ["Coolidge", "Lakers"], ["Davis", "Knights"], ["Eisenhower", null]]

-- case: right_join_roster_teammascot
SELECT Roster.LastName, TeamMascot.Mascot
FROM fx.Roster RIGHT JOIN fx.TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID
-- expect: [["Adams", "Jaguars"], ["Buchanan", "Lakers"], ["Coolidge", "Lakers"], ["Davis", "Knights"], [null, "Mustangs"]]

-- case: full_join_roster_teammascot
SELECT Roster.LastName, TeamMascot.Mascot
FROM fx.Roster FULL JOIN fx.TeamMascot ON Roster.SchoolID = TeamMascot.SchoolID
-- expect: [["Adams", "Jaguars"], ["Buchanan", "Lakers"], ["Coolidge", "Lakers"], ["Davis", "Knights"], ["Eisenhower", null], [null, "Mustangs"]]

-- case: join_playerstats_roster_using
SELECT LastName, SchoolID, PointsScored FROM fx.Roster JOIN fx.PlayerStats USING (LastName)
-- expect: [["Adams", 50, 3], ["Adams", 50, 4], ["Buchanan", 52, 0], ["Buchanan", 52, 13], ["Coolidge", 52, 1]]
