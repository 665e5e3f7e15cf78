-- DML: INSERT / UPDATE / DELETE / MERGE, each in its own dataset {ds}.
-- Cases and expected rows from BigQuery's GoogleSQL reference:
--   https://cloud.google.com/bigquery/docs/reference/standard-sql/data-manipulation-language
-- `fx.<table>` is a fixture table (scripts/sql_conformance_fixture.py); the reference's sample
-- tables (Produce, Roster, ...) are there with the reference's rows.

-- case: insert_values
CREATE TABLE {ds}.t (x INT64, y STRING);
INSERT INTO {ds}.t (x, y) VALUES (1, 'a'), (2, 'b'), (3, NULL)
-- affected: 3
-- expect: []

-- case: insert_then_select
CREATE TABLE {ds}.t (x INT64, y STRING);
INSERT INTO {ds}.t (x, y) VALUES (1, 'a'), (2, 'b');
SELECT x, y FROM {ds}.t
-- expect: [{"x": 1, "y": "a"}, {"x": 2, "y": "b"}]

-- case: insert_without_column_list
CREATE TABLE {ds}.t (x INT64, y STRING);
INSERT {ds}.t VALUES (7, 'g');
SELECT x, y FROM {ds}.t
-- expect: [{"x": 7, "y": "g"}]

-- case: insert_select
CREATE TABLE {ds}.t (x INT64);
INSERT INTO {ds}.t (x) SELECT n FROM UNNEST(GENERATE_ARRAY(1, 5)) AS n WHERE n > 2
-- affected: 3
-- expect: []

-- case: insert_select_from_fixture
CREATE TABLE {ds}.t (name STRING, qty INT64);
INSERT INTO {ds}.t (name, qty) SELECT name, qty FROM fx.items WHERE category = 'fruit';
SELECT name, qty FROM {ds}.t
-- expect: [{"name": "apple", "qty": 10}, {"name": "banana", "qty": 25}, {"name": "durian", "qty": null}]

-- case: insert_default_null_for_missing_column
CREATE TABLE {ds}.t (x INT64, y STRING);
INSERT INTO {ds}.t (x) VALUES (1);
SELECT x, y FROM {ds}.t
-- expect: [{"x": 1, "y": null}]

-- case: insert_struct_and_array
CREATE TABLE {ds}.t (s STRUCT<a INT64, b STRING>, arr ARRAY<INT64>);
INSERT INTO {ds}.t (s, arr) VALUES ((1, 'one'), [1, 2, 3]);
SELECT s, arr FROM {ds}.t
-- expect: [{"s": {"a": 1, "b": "one"}, "arr": [1, 2, 3]}]

-- case: update_where
CREATE TABLE {ds}.t AS SELECT x FROM UNNEST([1, 2, 3, 4]) AS x;
UPDATE {ds}.t SET x = x * 10 WHERE x > 2
-- affected: 2
-- expect: []

-- case: update_then_select
CREATE TABLE {ds}.t AS SELECT x FROM UNNEST([1, 2, 3, 4]) AS x;
UPDATE {ds}.t SET x = x * 10 WHERE x > 2;
SELECT x FROM {ds}.t
-- expect: [{"x": 1}, {"x": 2}, {"x": 30}, {"x": 40}]

-- case: update_where_true
CREATE TABLE {ds}.t AS SELECT x, 'old' AS y FROM UNNEST([1, 2]) AS x;
UPDATE {ds}.t SET y = 'new' WHERE TRUE;
SELECT x, y FROM {ds}.t
-- expect: [{"x": 1, "y": "new"}, {"x": 2, "y": "new"}]

-- case: update_without_where_fails
CREATE TABLE {ds}.t AS SELECT 1 AS x;
UPDATE {ds}.t SET x = 2
-- error: WHERE

-- case: update_from_join
CREATE TABLE {ds}.stock AS SELECT 'apple' AS name, 0 AS qty UNION ALL SELECT 'kiwi', 5;
UPDATE {ds}.stock s SET qty = i.qty FROM fx.items i WHERE s.name = i.name;
SELECT name, qty FROM {ds}.stock
-- expect: [{"name": "apple", "qty": 10}, {"name": "kiwi", "qty": 5}]

-- case: delete_where
CREATE TABLE {ds}.t AS SELECT x FROM UNNEST([1, 2, 3, 4, 5]) AS x;
DELETE FROM {ds}.t WHERE MOD(x, 2) = 0
-- affected: 2
-- expect: []

-- case: delete_then_select
CREATE TABLE {ds}.t AS SELECT x FROM UNNEST([1, 2, 3, 4, 5]) AS x;
DELETE {ds}.t WHERE x >= 3;
SELECT x FROM {ds}.t
-- expect: [{"x": 1}, {"x": 2}]

-- case: delete_with_subquery
CREATE TABLE {ds}.t AS SELECT name FROM fx.items;
DELETE FROM {ds}.t WHERE name IN (SELECT name FROM fx.items WHERE category = 'vegetable');
SELECT COUNT(*) AS n FROM {ds}.t
-- expect: [{"n": 4}]

-- case: delete_without_where_fails
CREATE TABLE {ds}.t AS SELECT 1 AS x;
DELETE FROM {ds}.t
-- error: WHERE

-- case: merge_update_and_insert
CREATE TABLE {ds}.target AS SELECT 1 AS id, 'a' AS v UNION ALL SELECT 2, 'b';
MERGE {ds}.target T
USING (SELECT 2 AS id, 'B' AS v UNION ALL SELECT 3, 'C') S
ON T.id = S.id
WHEN MATCHED THEN UPDATE SET v = S.v
WHEN NOT MATCHED THEN INSERT (id, v) VALUES (S.id, S.v)
-- affected: 2
-- expect: []

-- case: merge_result_rows
CREATE TABLE {ds}.target AS SELECT 1 AS id, 'a' AS v UNION ALL SELECT 2, 'b';
MERGE {ds}.target T
USING (SELECT 2 AS id, 'B' AS v UNION ALL SELECT 3, 'C') S
ON T.id = S.id
WHEN MATCHED THEN UPDATE SET v = S.v
WHEN NOT MATCHED THEN INSERT (id, v) VALUES (S.id, S.v);
SELECT id, v FROM {ds}.target
-- expect: [{"id": 1, "v": "a"}, {"id": 2, "v": "B"}, {"id": 3, "v": "C"}]

-- case: merge_delete_matched
CREATE TABLE {ds}.target AS SELECT x AS id FROM UNNEST([1, 2, 3]) AS x;
MERGE {ds}.target T USING (SELECT 2 AS id) S ON T.id = S.id
WHEN MATCHED THEN DELETE;
SELECT id FROM {ds}.target
-- expect: [{"id": 1}, {"id": 3}]

-- case: merge_not_matched_by_source
CREATE TABLE {ds}.target AS SELECT x AS id, 0 AS seen FROM UNNEST([1, 2, 3]) AS x;
MERGE {ds}.target T USING (SELECT 1 AS id) S ON T.id = S.id
WHEN MATCHED THEN UPDATE SET seen = 1
WHEN NOT MATCHED BY SOURCE THEN DELETE;
SELECT id, seen FROM {ds}.target
-- expect: [{"id": 1, "seen": 1}]

-- case: merge_insert_row
CREATE TABLE {ds}.target (id INT64, v STRING);
MERGE {ds}.target T USING (SELECT 5 AS id, 'e' AS v) S ON FALSE
WHEN NOT MATCHED THEN INSERT ROW;
SELECT id, v FROM {ds}.target
-- expect: [{"id": 5, "v": "e"}]

-- case: merge_conditional_clauses
-- The USING subquery names its UNNEST x, which its select list reads.
CREATE TABLE {ds}.target AS SELECT x AS id, x * 10 AS v FROM UNNEST([1, 2, 3]) AS x;
MERGE {ds}.target T USING (SELECT x AS id FROM UNNEST([1, 2, 3]) AS x) S ON T.id = S.id
WHEN MATCHED AND T.id = 1 THEN DELETE
WHEN MATCHED THEN UPDATE SET v = v + 1;
SELECT id, v FROM {ds}.target
-- expect: [{"id": 2, "v": 21}, {"id": 3, "v": 31}]

-- case: insert_type_mismatch_fails
CREATE TABLE {ds}.t (x INT64);
INSERT INTO {ds}.t (x) VALUES ('not a number')
-- error:

-- case: insert_into_missing_table_fails
INSERT INTO {ds}.missing (x) VALUES (1)
-- error 404: not found
