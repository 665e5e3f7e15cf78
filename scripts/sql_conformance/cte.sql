-- WITH and WITH RECURSIVE.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax#with_clause
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/recursive-ctes
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: recursive_ctes_1
WITH RECURSIVE
  T1 AS ( (SELECT 1 AS n) UNION ALL (SELECT n + 1 AS n FROM T1 WHERE n < 3) )
SELECT n FROM T1
-- expect: [{"n": 2}, {"n": 1}, {"n": 3}]

-- case: recursive_ctes_2
WITH RECURSIVE
  T1 AS (
    (SELECT 1 AS n) UNION ALL
    (SELECT n + 2 FROM T1 WHERE n < 4))
SELECT * FROM T1 ORDER BY n
-- expect: [{"n": 1}, {"n": 3}, {"n": 5}]

-- case: recursive_ctes_3
WITH RECURSIVE
  T0 AS (SELECT 1 AS n),
  T1 AS ((SELECT * FROM T0) UNION ALL (SELECT n + 1 FROM T1 WHERE n < 4)),
  T2 AS ((SELECT 1 AS n) UNION ALL (SELECT n + 1 FROM T2 WHERE n < 4)),
  T3 AS (SELECT * FROM T1 INNER JOIN T2 USING (n))
SELECT * FROM T3 ORDER BY n
-- expect: [{"n": 1}, {"n": 2}, {"n": 3}, {"n": 4}]

-- case: recursive_ctes_4
WITH RECURSIVE
  T0 AS (SELECT * FROM UNNEST ([60, 20, 30])),
  T1 AS ((SELECT 1 AS n) UNION ALL (SELECT n + (SELECT COUNT(*) FROM T0) FROM T1 WHERE n < 4))
SELECT * FROM T1 ORDER BY n
-- expect: [{"n": 1}, {"n": 4}]

-- case: recursive_ctes_5
WITH RECURSIVE
  T0 AS (SELECT 1 AS n),
  T1 AS ((SELECT 1 AS n) UNION ALL (SELECT n + 1 FROM T1 INNER JOIN T0 USING (n)))
SELECT * FROM T1 ORDER BY n
-- expect: [{"n": 1}, {"n": 2}]

-- case: recursive_ctes_6
WITH RECURSIVE
  T0 AS (SELECT 2 AS p),
  T1 AS ((SELECT 1 AS n) UNION ALL (SELECT T1.n + T0.p FROM T1 CROSS JOIN T0 WHERE T1.n < 4))
SELECT * FROM T1 CROSS JOIN T0 ORDER BY n
-- expect: [{"n": 1, "p": 2}, {"n": 3, "p": 2}, {"n": 5, "p": 2}]

-- case: recursive_ctes_7
WITH RECURSIVE
  T1 AS ( (SELECT 0 AS n) UNION DISTINCT (SELECT MOD(n + 1, 5) FROM T1) )
SELECT * FROM T1 ORDER BY n
-- expect: [{"n": 0}, {"n": 1}, {"n": 2}, {"n": 3}, {"n": 4}]

-- case: visibility_of_ctes_in_a_with_clause_with_the_recursive_keyword_1
WITH RECURSIVE
  A AS (SELECT 1 AS n UNION ALL (SELECT n + 1 FROM A WHERE n < 3))
SELECT * FROM A
-- expect: [{"n": 1}, {"n": 2}, {"n": 3}]

-- case: visibility_of_ctes_in_a_with_clause_with_the_recursive_keyword_2
WITH RECURSIVE
  A AS (SELECT * FROM B),
  B AS (SELECT 1 AS n)
SELECT * FROM B
-- expect: [{"n": 1}]

-- case: visibility_of_ctes_in_a_with_clause_with_the_recursive_keyword_3
WITH RECURSIVE
  A AS (SELECT 1 AS n),
  B AS (SELECT * FROM A)
SELECT * FROM B
-- expect: [{"n": 1}]

-- case: visibility_of_ctes_in_a_with_clause_without_the_recursive_keyword_1
WITH
  A AS (SELECT 1 AS n),
  B AS (SELECT * FROM A)
SELECT * FROM B
-- expect: [{"n": 1}]

-- Over the fixture tables (query-syntax#with_clause; recursive-ctes).

-- case: cte_over_fixture
WITH fruit AS (SELECT name, qty FROM fx.items WHERE category = 'fruit')
SELECT name FROM fruit WHERE qty > 5
-- expect: [["apple"], ["banana"]]

-- case: cte_referenced_twice
WITH t AS (SELECT customer, SUM(quantity) AS total FROM fx.orders GROUP BY customer)
SELECT a.customer FROM t a JOIN t b ON a.total = b.total AND a.customer < b.customer
-- expect: [["ann"]]

-- case: cte_chain
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a), c AS (SELECT y * 10 AS z FROM b)
SELECT z FROM c
-- expect: [{"z": 20}]

-- case: cte_shadows_table_name
WITH items AS (SELECT 'shadow' AS name)
SELECT name FROM items
-- expect: [{"name": "shadow"}]

-- case: cte_in_subquery
SELECT (WITH t AS (SELECT 5 AS v) SELECT v FROM t) AS v
-- expect: [{"v": 5}]

-- case: recursive_counter
WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 5)
SELECT SUM(i) AS s, COUNT(*) AS c FROM n
-- expect: [{"s": 15, "c": 5}]

-- case: recursive_dates
WITH RECURSIVE days AS (
  SELECT DATE '2024-02-27' AS d
  UNION ALL
  SELECT DATE_ADD(d, INTERVAL 1 DAY) FROM days WHERE d < DATE '2024-03-01')
SELECT ARRAY_AGG(d ORDER BY d) AS ds FROM days
-- expect: [{"ds": ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]}]

-- case: recursive_graph_walk
WITH RECURSIVE
  edges AS (SELECT 1 AS src, 2 AS dst UNION ALL SELECT 2, 3 UNION ALL SELECT 3, 4 UNION ALL SELECT 5, 6),
  reach AS (SELECT 1 AS node UNION ALL SELECT e.dst FROM reach r JOIN edges e ON e.src = r.node)
SELECT node FROM reach
-- expect: [[1], [2], [3], [4]]

-- case: recursive_fibonacci
WITH RECURSIVE fib AS (
  SELECT 1 AS n, 0 AS a, 1 AS b
  UNION ALL
  SELECT n + 1, b, a + b FROM fib WHERE n < 10)
SELECT a FROM fib WHERE n = 10
-- expect: [{"a": 34}]

-- case: recursive_union_distinct
-- The reference's WITH clause takes UNION DISTINCT in a recursive CTE (its example is recursive_ctes_7).
WITH RECURSIVE n AS (SELECT 1 AS i UNION DISTINCT SELECT i + 1 FROM n WHERE i < 3)
SELECT COUNT(*) AS c FROM n
-- expect: [{"c": 3}]

-- case: recursive_without_keyword_fails
WITH n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 3)
SELECT COUNT(*) AS c FROM n
-- error:

-- case: non_recursive_cte_in_recursive_with
WITH RECURSIVE base AS (SELECT 10 AS start), n AS (SELECT start AS i FROM base UNION ALL SELECT i + 10 FROM n WHERE i < 30)
SELECT ARRAY_AGG(i ORDER BY i) AS v FROM n
-- expect: [{"v": [10, 20, 30]}]

-- case: cte_column_types_from_fixture
WITH t AS (SELECT created, price, code FROM fx.items WHERE id = 1)
SELECT created, price, code FROM t
-- expect: [{"created": "2024-01-15 10:00:00 UTC", "price": "1.50", "code": "YWJj"}]
